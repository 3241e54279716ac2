import type { Duration, Size } from 'cdk8s';
import type { DnsPolicy } from '../core/enums';
import type { ConfigMapProps } from './config-map-props';
import type { ContainerProps } from './container-props';
import type { DnsConfig } from './dns-config';
import type { PodVolume } from './pod-volume';
import type { PodSecurity } from './security';
import type { PodServiceAccount } from './service-account';

/** The pod: its containers, volumes, identity and security. */
export interface PodOptions {
  /** The main container: the service itself. */
  readonly container: ContainerProps;
  /**
   * Containers run to completion, in order, before the main containers start (or, with
   * `restartPolicy: RestartPolicy.ALWAYS`, native sidecars).
   *
   * @default - none
   */
  readonly initContainers?: ContainerProps[];
  /**
   * More containers next to the main one, sharing the pod's volumes and network.
   *
   * @default - none
   */
  readonly sidecars?: ContainerProps[];
  /**
   * Volumes besides the per-pod claims: ConfigMaps, Secrets, emptyDirs, projected.
   *
   * @default - none
   */
  readonly volumes?: PodVolume[];
  /**
   * ConfigMaps to make with the service. A hash of their content is put on the pod
   * template (`checksum/config`), so that a change of the data rolls the pods.
   *
   * @default - none
   */
  readonly configMaps?: ConfigMapProps[];
  /**
   * Annotations of the pod template (not of the other objects; see `annotations`).
   *
   * @default - none
   */
  readonly podAnnotations?: { [key: string]: string };
  /**
   * Secrets with registry credentials to pull the images.
   *
   * @default - none
   */
  readonly imagePullSecrets?: string[];
  /**
   * The pods' PriorityClass.
   *
   * @default - the cluster's default priority
   */
  readonly priorityClassName?: string;
  /**
   * The ServiceAccount the pods run as.
   *
   * @default - the namespace's `default` ServiceAccount
   */
  readonly serviceAccount?: PodServiceAccount;
  /**
   * Whether the service account's token is mounted into the pods. An explicit choice:
   * `true` must be acknowledged (`PolicyRule.SERVICE_ACCOUNT_TOKEN`).
   *
   * @default false - the service does not call the Kubernetes API
   */
  readonly automountServiceAccountToken?: boolean;
  /**
   * How the pods resolve names.
   *
   * @default DnsPolicy.CLUSTER_FIRST (Kubernetes' default)
   */
  readonly dnsPolicy?: DnsPolicy;
  /**
   * Additions to the pods' `/etc/resolv.conf`.
   *
   * @default - none
   */
  readonly dnsConfig?: DnsConfig;
  /**
   * Who the containers run as.
   *
   * @default PodSecurity.restricted() - UID and GID 1000, non-root enforced, no privilege
   * escalation, all capabilities dropped, seccomp RuntimeDefault, read-only root filesystems
   */
  readonly security?: PodSecurity;
  /**
   * Size limit of the writable `emptyDir` mounted at `/tmp` of every container with a
   * read-only root filesystem.
   *
   * @default Size.mebibytes(100)
   */
  readonly tmpSize?: Size;
  /**
   * Whether the pods use the node's network namespace (the node's IPs and ports, no pod
   * IP of their own). Breaks the Pod Security "baseline" level: `true` must be acknowledged
   * (`PolicyRule.HOST_NAMESPACES`). Set `dnsPolicy: DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET`
   * to keep resolving cluster names.
   *
   * @default false (Kubernetes' default, not written)
   */
  readonly hostNetwork?: boolean;
  /**
   * Whether the containers of a pod see each other's processes (one PID namespace), e.g.
   * for a sidecar that signals the server to reload its configuration.
   *
   * @default false (Kubernetes' default, not written)
   */
  readonly shareProcessNamespace?: boolean;
  /**
   * Namespaced kernel parameters of the pods, e.g. `{ 'net.ipv4.ip_unprivileged_port_start': '0' }`.
   * Only the "safe" set is allowed by Pod Security "baseline" and by default kubelets; others
   * need the kubelet's `--allowed-unsafe-sysctls`.
   *
   * @default - none
   */
  readonly sysctls?: { [name: string]: string };
  /**
   * The RuntimeClass the pods run with (e.g. `gvisor`, `kata`).
   *
   * @default - the cluster's default runtime
   */
  readonly runtimeClassName?: string;
  /**
   * Whether the environment gets the `<SERVICE>_SERVICE_HOST`/`_PORT` variables of every
   * Service in the namespace (Docker links style).
   *
   * @default true (Kubernetes' default, not written)
   */
  readonly enableServiceLinks?: boolean;
  /**
   * How long a stopping pod has for its preStop hooks and shutdown before it is killed.
   *
   * @default Duration.seconds(30) (Kubernetes' default)
   */
  readonly terminationGracePeriod?: Duration;
}
