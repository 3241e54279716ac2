import { Construct } from 'constructs';
import { IntOrString, KubeNetworkPolicy, KubeServiceAccount, NetworkPolicyPeer } from '../imports/k8s';
import type { Settings } from './settings';

/** The ServiceAccount the pods run as; its token is mounted only if the pod asks for it. */
export function makeServiceAccount(scope: Construct, id: string, s: Settings): KubeServiceAccount | undefined {
  if (!s.serviceAccount?.create) return undefined;
  return new KubeServiceAccount(scope, id, {
    metadata: { name: s.serviceAccount.name, labels: { ...s.labels } },
    automountServiceAccountToken: false,
  });
}

/**
 * Admits traffic to the service's ports from the allowed clients, and any traffic
 * between the set's own pods (replication, gossip); the pods then accept nothing else.
 */
export function makeNetworkPolicy(scope: Construct, id: string, s: Settings): KubeNetworkPolicy | undefined {
  const np = s.networkPolicy;
  if (!np) return undefined;
  const clients: NetworkPolicyPeer[] | undefined =
    np.allowFrom === 'everywhere'
      ? undefined
      : [
          ...np.allowFrom.namespaces.map((ns) => ({
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } },
          })),
          ...(np.allowFrom.podLabels ? [{ podSelector: { matchLabels: { ...np.allowFrom.podLabels } } }] : []),
        ];
  return new KubeNetworkPolicy(scope, id, {
    metadata: { name: s.name, labels: { ...s.labels } },
    spec: {
      podSelector: { matchLabels: { ...s.selector } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: clients,
          ports: s.ports.map((p) => ({ port: IntOrString.fromNumber(p.containerPort), protocol: p.protocol })),
        },
        { from: [{ podSelector: { matchLabels: { ...s.selector } } }] },
      ],
    },
  });
}
