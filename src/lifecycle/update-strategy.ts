/** Options of a rolling update. */
export interface RollingUpdateOptions {
  /**
   * Pods with an ordinal below the partition keep the old template: a canary of the
   * highest ordinals. At most `replicas`.
   *
   * @default 0 - every pod is updated
   */
  readonly partition?: number;
  /**
   * How many pods may be down at once during the update (alpha in Kubernetes 1.24+,
   * behind the MaxUnavailableStatefulSet feature gate; without it one at a time).
   *
   * @default - one at a time (the field is not written)
   */
  readonly maxUnavailable?: number;
}

/** How a changed pod template rolls out. */
/** @internal The typed form of an UpdateStrategy. */
export type UpdateStrategySpec =
  { readonly kind: 'RollingUpdate'; readonly options: RollingUpdateOptions } | { readonly kind: 'OnDelete' };

/** How a changed pod template rolls out. */
export class UpdateStrategy {
  /** The controller replaces the pods, highest ordinal first, one by one. */
  public static rollingUpdate(options: RollingUpdateOptions = {}): UpdateStrategy {
    return new UpdateStrategy({ kind: 'RollingUpdate', options: { ...options } });
  }

  /** A pod gets the new template only when you delete it. */
  public static onDelete(): UpdateStrategy {
    return new UpdateStrategy({ kind: 'OnDelete' });
  }

  // Private, so that the class is nominal: TypeScript refuses an object of the same shape.
  private constructor(private readonly spec: UpdateStrategySpec) {}

  /** @internal */
  public get _spec(): UpdateStrategySpec {
    return this.spec;
  }
}
