import type { Duration } from 'cdk8s';
import type { TaintEffect } from '../core/enums';

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

/** @internal The typed form of a Toleration: the operator, the key (none: every taint) and value. */
export type TolerationSpec =
  | { readonly kind: 'Exists'; readonly key?: string; readonly options: TolerationOptions }
  | { readonly kind: 'Equal'; readonly key: string; readonly value: string; readonly options: TolerationOptions };

/** A node taint the pods tolerate. */
export class Toleration {
  /** Taints with this key, whatever their value. */
  public static exists(key: string, options: TolerationOptions = {}): Toleration {
    return new Toleration({ kind: 'Exists', key, options: { ...options } });
  }

  /** Taints with this key and value. */
  public static equal(key: string, value: string, options: TolerationOptions = {}): Toleration {
    return new Toleration({ kind: 'Equal', key, value, options: { ...options } });
  }

  /** Every taint (for node agents; rarely right for a stateful service). */
  public static all(options: TolerationOptions = {}): Toleration {
    return new Toleration({ kind: 'Exists', options: { ...options } });
  }

  // Private, so that the class is nominal: TypeScript refuses an object of the same shape.
  private constructor(private readonly spec: TolerationSpec) {}

  /** @internal */
  public get _spec(): TolerationSpec {
    return this.spec;
  }
}
