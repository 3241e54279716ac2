import type { Duration } from 'cdk8s';
import type { ConnectionScheme } from '../core/enums';
import type { ProbePort } from './probe';

/** Options of an HTTP lifecycle hook. */
export interface HttpGetHandlerOptions {
  /**
   * The port to call: `ProbePort.named('http')` or `ProbePort.number(8080)`.
   *
   * @default - the container's first port, by name
   */
  readonly port?: ProbePort;
  /**
   * HTTP or HTTPS.
   *
   * @default ConnectionScheme.HTTP
   */
  readonly scheme?: ConnectionScheme;
}

/** @internal The typed form of a LifecycleHandler. */
export type LifecycleHandlerSpec =
  | { readonly kind: 'exec'; readonly command: string[] }
  | { readonly kind: 'httpGet'; readonly path: string; readonly options: HttpGetHandlerOptions }
  | { readonly kind: 'sleep'; readonly duration: Duration };

/** What a container's `postStart` or `preStop` hook does. */
export class LifecycleHandler {
  /** Runs a command in the container, e.g. a graceful leave before the pod stops. */
  public static exec(command: string[]): LifecycleHandler {
    return new LifecycleHandler({ kind: 'exec', command });
  }

  /** An HTTP GET of `path` on a port of the container. */
  public static httpGet(path: string, options: HttpGetHandlerOptions = {}): LifecycleHandler {
    return new LifecycleHandler({ kind: 'httpGet', path, options: { ...options } });
  }

  /**
   * Waits, e.g. so that endpoints drop the pod before it stops serving. The `sleep`
   * action needs Kubernetes 1.30 or later (beta and on by default from 1.30); validate
   * with `--kubernetes-version 1.30` or later.
   */
  public static sleep(duration: Duration): LifecycleHandler {
    return new LifecycleHandler({ kind: 'sleep', duration });
  }

  // Private, so that the class is nominal: TypeScript refuses an object of the same shape.
  private constructor(private readonly spec: LifecycleHandlerSpec) {}

  /** @internal */
  public get _spec(): LifecycleHandlerSpec {
    return this.spec;
  }
}

/** A container's lifecycle hooks. */
export interface ContainerLifecycle {
  /**
   * Runs right after the container is created.
   *
   * @default - none
   */
  readonly postStart?: LifecycleHandler;
  /**
   * Runs before the container is stopped (within the pod's termination grace period).
   *
   * @default - none
   */
  readonly preStop?: LifecycleHandler;
}
