import type { Size } from 'cdk8s';
import type { Cpu } from '../core/cpu';
import type { ImagePullPolicy, MountPropagation, Protocol, RestartPolicy } from '../core/enums';
import type { EnvFrom, EnvValue } from './env';
import type { ContainerLifecycle } from './lifecycle-handler';
import type { Probe } from './probe';
import type { ContainerSecurityProps } from './security';

/** A port the container listens on. */
export interface ContainerPort {
  /**
   * The port's name (an IANA service name, at most 15 characters), by which Services and
   * probes refer to it. The main container's ports need names when it has more than one
   * (the Services name their ports after them).
   *
   * @default - none: Services and probes refer to the port by its number
   */
  readonly name?: string;
  /** The port number. */
  readonly number: number;
  /**
   * The protocol.
   *
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;
  /**
   * Also open the port on the node's IP (one pod per node can have it). Breaks the Pod
   * Security "baseline" level: must be acknowledged (`PolicyRule.HOST_PORTS`).
   *
   * @default - none: the port is reached on the pod's IP only
   */
  readonly hostPort?: number;
}

/** A volume of the pod mounted into a container. */
export interface VolumeMount {
  /** The volume's name: a claim template of `storage`, or one of `volumes`. */
  readonly volume: string;
  /** Absolute path in the container. */
  readonly mountPath: string;
  /**
   * Mount only this directory of the volume (relative, no '..').
   *
   * @default - the volume's root
   */
  readonly subPath?: string;
  /**
   * Like `subPath`, with `$(VAR)` expanded from the container's environment, e.g.
   * `$(POD_NAME)` from `EnvValue.field(EnvFieldPaths.POD_NAME)`; not with `subPath`.
   *
   * @default - the volume's root (or `subPath`)
   */
  readonly subPathExpr?: string;
  /**
   * Whether the container may only read.
   *
   * @default false
   */
  readonly readOnly?: boolean;
  /**
   * Whether mounts made later on the host or in the container propagate.
   *
   * @default MountPropagation.NONE (Kubernetes' default)
   */
  readonly propagation?: MountPropagation;
}

/** A CPU request and limit. */
export interface CpuResources {
  /**
   * What the scheduler reserves on a node.
   *
   * @default - none (when `cpu` is given without it)
   */
  readonly request?: Cpu;
  /**
   * The most the container may use; above it, it is throttled.
   *
   * @default - none (when `cpu` is given without it)
   */
  readonly limit?: Cpu;
}

/** A memory (or ephemeral storage) request and limit. */
export interface MemoryResources {
  /**
   * What the scheduler reserves on a node.
   *
   * @default - none (when given without it)
   */
  readonly request?: Size;
  /**
   * The most the container may use; above it, the container is killed (or, for
   * ephemeral storage, the pod evicted).
   *
   * @default - none (when given without it)
   */
  readonly limit?: Size;
}

/**
 * A container's resources. Each of `cpu` and `memory` is defaulted as a whole when left
 * out, and written exactly as given otherwise: `{ cpu: {}, memory: {} }` sets none.
 */
export interface ContainerResources {
  /**
   * CPU.
   *
   * @default - request 100m, limit 1 CPU
   */
  readonly cpu?: CpuResources;
  /**
   * Memory.
   *
   * @default - request 256Mi, limit 512Mi
   */
  readonly memory?: MemoryResources;
  /**
   * Local ephemeral storage (logs, writable layers, emptyDirs on disk).
   *
   * @default - none
   */
  readonly ephemeralStorage?: MemoryResources;
}

/** A container of the pod: the main one, an init container or a sidecar. */
export interface ContainerProps {
  /**
   * The container's name, unique in the pod.
   *
   * @default - for the main container, `appName`; required for the others
   */
  readonly name?: string;
  /** The image, e.g. `k8spatterns/random-generator:1.0`. */
  readonly image: string;
  /**
   * When to pull the image.
   *
   * @default - IfNotPresent for an image pinned by a tag other than `latest` or by digest; Always otherwise
   */
  readonly imagePullPolicy?: ImagePullPolicy;
  /**
   * The entrypoint, instead of the image's.
   *
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];
  /**
   * Arguments to the entrypoint.
   *
   * @default - the image's CMD
   */
  readonly args?: string[];
  /**
   * The working directory.
   *
   * @default - the image's
   */
  readonly workingDir?: string;
  /**
   * Environment variables, in the order given, except that a variable another one's value
   * refers to (`$(NAME)`) is written before it, since Kubernetes expands references to
   * earlier variables only: the order of the map does not matter (from Go, whose jsii
   * runtime sorts map keys, neither).
   *
   * @default - none
   */
  readonly env?: { [name: string]: EnvValue };
  /**
   * Whole ConfigMaps and Secrets as environment variables.
   *
   * @default - none
   */
  readonly envFrom?: EnvFrom[];
  /**
   * Ports the container listens on. The main container's ports are what the Services expose.
   *
   * @default - none
   */
  readonly ports?: ContainerPort[];
  /**
   * Volumes mounted into the container (claims of `storage` with a `mountPath` are
   * mounted into the main container without being listed here).
   *
   * @default - none
   */
  readonly volumeMounts?: VolumeMount[];
  /**
   * CPU, memory and ephemeral storage.
   *
   * @default - CPU request 100m and limit 1; memory request 256Mi and limit 512Mi
   */
  readonly resources?: ContainerResources;
  /**
   * Holds off the other probes until the container has started. Not for init containers
   * (unless they are sidecars).
   *
   * @default - main container: a TCP connect to its first port every 5 s, up to 60
   * failures (none without ports); other containers: none
   */
  readonly startupProbe?: Probe;
  /**
   * Whether the pod gets traffic from the Services and counts as ready.
   *
   * @default - main container: a TCP connect to its first port every 10 s (Kubernetes' period); others: none
   */
  readonly readinessProbe?: Probe;
  /**
   * Whether the container is restarted.
   *
   * @default - main container: a TCP connect to its first port every 10 s, 3 failures; others: none
   */
  readonly livenessProbe?: Probe;
  /**
   * postStart and preStop hooks.
   *
   * @default - none
   */
  readonly lifecycle?: ContainerLifecycle;
  /**
   * The container's own security settings.
   *
   * @default - from `security` of the pod
   */
  readonly securityContext?: ContainerSecurityProps;
  /**
   * For init containers only: `RestartPolicy.ALWAYS` makes a native sidecar, started
   * before the main containers and kept running (Kubernetes 1.29 or later).
   *
   * @default - a plain init container, run to completion before the next one
   */
  readonly restartPolicy?: RestartPolicy;
}
