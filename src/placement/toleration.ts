import type { Duration } from 'cdk8s';
import type { TaintEffect } from 'cdk8s-plus-27';

/** Options of a toleration. */
export interface TolerationOptions {
  /**
   * The taint effect tolerated.
   *
   * @default - every effect
   */
  readonly effect?: TaintEffect;
  /**
   * With `TaintEffect.NO_EXECUTE` only: how long the pod stays on a node after the taint
   * appears.
   *
   * @default - for ever
   */
  readonly tolerationSeconds?: Duration;
}

/** A node taint the pods tolerate. */
export class Toleration {
  /** Taints with this key, whatever their value. */
  public static exists(key: string, options: TolerationOptions = {}): Toleration {
    return new Toleration(key, 'Exists', undefined, options);
  }

  /** Taints with this key and value. */
  public static equal(key: string, value: string, options: TolerationOptions = {}): Toleration {
    return new Toleration(key, 'Equal', value, options);
  }

  /** Every taint (for node agents; rarely right for a stateful service). */
  public static all(options: TolerationOptions = {}): Toleration {
    return new Toleration(undefined, 'Exists', undefined, options);
  }

  private constructor(
    /** @internal */ public readonly _key: string | undefined,
    /** @internal */ public readonly _operator: 'Exists' | 'Equal',
    /** @internal */ public readonly _value: string | undefined,
    /** @internal */ public readonly _options: TolerationOptions,
  ) {}
}
