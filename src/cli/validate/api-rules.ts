import { Manifest, Problem, problemAt } from '../manifests';
import { checkConfigMap } from './rules/config-maps';
import { Ctx, isObject, parseTarget, Report, RULES } from './rules/context';
import { checkDisruptionBudget } from './rules/disruption-budgets';
import { checkObjectMeta } from './rules/metadata';
import { checkNetworkPolicy } from './rules/network-policies';
import { checkBindings, checkClaimSpec, checkPersistentVolume } from './rules/persistent-volumes';
import { checkService, checkServicesTogether } from './rules/services';
import { checkWorkload } from './rules/workloads';

export { RULES } from './rules/context';
export type { RuleId } from './rules/context';

/**
 * The rules the Kubernetes API server enforces (apis/core, apps, policy and networking
 * validation) that a JSON schema cannot express, for the kinds this project emits; the
 * failures of the objects a controller makes from them (a StatefulSet's pods and claims);
 * and, as warnings, what the API server accepts but the cluster will not run as meant.
 * docs/rules.md lists every rule with its upstream source.
 */

export interface ApiRuleOptions {
  /** The Kubernetes version to mirror, such as "1.27" or "v1.33.0". @default "1.27" */
  readonly version?: string;
}

function checkObject(ctx: Ctx, o: Record<string, any>): void {
  checkObjectMeta(ctx, o.kind, o.metadata);
  switch (o.kind) {
    case 'StatefulSet':
    case 'Deployment':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'Job':
    case 'CronJob':
    case 'Pod':
      return checkWorkload(ctx, o);
    case 'Service':
      return checkService(ctx, o);
    case 'PersistentVolume':
      return checkPersistentVolume(ctx, o);
    case 'PersistentVolumeClaim':
      return checkClaimSpec(ctx, 'spec', o.spec);
    case 'PodDisruptionBudget':
      return checkDisruptionBudget(ctx, o);
    case 'ConfigMap':
      return checkConfigMap(ctx, o);
    case 'NetworkPolicy':
      return checkNetworkPolicy(ctx, o);
  }
}

/** Runs every rule on every manifest, then the rules across the manifests of the app. */
export function checkApiRules(manifests: readonly Manifest[], options: ApiRuleOptions = {}): Problem[] {
  const target = parseTarget(options.version);
  const problems: Problem[] = [];
  for (const m of manifests) {
    if (!isObject(m.object)) continue;
    const report: Report = (path, message, rule) => problems.push(problemAt(m, path, message, rule, RULES[rule]));
    checkObject({ report, target }, m.object);
  }
  checkBindings(manifests, problems);
  checkServicesTogether(manifests, problems);
  return problems;
}
