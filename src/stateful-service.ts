import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import type {
  KubeNetworkPolicy,
  KubePersistentVolume,
  KubePodDisruptionBudget,
  KubeService,
  KubeServiceAccount,
  KubeStatefulSet,
} from '../imports/k8s';
import { makeDisruptionBudget } from './disruption-budget';
import { makeNetworkPolicy, makeServiceAccount } from './identity';
import { claimName, podName } from './labels';
import { claimNames } from './name-registry';
import { makePersistentVolumes } from './persistent-volumes';
import { makeExternalService, makeHeadlessService } from './services';
import { resolveSettings, Settings } from './settings';
import { makeStatefulSet } from './stateful-set';
import type { StatefulServiceProps } from './stateful-service-props';
import { StatefulServiceError } from './validation';

/**
 * The "Stateful Service" pattern: a StatefulSet whose pods each keep their own
 * volume, a headless Service that gives each pod a stable network identity, and a
 * Service that reaches the set from outside; optionally, pre-made volumes pre-bound
 * per ordinal, a ServiceAccount and a NetworkPolicy.
 *
 * Children (construct ids are part of the API): `Volumes/<claim template>/<ordinal>`
 * (PersistentVolumes), `HeadlessService`, `Resource` (the StatefulSet),
 * `ExternalService`, `DisruptionBudget`, `ServiceAccount` and `NetworkPolicy`.
 *
 * @throws StatefulServiceError listing every invalid prop, before any object is made.
 */
export class StatefulService extends Construct {
  /** The StatefulSet. */
  public readonly statefulSet: KubeStatefulSet;
  /** The headless Service named by the StatefulSet's `serviceName`. */
  public readonly headlessService: KubeService;
  /** The externally reachable Service, unless `externalService.enabled` is false. */
  public readonly externalService?: KubeService;
  /** The PodDisruptionBudget, unless `disruptionBudget.enabled` is false. */
  public readonly disruptionBudget?: KubePodDisruptionBudget;
  /** The ServiceAccount, when `serviceAccount` asks for one to be made. */
  public readonly serviceAccount?: KubeServiceAccount;
  /** The NetworkPolicy, when `networkPolicy` is given. */
  public readonly networkPolicy?: KubeNetworkPolicy;
  /** The pre-made PersistentVolumes, by claim template and ordinal (empty without pre-made volumes). */
  public readonly persistentVolumes: readonly KubePersistentVolume[];

  /** Name of the StatefulSet. */
  public readonly name: string;
  /** Name of the headless Service. */
  public readonly serviceName: string;
  /** Namespace of the objects (the chart's, else `default`). */
  public readonly namespace: string;
  /** The cluster's DNS domain the DNS names below assume. */
  public readonly clusterDomain: string;
  /** Replica count in the manifest; `undefined` when left to `kubectl scale` or an autoscaler. */
  public readonly replicas?: number;
  /** The port the container and both Services use, named `http`. */
  public readonly port: number;
  /** Name of the primary claim template, and of the volume mounted in each pod. */
  public readonly claimTemplateName: string;
  /** Names of all claim templates, primary first. */
  public readonly claimTemplateNames: readonly string[];
  /** The labels that select the set's pods (shared by the StatefulSet, both Services, the budget and the policy). */
  public readonly selectorLabels: Readonly<Record<string, string>>;
  /** DNS name of the headless Service: `<serviceName>.<namespace>.svc.<clusterDomain>`. */
  public readonly headlessServiceDnsName: string;
  /** The SRV record of the `http` port, as the book queries it with `dig SRV`: `_http._tcp.<headless service DNS name>`. */
  public readonly srvRecordName: string;

  public constructor(scope: Construct, id: string, props: StatefulServiceProps) {
    super(scope, id);
    const settings = this.settle(props);
    this.name = settings.name;
    this.serviceName = settings.serviceName;
    this.namespace = settings.namespace;
    this.clusterDomain = settings.clusterDomain;
    this.replicas = settings.replicas;
    this.port = settings.port;
    this.claimTemplateNames = settings.storage.map((st) => st.name);
    this.claimTemplateName = this.claimTemplateNames[0];
    this.selectorLabels = { ...settings.selector };
    this.headlessServiceDnsName = `${settings.serviceName}.${settings.namespace}.svc.${settings.clusterDomain}`;
    this.srvRecordName = `_http._tcp.${this.headlessServiceDnsName}`;

    this.persistentVolumes = settings.storage.some((st) => st.volumes.length > 0)
      ? makePersistentVolumes(new Construct(this, 'Volumes'), settings)
      : [];
    this.headlessService = makeHeadlessService(this, 'HeadlessService', settings);
    this.statefulSet = makeStatefulSet(this, 'Resource', settings);
    this.externalService = makeExternalService(this, 'ExternalService', settings);
    this.disruptionBudget = makeDisruptionBudget(this, 'DisruptionBudget', settings);
    this.serviceAccount = makeServiceAccount(this, 'ServiceAccount', settings);
    this.networkPolicy = makeNetworkPolicy(this, 'NetworkPolicy', settings);
  }

  /** Name of the pod of `ordinal` (also its hostname): `<name>-<ordinal>`. */
  public podName(ordinal: number): string {
    return podName(this.name, ordinal);
  }

  /** Name of the claim the StatefulSet controller makes for `ordinal`: `<claim template>-<name>-<ordinal>`. */
  public claimName(ordinal: number, claimTemplate: string = this.claimTemplateName): string {
    return claimName(claimTemplate, this.name, ordinal);
  }

  /** The stable DNS name of the pod of `ordinal`: `<name>-<ordinal>.<headless service DNS name>`. */
  public podDnsName(ordinal: number): string {
    return `${this.podName(ordinal)}.${this.headlessServiceDnsName}`;
  }

  /**
   * The DNS names of the first `count` pods, e.g. to configure peers
   * (`env: { PEERS: service.peerDnsNames().join(',') }` of another construct).
   *
   * @param count how many; default `replicas` (1 when it is left to the cluster)
   */
  public peerDnsNames(count: number = this.replicas ?? 1): string[] {
    return Array.from({ length: count }, (_, k) => this.podDnsName(k));
  }

  private settle(props: StatefulServiceProps): Settings {
    // The nearest chart, as Chart.of would find it (which throws an unhelpful error instead).
    const chart = [...this.node.scopes].reverse().find((c): c is Chart => Chart.isChart(c));
    if (!chart) {
      throw new StatefulServiceError(this.node.path, [
        'a StatefulService must be defined inside a cdk8s Chart (scope is not in one)',
      ]);
    }
    const { settings, problems } = resolveSettings(props, chart.namespace);
    if (!settings) throw new StatefulServiceError(this.node.path, problems);
    const clashes = claimNames(this, settings);
    if (clashes.length > 0) throw new StatefulServiceError(this.node.path, clashes);
    return settings;
  }
}
