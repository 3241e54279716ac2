import type { ExposureOptions } from './exposure/exposure-options';
import type { LifecycleOptions } from './lifecycle/lifecycle-options';
import type { PlacementOptions } from './placement/placement-options';
import type { PodOptions } from './pod/pod-options';
import type { Acknowledgement } from './policy/policy-rule';
import type { StorageOptions } from './storage/storage';

/**
 * Props of a {@link StatefulService}: its names, and one group of props per concern
 * (the pod, storage, exposure, placement, lifecycle), each documented with its type.
 */
export interface StatefulServiceProps
  extends PodOptions, StorageOptions, ExposureOptions, PlacementOptions, LifecycleOptions {
  /**
   * Name of the StatefulSet. Pods are named `<name>-<ordinal>` and their claims
   * `<storage name>-<name>-<ordinal>`.
   *
   * A DNS label of at most 52 characters: the StatefulSet controller appends a revision
   * hash of up to 11 characters in the pods' `controller-revision-hash` label, whose
   * values may not exceed 63.
   */
  readonly name: string;

  /**
   * Name of the headless Service that governs the set (the StatefulSet's `serviceName`):
   * pod `<name>-<k>` resolves as `<name>-<k>.<serviceName>`. A DNS-1035 label.
   *
   * @default - `name`
   */
  readonly serviceName?: string;

  /**
   * Value of the `app.kubernetes.io/name` label, part of the selector.
   *
   * @default - `serviceName`
   */
  readonly appName?: string;

  /**
   * Number of pods. `0` is allowed (keeps the claims and volumes, runs no pod).
   *
   * @default - the field is left out: Kubernetes starts one pod, and `kubectl scale` or
   * an autoscaler owns the count (a re-apply does not reset it)
   */
  readonly replicas?: number;

  /**
   * The cluster's DNS domain, for the DNS names the construct reports.
   *
   * @default 'cluster.local'
   */
  readonly clusterDomain?: string;

  /**
   * Labels for every object made, and the pod template. They cannot replace the
   * selector labels `app.kubernetes.io/name` and `app.kubernetes.io/instance`.
   *
   * @default - only `app.kubernetes.io/managed-by: cdk8s` and the selector labels
   */
  readonly labels?: { [key: string]: string };

  /**
   * Annotations for every object made (GitOps, backup and mesh tools read them); not
   * for the pod template (see `podAnnotations`) nor the claim templates (immutable in a
   * live StatefulSet).
   *
   * @default - none
   */
  readonly annotations?: { [key: string]: string };

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
