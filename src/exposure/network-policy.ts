import { Construct } from 'constructs';
import { IntOrString, KubeNetworkPolicy, NetworkPolicyPeer } from '../../imports/k8s';
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
): KubeNetworkPolicy | undefined {
  const np = s.networkPolicy;
  if (!np) return undefined;
  const clients: NetworkPolicyPeer[] | undefined = np.peers && [
    ...np.peers.namespaces.map((ns) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } } })),
    ...(np.peers.podLabels ? [{ podSelector: { matchLabels: { ...np.peers.podLabels } } }] : []),
  ];
  return new KubeNetworkPolicy(scope, id, {
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
            port: typeof x.port === 'number' ? IntOrString.fromNumber(x.port) : IntOrString.fromString(x.port),
            protocol: x.protocol,
          })),
        },
        { from: [{ podSelector: { matchLabels: { ...m.selector } } }] },
      ],
    },
  });
}
