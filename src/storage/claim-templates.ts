import type { KubePersistentVolumeClaimProps } from '../../imports/k8s';
import type { Wire } from '../core/wire';
import type { ClaimSettings } from './resolve-storage';

/**
 * The StatefulSet's volumeClaimTemplates. Only the name, and labels the user asks for,
 * go into a template's metadata: claim templates are immutable in a live StatefulSet, so
 * nothing that might change later by itself (the common labels and annotations) is put
 * there; the StatefulSet controller adds the set's selector labels to each claim anyway
 * (stateful_set_utils.go: getPersistentVolumeClaims).
 */
export function claimTemplates(claims: readonly ClaimSettings[]): Wire<KubePersistentVolumeClaimProps>[] {
  return claims.map((c) => ({
    metadata: { name: c.name, labels: c.labels ? { ...c.labels } : undefined },
    spec: {
      accessModes: [...c.accessModes],
      storageClassName: c.storageClassName,
      volumeMode: c.block ? 'Block' : undefined,
      resources: { requests: { storage: c.size } },
    },
  }));
}
