import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { NetworkPolicyPeer } from '../../imports/k8s';
import { apiObject, Wire } from '../core/wire';
import type { ExposureSettings } from './resolve-exposure';

/**
 * Admits traffic to the service's ports from the allowed clients, and any traffic
 * between the set's own pods (replication, gossip); the pods then accept nothing else.
 */
export function makeNetworkPolicy(
  scope: Construct,
  id: string,
  name: string,
  s: ExposureSettings,
  m: { labels: Record<string, string>; annotations: Record<string, string>; selector: Record<string, string> },
): ApiObject | undefined {
  const np = s.networkPolicy;
  if (!np) return undefined;
  const clients: Wire<NetworkPolicyPeer>[] | undefined = np.peers && [
    ...np.peers.namespaces.map((ns) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } } })),
    ...(np.peers.podLabels ? [{ podSelector: { matchLabels: { ...np.peers.podLabels } } }] : []),
  ];
  return apiObject(scope, id, 'NetworkPolicy', {
    metadata: {
      name,
      labels: { ...m.labels },
      annotations: Object.keys(m.annotations).length > 0 ? { ...m.annotations } : undefined,
    },
    spec: {
      podSelector: { matchLabels: { ...m.selector } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: clients,
          ports: s.ports.map((x) => ({
            port: x.port,
            protocol: x.protocol,
          })),
        },
        { from: [{ podSelector: { matchLabels: { ...m.selector } } }] },
      ],
    },
  });
}
