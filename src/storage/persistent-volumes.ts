import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { apiObject } from '../core/wire';
import type { ClaimSettings } from './resolve-storage';

/**
 * The pre-made volumes, as `<claim template>/<ordinal>` under `scope`.
 *
 * Each is pre-bound through `claimRef` to the claim the StatefulSet controller will
 * create for its ordinal, so pod k gets the same volume after any scale-down and
 * scale-up instead of whichever free volume the binder picks first. The claimRef names
 * the claim's namespace: the binder matches namespace and name.
 */
export function makePersistentVolumes(
  scope: Construct,
  claims: readonly ClaimSettings[],
  namespace: string,
  metadata: {
    labels: Record<string, string>;
    annotations: Record<string, string>;
    hostPathAnnotations: Record<string, string>;
  },
): ApiObject[] {
  return claims.flatMap((claim) => {
    if (claim.volumes.length === 0) return [];
    const group = new Construct(scope, claim.name);
    return claim.volumes.map((v) => {
      const annotations = { ...metadata.annotations, ...(v.source.hostPath ? metadata.hostPathAnnotations : {}) };
      return apiObject(group, String(v.ordinal), 'PersistentVolume', {
        metadata: {
          name: v.name,
          labels: { ...metadata.labels },
          annotations: Object.keys(annotations).length > 0 ? annotations : undefined,
        },
        spec: {
          ...v.source,
          accessModes: [...claim.accessModes],
          capacity: { storage: claim.size },
          claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: v.claimName, namespace },
          // Retain by default: deleting a claim must never delete the data.
          persistentVolumeReclaimPolicy: claim.reclaimPolicy,
          storageClassName: claim.storageClassName,
          volumeMode: claim.block ? 'Block' : undefined,
          nodeAffinity: v.nodeAffinity,
          mountOptions: claim.mountOptions ? [...claim.mountOptions] : undefined,
        },
      });
    });
  });
}
