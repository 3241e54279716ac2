import type * as kplus from 'cdk8s-plus-27';

/**
 * The cdk8s-plus-27 enums the API uses, as run-time values. The props are typed with
 * cdk8s-plus's enums, but loading cdk8s-plus-27 (about 20 ms, a fifth of a synth) only to
 * read their values would make every synth pay for a library the manifests never need.
 * test/kplus-enums.test.ts asserts that each mirror equals cdk8s-plus-27's enum, member by
 * member, so they cannot drift apart.
 */
const mirror = <T>(members: Record<string, string>): T => members as unknown as T;

export const ConnectionScheme = mirror<typeof kplus.ConnectionScheme>({ HTTP: 'HTTP', HTTPS: 'HTTPS' });
export const DnsPolicy = mirror<typeof kplus.DnsPolicy>({
  CLUSTER_FIRST: 'ClusterFirst',
  CLUSTER_FIRST_WITH_HOST_NET: 'ClusterFirstWithHostNet',
  DEFAULT: 'Default',
  NONE: 'None',
});
export const EmptyDirMedium = mirror<typeof kplus.EmptyDirMedium>({ DEFAULT: '', MEMORY: 'Memory' });
export const EnvFieldPaths = mirror<typeof kplus.EnvFieldPaths>({
  POD_NAME: 'metadata.name',
  POD_NAMESPACE: 'metadata.namespace',
  POD_UID: 'metadata.uid',
  POD_LABEL: 'metadata.labels',
  POD_ANNOTATION: 'metadata.annotations',
  POD_IP: 'status.podIP',
  SERVICE_ACCOUNT_NAME: 'spec.serviceAccountName',
  NODE_NAME: 'spec.nodeName',
  NODE_IP: 'status.hostIP',
  POD_IPS: 'status.podIPs',
});
export const HostPathVolumeType = mirror<typeof kplus.HostPathVolumeType>({
  DEFAULT: '',
  DIRECTORY_OR_CREATE: 'DirectoryOrCreate',
  DIRECTORY: 'Directory',
  FILE_OR_CREATE: 'FileOrCreate',
  FILE: 'File',
  SOCKET: 'Socket',
  CHAR_DEVICE: 'CharDevice',
  BLOCK_DEVICE: 'BlockDevice',
});
export const ImagePullPolicy = mirror<typeof kplus.ImagePullPolicy>({
  ALWAYS: 'Always',
  IF_NOT_PRESENT: 'IfNotPresent',
  NEVER: 'Never',
});
export const MountPropagation = mirror<typeof kplus.MountPropagation>({
  NONE: 'None',
  HOST_TO_CONTAINER: 'HostToContainer',
  BIDIRECTIONAL: 'Bidirectional',
});
export const PersistentVolumeAccessMode = mirror<typeof kplus.PersistentVolumeAccessMode>({
  READ_WRITE_ONCE: 'ReadWriteOnce',
  READ_ONLY_MANY: 'ReadOnlyMany',
  READ_WRITE_MANY: 'ReadWriteMany',
  READ_WRITE_ONCE_POD: 'ReadWriteOncePod',
});
export const PersistentVolumeMode = mirror<typeof kplus.PersistentVolumeMode>({
  FILE_SYSTEM: 'Filesystem',
  BLOCK: 'Block',
});
export const PersistentVolumeReclaimPolicy = mirror<typeof kplus.PersistentVolumeReclaimPolicy>({
  RETAIN: 'Retain',
  DELETE: 'Delete',
});
export const PodManagementPolicy = mirror<typeof kplus.PodManagementPolicy>({
  ORDERED_READY: 'OrderedReady',
  PARALLEL: 'Parallel',
});
export const Protocol = mirror<typeof kplus.Protocol>({ TCP: 'TCP', UDP: 'UDP', SCTP: 'SCTP' });
export const ResourceFieldPaths = mirror<typeof kplus.ResourceFieldPaths>({
  CPU_LIMIT: 'limits.cpu',
  MEMORY_LIMIT: 'limits.memory',
  CPU_REQUEST: 'requests.cpu',
  MEMORY_REQUEST: 'requests.memory',
  STORAGE_LIMIT: 'limits.ephemeral-storage',
  STORAGE_REQUEST: 'requests.ephemeral-storage',
});
export const RestartPolicy = mirror<typeof kplus.RestartPolicy>({
  ALWAYS: 'Always',
  ON_FAILURE: 'OnFailure',
  NEVER: 'Never',
});
export const TaintEffect = mirror<typeof kplus.TaintEffect>({
  NO_SCHEDULE: 'NoSchedule',
  PREFER_NO_SCHEDULE: 'PreferNoSchedule',
  NO_EXECUTE: 'NoExecute',
});
