/** Options of a PodDisruptionBudget. */
export interface DisruptionBudgetOptions {
  /**
   * Name of the PodDisruptionBudget.
   *
   * @default - the StatefulSet's name
   */
  readonly name?: string;
}

/** How many pods a voluntary disruption (a node drain) may take at once. */
export class DisruptionBudget {
  /** At most `count` pods unavailable at once (at least 1: 0 would block every drain). */
  public static maxUnavailable(count: number, options: DisruptionBudgetOptions = {}): DisruptionBudget {
    return new DisruptionBudget('maxUnavailable', count, false, options);
  }

  /** At most `percent` percent of the pods unavailable at once (1 to 100, rounded up). */
  public static maxUnavailablePercent(percent: number, options: DisruptionBudgetOptions = {}): DisruptionBudget {
    return new DisruptionBudget('maxUnavailable', percent, true, options);
  }

  /** At least `count` pods available at all times, e.g. a quorum. */
  public static minAvailable(count: number, options: DisruptionBudgetOptions = {}): DisruptionBudget {
    return new DisruptionBudget('minAvailable', count, false, options);
  }

  /** No PodDisruptionBudget. */
  public static none(): DisruptionBudget {
    return new DisruptionBudget('none', 0, false, {});
  }

  private constructor(
    /** @internal */ public readonly _field: 'maxUnavailable' | 'minAvailable' | 'none',
    /** @internal */ public readonly _value: number,
    /** @internal */ public readonly _percent: boolean,
    /** @internal */ public readonly _options: DisruptionBudgetOptions,
  ) {}
}
