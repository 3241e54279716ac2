import { Construct } from 'constructs';
import { IntOrString, KubePodDisruptionBudget } from '../imports/k8s';
import type { Settings } from './settings';

/**
 * The PodDisruptionBudget: a node drain evicts at most `maxUnavailable` pods of the set
 * at a time, so a replicated stateful service keeps a quorum (and each evicted pod is
 * back, on its own volume, before the next one goes).
 */
export function makeDisruptionBudget(scope: Construct, id: string, s: Settings): KubePodDisruptionBudget | undefined {
  const pdb = s.disruptionBudget;
  if (!pdb) return undefined;
  return new KubePodDisruptionBudget(scope, id, {
    metadata: { name: s.name, labels: { ...s.labels } },
    spec: {
      maxUnavailable:
        typeof pdb.maxUnavailable === 'number'
          ? IntOrString.fromNumber(pdb.maxUnavailable)
          : IntOrString.fromString(pdb.maxUnavailable),
      selector: { matchLabels: { ...s.selector } },
    },
  });
}
