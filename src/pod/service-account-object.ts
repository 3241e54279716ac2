import { Construct } from 'constructs';
import { KubeServiceAccount } from '../../imports/k8s';
import type { ServiceAccountSettings } from './resolve-pod';

/** The ServiceAccount the pods run as, when the construct makes it; its token is mounted only where a pod asks. */
export function makeServiceAccount(
  scope: Construct,
  id: string,
  sa: ServiceAccountSettings | undefined,
  metadata: { labels: Record<string, string>; annotations?: Record<string, string> },
): KubeServiceAccount | undefined {
  if (!sa?.create) return undefined;
  const annotations = { ...metadata.annotations, ...sa.annotations };
  return new KubeServiceAccount(scope, id, {
    metadata: {
      name: sa.name,
      labels: { ...metadata.labels },
      annotations: Object.keys(annotations).length > 0 ? annotations : undefined,
    },
    automountServiceAccountToken: false,
  });
}
