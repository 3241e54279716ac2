// The objects are written as plain cdk8s `ApiObject`s whose content is already what the API
// server reads, and typed at compile time by the generated 1.27 interfaces of imports/k8s.ts
// through `Wire<T>`. The generated L1 classes are not used at run time: their `toJson`
// rebuilds every object once more to rename fields and unwrap quantities (the typed peer of
// docs/performance.md: 1.11x the plain one in one chart), and loading them is 520 kB of
// JavaScript for every app that requires the package (76 kB of the 238 kB bundle of main.ts).
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type {
  IntOrString,
  KubeConfigMapProps,
  KubeNamespaceProps,
  KubeNetworkPolicyProps,
  KubePersistentVolumeProps,
  KubePodDisruptionBudgetProps,
  KubeRoleBindingProps,
  KubeRoleProps,
  KubeServiceAccountProps,
  KubeServiceProps,
  KubeStatefulSetProps,
  Quantity,
} from '../../imports/k8s';

/**
 * The generated interfaces' field names that differ from the API's: the L1 `toJson`
 * functions map each back (`'clusterIP': obj.clusterIp`). test/wire.test.ts checks this
 * list against every such mapping in imports/k8s.ts.
 */
export interface WireNames {
  clientIp: 'clientIP';
  clusterIp: 'clusterIP';
  datasetUuid: 'datasetUUID';
  diskUri: 'diskURI';
  downwardApi: 'downwardAPI';
  externalId: 'externalID';
  hostIp: 'hostIP';
  hostIpc: 'hostIPC';
  hostPid: 'hostPID';
  insecureSkipTlsVerify: 'insecureSkipTLSVerify';
  loadBalancerIp: 'loadBalancerIP';
  nodeId: 'nodeID';
  nonResourceUrLs: 'nonResourceURLs';
  openApiv3Schema: 'openAPIV3Schema';
  pdId: 'pdID';
  podCidr: 'podCIDR';
  podCidRs: 'podCIDRs';
  providerId: 'providerID';
  ref: '$ref';
  scaleIo: 'scaleIO';
  schema: '$schema';
  setHostnameAsFqdn: 'setHostnameAsFQDN';
  storagePolicyId: 'storagePolicyID';
  targetCpuUtilizationPercentage: 'targetCPUUtilizationPercentage';
  targetWwNs: 'targetWWNs';
  volumeId: 'volumeID';
  xKubernetesEmbeddedResource: 'x-kubernetes-embedded-resource';
  xKubernetesIntOrString: 'x-kubernetes-int-or-string';
  xKubernetesListMapKeys: 'x-kubernetes-list-map-keys';
  xKubernetesListType: 'x-kubernetes-list-type';
  xKubernetesMapType: 'x-kubernetes-map-type';
  xKubernetesPreserveUnknownFields: 'x-kubernetes-preserve-unknown-fields';
  xKubernetesValidations: 'x-kubernetes-validations';
}

/** Quantity and IntOrString (one shape): a mutual assignability test, so that an interface with a `value` field is not taken for one. */
type IsValueClass<T> = [T] extends [Quantity | IntOrString] ? ([Quantity] extends [T] ? true : false) : false;

type WireOne<T> =
  IsValueClass<T> extends true
    ? string | number
    : T extends ReadonlyArray<infer U>
      ? Array<Wire<U>>
      : T extends object
        ? { [K in keyof T as K extends keyof WireNames ? WireNames[K] : K]: Wire<T[K]> }
        : T;

/** A generated interface's type as the API writes it: field names of the API, quantities and int-or-strings as their values. */
export type Wire<T> = T extends unknown ? WireOne<T> : never;

/** The kinds the construct writes, with their generated props interface and API version. */
interface Kinds {
  ConfigMap: KubeConfigMapProps;
  Namespace: KubeNamespaceProps;
  NetworkPolicy: KubeNetworkPolicyProps;
  PersistentVolume: KubePersistentVolumeProps;
  PodDisruptionBudget: KubePodDisruptionBudgetProps;
  Role: KubeRoleProps;
  RoleBinding: KubeRoleBindingProps;
  Service: KubeServiceProps;
  ServiceAccount: KubeServiceAccountProps;
  StatefulSet: KubeStatefulSetProps;
}

const API_VERSIONS: { readonly [K in keyof Kinds]: string } = {
  ConfigMap: 'v1',
  Namespace: 'v1',
  NetworkPolicy: 'networking.k8s.io/v1',
  PersistentVolume: 'v1',
  PodDisruptionBudget: 'policy/v1',
  Role: 'rbac.authorization.k8s.io/v1',
  RoleBinding: 'rbac.authorization.k8s.io/v1',
  Service: 'v1',
  ServiceAccount: 'v1',
  StatefulSet: 'apps/v1',
};

/** The content of an object of a kind, as the API reads it (everything but `apiVersion` and `kind`). */
export type WireBody<K extends keyof Kinds> = Wire<Kinds[K]>;

/**
 * An object of a cluster-scoped kind: cdk8s stamps a chart's namespace onto every object
 * (cdk8s-core#731), and a namespace on a cluster-scoped object is wrong (the API server
 * drops it; the validation warns of it).
 */
class ClusterScopedApiObject extends ApiObject {
  public override toJson(): ReturnType<ApiObject['toJson']> {
    const json = super.toJson();
    delete json.metadata?.namespace;
    return json;
  }
}

const CLUSTER_SCOPED: ReadonlySet<keyof Kinds> = new Set<keyof Kinds>(['Namespace', 'PersistentVolume']);

/** An object of one of the construct's kinds, with its content as the API reads it. */
export function apiObject<K extends keyof Kinds>(scope: Construct, id: string, kind: K, body: WireBody<K>): ApiObject {
  const props = { ...body, apiVersion: API_VERSIONS[kind], kind };
  return CLUSTER_SCOPED.has(kind) ? new ClusterScopedApiObject(scope, id, props) : new ApiObject(scope, id, props);
}
