/**
 * The closed sets of Kubernetes values the API takes, as the package's own enums. Member
 * names and wire values are those of cdk8s-plus's enums, so a user who knows cdk8s-plus
 * writes the same code, but the package needs no cdk8s-plus at all (its enums are other
 * types: TypeScript refuses them here, and a program can use any cdk8s-plus version next
 * to this package). test/enums.test.ts holds the values to cdk8s-plus-27's and -33's.
 */

/** The scheme of an HTTP probe or hook. */
export enum ConnectionScheme {
  /** Plain HTTP. */
  HTTP = 'HTTP',
  /** HTTPS; the certificate is not verified. */
  HTTPS = 'HTTPS',
}

/** How the pod's DNS is set up. */
export enum DnsPolicy {
  /** The cluster's DNS first, then the node's upstream servers. */
  CLUSTER_FIRST = 'ClusterFirst',
  /** As CLUSTER_FIRST, for pods on the host network. */
  CLUSTER_FIRST_WITH_HOST_NET = 'ClusterFirstWithHostNet',
  /** The node's own resolution. */
  DEFAULT = 'Default',
  /** Only `dnsConfig`. */
  NONE = 'None',
}

/** Where an emptyDir volume lives. */
export enum EmptyDirMedium {
  /** The node's default storage. */
  DEFAULT = '',
  /** A tmpfs (RAM), counted against the container's memory. */
  MEMORY = 'Memory',
}

/** Fields of the pod an environment variable or a downward API file can read. */
export enum EnvFieldPaths {
  /** The pod's name. */
  POD_NAME = 'metadata.name',
  /** The pod's namespace. */
  POD_NAMESPACE = 'metadata.namespace',
  /** The pod's UID. */
  POD_UID = 'metadata.uid',
  /** A label of the pod (give its key). */
  POD_LABEL = 'metadata.labels',
  /** An annotation of the pod (give its key). */
  POD_ANNOTATION = 'metadata.annotations',
  /** The pod's IP address. */
  POD_IP = 'status.podIP',
  /** The pod's ServiceAccount. */
  SERVICE_ACCOUNT_NAME = 'spec.serviceAccountName',
  /** The node's name. */
  NODE_NAME = 'spec.nodeName',
  /** The node's IP address. */
  NODE_IP = 'status.hostIP',
  /** The pod's IP addresses (IPv4 and IPv6). */
  POD_IPS = 'status.podIPs',
}

/** What the kubelet checks (or creates) at a hostPath. */
export enum HostPathVolumeType {
  /** No check. */
  DEFAULT = '',
  /** A directory, created (mode 0755) when missing. */
  DIRECTORY_OR_CREATE = 'DirectoryOrCreate',
  /** An existing directory. */
  DIRECTORY = 'Directory',
  /** A file, created (mode 0644) when missing. */
  FILE_OR_CREATE = 'FileOrCreate',
  /** An existing file. */
  FILE = 'File',
  /** An existing UNIX socket. */
  SOCKET = 'Socket',
  /** An existing character device. */
  CHAR_DEVICE = 'CharDevice',
  /** An existing block device. */
  BLOCK_DEVICE = 'BlockDevice',
}

/** When the kubelet pulls a container's image. */
export enum ImagePullPolicy {
  /** On every start. */
  ALWAYS = 'Always',
  /** Only when the node does not have it. */
  IF_NOT_PRESENT = 'IfNotPresent',
  /** Never: the image must be on the node. */
  NEVER = 'Never',
}

/** How mounts below a volume mount propagate between host and container. */
export enum MountPropagation {
  /** None either way. */
  NONE = 'None',
  /** Mounts the host makes later are seen in the container. */
  HOST_TO_CONTAINER = 'HostToContainer',
  /** Both ways (privileged containers only). */
  BIDIRECTIONAL = 'Bidirectional',
}

/** How a volume can be mounted. */
export enum PersistentVolumeAccessMode {
  /** Read-write by the pods of one node. */
  READ_WRITE_ONCE = 'ReadWriteOnce',
  /** Read-only by many nodes. */
  READ_ONLY_MANY = 'ReadOnlyMany',
  /** Read-write by many nodes. */
  READ_WRITE_MANY = 'ReadWriteMany',
  /** Read-write by a single pod. */
  READ_WRITE_ONCE_POD = 'ReadWriteOncePod',
}

/** Whether a volume is a filesystem or a raw block device. */
export enum PersistentVolumeMode {
  /** A mounted filesystem. */
  FILE_SYSTEM = 'Filesystem',
  /** A raw block device. */
  BLOCK = 'Block',
}

/** What happens to a PersistentVolume when its claim is deleted. */
export enum PersistentVolumeReclaimPolicy {
  /** The volume and its data stay, for an administrator to reclaim. */
  RETAIN = 'Retain',
  /** The volume and its data are deleted. */
  DELETE = 'Delete',
}

/** How the StatefulSet controller starts and stops pods. */
export enum PodManagementPolicy {
  /** One at a time, in ordinal order, each ready before the next. */
  ORDERED_READY = 'OrderedReady',
  /** All at once. */
  PARALLEL = 'Parallel',
}

/** The protocol of a port. */
export enum Protocol {
  /** TCP. */
  TCP = 'TCP',
  /** UDP. */
  UDP = 'UDP',
  /** SCTP. */
  SCTP = 'SCTP',
}

/** Requests and limits of a container an environment variable or downward API file can read. */
export enum ResourceFieldPaths {
  /** The CPU limit. */
  CPU_LIMIT = 'limits.cpu',
  /** The memory limit. */
  MEMORY_LIMIT = 'limits.memory',
  /** The CPU request. */
  CPU_REQUEST = 'requests.cpu',
  /** The memory request. */
  MEMORY_REQUEST = 'requests.memory',
  /** The ephemeral storage limit. */
  STORAGE_LIMIT = 'limits.ephemeral-storage',
  /** The ephemeral storage request. */
  STORAGE_REQUEST = 'requests.ephemeral-storage',
}

/** When a container is restarted; `ALWAYS` on an init container makes it a native sidecar. */
export enum RestartPolicy {
  /** Always. */
  ALWAYS = 'Always',
  /** After a failure. */
  ON_FAILURE = 'OnFailure',
  /** Never. */
  NEVER = 'Never',
}

/** The effect of a taint a toleration matches. */
export enum TaintEffect {
  /** New pods are not scheduled on the node. */
  NO_SCHEDULE = 'NoSchedule',
  /** The scheduler avoids the node. */
  PREFER_NO_SCHEDULE = 'PreferNoSchedule',
  /** Pods are evicted from the node. */
  NO_EXECUTE = 'NoExecute',
}
