import { isDnsLabel, isPercent, isServiceName } from '../../k8s-syntax';
import { selectorMatches } from '../../manifests';
import { Ctx, isInt, isNonNegativeInt, isObject, list, oneOf, show } from './context';
import { checkLabelSelector } from './labels';
import { checkTemplateMeta } from './metadata';
import { checkClaimSpec, checkClaimTemplates } from './persistent-volumes';
import { checkPodSpec } from './pod-spec';

function nonNegative(ctx: Ctx, path: string, value: unknown): void {
  if (value !== undefined && !isNonNegativeInt(value))
    ctx.report(path, `must be a non-negative integer, got ${show(value)}`, 'workload');
}

// apps validation.go: ValidatePositiveIntOrPercent, and IsNotMoreThan100Percent when `capped`.
export function intOrPercentProblem(value: unknown, capped = true): string | undefined {
  if (isInt(value)) return value < 0 ? `must not be negative, got ${value}` : undefined;
  if (!isPercent(value)) return `must be an integer or a percentage such as "25%", got ${show(value)}`;
  return capped && Number(value.slice(0, -1)) > 100 ? `must not be more than 100%, got ${show(value)}` : undefined;
}

// The value an int-or-percent stands for, to compare with zero.
const amount = (v: unknown) => (isPercent(v) ? Number(v.slice(0, -1)) : Number(v ?? 0));

// apps validation.go: ValidateStatefulSetSpec, validateRollingUpdateStatefulSet,
// ValidatePersistentVolumeClaimRetentionPolicy.
function checkStatefulSetSpec(ctx: Ctx, spec: Record<string, any>): void {
  const policy = spec.podManagementPolicy;
  if (policy !== undefined && policy !== 'OrderedReady' && policy !== 'Parallel') {
    ctx.report('spec.podManagementPolicy', `must be "OrderedReady" or "Parallel", got ${show(policy)}`, 'workload');
  }
  const strategy = isObject(spec.updateStrategy) ? spec.updateStrategy : {};
  const type = strategy.type ?? 'RollingUpdate';
  if (type !== 'RollingUpdate' && type !== 'OnDelete') {
    ctx.report('spec.updateStrategy.type', `must be "RollingUpdate" or "OnDelete", got ${show(type)}`, 'workload');
  } else if (strategy.rollingUpdate !== undefined && type === 'OnDelete') {
    ctx.report('spec.updateStrategy.rollingUpdate', 'may only be set when type is "RollingUpdate"', 'workload');
  }
  const ru = isObject(strategy.rollingUpdate) ? strategy.rollingUpdate : {};
  nonNegative(ctx, 'spec.updateStrategy.rollingUpdate.partition', ru.partition);
  if (ru.maxUnavailable !== undefined) {
    const problem =
      intOrPercentProblem(ru.maxUnavailable) ?? (amount(ru.maxUnavailable) === 0 ? 'must not be 0' : undefined);
    // Dropped with the field (below), so not refused.
    if (problem) ctx.report('spec.updateStrategy.rollingUpdate.maxUnavailable', problem, 'workload', 'warning');
    // Dropped on create while the MaxUnavailableStatefulSet gate is off: alpha, then beta
    // off by default up to 1.36 (kubernetes#133153).
    ctx.report(
      'spec.updateStrategy.rollingUpdate.maxUnavailable',
      'is dropped by the API server unless the MaxUnavailableStatefulSet feature gate is on (off by default up to 1.36): the set updates one pod at a time',
      'feature-gated',
    );
  }
  nonNegative(ctx, 'spec.minReadySeconds', spec.minReadySeconds);
  const retention = spec.persistentVolumeClaimRetentionPolicy;
  for (const when of ['whenDeleted', 'whenScaled']) {
    const v = retention?.[when];
    if (v !== undefined && v !== 'Retain' && v !== 'Delete') {
      ctx.report(
        `spec.persistentVolumeClaimRetentionPolicy.${when}`,
        `must be "Retain" or "Delete", got ${show(v)}`,
        'workload',
      );
    }
  }
  if (isObject(spec.ordinals)) nonNegative(ctx, 'spec.ordinals.start', spec.ordinals.start);
  // The pods get `subdomain: <serviceName>` (stateful_set_utils.go: initIdentity), a DNS label.
  const serviceName = spec.serviceName;
  if (typeof serviceName === 'string' && serviceName !== '') {
    if (!isDnsLabel(serviceName)) {
      ctx.report(
        'spec.serviceName',
        `must be a DNS label: the pods take it as their subdomain and are rejected otherwise, got ${show(serviceName)}`,
        'service-name',
      );
    } else if (!isServiceName(serviceName) && ctx.target.minor < 36) {
      ctx.report(
        'spec.serviceName',
        `${show(serviceName)} cannot name a Service (Service names start with a letter): the pods' DNS names never resolve`,
        'service-name-dns',
      );
    }
  }
}

// apps validation.go: ValidateDeploymentSpec, ValidateDeploymentStrategy, ValidateRollingUpdateDeployment.
function checkDeploymentSpec(ctx: Ctx, spec: Record<string, any>): void {
  nonNegative(ctx, 'spec.minReadySeconds', spec.minReadySeconds);
  nonNegative(ctx, 'spec.revisionHistoryLimit', spec.revisionHistoryLimit);
  if (isInt(spec.progressDeadlineSeconds) && spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
    ctx.report(
      'spec.progressDeadlineSeconds',
      `must be greater than minReadySeconds (${spec.minReadySeconds ?? 0}), got ${spec.progressDeadlineSeconds}`,
      'workload',
    );
  }
  const strategy = spec.strategy;
  if (!isObject(strategy)) return;
  if (strategy.type === 'Recreate' && strategy.rollingUpdate !== undefined) {
    ctx.report('spec.strategy.rollingUpdate', 'may not be set when type is "Recreate"', 'workload');
  }
  const ru = strategy.rollingUpdate;
  if (!isObject(ru)) return;
  // Only maxUnavailable is capped at 100% (ValidateRollingUpdateDeployment calls
  // IsNotMoreThan100Percent on it alone): a surge of "150%" is accepted.
  for (const field of ['maxUnavailable', 'maxSurge']) {
    const problem = ru[field] === undefined ? undefined : intOrPercentProblem(ru[field], field === 'maxUnavailable');
    if (problem) ctx.report(`spec.strategy.rollingUpdate.${field}`, problem, 'workload');
  }
  if (
    ru.maxUnavailable !== undefined &&
    ru.maxSurge !== undefined &&
    amount(ru.maxUnavailable) === 0 &&
    amount(ru.maxSurge) === 0
  ) {
    ctx.report('spec.strategy.rollingUpdate.maxUnavailable', 'may not be 0 when maxSurge is 0', 'workload');
  }
}

const CONTROLLERS = ['StatefulSet', 'Deployment', 'DaemonSet', 'ReplicaSet'];

/** A workload (StatefulSet, Deployment, DaemonSet, ReplicaSet, Job, CronJob) or a Pod. */
// apps validation.go: ValidateStatefulSetSpec, ValidateDeploymentSpec, ValidateDaemonSetSpec,
// ValidatePodTemplateSpecForStatefulSet / ForReplicaSet; validation.go: ValidatePodTemplateSpec.
export function checkWorkload(ctx: Ctx, o: Record<string, any>): void {
  const spec = o.spec;
  if (!isObject(spec)) return;
  if (o.kind === 'Pod') {
    checkPodSpec(ctx, 'spec', spec, { claimTemplates: [], checkClaim: (p, s) => checkClaimSpec(ctx, p, s) });
    return;
  }
  const claimTemplates = o.kind === 'StatefulSet' ? checkClaimTemplates(ctx, spec.volumeClaimTemplates) : [];
  if (o.kind === 'StatefulSet') checkStatefulSetSpec(ctx, spec);
  if (o.kind === 'Deployment') checkDeploymentSpec(ctx, spec);
  nonNegative(ctx, 'spec.replicas', spec.replicas);
  const cron = o.kind === 'CronJob';
  const template = cron ? spec.jobTemplate?.spec?.template : spec.template;
  const tPath = cron ? 'spec.jobTemplate.spec.template' : 'spec.template';
  checkTemplateMeta(ctx, `${tPath}.metadata`, template?.metadata);
  checkSelector(ctx, o.kind, spec.selector, template?.metadata?.labels);
  checkPodSpec(ctx, `${tPath}.spec`, template?.spec, {
    claimTemplates,
    checkClaim: (p, s) => checkClaimSpec(ctx, p, s),
  });
  const podSpec = isObject(template?.spec) ? template.spec : {};
  const restart = podSpec.restartPolicy;
  if (CONTROLLERS.includes(o.kind)) {
    if (restart !== undefined && restart !== 'Always') {
      ctx.report(
        `${tPath}.spec.restartPolicy`,
        `must be "Always" for a ${o.kind}, got ${show(restart)}`,
        'restart-policy',
      );
    }
    if (podSpec.activeDeadlineSeconds !== undefined) {
      ctx.report(`${tPath}.spec.activeDeadlineSeconds`, `is not supported in a ${o.kind}`, 'restart-policy');
    }
  } else if (restart === 'Always' || (restart === undefined && isObject(template?.spec))) {
    // batch validation.go: ValidateJobSpec (the Always default does not apply to Jobs).
    ctx.report(
      `${tPath}.spec.restartPolicy`,
      `must be ${oneOf(['OnFailure', 'Never'])} for a ${o.kind}, got ${show(restart)}`,
      'restart-policy',
    );
  }
}

/** A controller's selector: required, not empty, well-formed, selecting its own template. */
// apps validation.go: ValidateStatefulSetSpec (selector, "selector does not match template labels").
function checkSelector(ctx: Ctx, kind: string, selector: unknown, labels: unknown): void {
  if (!isObject(selector)) return; // required by the schema (except for Jobs, which default it)
  checkLabelSelector(ctx, 'spec.selector', selector);
  const empty =
    Object.keys(isObject(selector.matchLabels) ? selector.matchLabels : {}).length === 0 &&
    list(selector.matchExpressions).length === 0;
  if (empty) {
    ctx.report('spec.selector', `must not be empty: a ${kind} would claim every pod in the namespace`, 'selector');
  } else if (!selectorMatches(selector, isObject(labels) ? labels : {})) {
    ctx.report(
      'spec.selector',
      `does not match the template labels ${show(labels ?? {})}: the API server rejects a selector that does not select its own pods`,
      'selector',
    );
  }
}
