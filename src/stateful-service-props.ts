import type { ExposureOptions } from './exposure/exposure-options';
import type { IdentityOptions } from './identity/identity-options';
import type { LifecycleOptions } from './lifecycle/lifecycle-options';
import type { PlacementOptions } from './placement/placement-options';
import type { PodOptions } from './pod/pod-options';
import type { Acknowledgement } from './policy/policy-rule';
import type { StorageOptions } from './storage/storage';

/**
 * Props of a {@link StatefulService}: one group of props per concern (identity, the pod,
 * storage, exposure, placement, lifecycle), each documented with its type, and the
 * replica count and policy acknowledgements.
 */
export interface StatefulServiceProps
  extends IdentityOptions, PodOptions, StorageOptions, ExposureOptions, PlacementOptions, LifecycleOptions {
  /**
   * Number of pods. `0` is allowed (keeps the claims and volumes, runs no pod).
   *
   * @default - the field is left out: Kubernetes starts one pod, and `kubectl scale` or
   * an autoscaler owns the count (a re-apply does not reset it)
   */
  readonly replicas?: number;

  /**
   * Policy findings the service has on purpose, each with the reason: an annotation on
   * the object concerned, which `stateful-service lint` reports as acknowledged. Choices
   * that weaken security (running as root, a writable root filesystem, added
   * capabilities, a mounted service account token) must be acknowledged here.
   *
   * @default - none
   */
  readonly acknowledgements?: Acknowledgement[];
}
