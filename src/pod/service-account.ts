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

/** The ServiceAccount the pods run as. */
export class PodServiceAccount {
  /** A ServiceAccount made with the service (its token is not mounted unless the pod asks). */
  public static create(props: NewServiceAccountProps = {}): PodServiceAccount {
    return new PodServiceAccount(true, props.name, props.annotations);
  }

  /** An existing ServiceAccount of the namespace, by name. */
  public static fromName(name: string): PodServiceAccount {
    return new PodServiceAccount(false, name, undefined);
  }

  private constructor(
    /** @internal */ public readonly _create: boolean,
    /** @internal */ public readonly _name: string | undefined,
    /** @internal */ public readonly _annotations: { [key: string]: string } | undefined,
  ) {}
}
