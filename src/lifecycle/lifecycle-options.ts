import type { Duration } from 'cdk8s';
import type { PodManagementPolicy } from '../core/enums';
import type { DisruptionBudget } from './disruption-budget';
import type { UpdateStrategy } from './update-strategy';

/** Whether claims are kept or deleted. */
export enum ClaimRetention {
  /** Keep the claims (and so the data). */
  RETAIN = 'Retain',
  /** Delete the claims (a volume with reclaim policy Delete then deletes the data). */
  DELETE = 'Delete',
}

/** The StatefulSet's `persistentVolumeClaimRetentionPolicy`. */
export interface ClaimRetentionProps {
  /**
   * When the StatefulSet is deleted.
   *
   * @default ClaimRetention.RETAIN
   */
  readonly whenDeleted?: ClaimRetention;
  /**
   * When the StatefulSet is scaled down (the claims of the removed ordinals).
   *
   * @default ClaimRetention.RETAIN
   */
  readonly whenScaled?: ClaimRetention;
}

/** How the set starts, updates, scales and stops its pods, and what survives. */
export interface LifecycleOptions {
  /**
   * `ORDERED_READY` starts pods one by one, each after the previous is ready;
   * `PARALLEL` starts and stops them all at once (peers that must meet to form a cluster).
   *
   * @default PodManagementPolicy.ORDERED_READY
   */
  readonly podManagementPolicy?: PodManagementPolicy;
  /**
   * How a changed pod template rolls out.
   *
   * @default UpdateStrategy.rollingUpdate() - highest ordinal first, every pod
   */
  readonly updateStrategy?: UpdateStrategy;
  /**
   * How long a new pod must be ready, without a container crashing, before it counts as
   * available (and the rollout moves on).
   *
   * @default Duration.seconds(0)
   */
  readonly minReady?: Duration;
  /**
   * What happens to the claims when the set is deleted or scaled down.
   *
   * @default - both ClaimRetention.RETAIN: no scale-down or delete takes the data
   */
  readonly claimRetention?: ClaimRetentionProps;
  /**
   * The first ordinal (pods `<name>-<start>`, `<name>-<start+1>`, ...), e.g. to move a
   * set between clusters ordinal by ordinal. Beta in Kubernetes 1.27, on by default.
   *
   * @default 0 (the field is not written)
   */
  readonly ordinalsStart?: number;
  /**
   * The PodDisruptionBudget that limits how many pods a node drain evicts at once.
   *
   * @default DisruptionBudget.maxUnavailable(1) - named like the StatefulSet (or as its options say)
   */
  readonly disruptionBudget?: DisruptionBudget;
}
