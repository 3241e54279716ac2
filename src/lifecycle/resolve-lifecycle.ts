import { PodManagementPolicy } from '../core/kplus-enums';
import type { StatefulSetSpec } from '../../imports/k8s';
import { IntOrString } from '../../imports/k8s';
import { checkDnsSubdomain, checkInteger } from '../core/checks';
import { Problems, show } from '../core/problems';
import { durationSeconds, enumValue, isInstance, structOf } from '../core/values';
import { DisruptionBudget, DisruptionBudgetOptions } from './disruption-budget';
import { ClaimRetention, ClaimRetentionProps, LifecycleOptions } from './lifecycle-options';
import { RollingUpdateOptions, UpdateStrategy } from './update-strategy';

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
    readonly maxUnavailable?: IntOrString;
    readonly minAvailable?: IntOrString;
  };
}

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
    if (strategy._type === 'OnDelete') {
      updateStrategy = { type: 'OnDelete' };
    } else {
      const o = structOf<RollingUpdateOptions>('updateStrategy', strategy._options, p);
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
          maxUnavailable: o.maxUnavailable === undefined ? undefined : IntOrString.fromNumber(o.maxUnavailable),
        },
      };
    }
  }

  const minReadySeconds = props.minReady === undefined ? 0 : durationSeconds('minReady', props.minReady, p, 0);
  const retention = structOf<ClaimRetentionProps>('claimRetention', props.claimRetention, p);
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
  if (budget._field === 'none') return undefined;
  const o = structOf<DisruptionBudgetOptions>('disruptionBudget options', budget._options, p);
  if (o.name !== undefined) p.check(checkDnsSubdomain('disruptionBudget name', o.name));
  const name = o.name;
  const v = budget._value;
  if (budget._percent) {
    if (p.check(checkInteger('disruptionBudget (percent)', v, 1, 100)))
      return { name, maxUnavailable: IntOrString.fromString(`${v}%`) };
    return undefined;
  }
  if (budget._field === 'maxUnavailable') {
    p.check(checkInteger('disruptionBudget (maxUnavailable)', v, 1));
    return { name, maxUnavailable: IntOrString.fromNumber(v) };
  }
  if (p.check(checkInteger('disruptionBudget (minAvailable)', v, 1)) && replicas !== undefined && v >= replicas) {
    p.add(
      `'disruptionBudget' minAvailable ${show(v)} must be less than 'replicas' (${replicas}): otherwise no pod may ever be evicted and node drains block`,
    );
  }
  return { name, minAvailable: IntOrString.fromNumber(v) };
}
