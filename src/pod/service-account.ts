/**
 * A rule of the Role bound to the service's ServiceAccount: what the pods may do with the
 * Kubernetes API, in their own namespace (e.g. peer discovery: get and list endpoints).
 */
export interface ApiAccessRule {
  /**
   * API groups of the resources (`''` is the core group: pods, endpoints, services).
   *
   * @default [''] - the core group
   */
  readonly apiGroups?: string[];
  /** Resources, e.g. `['endpoints']` or `['pods']`. */
  readonly resources: string[];
  /** Verbs, e.g. `['get', 'list', 'watch']`. */
  readonly verbs: string[];
  /**
   * Only these objects, by name.
   *
   * @default - every object of the resources in the namespace
   */
  readonly resourceNames?: string[];
}

/** Props of a ServiceAccount the construct makes. */
export interface NewServiceAccountProps {
  /**
   * Name of the ServiceAccount.
   *
   * @default - the StatefulSet's name
   */
  readonly name?: string;
  /**
   * Annotations, e.g. a cloud's workload identity binding.
   *
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * What the pods may do with the Kubernetes API in their namespace: a Role with these
   * rules and a RoleBinding to the ServiceAccount, both named like it. The pods need the
   * token for it: `automountServiceAccountToken: true` (acknowledged).
   *
   * @default - no Role: the ServiceAccount has what the cluster grants every account
   */
  readonly rules?: ApiAccessRule[];
}

/** @internal The typed form of a PodServiceAccount. */
export type PodServiceAccountSpec =
  | { readonly kind: 'create'; readonly props: NewServiceAccountProps }
  | { readonly kind: 'existing'; readonly name: string };

/** The ServiceAccount the pods run as. */
export class PodServiceAccount {
  /** A ServiceAccount made with the service (its token is not mounted unless the pod asks). */
  public static create(props: NewServiceAccountProps = {}): PodServiceAccount {
    return new PodServiceAccount({ kind: 'create', props: { ...props } });
  }

  /** An existing ServiceAccount of the namespace, by name. */
  public static existing(name: string): PodServiceAccount {
    return new PodServiceAccount({ kind: 'existing', name });
  }

  // Private, so that the class is nominal: TypeScript refuses an object of the same shape.
  private constructor(private readonly spec: PodServiceAccountSpec) {}

  /** @internal */
  public get _spec(): PodServiceAccountSpec {
    return this.spec;
  }
}
