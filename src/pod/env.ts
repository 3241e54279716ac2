import type { EnvFieldPaths, ResourceFieldPaths } from 'cdk8s-plus-27';

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

/** The value of an environment variable: a literal, or read from elsewhere when the pod starts. */
export class EnvValue {
  /** A literal value. */
  public static fromValue(value: string): EnvValue {
    return new EnvValue('value', { value });
  }

  /** The value of `key` in the Secret `secretName` (of the pod's namespace). */
  public static fromSecret(secretName: string, key: string, options: EnvSourceOptions = {}): EnvValue {
    return new EnvValue('secret', { name: secretName, key, optional: options.optional });
  }

  /** The value of `key` in the ConfigMap `configMapName` (of the pod's namespace). */
  public static fromConfigMap(configMapName: string, key: string, options: EnvSourceOptions = {}): EnvValue {
    return new EnvValue('configMap', { name: configMapName, key, optional: options.optional });
  }

  /** A field of the pod (downward API), e.g. `EnvFieldPaths.POD_IP` or `EnvFieldPaths.POD_NAME`. */
  public static fromField(field: EnvFieldPaths, options: EnvFieldOptions = {}): EnvValue {
    return new EnvValue('field', { field, key: options.key });
  }

  /** A container's request or limit (downward API), e.g. `ResourceFieldPaths.MEMORY_LIMIT`. */
  public static fromResource(resource: ResourceFieldPaths, options: EnvResourceOptions = {}): EnvValue {
    return new EnvValue('resource', { resource, container: options.container, divisor: options.divisor });
  }

  private constructor(
    /** @internal */ public readonly _kind: 'value' | 'secret' | 'configMap' | 'field' | 'resource',
    /** @internal */ public readonly _args: Readonly<Record<string, unknown>>,
  ) {}
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

/** Every key of a Secret or ConfigMap as an environment variable (`envFrom`). */
export class EnvFrom {
  /** The keys of the ConfigMap `configMapName`. */
  public static configMap(configMapName: string, options: EnvFromOptions = {}): EnvFrom {
    return new EnvFrom('configMap', configMapName, options);
  }

  /** The keys of the Secret `secretName`. */
  public static secret(secretName: string, options: EnvFromOptions = {}): EnvFrom {
    return new EnvFrom('secret', secretName, options);
  }

  private constructor(
    /** @internal */ public readonly _kind: 'configMap' | 'secret',
    /** @internal */ public readonly _name: string,
    /** @internal */ public readonly _options: EnvFromOptions,
  ) {}
}
