import { TaintEffect } from '../core/kplus-enums';
import type {
  Affinity,
  NodeSelectorRequirement,
  PodSpec,
  Toleration as K8sToleration,
  TopologySpreadConstraint,
} from '../../imports/k8s';
import { checkInteger, checkLabelKey, checkLabelValue, checkLabels } from '../core/checks';
import { Problems, checkUnique, show } from '../core/problems';
import { durationSeconds, enumValue, isInstance, listOf, structOf } from '../core/values';
import { NodeAffinity, NodeRequirement, PodAntiAffinity } from './affinity';
import type { PlacementOptions, PlacementProps } from './placement-options';
import { Spread, SpreadConstraint, SpreadPolicy } from './spread';
import { Toleration } from './toleration';

export type PlacementSettings = Pick<
  PodSpec,
  'affinity' | 'topologySpreadConstraints' | 'nodeSelector' | 'tolerations'
>;

/** Placement of the pods; every rule about the set's own pods selects them by `selector`. */
export function resolvePlacement(
  props: PlacementOptions,
  selector: Readonly<Record<string, string>>,
  p: Problems,
): PlacementSettings {
  const o = structOf<PlacementProps>('placement', props.placement, p);
  const spread = o.spread ?? Spread.soft();
  const constraints = isInstance(
    'placement.spread',
    spread,
    Spread,
    'Spread.soft(), .hard(), .custom(...) or .none()',
    p,
  )
    ? resolveSpread(spread._constraints, selector, p)
    : [];
  const antiAffinity = listOf<PodAntiAffinity>('placement.podAntiAffinity', o.podAntiAffinity, p).flatMap((a, i) =>
    isInstance(
      `placement.podAntiAffinity[${i}]`,
      a,
      PodAntiAffinity,
      'PodAntiAffinity.required(...) or .preferred(...)',
      p,
    )
      ? [resolveAntiAffinity(`placement.podAntiAffinity[${i}]`, a, selector, p)]
      : [],
  );
  const nodeRules = listOf<NodeAffinity>('placement.nodeAffinity', o.nodeAffinity, p).flatMap((a, i) =>
    isInstance(`placement.nodeAffinity[${i}]`, a, NodeAffinity, 'NodeAffinity.required(...) or .preferred(...)', p)
      ? [{ rule: a, requirements: resolveRequirements(`placement.nodeAffinity[${i}]`, a, p) }]
      : [],
  );
  const nodeSelector = Object.fromEntries(checkLabels('placement.nodeSelector', o.nodeSelector, (m) => p.add(m)));
  const tolerations = listOf<Toleration>('placement.tolerations', o.tolerations, p).flatMap((t, i) =>
    isInstance(`placement.tolerations[${i}]`, t, Toleration, 'Toleration.exists(...), .equal(...) or .all()', p)
      ? [resolveToleration(`placement.tolerations[${i}]`, t, p)]
      : [],
  );

  const required = antiAffinity.filter((a) => a.required).map((a) => a.term);
  const preferred = antiAffinity
    .filter((a) => !a.required)
    .map((a) => ({ weight: a.weight!, podAffinityTerm: a.term }));
  const requiredNodes = nodeRules.filter((n) => n.rule._required).map((n) => ({ matchExpressions: n.requirements }));
  const preferredNodes = nodeRules
    .filter((n) => !n.rule._required)
    .map((n) => ({ weight: n.rule._weight!, preference: { matchExpressions: n.requirements } }));
  const affinity: Affinity = {
    podAntiAffinity:
      required.length + preferred.length > 0
        ? {
            requiredDuringSchedulingIgnoredDuringExecution: required.length > 0 ? required : undefined,
            preferredDuringSchedulingIgnoredDuringExecution: preferred.length > 0 ? preferred : undefined,
          }
        : undefined,
    nodeAffinity:
      nodeRules.length > 0
        ? {
            requiredDuringSchedulingIgnoredDuringExecution:
              requiredNodes.length > 0 ? { nodeSelectorTerms: requiredNodes } : undefined,
            preferredDuringSchedulingIgnoredDuringExecution: preferredNodes.length > 0 ? preferredNodes : undefined,
          }
        : undefined,
  };
  return {
    affinity: affinity.podAntiAffinity || affinity.nodeAffinity ? affinity : undefined,
    topologySpreadConstraints: constraints.length > 0 ? constraints : undefined,
    nodeSelector: Object.keys(nodeSelector).length > 0 ? nodeSelector : undefined,
    tolerations: tolerations.length > 0 ? tolerations : undefined,
  };
}

// validation.go: validateTopologySpreadConstraints.
function resolveSpread(
  given: unknown,
  selector: Readonly<Record<string, string>>,
  p: Problems,
): TopologySpreadConstraint[] {
  const list = listOf<SpreadConstraint>('placement.spread', given, p).map((c, i) => {
    const at = `placement.spread constraint ${i}`;
    const o = structOf<SpreadConstraint>(at, c, p);
    p.check(checkLabelKey(`${at} topologyKey`, o.topologyKey));
    const maxSkew = o.maxSkew ?? 1;
    p.check(checkInteger(`${at} maxSkew`, maxSkew, 1));
    const when =
      o.whenUnsatisfiable === undefined
        ? SpreadPolicy.SCHEDULE_ANYWAY
        : enumValue(`${at} whenUnsatisfiable`, o.whenUnsatisfiable, 'SpreadPolicy', SpreadPolicy, p);
    if (o.minDomains !== undefined) {
      p.check(checkInteger(`${at} minDomains`, o.minDomains, 1));
      if (when !== SpreadPolicy.DO_NOT_SCHEDULE)
        p.add(`'${at} minDomains' needs whenUnsatisfiable SpreadPolicy.DO_NOT_SCHEDULE`);
    }
    return {
      maxSkew,
      topologyKey: o.topologyKey as string,
      whenUnsatisfiable: when as string,
      minDomains: o.minDomains,
      labelSelector: { matchLabels: { ...selector } },
    };
  });
  checkUnique(
    'placement.spread',
    'topologyKey and whenUnsatisfiable',
    list.map((c) => `${c.topologyKey} ${c.whenUnsatisfiable}`),
    p,
  );
  return list;
}

function resolveAntiAffinity(
  prop: string,
  a: PodAntiAffinity,
  selector: Readonly<Record<string, string>>,
  p: Problems,
) {
  const topologyKey = a._topologyKey ?? 'kubernetes.io/hostname';
  // validation.go: validatePodAffinityTerm: the topology key is required and a qualified name.
  if (topologyKey === '')
    p.add(`'${prop}.topologyKey' must not be empty: it names the node label whose values are the domains`);
  else p.check(checkLabelKey(`${prop}.topologyKey`, topologyKey));
  const weight = a._required ? undefined : (a._weight ?? 100);
  if (weight !== undefined) p.check(checkInteger(`${prop}.weight`, weight, 1, 100));
  return { required: a._required, weight, term: { topologyKey, labelSelector: { matchLabels: { ...selector } } } };
}

// validation.go: ValidateNodeSelectorRequirement.
function resolveRequirements(prop: string, a: NodeAffinity, p: Problems): NodeSelectorRequirement[] {
  if (!a._required) p.check(checkInteger(`${prop} weight`, a._weight, 1, 100));
  const list = listOf<NodeRequirement>(`${prop} requirements`, a._requirements, p);
  if (list.length === 0) p.add(`'${prop}' must have at least one NodeRequirement`);
  return list.flatMap((r, i) => {
    const at = `${prop} requirements[${i}]`;
    if (!isInstance(at, r, NodeRequirement, 'NodeRequirement.valueIn(...) or another NodeRequirement factory', p))
      return [];
    p.check(checkLabelKey(`${at} key`, r._key));
    const values = listOf<string>(`${at} values`, r._values, p);
    if ((r._operator === 'In' || r._operator === 'NotIn') && values.length === 0) {
      p.add(`'${at}' (${r._operator}) must list at least one value`);
    }
    if (r._operator === 'In' || r._operator === 'NotIn')
      values.forEach((v, k) => p.check(checkLabelValue(`${at} values[${k}]`, v)));
    // A Gt/Lt value must parse as an integer, and from 1.33 be a label value too (no '-').
    if ((r._operator === 'Gt' || r._operator === 'Lt') && !/^\d+$/.test(values[0] ?? '')) {
      p.add(`'${at}' (${r._operator}) must compare with a non-negative integer, got ${show(values[0])}`);
    }
    return [{ key: r._key, operator: r._operator, values: values.length > 0 ? [...values] : undefined }];
  });
}

// validation.go: ValidateTolerations.
function resolveToleration(prop: string, t: Toleration, p: Problems): K8sToleration {
  const o = structOf<Toleration['_options']>(prop, t._options, p);
  if (t._key !== undefined) p.check(checkLabelKey(`${prop} key`, t._key));
  if (t._operator === 'Equal') p.check(checkLabelValue(`${prop} value`, t._value));
  const effect =
    o.effect === undefined ? undefined : enumValue(`${prop}.effect`, o.effect, 'TaintEffect', TaintEffect, p);
  let tolerationSeconds: number | undefined;
  if (o.tolerationSeconds !== undefined) {
    if (effect !== TaintEffect.NO_EXECUTE) {
      p.add(
        `'${prop}.tolerationSeconds' applies to effect TaintEffect.NO_EXECUTE only, got ${show(effect ?? 'every effect')}`,
      );
    }
    tolerationSeconds = durationSeconds(`${prop}.tolerationSeconds`, o.tolerationSeconds, p, 0);
  }
  return { key: t._key, operator: t._operator, value: t._value, effect, tolerationSeconds };
}
