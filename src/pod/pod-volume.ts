import type { Duration, Size } from 'cdk8s';
import type { EmptyDirMedium, EnvFieldPaths, ResourceFieldPaths } from '../core/enums';

/** A key of a ConfigMap or Secret, written to a file of the volume. */
export interface KeyToPath {
  /** The key. */
  readonly key: string;
  /** The file's path, relative to the mount point (no '..'). */
  readonly path: string;
  /**
   * The file's permission bits, e.g. `0o400`.
   *
   * @default - the volume's default mode
   */
  readonly mode?: number;
}

/** Options of a volume made from a ConfigMap or a Secret. */
export interface KeyVolumeOptions {
  /**
   * Only these keys, as these files.
   *
   * @default - every key, as a file named like the key
   */
  readonly items?: KeyToPath[];
  /**
   * Permission bits of the files, from 0 to 0o777.
   *
   * @default 0o644
   */
  readonly defaultMode?: number;
  /**
   * Whether the pod starts when the ConfigMap or Secret is missing.
   *
   * @default false
   */
  readonly optional?: boolean;
}

/** Options of an `emptyDir` volume. */
export interface EmptyDirVolumeOptions {
  /**
   * Where the directory lives: the node's disk, or memory (tmpfs, counted against the
   * container's memory limit).
   *
   * @default EmptyDirMedium.DEFAULT - the node's disk
   */
  readonly medium?: EmptyDirMedium;
  /**
   * The most the directory may hold before the pod is evicted.
   *
   * @default - no limit
   */
  readonly sizeLimit?: Size;
}

/** A file of a downward API volume source. */
export interface DownwardApiItem {
  /** The file's path, relative to the mount point. */
  readonly path: string;
  /**
   * A field of the pod, e.g. `EnvFieldPaths.POD_LABEL` (all labels, one per line).
   *
   * @default - none; give exactly one of `field` and `resource`
   */
  readonly field?: EnvFieldPaths;
  /**
   * A container's request or limit.
   *
   * @default - none; give exactly one of `field` and `resource`
   */
  readonly resource?: ResourceFieldPaths;
  /**
   * The container `resource` is read from.
   *
   * @default - the main container
   */
  readonly container?: string;
}

/** Options of a projected service account token. */
export interface ServiceAccountTokenProjection {
  /** The file's path, relative to the mount point. */
  readonly path: string;
  /**
   * The audience the token is for.
   *
   * @default - the API server's audience
   */
  readonly audience?: string;
  /**
   * How long the token is valid; the kubelet renews it before it expires. At least 10 minutes.
   *
   * @default Duration.hours(1)
   */
  readonly expiration?: Duration;
}

/** @internal The typed form of a ProjectedSource. */
export type ProjectedSourceSpec =
  | { readonly kind: 'configMap' | 'secret'; readonly name: string; readonly options: KeyVolumeOptions }
  | { readonly kind: 'downwardApi'; readonly items: DownwardApiItem[] }
  | { readonly kind: 'serviceAccountToken'; readonly token: ServiceAccountTokenProjection };

/** One source of a projected volume. */
export class ProjectedSource {
  /** Keys of a ConfigMap. */
  public static configMap(configMapName: string, options: KeyVolumeOptions = {}): ProjectedSource {
    return new ProjectedSource({ kind: 'configMap', name: configMapName, options: { ...options } });
  }

  /** Keys of a Secret. */
  public static secret(secretName: string, options: KeyVolumeOptions = {}): ProjectedSource {
    return new ProjectedSource({ kind: 'secret', name: secretName, options: { ...options } });
  }

  /** Fields of the pod and resources of its containers. */
  public static downwardApi(items: DownwardApiItem[]): ProjectedSource {
    return new ProjectedSource({ kind: 'downwardApi', items });
  }

  /** A token of the pod's service account, for an audience (such as a vault or a cloud). */
  public static serviceAccountToken(token: ServiceAccountTokenProjection): ProjectedSource {
    return new ProjectedSource({ kind: 'serviceAccountToken', token: { ...token } });
  }

  // Private, so that the class is nominal: TypeScript refuses an object of the same shape.
  private constructor(private readonly spec: ProjectedSourceSpec) {}

  /** @internal */
  public get _spec(): ProjectedSourceSpec {
    return this.spec;
  }
}

/** Options of a projected volume. */
export interface ProjectedVolumeOptions {
  /**
   * Permission bits of the files, from 0 to 0o777.
   *
   * @default 0o644
   */
  readonly defaultMode?: number;
}

/** @internal The typed form of a PodVolume: its kind, its name in the pod, and its source. */
export type PodVolumeSpec =
  | { readonly kind: 'emptyDir'; readonly name: string; readonly options: EmptyDirVolumeOptions }
  | {
      readonly kind: 'configMap' | 'secret';
      readonly name: string;
      readonly source: string;
      readonly options: KeyVolumeOptions;
    }
  | {
      readonly kind: 'projected';
      readonly name: string;
      readonly sources: ProjectedSource[];
      readonly options: ProjectedVolumeOptions;
    };

/**
 * A volume of the pod besides the per-pod claims: configuration, secrets, scratch space.
 * Containers mount it by name with `volumeMounts`.
 */
export class PodVolume {
  /** An empty directory that lives as long as the pod (scratch space, or shared between containers). */
  public static emptyDir(name: string, options: EmptyDirVolumeOptions = {}): PodVolume {
    return new PodVolume({ kind: 'emptyDir', name, options: { ...options } });
  }

  /** The keys of a ConfigMap as files. */
  public static configMap(name: string, configMapName: string, options: KeyVolumeOptions = {}): PodVolume {
    return new PodVolume({ kind: 'configMap', name, source: configMapName, options: { ...options } });
  }

  /** The keys of a Secret as files. */
  public static secret(name: string, secretName: string, options: KeyVolumeOptions = {}): PodVolume {
    return new PodVolume({ kind: 'secret', name, source: secretName, options: { ...options } });
  }

  /** Several sources (ConfigMaps, Secrets, downward API, tokens) in one directory. */
  public static projected(name: string, sources: ProjectedSource[], options: ProjectedVolumeOptions = {}): PodVolume {
    return new PodVolume({ kind: 'projected', name, sources, options: { ...options } });
  }

  // Private, so that the class is nominal: TypeScript refuses an object of the same shape.
  private constructor(private readonly spec: PodVolumeSpec) {}

  /** @internal */
  public get _spec(): PodVolumeSpec {
    return this.spec;
  }
}
