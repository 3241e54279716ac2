import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { ServicePort } from '../../imports/k8s';
import { apiObject, Wire } from '../core/wire';
import type { ClientServiceSettings, ExposureSettings, ServicePortSettings } from './resolve-exposure';

export interface ServiceMetadata {
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  /** Acknowledgements of NodePort findings, for NodePort Services only. */
  readonly nodePortAnnotations: Record<string, string>;
  readonly selector: Record<string, string>;
}

function ports(list: readonly ServicePortSettings[]): Wire<ServicePort>[] {
  return list.map((x) => ({
    name: x.name,
    port: x.port,
    targetPort: x.targetPort,
    protocol: x.protocol,
    appProtocol: x.appProtocol,
    nodePort: x.nodePort,
  }));
}

function annotations(...maps: Array<Readonly<Record<string, string>>>): Record<string, string> | undefined {
  const all = Object.assign({}, ...maps);
  return Object.keys(all).length > 0 ? all : undefined;
}

/**
 * The headless Service (no cluster IP) that governs the StatefulSet: it gives each pod
 * the stable DNS name `<pod>.<serviceName>` and publishes an SRV record per port.
 */
export function makeHeadlessService(
  scope: Construct,
  id: string,
  name: string,
  s: ExposureSettings,
  m: ServiceMetadata,
): ApiObject {
  return apiObject(scope, id, 'Service', {
    metadata: {
      name,
      labels: { ...m.labels, ...s.headless.labels, ...m.selector },
      annotations: annotations(m.annotations, s.headless.annotations),
    },
    spec: {
      clusterIP: 'None',
      selector: { ...m.selector },
      ports: ports(s.headless.ports),
      publishNotReadyAddresses: s.headless.publishNotReadyAddresses || undefined,
    },
  });
}

/** A Service that reaches the set's pods: the external one (ClusterIP by default) or an extra one. */
export function makeClientService(
  scope: Construct,
  id: string,
  c: ClientServiceSettings,
  m: ServiceMetadata,
): ApiObject {
  return apiObject(scope, id, 'Service', {
    metadata: {
      name: c.name,
      labels: { ...m.labels, ...c.labels, ...m.selector },
      annotations: annotations(m.annotations, c.annotations, c.type === 'NodePort' ? m.nodePortAnnotations : {}),
    },
    spec: {
      type: c.type,
      selector: { ...m.selector },
      ports: ports(c.ports),
      publishNotReadyAddresses: c.publishNotReadyAddresses || undefined,
      externalTrafficPolicy: c.externalTrafficPolicy,
      loadBalancerSourceRanges: c.sourceRanges ? [...c.sourceRanges] : undefined,
      loadBalancerClass: c.loadBalancerClass,
      sessionAffinity: c.sessionAffinity,
      sessionAffinityConfig:
        c.sessionAffinityTimeoutSeconds === undefined
          ? undefined
          : { clientIP: { timeoutSeconds: c.sessionAffinityTimeoutSeconds } },
    },
  });
}
