import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import type { KubePersistentVolume, KubePodDisruptionBudget, KubeService, KubeStatefulSet } from '../imports/k8s';
import { makeDisruptionBudget } from './disruption-budget';
import { claimName, podName } from './labels';
import { claimNames } from './name-registry';
import { makeHostPathVolumes } from './persistent-volumes';
import { makeExternalService, makeHeadlessService } from './services';
import { resolveSettings, Settings } from './settings';
import { makeStatefulSet } from './stateful-set';
import type { StatefulServiceProps } from './stateful-service-props';
import { StatefulServiceError } from './validation';

/**
 * The "Stateful Service" pattern: a StatefulSet whose pods each keep their own
 * volume, a headless Service that gives each pod a stable network identity, and a
 * Service that reaches the set from outside; optionally, pre-made hostPath volumes
 * pre-bound per ordinal for single-node clusters.
 *
 * Children (construct ids are part of the API): `Volumes/<ordinal>`
 * (PersistentVolumes), `HeadlessService`, `Resource` (the StatefulSet),
 * `ExternalService` and `DisruptionBudget`.
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
  /** The pre-made PersistentVolumes, by ordinal (empty without `storage.hostPathVolumes`). */
  public readonly persistentVolumes: readonly KubePersistentVolume[];

  /** Name of the StatefulSet. */
  public readonly name: string;
  /** Name of the headless Service. */
  public readonly serviceName: string;
  /** Namespace of the objects (the chart's, else `default`). */
  public readonly namespace: string;
  /** Replica count in the manifest; `undefined` when left to `kubectl scale` or an autoscaler. */
  public readonly replicas?: number;
  /** The port the container and both Services use, named `http`. */
  public readonly port: number;
  /** Name of the claim template, and of the volume mounted in each pod. */
  public readonly claimTemplateName: string;
  /** The labels that select the set's pods (shared by the StatefulSet and both Services). */
  public readonly selectorLabels: Readonly<Record<string, string>>;

  public constructor(scope: Construct, id: string, props: StatefulServiceProps) {
    super(scope, id);
    const settings = this.settle(props);
    this.name = settings.name;
    this.serviceName = settings.serviceName;
    this.namespace = settings.namespace;
    this.replicas = settings.replicas;
    this.port = settings.port;
    this.claimTemplateName = settings.storage.name;
    this.selectorLabels = { ...settings.selector };

    this.persistentVolumes =
      settings.volumes.length > 0 ? makeHostPathVolumes(new Construct(this, 'Volumes'), settings) : [];
    this.headlessService = makeHeadlessService(this, 'HeadlessService', settings);
    this.statefulSet = makeStatefulSet(this, 'Resource', settings);
    this.externalService = makeExternalService(this, 'ExternalService', settings);
    this.disruptionBudget = makeDisruptionBudget(this, 'DisruptionBudget', settings);
  }

  /** Name of the pod of `ordinal` (also its hostname): `<name>-<ordinal>`. */
  public podName(ordinal: number): string {
    return podName(this.name, ordinal);
  }

  /** Name of the claim the StatefulSet controller makes for `ordinal`: `<claim template>-<name>-<ordinal>`. */
  public claimName(ordinal: number): string {
    return claimName(this.claimTemplateName, this.name, ordinal);
  }

  private settle(props: StatefulServiceProps): Settings {
    // The nearest chart, as Chart.of would find it (which throws an unhelpful error instead).
    const chart = [...this.node.scopes].reverse().find((c): c is Chart => Chart.isChart(c));
    if (!chart) {
      throw new StatefulServiceError(this.node.path, ['a StatefulService must be defined inside a cdk8s Chart (scope is not in one)']);
    }
    const { settings, problems } = resolveSettings(props, chart.namespace);
    if (!settings) throw new StatefulServiceError(this.node.path, problems);
    const clashes = claimNames(this, settings);
    if (clashes.length > 0) throw new StatefulServiceError(this.node.path, clashes);
    return settings;
  }
}
