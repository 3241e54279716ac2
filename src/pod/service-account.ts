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
