import { Manifest, Problem, problemAt } from '../manifests';
import {
  checkAutoscaler,
  checkCronJob,
  checkDaemonSetStrategy,
  checkJobSpec,
  checkLimitRange,
  checkPriorityClass,
  checkResourceQuota,
  checkSecret,
  checkStorageClass,
} from './rules/cluster-objects';
import { checkConfigMap } from './rules/config-maps';
import { Ctx, isObject, parseTarget, Report, RULES } from './rules/context';
import { checkDisruptionBudget } from './rules/disruption-budgets';
import { checkObjectMeta } from './rules/metadata';
import { checkIngress, checkIngressClass } from './rules/ingresses';
import { checkNetworkPolicy } from './rules/network-policies';
import { checkBindings, checkClaimSpec, checkPersistentVolume } from './rules/persistent-volumes';
import { checkRbac } from './rules/rbac';
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
    case 'DaemonSet':
      if (isObject(o.spec)) checkDaemonSetStrategy(ctx, o.spec);
      return checkWorkload(ctx, o);
    case 'Job':
      checkJobSpec(ctx, 'spec', o.spec);
      return checkWorkload(ctx, o);
    case 'CronJob':
      checkCronJob(ctx, o);
      return checkWorkload(ctx, o);
    case 'StatefulSet':
    case 'Deployment':
    case 'ReplicaSet':
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
    case 'Ingress':
      return checkIngress(ctx, o);
    case 'IngressClass':
      return checkIngressClass(ctx, o);
    case 'Role':
    case 'ClusterRole':
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      return checkRbac(ctx, o);
    case 'HorizontalPodAutoscaler':
      return checkAutoscaler(ctx, o);
    case 'Secret':
      return checkSecret(ctx, o);
    case 'StorageClass':
      return checkStorageClass(ctx, o);
    case 'PriorityClass':
      return checkPriorityClass(ctx, o);
    case 'LimitRange':
      return checkLimitRange(ctx, o);
    case 'ResourceQuota':
      return checkResourceQuota(ctx, o);
  }
}

/** Runs every rule on every manifest, then the rules across the manifests of the app. */
export function checkApiRules(manifests: readonly Manifest[], options: ApiRuleOptions = {}): Problem[] {
  const target = parseTarget(options.version);
  const problems: Problem[] = [];
  for (const m of manifests) {
    if (!isObject(m.object)) continue;
    const report: Report = (path, message, rule, severity) =>
      problems.push(problemAt(m, path, message, rule, severity ?? RULES[rule]));
    checkObject({ report, target, kind: m.object.kind }, m.object);
  }
  checkBindings(manifests, problems);
  checkServicesTogether(manifests, problems);
  return problems;
}
