import type { ExternalAccess, ServicePort } from './external-access';
import type { NetworkAccess } from './network-access';

/** Options of the headless Service that gives each pod its DNS name. */
export interface HeadlessServiceProps {
  /**
   * The ports (each named port gets an SRV record per pod): `{ name: 'peer' }` for the main
   * container's port `peer`, or any port of the pod with `port` and `targetPort`. No
   * `nodePort`: a headless Service has none.
   *
   * @default - every port of the main container
   */
  readonly ports?: ServicePort[];
  /**
   * Publish DNS records of pods that are not ready yet, so that peers can find each other
   * while the cluster forms (databases that bootstrap a quorum).
   *
   * @default false
   */
  readonly publishNotReadyAddresses?: boolean;
  /**
   * Annotations of the headless Service (besides `annotations` of the service).
   *
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * Labels of the headless Service (besides `labels` of the service; the selector labels win).
   *
   * @default - none
   */
  readonly labels?: { [key: string]: string };
}

/** How the service is reached: the headless Service, client Services, the network policy. */
export interface ExposureOptions {
  /**
   * Options of the headless Service named `serviceName`.
   *
   * @default - every port of the main container, ready pods only
   */
  readonly headlessService?: HeadlessServiceProps;
  /**
   * The Service that reaches the set from outside the headless Service.
   *
   * @default ExternalAccess.clusterIp() - a ClusterIP Service `<serviceName>-client` with every port of the main
   * container, for clients in the cluster (a NodePort opens the port on every node: ask for it)
   */
  readonly externalAccess?: ExternalAccess;
  /**
   * More client Services (each with a `name`), e.g. ZooKeeper's client Service or
   * MySQL's read Service.
   *
   * @default - none
   */
  readonly extraServices?: ExternalAccess[];
  /**
   * A NetworkPolicy that admits traffic to the service's ports from these clients (and
   * between the set's own pods), and nothing else.
   *
   * @default - no NetworkPolicy: all traffic is admitted
   */
  readonly networkAccess?: NetworkAccess;
}
