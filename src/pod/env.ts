import type { EnvFieldPaths, ResourceFieldPaths } from '../core/enums';

/** Options of an environment variable taken from a Secret or a ConfigMap. */
export interface EnvSourceOptions {
  /**
   * Whether the pod starts when the Secret or ConfigMap, or its key, is missing.
   *
   * @default false - the container does not start until it exists
   */
  readonly optional?: boolean;
}

/** Options of an environment variable taken from the pod's own fields. */
export interface EnvFieldOptions {
  /**
   * The label or annotation key, for `EnvFieldPaths.POD_LABEL` and `EnvFieldPaths.POD_ANNOTATION`.
   *
   * @default - none; required for those two fields and refused for the others
   */
  readonly key?: string;
}

/** Options of an environment variable taken from a container's resources. */
export interface EnvResourceOptions {
  /**
   * The container whose requests or limits are read.
   *
   * @default - the container the variable is set in
   */
  readonly container?: string;
  /**
   * The unit the value is given in: `1m` or `1` for CPU; `1`, `1k`, `1Ki`, `1M`, `1Mi`,
   * `1G`, `1Gi`, `1T`, `1Ti`, `1P`, `1Pi`, `1E` or `1Ei` for memory and ephemeral storage.
   *
   * @default '1'
   */
  readonly divisor?: string;
}

/** @internal The typed form of an EnvValue: where the value comes from, and the options as given. */
export type EnvValueSpec =
  | { readonly kind: 'literal'; readonly value: string }
  | {
      readonly kind: 'secret' | 'configMap';
      readonly name: string;
      readonly key: string;
      readonly options: EnvSourceOptions;
    }
  | { readonly kind: 'field'; readonly field: EnvFieldPaths; readonly options: EnvFieldOptions }
  | { readonly kind: 'resource'; readonly resource: ResourceFieldPaths; readonly options: EnvResourceOptions };

/** The value of an environment variable: a literal, or read from elsewhere when the pod starts. */
export class EnvValue {
  /** A literal value. */
  public static literal(value: string): EnvValue {
    return new EnvValue({ kind: 'literal', value });
  }

  /** The value of `key` in the Secret `secretName` (of the pod's namespace). */
  public static secret(secretName: string, key: string, options: EnvSourceOptions = {}): EnvValue {
    return new EnvValue({ kind: 'secret', name: secretName, key, options: { ...options } });
  }

  /** The value of `key` in the ConfigMap `configMapName` (of the pod's namespace). */
  public static configMap(configMapName: string, key: string, options: EnvSourceOptions = {}): EnvValue {
    return new EnvValue({ kind: 'configMap', name: configMapName, key, options: { ...options } });
  }

  /** A field of the pod (downward API), e.g. `EnvFieldPaths.POD_IP` or `EnvFieldPaths.POD_NAME`. */
  public static field(field: EnvFieldPaths, options: EnvFieldOptions = {}): EnvValue {
    return new EnvValue({ kind: 'field', field, options: { ...options } });
  }

  /** A container's request or limit (downward API), e.g. `ResourceFieldPaths.MEMORY_LIMIT`. */
  public static resource(resource: ResourceFieldPaths, options: EnvResourceOptions = {}): EnvValue {
    return new EnvValue({ kind: 'resource', resource, options: { ...options } });
  }

  // Private, so that the class is nominal: TypeScript refuses an object of the same shape.
  private constructor(private readonly spec: EnvValueSpec) {}

  /** @internal */
  public get _spec(): EnvValueSpec {
    return this.spec;
  }
}

/** Options of a whole Secret or ConfigMap turned into environment variables. */
export interface EnvFromOptions {
  /**
   * A prefix for every variable name (a C identifier such as `DB_`).
   *
   * @default - no prefix
   */
  readonly prefix?: string;
  /**
   * Whether the pod starts when the Secret or ConfigMap is missing.
   *
   * @default false
   */
  readonly optional?: boolean;
}

/** @internal The typed form of an EnvFrom. */
export type EnvFromSpec = {
  readonly kind: 'configMap' | 'secret';
  readonly name: string;
  readonly options: EnvFromOptions;
};

/** Every key of a Secret or ConfigMap as an environment variable (`envFrom`). */
export class EnvFrom {
  /** The keys of the ConfigMap `configMapName`. */
  public static configMap(configMapName: string, options: EnvFromOptions = {}): EnvFrom {
    return new EnvFrom({ kind: 'configMap', name: configMapName, options: { ...options } });
  }

  /** The keys of the Secret `secretName`. */
  public static secret(secretName: string, options: EnvFromOptions = {}): EnvFrom {
    return new EnvFrom({ kind: 'secret', name: secretName, options: { ...options } });
  }

  // Private, so that the class is nominal: TypeScript refuses an object of the same shape.
  private constructor(private readonly spec: EnvFromSpec) {}

  /** @internal */
  public get _spec(): EnvFromSpec {
    return this.spec;
  }
}
