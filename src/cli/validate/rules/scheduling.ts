import { isDnsLabel, isDnsSubdomain, isLabelValue, isQualifiedName } from '../../k8s-syntax';
import { Ctx, isInt, isObject, list, oneOf, RuleId, show } from './context';
import { checkLabelSelector, checkRequirement, qualifiedNameRule } from './labels';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** Toleration operators `Gt` and `Lt`: feature-gated (TaintTolerationComparisonOperators). */
export const GATED_OPERATOR = (operator: string) =>
  `must be "Equal" or "Exists", got ${show(operator)}: "Gt" and "Lt" need the TaintTolerationComparisonOperators feature gate (alpha from Kubernetes 1.35, off by default), without which the API server refuses them`;

/** A pod's `tolerations`. */
// validation.go: ValidateTolerations, validateTaintEffect.
export function checkTolerations(ctx: Ctx, path: string, tolerations: unknown): void {
  list(tolerations).forEach((t, i) => {
    if (!isObject(t)) return;
    const at = `${path}[${i}]`;
    const operator = t.operator ?? 'Equal';
    const k = t.key ?? '';
    if (k !== '' && !isQualifiedName(k))
      ctx.report(`${at}.key`, `must be a taint key (${qualifiedNameRule}), got ${show(k)}`, 'tolerations');
    if (k === '' && operator !== 'Exists') {
      ctx.report(
        `${at}.operator`,
        `must be "Exists" when key is empty (which tolerates every taint), got ${show(operator)}`,
        'tolerations',
      );
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && t.effect !== 'NoExecute') {
      ctx.report(
        `${at}.effect`,
        `must be "NoExecute" when tolerationSeconds is set, got ${show(t.effect ?? '')}`,
        'tolerations',
      );
    }
    const value = t.value ?? '';
    if (operator === 'Equal' || operator === '') {
      if (!isLabelValue(value)) {
        ctx.report(
          `${at}.value`,
          `must be a label value (at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit), got ${show(value)}`,
          'tolerations',
        );
      }
    } else if (operator === 'Exists') {
      if (value !== '')
        ctx.report(`${at}.value`, `must be empty when operator is "Exists", got ${show(value)}`, 'tolerations');
    } else if (operator === 'Gt' || operator === 'Lt') {
      // The 1.35 and 1.36 schemas list them; the API server refuses them while the gate is off.
      ctx.report(`${at}.operator`, GATED_OPERATOR(operator), 'tolerations');
    } else {
      ctx.report(`${at}.operator`, `must be "Equal" or "Exists", got ${show(operator)}`, 'tolerations');
    }
    if (t.effect !== undefined && t.effect !== '' && !EFFECTS.includes(t.effect)) {
      ctx.report(`${at}.effect`, `must be ${oneOf(EFFECTS)} (or empty for all), got ${show(t.effect)}`, 'tolerations');
    }
  });
}

function checkWeight(ctx: Ctx, path: string, weight: unknown, rule: RuleId): void {
  if (!isInt(weight) || weight < 1 || weight > 100)
    ctx.report(path, `must be from 1 to 100, got ${show(weight)}`, rule);
}

/** A node selector term (of node affinity, or of a PersistentVolume's node affinity). */
// validation.go: ValidateNodeSelectorTerm, ValidateNodeFieldSelectorRequirement.
export function checkNodeSelectorTerm(ctx: Ctx, path: string, term: unknown, kind: 'required' | 'preferred'): void {
  if (!isObject(term)) return;
  list(term.matchExpressions).forEach((r, i) => checkRequirement(ctx, `${path}.matchExpressions[${i}]`, r, kind));
  list(term.matchFields).forEach((r, i) => {
    const at = `${path}.matchFields[${i}]`;
    if (r?.key !== 'metadata.name')
      ctx.report(
        `${at}.key`,
        `must be "metadata.name", the only node field selector, got ${show(r?.key)}`,
        'node-affinity',
      );
    if (r?.operator !== 'In' && r?.operator !== 'NotIn')
      ctx.report(`${at}.operator`, `must be "In" or "NotIn", got ${show(r?.operator)}`, 'node-affinity');
    const values = list(r?.values);
    if (values.length !== 1)
      ctx.report(`${at}.values`, `must hold exactly one node name, got ${show(values)}`, 'node-affinity');
    else if (!isDnsSubdomain(values[0]))
      ctx.report(`${at}.values[0]`, `must be a node name (a DNS subdomain), got ${show(values[0])}`, 'node-affinity');
  });
}

/** A required node selector: at least one term. */
// validation.go: ValidateNodeSelector.
export function checkNodeSelector(ctx: Ctx, path: string, selector: unknown): void {
  if (!isObject(selector)) return;
  const terms = list(selector.nodeSelectorTerms);
  if (terms.length === 0)
    ctx.report(`${path}.nodeSelectorTerms`, 'must have at least one node selector term', 'node-affinity');
  terms.forEach((t, i) => checkNodeSelectorTerm(ctx, `${path}.nodeSelectorTerms[${i}]`, t, 'required'));
}

// validation.go: validatePodAffinityTerm, validateMatchLabelKeysAndMismatchLabelKeys.
function checkPodAffinityTerm(ctx: Ctx, path: string, term: unknown): void {
  if (!isObject(term)) return;
  checkLabelSelector(ctx, `${path}.labelSelector`, term.labelSelector);
  checkLabelSelector(ctx, `${path}.namespaceSelector`, term.namespaceSelector);
  list(term.namespaces).forEach((ns, i) => {
    if (!isDnsLabel(ns))
      ctx.report(`${path}.namespaces[${i}]`, `must be a namespace name (a DNS label), got ${show(ns)}`, 'pod-affinity');
  });
  if (typeof term.topologyKey !== 'string' || term.topologyKey === '')
    ctx.report(`${path}.topologyKey`, 'is required', 'pod-affinity');
  else if (!isQualifiedName(term.topologyKey)) {
    ctx.report(
      `${path}.topologyKey`,
      `must be a node label key (${qualifiedNameRule}), got ${show(term.topologyKey)}`,
      'pod-affinity',
    );
  }
  checkLabelKeys(ctx, path, term, ['matchLabelKeys', 'mismatchLabelKeys'], 'pod-affinity');
}

// The keys whose values the scheduler copies from the incoming pod (matchLabelKeys,
// mismatchLabelKeys): label keys, only with a labelSelector, and not in it already.
function checkLabelKeys(ctx: Ctx, path: string, term: Record<string, any>, fields: string[], rule: RuleId): void {
  const selectorKeys = new Set([
    ...Object.keys(isObject(term.labelSelector?.matchLabels) ? term.labelSelector.matchLabels : {}),
    ...list(term.labelSelector?.matchExpressions).map((e) => e?.key),
  ]);
  const mismatch = new Set(list(term.mismatchLabelKeys));
  for (const field of fields) {
    const keys = list(term[field]);
    if (keys.length > 0 && !isObject(term.labelSelector)) {
      ctx.report(`${path}.${field}`, 'must not be set without a labelSelector', rule);
      continue;
    }
    keys.forEach((k, i) => {
      const at = `${path}.${field}[${i}]`;
      if (!isQualifiedName(k)) ctx.report(at, `must be a label key (${qualifiedNameRule}), got ${show(k)}`, rule);
      // MatchLabelKeysInPodTopologySpreadSelectorMerge (beta from 1.34) allows it.
      else if (field === 'matchLabelKeys' && selectorKeys.has(k) && ctx.target.minor < 34)
        ctx.report(at, `${show(k)} is already a key of the labelSelector`, rule);
      else if (field === 'matchLabelKeys' && mismatch.has(k))
        ctx.report(at, `${show(k)} is also in mismatchLabelKeys`, rule);
    });
  }
}

/** A pod's `affinity`. */
// validation.go: validateAffinity, validateNodeAffinity, ValidatePreferredSchedulingTerms,
// validatePodAffinity, validatePodAntiAffinity, validateWeightedPodAffinityTerms.
export function checkAffinity(ctx: Ctx, path: string, affinity: unknown): void {
  if (!isObject(affinity)) return;
  const node = affinity.nodeAffinity;
  if (isObject(node)) {
    checkNodeSelector(
      ctx,
      `${path}.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution`,
      node.requiredDuringSchedulingIgnoredDuringExecution,
    );
    list(node.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      const at = `${path}.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      checkWeight(ctx, `${at}.weight`, t?.weight, 'node-affinity');
      checkNodeSelectorTerm(ctx, `${at}.preference`, t?.preference, 'preferred');
    });
  }
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const a = affinity[kind];
    if (!isObject(a)) continue;
    list(a.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) =>
      checkPodAffinityTerm(ctx, `${path}.${kind}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`, t),
    );
    list(a.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      const at = `${path}.${kind}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      checkWeight(ctx, `${at}.weight`, t?.weight, 'pod-affinity');
      checkPodAffinityTerm(ctx, `${at}.podAffinityTerm`, t?.podAffinityTerm);
    });
  }
}

const WHEN_UNSATISFIABLE = ['DoNotSchedule', 'ScheduleAnyway'];
const NODE_POLICIES = ['Honor', 'Ignore'];

/** A pod's `topologySpreadConstraints`. */
// validation.go: validateTopologySpreadConstraints, ValidateMaxSkew, validateMinDomains,
// ValidateTopologyKey, ValidateWhenUnsatisfiable, ValidateSpreadConstraintNotRepeat,
// validateNodeInclusionPolicy, validateMatchLabelKeysInTopologySpread.
export function checkTopologySpread(ctx: Ctx, path: string, constraints: unknown): void {
  const seen = new Set<string>();
  list(constraints).forEach((c, i) => {
    if (!isObject(c)) return;
    const at = `${path}[${i}]`;
    if (!isInt(c.maxSkew) || c.maxSkew <= 0)
      ctx.report(`${at}.maxSkew`, `must be greater than zero, got ${show(c.maxSkew)}`, 'topology-spread');
    if (typeof c.topologyKey !== 'string' || c.topologyKey === '')
      ctx.report(`${at}.topologyKey`, 'is required', 'topology-spread');
    if (!WHEN_UNSATISFIABLE.includes(c.whenUnsatisfiable)) {
      ctx.report(
        `${at}.whenUnsatisfiable`,
        `must be ${oneOf(WHEN_UNSATISFIABLE)}, got ${show(c.whenUnsatisfiable)}`,
        'topology-spread',
      );
    }
    const pair = `${c.topologyKey}/${c.whenUnsatisfiable}`;
    if (seen.has(pair)) {
      ctx.report(
        at,
        `duplicate constraint for topologyKey ${show(c.topologyKey)} and whenUnsatisfiable ${show(c.whenUnsatisfiable)}`,
        'topology-spread',
      );
    }
    seen.add(pair);
    if (c.minDomains !== undefined && c.minDomains !== null) {
      if (!isInt(c.minDomains) || c.minDomains <= 0)
        ctx.report(`${at}.minDomains`, `must be greater than zero, got ${show(c.minDomains)}`, 'topology-spread');
      if (c.whenUnsatisfiable !== 'DoNotSchedule') {
        ctx.report(
          `${at}.minDomains`,
          `may only be set when whenUnsatisfiable is "DoNotSchedule", got ${show(c.whenUnsatisfiable)}`,
          'topology-spread',
        );
      }
    }
    for (const policy of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
      if (c[policy] !== undefined && !NODE_POLICIES.includes(c[policy])) {
        ctx.report(`${at}.${policy}`, `must be "Honor" or "Ignore", got ${show(c[policy])}`, 'topology-spread');
      }
    }
    checkLabelKeys(ctx, at, c, ['matchLabelKeys'], 'topology-spread');
    checkLabelSelector(ctx, `${at}.labelSelector`, c.labelSelector);
  });
}
