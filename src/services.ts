import { Construct } from 'constructs';
import { IntOrString, KubeService, ServicePort } from '../imports/k8s';
import type { Settings } from './settings';
import { annotations } from './labels';

function httpPort(s: Settings, nodePort?: number): ServicePort {
  return { name: 'http', port: s.port, targetPort: IntOrString.fromNumber(s.port), protocol: 'TCP', nodePort };
}

/**
 * The headless Service (no cluster IP) that governs the StatefulSet: it gives each
 * pod the stable DNS name `<pod>.<serviceName>` and publishes SRV records for `http`.
 */
export function makeHeadlessService(scope: Construct, id: string, s: Settings): KubeService {
  return new KubeService(scope, id, {
    metadata: { name: s.serviceName, labels: { ...s.labels } },
    spec: {
      clusterIp: 'None',
      selector: { ...s.selector },
      ports: [httpPort(s)],
    },
  });
}

/** The Service that reaches the set from outside (NodePort by default). */
export function makeExternalService(scope: Construct, id: string, s: Settings): KubeService | undefined {
  const ext = s.externalService;
  if (!ext) return undefined;
  return new KubeService(scope, id, {
    metadata: { name: ext.name, labels: { ...s.labels }, annotations: annotations(s.acknowledgements.externalService) },
    spec: {
      type: ext.type,
      selector: { ...s.selector },
      ports: [httpPort(s, ext.nodePort)],
    },
  });
}
