import { Construct } from 'constructs';
import { KubePersistentVolume, Quantity } from '../imports/k8s';
import { clusterScoped } from './cluster-scoped';
import { annotations } from './labels';
import type { Settings } from './settings';

const ClusterScopedPersistentVolume = clusterScoped(KubePersistentVolume);

/**
 * Makes the pre-made volumes under `scope`, as `<claim template>/<ordinal>`.
 *
 * Each one is pre-bound through `claimRef` to the claim the StatefulSet controller
 * will create for its ordinal, so pod k gets the same volume after any scale-down
 * and scale-up, instead of whichever free volume the binder picks first. The claimRef
 * names the claim's namespace: without it Kubernetes never binds the volume.
 */
export function makePersistentVolumes(scope: Construct, s: Settings): KubePersistentVolume[] {
  return s.storage.flatMap((storage) => {
    if (storage.volumes.length === 0) return [];
    const group = new Construct(scope, storage.name);
    return storage.volumes.map(
      (v) =>
        new ClusterScopedPersistentVolume(group, String(v.ordinal), {
          metadata: {
            name: v.name,
            labels: { ...s.labels },
            annotations: v.source.hostPath ? annotations(s.acknowledgements.persistentVolumes) : undefined,
          },
          spec: {
            ...v.source,
            accessModes: [...storage.accessModes],
            capacity: { storage: Quantity.fromString(storage.size) },
            claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: v.claimName, namespace: s.namespace },
            // Retain by default: deleting a claim must never delete the data.
            persistentVolumeReclaimPolicy: storage.reclaimPolicy,
            storageClassName: storage.storageClassName,
            volumeMode: storage.volumeMode === 'Block' ? 'Block' : undefined,
            nodeAffinity: v.nodeAffinity,
            mountOptions: storage.mountOptions ? [...storage.mountOptions] : undefined,
          },
        }),
    );
  });
}
