import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { apiObject } from '../core/wire';
import type { LifecycleSettings } from './resolve-lifecycle';

/**
 * The PodDisruptionBudget: a node drain evicts at most `maxUnavailable` pods of the set
 * at a time, so a replicated stateful service keeps its quorum, and each evicted pod is
 * back on its own volume before the next one goes.
 */
export function makeDisruptionBudget(
  scope: Construct,
  id: string,
  name: string,
  s: LifecycleSettings,
  m: { labels: Record<string, string>; annotations: Record<string, string>; selector: Record<string, string> },
): ApiObject | undefined {
  if (!s.disruptionBudget) return undefined;
  const { name: given, ...budget } = s.disruptionBudget;
  return apiObject(scope, id, 'PodDisruptionBudget', {
    metadata: {
      name: given ?? name,
      labels: { ...m.labels },
      annotations: Object.keys(m.annotations).length > 0 ? { ...m.annotations } : undefined,
    },
    spec: { ...budget, selector: { matchLabels: { ...m.selector } } },
  });
}
