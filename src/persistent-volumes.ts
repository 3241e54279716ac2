import { Construct } from 'constructs';
import { KubePersistentVolume, Quantity } from '../imports/k8s';
import type { Settings } from './settings';
import { annotations } from './labels';

/**
 * A PersistentVolume is cluster-scoped, but cdk8s stamps a chart's namespace onto
 * every object (cdk8s-core#731), and the API server rejects a namespaced one.
 */
class ClusterScopedPersistentVolume extends KubePersistentVolume {
  public override toJson(): any {
    const json = super.toJson();
    delete json.metadata?.namespace;
    return json;
  }
}

/**
 * Makes the pre-made hostPath volumes under `scope` (ids `'0'`, `'1'`, ... by ordinal).
 *
 * Each one is pre-bound through `claimRef` to the claim the StatefulSet controller
 * will create for its ordinal, so pod k gets the same directory after any scale-down
 * and scale-up, instead of whichever free volume the binder picks first. The claimRef
 * names the claim's namespace: without it Kubernetes never binds the volume.
 */
export function makeHostPathVolumes(scope: Construct, s: Settings): KubePersistentVolume[] {
  return s.volumes.map(
    (v) =>
      new ClusterScopedPersistentVolume(scope, String(v.ordinal), {
        metadata: { name: v.name, labels: { ...s.labels }, annotations: annotations(s.acknowledgements.persistentVolumes) },
        spec: {
          accessModes: [...s.storage.accessModes],
          capacity: { storage: Quantity.fromString(s.storage.size) },
          claimRef: {
            apiVersion: 'v1',
            kind: 'PersistentVolumeClaim',
            name: v.claimName,
            namespace: s.namespace,
          },
          hostPath: { path: v.path, type: s.hostPathType },
          // Retain: deleting a claim must never delete the data on the node.
          persistentVolumeReclaimPolicy: 'Retain',
          storageClassName: s.storage.storageClassName,
        },
      }),
  );
}
