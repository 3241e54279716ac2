import { Construct } from 'constructs';
import { IntOrString, KubeService, ServicePort } from '../imports/k8s';
import { annotations } from './labels';
import type { PortSettings, Settings } from './settings';

function servicePort(p: PortSettings, nodePort?: number): ServicePort {
  return {
    name: p.name,
    port: p.port,
    targetPort: IntOrString.fromNumber(p.containerPort),
    protocol: p.protocol,
    nodePort,
  };
}

/**
 * The headless Service (no cluster IP) that governs the StatefulSet: it gives each
 * pod the stable DNS name `<pod>.<serviceName>` and publishes an SRV record per port.
 */
export function makeHeadlessService(scope: Construct, id: string, s: Settings): KubeService {
  return new KubeService(scope, id, {
    metadata: { name: s.serviceName, labels: { ...s.labels } },
    spec: {
      clusterIp: 'None',
      selector: { ...s.selector },
      ports: s.ports.map((p) => servicePort(p)),
      publishNotReadyAddresses: s.publishNotReadyAddresses ? true : undefined,
    },
  });
}

/** The Service that reaches the set from outside (NodePort by default). */
export function makeExternalService(scope: Construct, id: string, s: Settings): KubeService | undefined {
  const ext = s.externalService;
  if (!ext) return undefined;
  return new KubeService(scope, id, {
    metadata: {
      name: ext.name,
      labels: { ...s.labels },
      annotations: annotations({ ...ext.annotations, ...s.acknowledgements.externalService }),
    },
    spec: {
      type: ext.type,
      selector: { ...s.selector },
      ports: s.ports.filter((p) => p.external).map((p) => servicePort(p, p.name === 'http' ? ext.nodePort : undefined)),
      loadBalancerSourceRanges: ext.loadBalancerSourceRanges ? [...ext.loadBalancerSourceRanges] : undefined,
      externalTrafficPolicy: ext.externalTrafficPolicy,
    },
  });
}
