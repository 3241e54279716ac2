// The public API of cdk8s-stateful-service, and nothing else.
export { StatefulService } from './stateful-service';
export type { StatefulServiceProps } from './stateful-service-props';

// Identity: the names, labels and annotations of everything the service makes.
export type { IdentityOptions } from './identity/identity-options';

// Closed sets of Kubernetes values and the CPU quantity: the package's own, with
// cdk8s-plus's names and wire values, so that it needs no cdk8s-plus.
export {
  ConnectionScheme,
  DnsPolicy,
  EmptyDirMedium,
  EnvFieldPaths,
  HostPathVolumeType,
  ImagePullPolicy,
  MountPropagation,
  PersistentVolumeAccessMode,
  PersistentVolumeMode,
  PersistentVolumeReclaimPolicy,
  PodManagementPolicy,
  Protocol,
  ResourceFieldPaths,
  RestartPolicy,
  TaintEffect,
} from './core/enums';
export { Cpu } from './core/cpu';

// The pod: containers, environment, probes, hooks, volumes, security, identity.
export type { PodOptions } from './pod/pod-options';
export type {
  ContainerPort,
  ContainerProps,
  ContainerResources,
  CpuResources,
  MemoryResources,
  VolumeMount,
} from './pod/container-props';
export { EnvFrom, EnvValue } from './pod/env';
export type { EnvFieldOptions, EnvFromOptions, EnvResourceOptions, EnvSourceOptions } from './pod/env';
export { Probe, ProbePort } from './pod/probe';
export type { GrpcProbeOptions, HttpGetProbeOptions, PortProbeOptions, ProbeOptions } from './pod/probe';
export { LifecycleHandler } from './pod/lifecycle-handler';
export type { ContainerLifecycle, HttpGetHandlerOptions } from './pod/lifecycle-handler';
export { PodVolume, ProjectedSource } from './pod/pod-volume';
export type {
  DownwardApiItem,
  EmptyDirVolumeOptions,
  KeyToPath,
  KeyVolumeOptions,
  ProjectedVolumeOptions,
  ServiceAccountTokenProjection,
} from './pod/pod-volume';
export { Capability, FsGroupChangePolicy, PodSecurity } from './pod/security';
export type { ContainerSecurityProps, ImageUserPodSecurityProps, RestrictedPodSecurityProps } from './pod/security';
export { PodServiceAccount } from './pod/service-account';
export type { ApiAccessRule, NewServiceAccountProps } from './pod/service-account';
export type { ConfigMapProps } from './pod/config-map-props';
export type { DnsConfig, DnsOption } from './pod/dns-config';

// Per-pod storage.
export { Storage } from './storage/storage';
export type {
  ClaimOptions,
  HostPathStorageProps,
  PreMadeStorageProps,
  PreMadeVolumeOptions,
  StorageOptions,
} from './storage/storage';
export { PersistentVolumeSource } from './storage/persistent-volume-source';
export type {
  CsiVolumeSourceProps,
  LocalVolumeSourceProps,
  NfsVolumeSourceProps,
} from './storage/persistent-volume-source';

// Exposure: the headless Service, client Services, the network policy.
export { ExternalAccess, ExternalTrafficPolicy, SessionAffinity, TargetPort } from './exposure/external-access';
export type {
  ClusterIpAccessOptions,
  LoadBalancerAccessOptions,
  NodePortAccessOptions,
  ServicePort,
} from './exposure/external-access';
export { NetworkAccess } from './exposure/network-access';
export type { NetworkPeers } from './exposure/network-access';
export type { ExposureOptions, HeadlessServiceProps } from './exposure/exposure-options';

// Placement.
export { Spread, SpreadPolicy } from './placement/spread';
export type { SpreadConstraint } from './placement/spread';
export { NodeAffinity, NodeRequirement, PodAntiAffinity } from './placement/affinity';
export type { PodAntiAffinityOptions, PreferredPodAntiAffinityOptions } from './placement/affinity';
export { Toleration } from './placement/toleration';
export type { TolerationOptions } from './placement/toleration';
export type { PlacementOptions, PlacementProps } from './placement/placement-options';

// Lifecycle of the set.
export { ClaimRetention } from './lifecycle/lifecycle-options';
export type { ClaimRetentionProps, LifecycleOptions } from './lifecycle/lifecycle-options';
export { UpdateStrategy } from './lifecycle/update-strategy';
export type { RollingUpdateOptions } from './lifecycle/update-strategy';
export { DisruptionBudget } from './lifecycle/disruption-budget';
export type { DisruptionBudgetOptions } from './lifecycle/disruption-budget';

// Policy acknowledgements.
export { PolicyRule } from './policy/policy-rule';
export type { Acknowledgement } from './policy/policy-rule';
