import type * as kplus from 'cdk8s-plus-27';

/**
 * An access mode of a volume. Pass cdk8s-plus's enum
 * (`kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE`) or its wire value (`'ReadWriteOnce'`).
 */
export type AccessMode = kplus.PersistentVolumeAccessMode | `${kplus.PersistentVolumeAccessMode}`;

/** The type of the external Service: cdk8s-plus's `kplus.ServiceType` or its wire value. */
export type ExternalServiceType =
  | kplus.ServiceType.NODE_PORT
  | kplus.ServiceType.LOAD_BALANCER
  | kplus.ServiceType.CLUSTER_IP
  | 'NodePort'
  | 'LoadBalancer'
  | 'ClusterIP';

/** What a hostPath volume checks on the node before mounting: `kplus.HostPathVolumeType` or its wire value. */
export type HostPathType = kplus.HostPathVolumeType | `${kplus.HostPathVolumeType}`;

/** Props of a {@link StatefulService}. */
export interface StatefulServiceProps {
  /**
   * Name of the StatefulSet. Pods are named `<name>-<ordinal>` and their claims
   * `<storage.name>-<name>-<ordinal>`.
   *
   * A DNS label of at most 52 characters: the StatefulSet controller appends a
   * revision hash of up to 11 characters to it in the `controller-revision-hash`
   * label, whose values may not exceed 63.
   */
  readonly name: string;

  /**
   * Name of the headless Service that governs the set (the StatefulSet's
   * `serviceName`): pod `<name>-<k>` resolves as `<name>-<k>.<serviceName>`.
   * A DNS-1035 label (Service names must start with a letter).
   */
  readonly serviceName: string;

  /** Container image, e.g. `k8spatterns/random-generator:1.0`. */
  readonly image: string;

  /**
   * Number of pods. `0` is allowed (keeps the claims and volumes, runs no pod).
   *
   * @default - the field is left out of the manifest: Kubernetes starts one pod,
   * and `kubectl scale` or an autoscaler owns the count (a re-apply does not reset it)
   */
  readonly replicas?: number;

  /** Port the container listens on; the Services expose it under the same number, named `http`. */
  readonly port: number;

  /**
   * Environment variables of the container, in the given order.
   *
   * @default - no environment variables
   */
  readonly env?: { readonly [name: string]: string };

  /** The per-pod volume: one claim per pod, made from the StatefulSet's claim template. */
  readonly storage: StorageProps;

  /**
   * The Service that makes the set reachable from outside the headless Service.
   *
   * @default - a NodePort Service named `<serviceName>-np`, port `port` to the pods' `port`
   */
  readonly externalService?: ExternalServiceProps;

  /**
   * Value of the `app.kubernetes.io/name` label, part of the selector.
   *
   * @default - `serviceName`
   */
  readonly appName?: string;

  /**
   * Name of the container in the pod.
   *
   * @default - `appName`
   */
  readonly containerName?: string;

  /**
   * Extra labels for every object made. They cannot replace the selector labels
   * `app.kubernetes.io/name` and `app.kubernetes.io/instance`.
   *
   * @default - only `app.kubernetes.io/managed-by: cdk8s` and the selector labels
   */
  readonly labels?: { readonly [key: string]: string };
}

/** The per-pod volume of a {@link StatefulService}. */
export interface StorageProps {
  /**
   * Name of the claim template, and of the volume in the pod. Claims are named
   * `<name>-<statefulset>-<ordinal>`.
   *
   * @default 'data'
   */
  readonly name?: string;

  /** Size of each pod's claim, as a Kubernetes quantity (`10Mi`, `1Gi`). */
  readonly size: string;

  /** Absolute path where the volume is mounted in the container. */
  readonly mountPath: string;

  /**
   * Access modes of the claims (and of pre-made volumes).
   *
   * @default ['ReadWriteOnce']
   */
  readonly accessModes?: readonly AccessMode[];

  /**
   * Storage class of the claims (and of pre-made volumes, which must match for a claim to bind them).
   *
   * @default - without pre-made volumes: no class is named, so the cluster's default class
   * provisions each claim; with `hostPathVolumes`: `""` (no class), so claims bind only
   * to the pre-made volumes and are never provisioned dynamically
   */
  readonly storageClassName?: string;

  /**
   * Pre-made hostPath PersistentVolumes, one per ordinal, each pre-bound (through
   * `claimRef`) to the claim of its ordinal, so pod k always gets the same directory.
   * For single-node clusters such as minikube only: a hostPath is a directory on
   * whichever node the pod lands on.
   *
   * @default - no PersistentVolumes are made; claims are provisioned dynamically
   */
  readonly hostPathVolumes?: HostPathVolumesProps;
}

/** Pre-made hostPath PersistentVolumes, one per ordinal. */
export interface HostPathVolumesProps {
  /**
   * How many volumes to make, for ordinals `0 .. count-1`. More than `replicas` leaves
   * headroom for a later scale-up; fewer is an error, since the claims of the other
   * ordinals would never bind.
   *
   * @default - `replicas` (one volume when `replicas` is not set)
   */
  readonly count?: number;

  /**
   * Name of the volume of an ordinal, e.g. `(ordinal) => \`log-${ordinal + 1}\``.
   *
   * @default - the name of the claim it is bound to, `<storage.name>-<name>-<ordinal>`
   */
  readonly name?: (ordinal: number) => string;

  /** Directory on the node for an ordinal, e.g. `(ordinal) => \`/tmp/example/${ordinal + 1}\``. */
  readonly path: (ordinal: number) => string;

  /**
   * What the kubelet checks (or creates) at the path before mounting it.
   *
   * @default - no check (Kubernetes' `""`)
   */
  readonly type?: HostPathType;
}

/** The externally reachable Service of a {@link StatefulService}. */
export interface ExternalServiceProps {
  /**
   * Whether to make the Service at all.
   *
   * @default true
   */
  readonly enabled?: boolean;

  /**
   * Name of the Service; a DNS-1035 label, other than the headless Service's.
   *
   * @default - `<serviceName>-np`
   */
  readonly name?: string;

  /**
   * Type of the Service.
   *
   * @default 'NodePort'
   */
  readonly type?: ExternalServiceType;

  /**
   * A fixed node port (30000-32767), for type NodePort or LoadBalancer.
   *
   * @default - Kubernetes picks a free node port
   */
  readonly nodePort?: number;
}
