import { KubePersistentVolumeClaimProps, Quantity } from '../../imports/k8s';
import type { ClaimSettings } from './resolve-storage';

/**
 * The StatefulSet's volumeClaimTemplates. Only the name goes into a template's metadata:
 * claim templates are immutable in a live StatefulSet, so nothing that might change
 * later (labels, annotations) is put there; the StatefulSet controller labels each claim
 * with the set's selector labels anyway (stateful_set_utils.go: getPersistentVolumeClaims).
 */
export function claimTemplates(claims: readonly ClaimSettings[]): KubePersistentVolumeClaimProps[] {
  return claims.map((c) => ({
    metadata: { name: c.name },
    spec: {
      accessModes: [...c.accessModes],
      storageClassName: c.storageClassName,
      volumeMode: c.block ? 'Block' : undefined,
      resources: { requests: { storage: Quantity.fromString(c.size) } },
    },
  }));
}
