/** Options of a PodDisruptionBudget. */
export interface DisruptionBudgetOptions {
  /**
   * Name of the PodDisruptionBudget.
   *
   * @default - the StatefulSet's name
   */
  readonly name?: string;
}

/** @internal The typed form of a DisruptionBudget. */
export type DisruptionBudgetSpec =
  | {
      readonly kind: 'maxUnavailable' | 'minAvailable';
      readonly count: number;
      readonly options: DisruptionBudgetOptions;
    }
  | { readonly kind: 'maxUnavailablePercent'; readonly percent: number; readonly options: DisruptionBudgetOptions }
  | { readonly kind: 'none' };

/** How many pods a voluntary disruption (a node drain) may take at once. */
export class DisruptionBudget {
  /** At most `count` pods unavailable at once (at least 1: 0 would block every drain). */
  public static maxUnavailable(count: number, options: DisruptionBudgetOptions = {}): DisruptionBudget {
    return new DisruptionBudget({ kind: 'maxUnavailable', count, options: { ...options } });
  }

  /** At most `percent` percent of the pods unavailable at once (1 to 100, rounded up). */
  public static maxUnavailablePercent(percent: number, options: DisruptionBudgetOptions = {}): DisruptionBudget {
    return new DisruptionBudget({ kind: 'maxUnavailablePercent', percent, options: { ...options } });
  }

  /** At least `count` pods available at all times, e.g. a quorum. */
  public static minAvailable(count: number, options: DisruptionBudgetOptions = {}): DisruptionBudget {
    return new DisruptionBudget({ kind: 'minAvailable', count, options: { ...options } });
  }

  /** No PodDisruptionBudget. */
  public static none(): DisruptionBudget {
    return new DisruptionBudget({ kind: 'none' });
  }

  // Private, so that the class is nominal: TypeScript refuses an object of the same shape.
  private constructor(private readonly spec: DisruptionBudgetSpec) {}

  /** @internal */
  public get _spec(): DisruptionBudgetSpec {
    return this.spec;
  }
}
