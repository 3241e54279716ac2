import type * as kplus from 'cdk8s-plus-27';
import type { PersistentVolumeSpec, Toleration, VolumeNodeAffinity } from '../imports/k8s';
import type { PolicyRuleId } from './policy-acknowledgements';

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

/** Whether to keep (`Retain`) or delete (`Delete`) claims. */
export type ClaimRetention = 'Retain' | 'Delete';

/** How a StatefulSet starts and stops its pods. */
export type PodManagementPolicy = 'OrderedReady' | 'Parallel';

/** Whether a volume is mounted as a directory (`Filesystem`) or handed over as a raw device (`Block`). */
export type VolumeMode = kplus.PersistentVolumeMode | `${kplus.PersistentVolumeMode}`;

/**
 * The source of a pre-made PersistentVolume: exactly one of the PersistentVolume
 * sources of the Kubernetes API, e.g. `{ nfs: { server, path } }` or
 * `{ csi: { driver, volumeHandle } }` (typed by imports/k8s.ts).
 */
export type PersistentVolumeSource = Omit<
  PersistentVolumeSpec,
  | 'accessModes'
  | 'capacity'
  | 'claimRef'
  | 'mountOptions'
  | 'nodeAffinity'
  | 'persistentVolumeReclaimPolicy'
  | 'storageClassName'
  | 'volumeMode'
>;

/** A network protocol of a port. */
export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** How hard the scheduler spreads the pods over nodes and zones. */
export type SpreadMode = 'soft' | 'hard' | 'none';

/** When the kubelet pulls the image. */
export type ImagePullPolicy = 'Always' | 'IfNotPresent' | 'Never';

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

  /**
   * The per-pod volumes: one claim per pod and entry, made from the StatefulSet's claim
   * templates (e.g. one for data and one for logs). The first is the primary one.
   */
  readonly storage: StorageProps | readonly StorageProps[];

  /**
   * The Service that makes the set reachable from outside the headless Service.
   *
   * @default - a NodePort Service named `<serviceName>-np`, port `port` to the pods' `port`
   */
  readonly externalService?: ExternalServiceProps;

  /**
   * More ports of the container, each exposed by both Services under its name.
   *
   * @default - only `http`
   */
  readonly extraPorts?: readonly PortProps[];

  /**
   * Options of the headless Service.
   *
   * @default - a headless Service that publishes ready pods only
   */
  readonly headlessService?: HeadlessServiceProps;

  /**
   * Where the pods may run and how they are spread.
   *
   * @default - spread over nodes and zones with a soft rule (still schedules every
   * replica on a single node), no node selector, no tolerations
   */
  readonly placement?: PlacementProps;

  /**
   * A ServiceAccount for the pods.
   *
   * @default - none: the pods use the namespace's default service account (and its
   * token is not mounted, see `automountServiceAccountToken`)
   */
  readonly serviceAccount?: ServiceAccountProps;

  /**
   * A NetworkPolicy that admits traffic to the service's ports (from everywhere, or
   * from given namespaces or pods) and between the set's own pods, and nothing else.
   *
   * @default - no NetworkPolicy: all traffic is admitted
   */
  readonly networkPolicy?: NetworkPolicyProps;

  /**
   * The cluster's DNS domain, for the DNS names the construct reports.
   *
   * @default 'cluster.local'
   */
  readonly clusterDomain?: string;

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
   * Who the container runs as, and what it may do. The defaults meet the Pod Security
   * Standards "restricted" profile.
   *
   * @default - UID and GID 1000, non-root enforced, no privilege escalation, all
   * capabilities dropped, seccomp RuntimeDefault, read-only root filesystem
   */
  readonly securityContext?: SecurityProps;

  /**
   * CPU and memory requests and limits of the container.
   *
   * @default - requests 100m CPU and 256Mi memory, limits 1 CPU and 512Mi memory
   * (three replicas fit on a default 2-CPU minikube next to its system pods)
   */
  readonly resources?: ResourcesProps;

  /**
   * Startup, readiness and liveness probes.
   *
   * @default - TCP connects to the `http` port: startup every 5 s for up to 5 minutes,
   * then readiness every 5 s and liveness every 10 s (3 failures restart the container)
   */
  readonly probes?: ProbesProps;

  /**
   * When to pull the image.
   *
   * @default - 'IfNotPresent' for an image pinned by tag (other than `latest`) or
   * digest; 'Always' otherwise
   */
  readonly imagePullPolicy?: ImagePullPolicy;

  /**
   * Whether to mount the service account token into the pod.
   *
   * @default false - the service does not call the Kubernetes API
   */
  readonly automountServiceAccountToken?: boolean;

  /**
   * Size limit of the writable `emptyDir` mounted at `/tmp` (given only while the root
   * filesystem is read-only), as a Kubernetes quantity.
   *
   * @default '100Mi'
   */
  readonly tmpSizeLimit?: string;

  /**
   * The PodDisruptionBudget that limits how many pods a node drain may evict at once.
   *
   * @default - one, named like the StatefulSet, with maxUnavailable 1
   */
  readonly disruptionBudget?: DisruptionBudgetProps;

  /**
   * What happens to the claims (and so, with reclaim policy Delete, to the data) when
   * the set is scaled down or deleted.
   *
   * @default - Retain in both cases: nothing is deleted by accident
   */
  readonly claimRetention?: ClaimRetentionProps;

  /**
   * How pods are started and stopped: `'OrderedReady'` (one after the other, each ready
   * before the next) or `'Parallel'` (all at once, e.g. for peers that must meet to
   * form a cluster).
   *
   * @default 'OrderedReady'
   */
  readonly podManagementPolicy?: PodManagementPolicy;

  /**
   * How a changed pod template rolls out.
   *
   * @default - a rolling update, highest ordinal first, of every pod (partition 0)
   */
  readonly updateStrategy?: UpdateStrategyProps;

  /**
   * Seconds a new pod must be ready, without a container crashing, before it counts as
   * available (and the rollout moves on).
   *
   * @default 0
   */
  readonly minReadySeconds?: number;

  /**
   * Policy findings this service has on purpose, by rule id, with the reason. Each
   * becomes an annotation `acknowledged.lint.stateful-service/<rule>: <reason>` on the
   * object the finding is about, and `npm run lint:manifests` reports it as acknowledged.
   *
   * @default - none
   */
  readonly acknowledge?: { readonly [rule in PolicyRuleId]?: string };

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
   * provisions each claim; with pre-made volumes (`hostPathVolumes` or `preMadeVolumes`):
   * `""` (no class), so claims bind only to the pre-made volumes and are never
   * provisioned dynamically
   */
  readonly storageClassName?: string;

  /**
   * Whether the volume is mounted as a directory at `mountPath`, or (`Block`) handed to
   * the container as a raw device at `mountPath`.
   *
   * @default 'Filesystem'
   */
  readonly volumeMode?: VolumeMode;

  /**
   * Pre-made PersistentVolumes of any source (NFS, a CSI driver, a local disk...), one
   * per ordinal, each pre-bound through `claimRef` to the claim of its ordinal.
   * Exclusive with `hostPathVolumes`.
   *
   * @default - no PersistentVolumes are made; claims are provisioned dynamically
   */
  readonly preMadeVolumes?: PreMadeVolumesProps;

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
   * Whether pods beyond `count` may get a dynamically provisioned volume from
   * `storage.storageClassName` (which must then name a class with a provisioner).
   * Without it, `replicas` above `count` is an error, and a `kubectl scale` beyond
   * `count` leaves the new pods Pending: a claim that matches no volume does not bind.
   *
   * @default false
   */
  readonly provisionBeyondCount?: boolean;

  /**
   * What the kubelet checks (or creates) at the path before mounting it.
   *
   * @default - no check (Kubernetes' `""`)
   */
  readonly type?: HostPathType;
}

/** Pre-made PersistentVolumes of any source, one per ordinal. */
export interface PreMadeVolumesProps {
  /**
   * How many volumes to make, for ordinals `0 .. count-1`.
   *
   * @default - `replicas` (one volume when `replicas` is not set)
   */
  readonly count?: number;

  /**
   * Name of the volume of an ordinal.
   *
   * @default - the name of the claim it is bound to, `<storage.name>-<name>-<ordinal>`
   */
  readonly name?: (ordinal: number) => string;

  /** The volume source of an ordinal, e.g. `(k) => ({ nfs: { server: 'nfs.example.com', path: \`/exports/db-${k}\` } })`. */
  readonly source: (ordinal: number) => PersistentVolumeSource;

  /**
   * Which nodes can reach the volume of an ordinal (required for `local` volumes).
   *
   * @default - any node
   */
  readonly nodeAffinity?: (ordinal: number) => VolumeNodeAffinity;

  /**
   * Mount options, e.g. `['nfsvers=4.1']`.
   *
   * @default - none
   */
  readonly mountOptions?: readonly string[];

  /**
   * What happens to a volume when its claim is deleted.
   *
   * @default 'Retain'
   */
  readonly reclaimPolicy?: 'Retain' | 'Delete';

  /**
   * Whether pods beyond `count` may get a dynamically provisioned volume from
   * `storage.storageClassName`.
   *
   * @default false
   */
  readonly provisionBeyondCount?: boolean;
}

/** An extra port of the container. */
export interface PortProps {
  /** Name of the port (an IANA service name: at most 15 lowercase letters, digits and '-'). */
  readonly name: string;
  /** Port number of the Services. */
  readonly port: number;
  /**
   * Port the container listens on.
   *
   * @default - `port`
   */
  readonly containerPort?: number;
  /**
   * Protocol of the port.
   *
   * @default 'TCP'
   */
  readonly protocol?: Protocol;
  /**
   * Whether the external Service exposes it too (the headless Service always does).
   *
   * @default true
   */
  readonly external?: boolean;
}

/** Options of the headless Service. */
export interface HeadlessServiceProps {
  /**
   * Publish DNS records of pods that are not ready yet, so that peers can find each
   * other while the cluster forms (e.g. databases that bootstrap a quorum).
   *
   * @default false
   */
  readonly publishNotReadyAddresses?: boolean;
}

/** Where the pods may run. */
export interface PlacementProps {
  /**
   * `'soft'`: prefer one pod per node and balance zones, but schedule anyway (a single
   * node runs them all); `'hard'`: never two pods of the set on one node (a replica
   * stays Pending when no node is free; zones stay soft); `'none'`: no rule.
   *
   * @default 'soft'
   */
  readonly spread?: SpreadMode;
  /**
   * Only nodes with these labels.
   *
   * @default - any node
   */
  readonly nodeSelector?: { readonly [key: string]: string };
  /**
   * Taints the pods tolerate.
   *
   * @default - none
   */
  readonly tolerations?: readonly Toleration[];
}

/** A ServiceAccount for the pods. */
export interface ServiceAccountProps {
  /**
   * Name of the ServiceAccount.
   *
   * @default - the StatefulSet's name
   */
  readonly name?: string;
  /**
   * Whether to make it (false: use an existing one of that name).
   *
   * @default true
   */
  readonly create?: boolean;
}

/** Who may reach the service. */
export interface NetworkPolicyProps {
  /**
   * Where traffic to the service's ports may come from: `'everywhere'`, or pods of the
   * given namespaces and/or pods (of the set's namespace) with the given labels. The
   * set's own pods may always reach each other on every port.
   *
   * @default 'everywhere'
   */
  readonly allowFrom?: 'everywhere' | NetworkPeersProps;
}

/** Pods allowed to reach the service: either list admits them. */
export interface NetworkPeersProps {
  /**
   * Namespaces whose pods are admitted (by their `kubernetes.io/metadata.name` label).
   *
   * @default - none
   */
  readonly namespaces?: readonly string[];
  /**
   * Labels of pods in the set's namespace that are admitted.
   *
   * @default - none
   */
  readonly podLabels?: { readonly [key: string]: string };
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
   * A fixed node port (30000-32767) for `http`, for type NodePort or LoadBalancer.
   *
   * @default - Kubernetes picks a free node port
   */
  readonly nodePort?: number;

  /**
   * Client CIDRs a LoadBalancer admits, e.g. `['203.0.113.0/24']`.
   *
   * @default - any client (as far as the cloud's load balancer allows)
   */
  readonly loadBalancerSourceRanges?: readonly string[];

  /**
   * `'Local'` keeps the client's source IP and routes only to pods on the receiving
   * node; `'Cluster'` spreads over all pods. For NodePort and LoadBalancer.
   *
   * @default - Kubernetes' default, 'Cluster'
   */
  readonly externalTrafficPolicy?: 'Cluster' | 'Local';

  /**
   * Annotations of the Service, e.g. a cloud's load balancer settings.
   *
   * @default - none
   */
  readonly annotations?: { readonly [key: string]: string };
}

/** Security settings of the pod and its container. */
export interface SecurityProps {
  /**
   * UID the container runs as. Must own (or be allowed to write) the volume; hostPath
   * volumes ignore `fsGroup`, so on minikube start the mount with `--mount-uid` equal to it.
   *
   * @default 1000
   */
  readonly user?: number;

  /**
   * GID the container runs as.
   *
   * @default 1000
   */
  readonly group?: number;

  /**
   * Group that owns the volumes, for volume types that support ownership management
   * (not hostPath).
   *
   * @default - `group`
   */
  readonly fsGroup?: number;

  /**
   * Whether the root filesystem is read-only. A writable `emptyDir` is mounted at `/tmp`
   * while it is.
   *
   * @default true
   */
  readonly readOnlyRootFilesystem?: boolean;

  /**
   * Lets `user` be 0 (root), which the Pod Security Standards "restricted" profile
   * forbids. Give the reason in `acknowledge['run-as-root']` too.
   *
   * @default false
   */
  readonly allowRoot?: boolean;
}

/** A request and a limit, as Kubernetes quantities. */
export interface ResourceProps {
  /**
   * What the scheduler reserves for the container on a node.
   *
   * @default - see {@link StatefulServiceProps.resources}
   */
  readonly request?: string;
  /**
   * The most the container may use: CPU above it is throttled, memory above it gets the
   * container killed.
   *
   * @default - see {@link StatefulServiceProps.resources}
   */
  readonly limit?: string;
}

/** CPU and memory of the container. */
export interface ResourcesProps {
  /**
   * CPU, e.g. `{ request: '100m', limit: '1' }`.
   *
   * @default - request 100m, limit 1
   */
  readonly cpu?: ResourceProps;
  /**
   * Memory, e.g. `{ request: '256Mi', limit: '512Mi' }`.
   *
   * @default - request 256Mi, limit 512Mi
   */
  readonly memory?: ResourceProps;
}

/** One probe. */
export interface ProbeProps {
  /**
   * An HTTP GET of this path on the `http` port instead of a TCP connect.
   *
   * @default - a TCP connect to the `http` port
   */
  readonly httpPath?: string;
  /**
   * Seconds after the container starts before the first probe.
   *
   * @default 0
   */
  readonly initialDelaySeconds?: number;
  /**
   * Seconds between probes.
   *
   * @default - 5 for startup and readiness, 10 for liveness
   */
  readonly periodSeconds?: number;
  /**
   * Seconds a probe may take before it counts as failed.
   *
   * @default 1
   */
  readonly timeoutSeconds?: number;
  /**
   * Failures in a row before the probe gives up: the container is restarted (startup,
   * liveness) or taken out of the Services (readiness).
   *
   * @default - 60 for startup (5 minutes), 3 otherwise
   */
  readonly failureThreshold?: number;
}

/** The container's probes; `false` turns one off. */
export interface ProbesProps {
  /**
   * Holds off the other probes until the service has started (slow JVM starts).
   *
   * @default - TCP on `http` every 5 s, up to 60 failures
   */
  readonly startup?: ProbeProps | false;
  /**
   * Whether the pod gets traffic from the Services (and counts as ready for rollouts and
   * for the next pod of an OrderedReady set).
   *
   * @default - TCP on `http` every 5 s
   */
  readonly readiness?: ProbeProps | false;
  /**
   * Whether the container is restarted.
   *
   * @default - TCP on `http` every 10 s, 3 failures
   */
  readonly liveness?: ProbeProps | false;
}

/** The PodDisruptionBudget of a {@link StatefulService}. */
export interface DisruptionBudgetProps {
  /**
   * Whether to make it.
   *
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * How many pods (or what percentage, e.g. `'25%'`) may be unavailable during a
   * voluntary disruption such as a node drain. At least 1: 0 would block every drain.
   *
   * @default 1
   */
  readonly maxUnavailable?: number | string;
}

/** The StatefulSet's `persistentVolumeClaimRetentionPolicy`. */
export interface ClaimRetentionProps {
  /**
   * When the StatefulSet is deleted.
   *
   * @default 'Retain'
   */
  readonly whenDeleted?: ClaimRetention;
  /**
   * When the StatefulSet is scaled down (the claims of the removed ordinals).
   *
   * @default 'Retain'
   */
  readonly whenScaled?: ClaimRetention;
}

/** The StatefulSet's `updateStrategy`. */
export interface UpdateStrategyProps {
  /**
   * `'RollingUpdate'`: the controller replaces pods, highest ordinal first;
   * `'OnDelete'`: a pod gets the new template only when you delete it.
   *
   * @default 'RollingUpdate'
   */
  readonly type?: 'RollingUpdate' | 'OnDelete';
  /**
   * Rolling update only: pods with an ordinal below the partition keep the old
   * template (a canary of the highest ordinals). At most `replicas`.
   *
   * @default 0
   */
  readonly partition?: number;
}
