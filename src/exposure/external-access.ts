/** A port of a Service, mapped to a port of the main container. */
export interface ServicePort {
  /** The name of a port of the main container; the Service port gets the same name. */
  readonly name: string;
  /**
   * The Service's port number.
   *
   * @default - the container port's number
   */
  readonly port?: number;
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
   * The ports, by the main container's port names.
   *
   * @default - every port of the main container, under its own number
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
