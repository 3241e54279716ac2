import type { Duration } from 'cdk8s';
import type { Protocol } from '../core/enums';

/** @internal The typed form of a TargetPort. */
export type TargetPortSpec =
  { readonly kind: 'number'; readonly port: number } | { readonly kind: 'name'; readonly name: string };

/**
 * The pod port a Service port sends to: a number, or the name of a container port of the
 * pod. Two factories, since Kubernetes reads the string `"8222"` as a port name.
 */
export class TargetPort {
  /** A port number of the pod (1-65535), declared by a container or not. */
  public static number(port: number): TargetPort {
    return new TargetPort({ kind: 'number', port });
  }

  /** The name of a container port of the pod (the main container's or a sidecar's). */
  public static named(name: string): TargetPort {
    return new TargetPort({ kind: 'name', name });
  }

  // Private, so that the class is nominal: TypeScript refuses an object of the same shape.
  private constructor(private readonly spec: TargetPortSpec) {}

  /** @internal */
  public get _spec(): TargetPortSpec {
    return this.spec;
  }
}

/**
 * A port of a Service. Given by `name` alone, it is the main container's port of that name,
 * under its own number; with `port` and `targetPort` it is any port of the pod.
 */
export interface ServicePort {
  /**
   * The Service port's name (a DNS label), unique in the Service; required when the
   * Service has more than one port. Without `targetPort` and `port`, it names a port of the
   * main container, which the Service port exposes.
   *
   * @default - the main container port's name, when the Service port is one; none otherwise
   */
  readonly name?: string;
  /**
   * The Service's port number.
   *
   * @default - the number of the main container's port that `name` or `targetPort` names
   */
  readonly port?: number;
  /**
   * The pod port the traffic goes to: `TargetPort.number(8080)` or `TargetPort.named('http')`.
   *
   * @default - the main container's port named `name`, by number; else `port` (Kubernetes' default)
   */
  readonly targetPort?: TargetPort;
  /**
   * The protocol.
   *
   * @default - the protocol of the main container's port, else Protocol.TCP
   */
  readonly protocol?: Protocol;
  /**
   * The application protocol, e.g. `kubernetes.io/h2c` or `http` (a hint for gateways and
   * meshes).
   *
   * @default - none
   */
  readonly appProtocol?: string;
  /**
   * A fixed node port (30000-32767), for NodePort and LoadBalancer Services.
   *
   * @default - Kubernetes picks a free node port
   */
  readonly nodePort?: number;
}

/** How a NodePort or LoadBalancer Service routes external traffic. */
export enum ExternalTrafficPolicy {
  /** Spread over all ready pods (the client's source IP is hidden). */
  CLUSTER = 'Cluster',
  /** Only to pods on the receiving node, keeping the client's source IP. */
  LOCAL = 'Local',
}

/** Whether a client keeps reaching the same pod. */
export enum SessionAffinity {
  /** Each connection goes to any ready pod (Kubernetes' default). */
  NONE = 'None',
  /** Connections from one client IP go to the same pod while it is ready. */
  CLIENT_IP = 'ClientIP',
}

/** Options of every kind of client Service. */
export interface ClusterIpAccessOptions {
  /**
   * Name of the Service; a DNS-1035 label.
   *
   * @default - `<serviceName>-np` for NodePort, `<serviceName>-lb` for LoadBalancer,
   * `<serviceName>-client` for ClusterIP; required in `extraServices`
   */
  readonly name?: string;
  /**
   * The ports: `{ name: 'http' }` for the main container's port `http`, or any port of the
   * pod with `port` and `targetPort`.
   *
   * @default - every port of the main container, under its own name and number
   */
  readonly ports?: ServicePort[];
  /**
   * Annotations of this Service (besides `annotations` of the service).
   *
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * Labels of this Service (besides `labels` of the service; the selector labels win).
   *
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Whether pods that are not ready get traffic too.
   *
   * @default false
   */
  readonly publishNotReadyAddresses?: boolean;
  /**
   * Whether a client keeps reaching the same pod.
   *
   * @default SessionAffinity.NONE (Kubernetes' default, not written)
   */
  readonly sessionAffinity?: SessionAffinity;
  /**
   * How long a client IP sticks to its pod, with `SessionAffinity.CLIENT_IP` (1 s to 1 day).
   *
   * @default - Kubernetes' default, 3 hours
   */
  readonly sessionAffinityTimeout?: Duration;
}

/** Options of a NodePort Service. */
export interface NodePortAccessOptions extends ClusterIpAccessOptions {
  /**
   * How external traffic is routed.
   *
   * @default ExternalTrafficPolicy.CLUSTER (Kubernetes' default, not written)
   */
  readonly externalTrafficPolicy?: ExternalTrafficPolicy;
}

/** Options of a LoadBalancer Service. */
export interface LoadBalancerAccessOptions extends NodePortAccessOptions {
  /**
   * Client CIDRs the load balancer admits, e.g. `['203.0.113.0/24']`.
   *
   * @default - any client (as far as the cloud's load balancer allows)
   */
  readonly sourceRanges?: string[];
  /**
   * The load balancer implementation, e.g. `service.k8s.aws/nlb`.
   *
   * @default - the cluster's default
   */
  readonly loadBalancerClass?: string;
}

/** @internal The typed form of an ExternalAccess: the Service type, and its options as given. */
export type ExternalAccessSpec =
  | { readonly kind: 'NodePort'; readonly options: NodePortAccessOptions }
  | { readonly kind: 'LoadBalancer'; readonly options: LoadBalancerAccessOptions }
  | { readonly kind: 'ClusterIP'; readonly options: ClusterIpAccessOptions }
  | { readonly kind: 'none' };

/** A Service that reaches the set's pods (through any of them), besides the headless Service. */
export class ExternalAccess {
  /** A NodePort Service: reachable on a port of every node (minikube: `minikube service <name>`). */
  public static nodePort(options: NodePortAccessOptions = {}): ExternalAccess {
    return new ExternalAccess({ kind: 'NodePort', options: { ...options } });
  }

  /** A LoadBalancer Service: the cloud makes a load balancer in front of it. */
  public static loadBalancer(options: LoadBalancerAccessOptions = {}): ExternalAccess {
    return new ExternalAccess({ kind: 'LoadBalancer', options: { ...options } });
  }

  /** A ClusterIP Service: for clients inside the cluster (an ingress or gateway in front of it). */
  public static clusterIp(options: ClusterIpAccessOptions = {}): ExternalAccess {
    return new ExternalAccess({ kind: 'ClusterIP', options: { ...options } });
  }

  /** No such Service: only the headless Service reaches the pods. */
  public static none(): ExternalAccess {
    return new ExternalAccess({ kind: 'none' });
  }

  // Private, so that the class is nominal: TypeScript refuses an object of the same shape.
  private constructor(private readonly spec: ExternalAccessSpec) {}

  /** @internal */
  public get _spec(): ExternalAccessSpec {
    return this.spec;
  }
}
