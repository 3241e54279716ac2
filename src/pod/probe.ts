import type { Duration } from 'cdk8s';
import type { ConnectionScheme } from '../core/enums';

/** Timing and thresholds of a probe. */
export interface ProbeOptions {
  /**
   * How long after the container starts the first probe runs.
   *
   * @default Duration.seconds(0)
   */
  readonly initialDelay?: Duration;
  /**
   * How often the probe runs.
   *
   * @default - 10 seconds (Kubernetes' default) for readiness and liveness probes; 5 seconds for
   * startup probes (60 of them: a slow start gets 5 minutes, checked often)
   */
  readonly period?: Duration;
  /**
   * How long one probe may take before it counts as failed.
   *
   * @default Duration.seconds(1)
   */
  readonly timeout?: Duration;
  /**
   * Failures in a row before the probe gives up: the container is restarted (startup,
   * liveness) or taken out of the Services (readiness).
   *
   * @default - 60 for startup probes (5 minutes at the default period), 3 otherwise
   */
  readonly failureThreshold?: number;
  /**
   * Successes in a row after a failure before the probe passes again. Must be 1 for
   * startup and liveness probes.
   *
   * @default 1
   */
  readonly successThreshold?: number;
}

/** @internal The typed form of a ProbePort. */
export type ProbePortSpec =
  { readonly kind: 'number'; readonly port: number } | { readonly kind: 'name'; readonly name: string };

/**
 * The port a probe or an HTTP hook connects to: a number, or the name of a port of the
 * container. Two factories, since Kubernetes reads the string `"8222"` as a port name.
 */
export class ProbePort {
  /** A port number (1-65535), e.g. a monitoring port the container does not declare. */
  public static number(port: number): ProbePort {
    return new ProbePort({ kind: 'number', port });
  }

  /** The name of one of the container's `ports`. */
  public static named(name: string): ProbePort {
    return new ProbePort({ kind: 'name', name });
  }

  // Private, so that the class is nominal: TypeScript refuses an object of the same shape.
  private constructor(private readonly spec: ProbePortSpec) {}

  /** @internal */
  public get _spec(): ProbePortSpec {
    return this.spec;
  }
}

/** Options of a probe that connects to a port of the container. */
export interface PortProbeOptions extends ProbeOptions {
  /**
   * The port to probe: `ProbePort.named('http')` or `ProbePort.number(8222)`.
   *
   * @default - the container's first port, by name
   */
  readonly port?: ProbePort;
}

/** Options of an HTTP probe. */
export interface HttpGetProbeOptions extends PortProbeOptions {
  /**
   * HTTP or HTTPS.
   *
   * @default ConnectionScheme.HTTP
   */
  readonly scheme?: ConnectionScheme;
}

/** Options of a gRPC health probe. */
export interface GrpcProbeOptions extends ProbeOptions {
  /**
   * The service name sent in the gRPC health check request.
   *
   * @default - the server's overall health
   */
  readonly service?: string;
}

/** @internal The typed form of a Probe: the action, and the options as given. */
export type ProbeSpec =
  | { readonly kind: 'httpGet'; readonly path: string; readonly options: HttpGetProbeOptions }
  | { readonly kind: 'tcpSocket'; readonly options: PortProbeOptions }
  | { readonly kind: 'exec'; readonly command: string[]; readonly options: ProbeOptions }
  | { readonly kind: 'grpc'; readonly port: number; readonly options: GrpcProbeOptions }
  | { readonly kind: 'none' };

/** How the kubelet checks a container: a startup, readiness or liveness probe. */
export class Probe {
  /** An HTTP GET of `path` (success: a status from 200 to 399). */
  public static httpGet(path: string, options: HttpGetProbeOptions = {}): Probe {
    return new Probe({ kind: 'httpGet', path, options: { ...options } });
  }

  /** A TCP connect to a port. */
  public static tcpSocket(options: PortProbeOptions = {}): Probe {
    return new Probe({ kind: 'tcpSocket', options: { ...options } });
  }

  /** A command run in the container (success: exit code 0), e.g. `['sh', '-c', 'zookeeper-ready 2181']`. */
  public static exec(command: string[], options: ProbeOptions = {}): Probe {
    return new Probe({ kind: 'exec', command, options: { ...options } });
  }

  /** A gRPC health check (grpc.health.v1) on a port number. */
  public static grpc(port: number, options: GrpcProbeOptions = {}): Probe {
    return new Probe({ kind: 'grpc', port, options: { ...options } });
  }

  /** No probe, where the construct would otherwise add one. */
  public static none(): Probe {
    return new Probe({ kind: 'none' });
  }

  // Private, so that the class is nominal: TypeScript refuses an object of the same shape.
  private constructor(private readonly spec: ProbeSpec) {}

  /** @internal */
  public get _spec(): ProbeSpec {
    return this.spec;
  }
}
