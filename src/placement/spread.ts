/** What the scheduler does when a spread constraint cannot be met. */
export enum SpreadPolicy {
  /** Leave the pod Pending. */
  DO_NOT_SCHEDULE = 'DoNotSchedule',
  /** Schedule it anyway, preferring placements that reduce the skew. */
  SCHEDULE_ANYWAY = 'ScheduleAnyway',
}

/** One topology spread constraint over the set's own pods. */
export interface SpreadConstraint {
  /** The node label whose values are the domains, e.g. `topology.kubernetes.io/zone`. */
  readonly topologyKey: string;
  /**
   * The most the pod counts of two domains may differ.
   *
   * @default 1
   */
  readonly maxSkew?: number;
  /**
   * What happens when the constraint cannot be met.
   *
   * @default SpreadPolicy.SCHEDULE_ANYWAY
   */
  readonly whenUnsatisfiable?: SpreadPolicy;
  /**
   * The number of domains to spread over even if fewer exist yet (with `DO_NOT_SCHEDULE` only).
   *
   * @default - the domains that exist
   */
  readonly minDomains?: number;
  /**
   * Pod label keys whose values, taken from the incoming pod, narrow the pods counted, e.g.
   * `['controller-revision-hash']` to spread each revision of a rolling update on its own.
   * Not the selector's keys.
   *
   * @default - none: every pod of the set counts
   */
  readonly matchLabelKeys?: string[];
}

/** @internal The typed form of a Spread. */
export type SpreadSpec =
  { readonly kind: 'constraints'; readonly constraints: readonly SpreadConstraint[] } | { readonly kind: 'none' };

/** How the set's pods are spread over nodes and zones. */
export class Spread {
  /**
   * Prefer one pod per node and balanced zones, but schedule anyway: a single-node
   * minikube runs every replica.
   */
  public static soft(): Spread {
    return new Spread({
      kind: 'constraints',
      constraints: [
        { topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: SpreadPolicy.SCHEDULE_ANYWAY },
        { topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: SpreadPolicy.SCHEDULE_ANYWAY },
      ],
    });
  }

  /**
   * Never two pods of the set on one node (a replica stays Pending when no node is free);
   * zones stay soft, since a cluster without zone labels would otherwise schedule nothing.
   */
  public static hard(): Spread {
    return new Spread({
      kind: 'constraints',
      constraints: [
        { topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: SpreadPolicy.DO_NOT_SCHEDULE },
        { topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: SpreadPolicy.SCHEDULE_ANYWAY },
      ],
    });
  }

  /** Constraints of your own. */
  public static custom(constraints: SpreadConstraint[]): Spread {
    return new Spread({ kind: 'constraints', constraints });
  }

  /** No spread constraint. */
  public static none(): Spread {
    return new Spread({ kind: 'none' });
  }

  // Private, so that the class is nominal: TypeScript refuses an object of the same shape.
  private constructor(private readonly spec: SpreadSpec) {}

  /** @internal */
  public get _spec(): SpreadSpec {
    return this.spec;
  }
}
