import { PodManagementPolicy } from '../core/enums';
import type * as k8s from '../../imports/k8s';
import type { Wire } from '../core/wire';
import { checkDnsSubdomain, checkInteger } from '../core/checks';
import { Problems, show } from '../core/problems';
import { propNames } from '../core/prop-names';
import { durationSeconds, enumValue, isInstance, structOf } from '../core/values';
import { DisruptionBudget, DisruptionBudgetOptions } from './disruption-budget';
import { ClaimRetention, ClaimRetentionProps, LifecycleOptions } from './lifecycle-options';
import { RollingUpdateOptions, UpdateStrategy } from './update-strategy';

type StatefulSetSpec = Wire<k8s.StatefulSetSpec>;

export interface LifecycleSettings {
  readonly spec: Pick<
    StatefulSetSpec,
    | 'podManagementPolicy'
    | 'updateStrategy'
    | 'minReadySeconds'
    | 'persistentVolumeClaimRetentionPolicy'
    | 'revisionHistoryLimit'
    | 'ordinals'
  >;
  readonly ordinalsStart: number;
  readonly disruptionBudget?: {
    readonly name?: string;
    readonly maxUnavailable?: string | number;
    readonly minAvailable?: string | number;
  };
}

export const LIFECYCLE_PROPS = propNames<LifecycleOptions>({
  podManagementPolicy: true,
  updateStrategy: true,
  minReady: true,
  claimRetention: true,
  ordinalsStart: true,
  disruptionBudget: true,
});
const ROLLING_UPDATE_PROPS = propNames<RollingUpdateOptions>({ partition: true, maxUnavailable: true });
const CLAIM_RETENTION_PROPS = propNames<ClaimRetentionProps>({ whenDeleted: true, whenScaled: true });
const BUDGET_PROPS = propNames<DisruptionBudgetOptions>({ name: true });

export function resolveLifecycle(
  props: LifecycleOptions,
  replicas: number | undefined,
  p: Problems,
): LifecycleSettings {
  const podManagementPolicy =
    props.podManagementPolicy === undefined
      ? PodManagementPolicy.ORDERED_READY
      : enumValue('podManagementPolicy', props.podManagementPolicy, 'PodManagementPolicy', PodManagementPolicy, p);

  const strategy = props.updateStrategy ?? UpdateStrategy.rollingUpdate();
  let updateStrategy: LifecycleSettings['spec']['updateStrategy'];
  if (
    isInstance(
      'updateStrategy',
      strategy,
      UpdateStrategy,
      'UpdateStrategy.rollingUpdate(...) or UpdateStrategy.onDelete()',
      p,
    )
  ) {
    const spec = strategy._spec;
    if (spec.kind === 'OnDelete') {
      updateStrategy = { type: 'OnDelete' };
    } else {
      const o = structOf<RollingUpdateOptions>('updateStrategy', spec.options, p, ROLLING_UPDATE_PROPS);
      const partition = o.partition ?? 0;
      if (
        p.check(checkInteger('updateStrategy.partition', partition, 0)) &&
        replicas !== undefined &&
        partition > replicas
      ) {
        p.add(
          `'updateStrategy.partition' (${partition}) must be at most 'replicas' (${replicas}): a larger partition updates no pod`,
        );
      }
      if (o.maxUnavailable !== undefined) p.check(checkInteger('updateStrategy.maxUnavailable', o.maxUnavailable, 1));
      updateStrategy = {
        type: 'RollingUpdate',
        rollingUpdate: {
          partition,
          maxUnavailable: o.maxUnavailable === undefined ? undefined : o.maxUnavailable,
        },
      };
    }
  }

  const minReadySeconds = props.minReady === undefined ? 0 : durationSeconds('minReady', props.minReady, p, 0);
  const retention = structOf<ClaimRetentionProps>('claimRetention', props.claimRetention, p, CLAIM_RETENTION_PROPS);
  const policy = (field: 'whenDeleted' | 'whenScaled') =>
    retention[field] === undefined
      ? ClaimRetention.RETAIN
      : enumValue(`claimRetention.${field}`, retention[field], 'ClaimRetention', ClaimRetention, p);
  const ordinalsStart = props.ordinalsStart ?? 0;
  p.check(checkInteger('ordinalsStart', ordinalsStart, 0));

  return {
    ordinalsStart,
    disruptionBudget: resolveBudget(props.disruptionBudget, replicas, p),
    spec: {
      podManagementPolicy,
      updateStrategy,
      minReadySeconds,
      // Explicit, and Retain by default: a scale-down or a delete never takes the claims.
      persistentVolumeClaimRetentionPolicy: { whenDeleted: policy('whenDeleted'), whenScaled: policy('whenScaled') },
      // Explicit because the API server rejects changing it later (it is not one of the
      // fields a StatefulSet update may change), so its default must never move.
      revisionHistoryLimit: 10,
      ordinals: ordinalsStart > 0 ? { start: ordinalsStart } : undefined,
    },
  };
}

function resolveBudget(
  given: unknown,
  replicas: number | undefined,
  p: Problems,
): LifecycleSettings['disruptionBudget'] {
  const budget = given ?? DisruptionBudget.maxUnavailable(1);
  if (
    !isInstance(
      'disruptionBudget',
      budget,
      DisruptionBudget,
      'DisruptionBudget.maxUnavailable(...), .maxUnavailablePercent(...), .minAvailable(...) or .none()',
      p,
    )
  ) {
    return undefined;
  }
  const spec = budget._spec;
  if (spec.kind === 'none') return undefined;
  const o = structOf<DisruptionBudgetOptions>('disruptionBudget options', spec.options, p, BUDGET_PROPS);
  if (o.name !== undefined) p.check(checkDnsSubdomain('disruptionBudget name', o.name));
  const name = o.name;
  if (spec.kind === 'maxUnavailablePercent') {
    if (p.check(checkInteger('disruptionBudget (percent)', spec.percent, 1, 100)))
      return { name, maxUnavailable: `${spec.percent}%` };
    return undefined;
  }
  const v = spec.count;
  if (spec.kind === 'maxUnavailable') {
    p.check(checkInteger('disruptionBudget (maxUnavailable)', v, 1));
    return { name, maxUnavailable: v };
  }
  if (p.check(checkInteger('disruptionBudget (minAvailable)', v, 1)) && replicas !== undefined && v >= replicas) {
    p.add(
      `'disruptionBudget' minAvailable ${show(v)} must be less than 'replicas' (${replicas}): otherwise no pod may ever be evicted and node drains block`,
    );
  }
  return { name, minAvailable: v };
}
