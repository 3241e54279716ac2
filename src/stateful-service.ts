import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { checkAcross, Children, make, namesUsed, resolve } from './compose';
import { claimNames } from './core/name-registry';
import { claimName, podName } from './core/names';
import { Problems, show } from './core/problems';
import type { StatefulServiceProps } from './stateful-service-props';

/**
 * The "Stateful Service" pattern: a StatefulSet whose pods each keep their own volumes,
 * a headless Service that gives each pod a stable network identity, and a Service that
 * reaches the set from outside; optionally pre-made volumes pre-bound per ordinal, more
 * client Services, ConfigMaps, a ServiceAccount and a NetworkPolicy.
 *
 * Props are checked when the construct is made. Problems are reported by `App.synth()`
 * (every problem of every service at once, before any file is written), or as soon as
 * code asks the construct for an object it could not make.
 *
 * Children (construct ids are part of the API): `Volumes/<claim template>/<ordinal>`
 * (PersistentVolumes), `ConfigMaps/<name>`, `HeadlessService`, `Resource` (the
 * StatefulSet), `ExternalService`, `ExtraServices/<name>`, `DisruptionBudget`,
 * `ServiceAccount` and `NetworkPolicy`.
 */
export class StatefulService extends Construct {
  /** Name of the StatefulSet. */
  public readonly name: string;
  /** Name of the headless Service. */
  public readonly serviceName: string;
  /** Namespace of the objects: the chart's, else `default` (where kubectl puts objects without one by default). */
  public readonly namespaceName: string;
  /** The cluster's DNS domain the DNS names assume. */
  public readonly clusterDomain: string;
  /** Replica count in the manifest; undefined when left to `kubectl scale` or an autoscaler. */
  public readonly replicas?: number;
  /** The labels that select the set's pods (shared by the StatefulSet, the Services, the budget and the policy). */
  public readonly selectorLabels: { [key: string]: string };
  /** DNS name of the headless Service: `<serviceName>.<namespace>.svc.<clusterDomain>`. */
  public readonly headlessServiceDnsName: string;

  private readonly claimTemplates: string[];
  private readonly ports: ReadonlyArray<{ readonly name?: string; readonly protocol: string }>;
  private readonly ordinalsStart: number;
  private readonly children?: Children;
  private readonly problems: string[];

  public constructor(scope: Construct, id: string, props: StatefulServiceProps) {
    super(scope, id);
    // Resolve every concern (checks and defaults, every problem collected), check what
    // spans concerns and the app, then make the objects, only when nothing was wrong.
    const p = new Problems();
    const given: Partial<StatefulServiceProps> = typeof props === 'object' && props !== null ? props : {};
    if (given !== props) p.add(`props must be an object, got ${show(props)}`);
    // Chart.of would throw a less helpful error of its own.
    const chart = [...this.node.scopes].reverse().find((c): c is Chart => Chart.isChart(c));
    if (!chart) p.add('a StatefulService must be defined inside a cdk8s Chart (scope is not in one)');
    const settings = resolve(given, chart?.namespace, p);
    const { identity } = settings;

    this.name = identity.name;
    this.serviceName = identity.serviceName;
    this.namespaceName = identity.namespace;
    this.clusterDomain = identity.clusterDomain;
    this.replicas = given.replicas;
    this.headlessServiceDnsName = `${this.serviceName}.${this.namespaceName}.svc.${this.clusterDomain}`;
    this.selectorLabels = { ...identity.selectorLabels };
    this.ordinalsStart = settings.lifecycle.ordinalsStart;
    this.claimTemplates = settings.claims.map((c) => c.name);
    this.ports = settings.pod.ports;

    if (chart) checkAcross(settings, chart, p);
    if (p.list.length === 0) p.list.push(...claimNames(this, namesUsed(settings)));
    this.problems = p.list;
    if (p.list.length > 0) {
      const problems = p.list;
      this.node.addValidation({ validate: () => problems });
      return;
    }
    this.children = make(this, settings);
  }

  /** The StatefulSet (an escape hatch: `addJsonPatch` changes what no prop covers). */
  public get statefulSet(): ApiObject {
    return this.made().statefulSet;
  }

  /** The headless Service named by the StatefulSet's `serviceName`. */
  public get headlessService(): ApiObject {
    return this.made().headlessService;
  }

  /** The Service of `externalAccess`, unless it is `ExternalAccess.none()`. */
  public get externalService(): ApiObject | undefined {
    return this.made().externalService;
  }

  /** The Services of `extraServices`, in order. */
  public get extraServices(): ApiObject[] {
    return [...this.made().extraServices];
  }

  /** The PodDisruptionBudget, unless `disruptionBudget` is `DisruptionBudget.none()`. */
  public get disruptionBudget(): ApiObject | undefined {
    return this.made().disruptionBudget;
  }

  /** The ServiceAccount, when `serviceAccount` is `PodServiceAccount.create(...)`. */
  public get serviceAccount(): ApiObject | undefined {
    return this.made().serviceAccount;
  }

  /** The Role of the ServiceAccount's `rules`, when there are rules. */
  public get role(): ApiObject | undefined {
    return this.made().role;
  }

  /** The RoleBinding of that Role to the ServiceAccount, when there are rules. */
  public get roleBinding(): ApiObject | undefined {
    return this.made().roleBinding;
  }

  /** The NetworkPolicy, when `networkAccess` is given. */
  public get networkPolicy(): ApiObject | undefined {
    return this.made().networkPolicy;
  }

  /** The pre-made PersistentVolumes, by claim template and ordinal (empty without pre-made volumes). */
  public get persistentVolumes(): ApiObject[] {
    return [...this.made().persistentVolumes];
  }

  /** The ConfigMaps of `configMaps`, in order. */
  public get configMaps(): ApiObject[] {
    return [...this.made().configMaps];
  }

  /** Names of the claim templates, in the order of `storage`. */
  public get claimTemplateNames(): string[] {
    return [...this.claimTemplates];
  }

  /**
   * The SRV record of a port of the headless Service, as the book queries it with
   * `dig SRV`: `_<port>._<protocol>.<headless service DNS name>`.
   *
   * @param portName default: the main container's first port
   */
  public srvRecordName(portName?: string): string {
    const port = portName === undefined ? this.ports[0] : this.ports.find((x) => x.name === portName);
    if (port === undefined) {
      throw new Error(
        `StatefulService at '${this.node.path}': the main container has no port ${portName === undefined ? 'at all' : show(portName)}, so no SRV record`,
      );
    }
    if (port.name === undefined) {
      // Kubernetes publishes SRV records for named ports only.
      throw new Error(
        `StatefulService at '${this.node.path}': the main container's first port has no name, so no SRV record`,
      );
    }
    return `_${port.name}._${port.protocol.toLowerCase()}.${this.headlessServiceDnsName}`;
  }

  /** Name of the pod of `ordinal` (also its hostname): `<name>-<ordinal>`. */
  public podName(ordinal: number): string {
    return podName(this.name, ordinal);
  }

  /**
   * Name of the claim the StatefulSet controller makes for `ordinal`:
   * `<claim template>-<name>-<ordinal>`.
   *
   * @param claimTemplate default: the first claim template
   */
  public claimName(ordinal: number, claimTemplate?: string): string {
    return claimName(claimTemplate ?? this.claimTemplates[0] ?? 'data', this.name, ordinal);
  }

  /** The stable DNS name of the pod of `ordinal`: `<name>-<ordinal>.<headless service DNS name>`. */
  public podDnsName(ordinal: number): string {
    return `${this.podName(ordinal)}.${this.headlessServiceDnsName}`;
  }

  /**
   * The DNS names of the first `count` pods, e.g. to configure peers:
   * `env: { PEERS: EnvValue.literal(db.peerDnsNames().join(',')) }`.
   *
   * @param count default: `replicas` (1 when it is left to the cluster)
   */
  public peerDnsNames(count?: number): string[] {
    return Array.from({ length: count ?? this.replicas ?? 1 }, (_, k) => this.podDnsName(this.ordinalsStart + k));
  }

  private made(): Children {
    if (this.children) return this.children;
    throw new Error(
      `StatefulService at '${this.node.path}' has invalid props and made no objects:\n  - ${this.problems.join('\n  - ')}`,
    );
  }
}
