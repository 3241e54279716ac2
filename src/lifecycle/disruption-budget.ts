/** How many pods a voluntary disruption (a node drain) may take at once. */
export class DisruptionBudget {
  /** At most `count` pods unavailable at once (at least 1: 0 would block every drain). */
  public static maxUnavailable(count: number): DisruptionBudget {
    return new DisruptionBudget('maxUnavailable', count, false);
  }

  /** At most `percent` percent of the pods unavailable at once (1 to 100, rounded up). */
  public static maxUnavailablePercent(percent: number): DisruptionBudget {
    return new DisruptionBudget('maxUnavailable', percent, true);
  }

  /** At least `count` pods available at all times, e.g. a quorum. */
  public static minAvailable(count: number): DisruptionBudget {
    return new DisruptionBudget('minAvailable', count, false);
  }

  /** No PodDisruptionBudget. */
  public static none(): DisruptionBudget {
    return new DisruptionBudget('none', 0, false);
  }

  private constructor(
    /** @internal */ public readonly _field: 'maxUnavailable' | 'minAvailable' | 'none',
    /** @internal */ public readonly _value: number,
    /** @internal */ public readonly _percent: boolean,
  ) {}
}
