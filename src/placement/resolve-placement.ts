import { TaintEffect } from '../core/enums';
import type * as k8s from '../../imports/k8s';
import type { Wire } from '../core/wire';
import { checkInteger, checkLabelKey, checkLabelValue, checkLabels } from '../core/checks';
import { Problems, checkUnique, show } from '../core/problems';
import { propNames } from '../core/prop-names';
import { durationSeconds, enumValue, isInstance, listOf, structOf } from '../core/values';
import { NodeAffinity, NodeRequirement, PodAntiAffinity, PreferredPodAntiAffinityOptions } from './affinity';
import type { PlacementOptions, PlacementProps } from './placement-options';
import { Spread, SpreadConstraint, SpreadPolicy } from './spread';
import { Toleration, TolerationOptions } from './toleration';

type Affinity = Wire<k8s.Affinity>;
type NodeSelectorRequirement = Wire<k8s.NodeSelectorRequirement>;
type PodSpec = Wire<k8s.PodSpec>;
type K8sToleration = Wire<k8s.Toleration>;
type TopologySpreadConstraint = Wire<k8s.TopologySpreadConstraint>;

export type PlacementSettings = Pick<
  PodSpec,
  'affinity' | 'topologySpreadConstraints' | 'nodeSelector' | 'tolerations'
>;

export const PLACEMENT_OPTIONS_PROPS = propNames<PlacementOptions>({ placement: true });
const PLACEMENT_PROPS = propNames<PlacementProps>({
  spread: true,
  podAntiAffinity: true,
  nodeAffinity: true,
  nodeSelector: true,
  tolerations: true,
});
const SPREAD_CONSTRAINT_PROPS = propNames<SpreadConstraint>({
  topologyKey: true,
  maxSkew: true,
  whenUnsatisfiable: true,
  minDomains: true,
  matchLabelKeys: true,
});
// The widest options of both factories; weight on a required rule gets a message of its own.
const ANTI_AFFINITY_PROPS = propNames<PreferredPodAntiAffinityOptions>({ topologyKey: true, weight: true });
const TOLERATION_PROPS = propNames<TolerationOptions>({ effect: true, tolerationSeconds: true });

/** Placement of the pods; every rule about the set's own pods selects them by `selector`. */
export function resolvePlacement(
  props: PlacementOptions,
  selector: Readonly<Record<string, string>>,
  p: Problems,
): PlacementSettings {
  const o = structOf<PlacementProps>('placement', props.placement, p, PLACEMENT_PROPS);
  const spread = o.spread ?? Spread.soft();
  const spreadSpec = isInstance(
    'placement.spread',
    spread,
    Spread,
    'Spread.soft(), .hard(), .custom(...) or .none()',
    p,
  )
    ? spread._spec
    : undefined;
  const constraints = spreadSpec?.kind === 'constraints' ? resolveSpread(spreadSpec.constraints, selector, p) : [];
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
      ? [{ rule: a._spec, requirements: resolveRequirements(`placement.nodeAffinity[${i}]`, a._spec, p) }]
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
  const requiredNodes = nodeRules.flatMap((n) =>
    n.rule.kind === 'required' ? [{ matchExpressions: n.requirements }] : [],
  );
  const preferredNodes = nodeRules.flatMap((n) =>
    n.rule.kind === 'preferred' ? [{ weight: n.rule.weight, preference: { matchExpressions: n.requirements } }] : [],
  );
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
    const o = structOf<SpreadConstraint>(at, c, p, SPREAD_CONSTRAINT_PROPS);
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
    // validation.go: validateMatchLabelKeys: label keys, none of them a key of the labelSelector.
    const matchLabelKeys = listOf<string>(`${at} matchLabelKeys`, o.matchLabelKeys, p);
    matchLabelKeys.forEach((k, j) => {
      if (p.check(checkLabelKey(`${at} matchLabelKeys[${j}]`, k)) && k in selector)
        p.add(
          `'${at} matchLabelKeys[${j}]' must not be a selector label key (the construct selects by it), got ${show(k)}`,
        );
    });
    checkUnique(`${at} matchLabelKeys`, 'key', matchLabelKeys, p);
    return {
      maxSkew,
      topologyKey: o.topologyKey as string,
      whenUnsatisfiable: when as string,
      minDomains: o.minDomains,
      matchLabelKeys: matchLabelKeys.length > 0 ? matchLabelKeys : undefined,
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
  const spec = a._spec;
  const o = structOf<PreferredPodAntiAffinityOptions>(prop, spec.options, p, ANTI_AFFINITY_PROPS);
  if (spec.kind === 'required' && o.weight !== undefined) {
    p.add(`'${prop}.weight' applies to PodAntiAffinity.preferred() only, got ${show(o.weight)}`);
  }
  const topologyKey = o.topologyKey ?? 'kubernetes.io/hostname';
  // validation.go: validatePodAffinityTerm: the topology key is required and a qualified name.
  if (topologyKey === '')
    p.add(`'${prop}.topologyKey' must not be empty: it names the node label whose values are the domains`);
  else p.check(checkLabelKey(`${prop}.topologyKey`, topologyKey));
  const weight = spec.kind === 'required' ? undefined : (o.weight ?? 100);
  if (weight !== undefined) p.check(checkInteger(`${prop}.weight`, weight, 1, 100));
  return {
    required: spec.kind === 'required',
    weight,
    term: { topologyKey, labelSelector: { matchLabels: { ...selector } } },
  };
}

// validation.go: ValidateNodeSelectorRequirement.
function resolveRequirements(prop: string, a: NodeAffinity['_spec'], p: Problems): NodeSelectorRequirement[] {
  if (a.kind === 'preferred') p.check(checkInteger(`${prop} weight`, a.weight, 1, 100));
  const list = listOf<NodeRequirement>(`${prop} requirements`, a.requirements, p);
  if (list.length === 0) p.add(`'${prop}' must have at least one NodeRequirement`);
  return list.flatMap((r, i) => {
    const at = `${prop} requirements[${i}]`;
    if (!isInstance(at, r, NodeRequirement, 'NodeRequirement.valueIn(...) or another NodeRequirement factory', p))
      return [];
    const { kind: operator, key } = r._spec;
    p.check(checkLabelKey(`${at} key`, key));
    const values = listOf<string>(`${at} values`, r._spec.values, p);
    if ((operator === 'In' || operator === 'NotIn') && values.length === 0) {
      p.add(`'${at}' (${operator}) must list at least one value`);
    }
    if (operator === 'In' || operator === 'NotIn')
      values.forEach((v, k) => p.check(checkLabelValue(`${at} values[${k}]`, v)));
    // A Gt/Lt value must parse as an integer, and from 1.33 be a label value too (no '-').
    if ((operator === 'Gt' || operator === 'Lt') && !/^\d+$/.test(values[0] ?? '')) {
      p.add(`'${at}' (${operator}) must compare with a non-negative integer, got ${show(values[0])}`);
    }
    return [{ key, operator, values: values.length > 0 ? [...values] : undefined }];
  });
}

// validation.go: ValidateTolerations.
function resolveToleration(prop: string, t: Toleration, p: Problems): K8sToleration {
  const spec = t._spec;
  const o = structOf<TolerationOptions>(prop, spec.options, p, TOLERATION_PROPS);
  if (spec.key !== undefined) p.check(checkLabelKey(`${prop} key`, spec.key));
  if (spec.kind === 'Equal') p.check(checkLabelValue(`${prop} value`, spec.value));
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
  const value = spec.kind === 'Equal' ? spec.value : undefined;
  return { key: spec.key, operator: spec.kind, value, effect, tolerationSeconds };
}
