import { Construct } from 'constructs';
import { KubeStatefulSet, Quantity } from '../imports/k8s';
import type { Settings } from './settings';

/**
 * The StatefulSet, as the typed L1 object rather than cdk8s-plus's `StatefulSet`:
 * cdk8s-plus-27 cannot declare volumeClaimTemplates, selects pods by a label derived
 * from the construct path (`cdk8s.io/metadata.addr`, which a refactor changes while a
 * live StatefulSet's selector is immutable), and adds resource and security defaults
 * of its own that would change our output whenever cdk8s-plus changes them. Here every
 * field comes from the settings, and sizes go through the k8s `Quantity` type.
 */
export function makeStatefulSet(scope: Construct, id: string, s: Settings): KubeStatefulSet {
  return new KubeStatefulSet(scope, id, {
    metadata: { name: s.name, labels: { ...s.labels } },
    spec: {
      serviceName: s.serviceName,
      replicas: s.replicas,
      selector: { matchLabels: { ...s.selector } },
      template: {
        metadata: { labels: { ...s.labels } },
        spec: {
          containers: [
            {
              name: s.containerName,
              image: s.image,
              env: s.env.length > 0 ? s.env.map(([name, value]) => ({ name, value })) : undefined,
              ports: [{ name: 'http', containerPort: s.port }],
              volumeMounts: [{ name: s.storage.name, mountPath: s.storage.mountPath }],
            },
          ],
        },
      },
      // Only the name in the template's metadata: claim templates are immutable in a
      // live StatefulSet, and the controller labels each claim with the selector anyway.
      volumeClaimTemplates: [
        {
          metadata: { name: s.storage.name },
          spec: {
            accessModes: [...s.storage.accessModes],
            storageClassName: s.storage.storageClassName,
            resources: { requests: { storage: Quantity.fromString(s.storage.size) } },
          },
        },
      ],
    },
  });
}
