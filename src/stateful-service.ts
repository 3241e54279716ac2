import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import {
  checkAnnotations,
  checkDnsLabel,
  checkDnsSubdomain,
  checkInteger,
  checkLabels,
  checkLabelValue,
  checkServiceName,
} from './core/checks';
import { claimNames } from './core/name-registry';
import { claimName, INSTANCE_LABEL, NAME_LABEL, objectLabels, podName, selectorLabels } from './core/names';
import { Problems, show } from './core/problems';
import { makeNetworkPolicy } from './exposure/network-policy';
import { resolveExposure } from './exposure/resolve-exposure';
import { makeClientService, makeHeadlessService } from './exposure/services';
import { makeDisruptionBudget } from './lifecycle/disruption-budget-object';
import { resolveLifecycle } from './lifecycle/resolve-lifecycle';
import { resolvePlacement } from './placement/resolve-placement';
import { makeConfigMaps } from './pod/config-maps';
import { resolvePod } from './pod/resolve-pod';
import { makeServiceAccount } from './pod/service-account-object';
import { resolveAcknowledgements } from './policy/acknowledgements';
import { podFindings } from './policy/pod-findings';
import { PolicyRule } from './policy/policy-rule';
import { makeStatefulSet } from './stateful-set';
import type { StatefulServiceProps } from './stateful-service-props';
import { makePersistentVolumes } from './storage/persistent-volumes';
import { resolveStorage } from './storage/resolve-storage';

// The StatefulSet controller labels each pod's revision `<name>-<hash>` (hash up to 10
// characters plus '-'), and label values stop at 63 characters.
const MAX_STATEFULSET_NAME = 52;

/** The objects a StatefulService made. */
interface Children {
  readonly statefulSet: ApiObject;
  readonly headlessService: ApiObject;
  readonly externalService?: ApiObject;
  readonly extraServices: ApiObject[];
  readonly disruptionBudget?: ApiObject;
  readonly serviceAccount?: ApiObject;
  readonly networkPolicy?: ApiObject;
  readonly persistentVolumes: ApiObject[];
  readonly configMaps: ApiObject[];
}

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
  private readonly ports: ReadonlyArray<{ readonly name: string; readonly protocol: string }>;
  private readonly ordinalsStart: number;
  private readonly children?: Children;
  private readonly problems: string[];

  public constructor(scope: Construct, id: string, props: StatefulServiceProps) {
    super(scope, id);
    const p = new Problems();
    const given: Partial<StatefulServiceProps> = typeof props === 'object' && props !== null ? props : {};
    if (given !== props) p.add(`props must be an object, got ${show(props)}`);
    // Chart.of would throw a less helpful error of its own.
    const chart = [...this.node.scopes].reverse().find((c): c is Chart => Chart.isChart(c));
    if (!chart) p.add('a StatefulService must be defined inside a cdk8s Chart (scope is not in one)');

    this.name = String(given.name);
    this.serviceName = String(given.serviceName ?? given.name);
    this.namespaceName = chart?.namespace ?? 'default';
    this.clusterDomain = String(given.clusterDomain ?? 'cluster.local');
    this.replicas = given.replicas;
    this.headlessServiceDnsName = `${this.serviceName}.${this.namespaceName}.svc.${this.clusterDomain}`;
    const appName = given.appName ?? this.serviceName;
    this.selectorLabels = selectorLabels(String(appName), this.name);

    if (chart?.namespace !== undefined) p.check(checkDnsLabel('namespace (of the chart)', chart.namespace));
    p.check(
      checkDnsLabel('name', given.name, MAX_STATEFULSET_NAME, ', since pods get revision labels "<name>-<hash>"'),
    );
    const serviceNameOk = p.check(
      checkServiceName(
        given.serviceName === undefined ? 'serviceName (the default, from name)' : 'serviceName',
        this.serviceName,
      ),
    );
    const replicas =
      given.replicas !== undefined && p.check(checkInteger('replicas', given.replicas, 0)) ? given.replicas : undefined;
    if (given.appName !== undefined) p.check(checkLabelValue('appName', appName));
    else if (serviceNameOk) {
      const c = checkLabelValue('appName', appName);
      if (c) p.add(`${c} (the default, from 'serviceName'; set 'appName')`);
    }
    p.check(checkDnsSubdomain('clusterDomain', this.clusterDomain));
    const userLabels = Object.fromEntries(checkLabels('labels', given.labels, (m) => p.add(m)));
    for (const key of [NAME_LABEL, INSTANCE_LABEL].filter((k) => k in userLabels)) {
      p.add(
        `'labels' must not set ${show(key)}: it is a selector label, made from 'appName' and 'name'; set those instead`,
      );
    }
    const annotations = Object.fromEntries(checkAnnotations('annotations', given.annotations, (m) => p.add(m)));

    const lifecycle = resolveLifecycle(given, replicas, p);
    this.ordinalsStart = lifecycle.ordinalsStart;
    const claims = resolveStorage(
      given.storage,
      { statefulSetName: this.name, replicas, ordinalsStart: lifecycle.ordinalsStart },
      p,
    );
    this.claimTemplates = claims.map((c) => c.name);
    // The binder matches a pre-bound volume's claimRef by namespace and name
    // (pv_controller.go: IsVolumeBoundToClaim); a manifest without a namespace lands in
    // whatever namespace kubectl uses at apply time, where the claims never meet their
    // volumes (they stay Pending, or a default class provisions other, empty ones).
    const preBound = claims.findIndex((c) => c.volumes.length > 0);
    if (preBound >= 0 && chart && chart.namespace === undefined) {
      p.add(
        `'storage[${preBound}]' makes PersistentVolumes pre-bound to the claims by namespace and name, so the claims' namespace must be known: give the chart a namespace (new Chart(app, id, { namespace: 'default' }))`,
      );
    }
    const pod = resolvePod(
      given as StatefulServiceProps,
      { appName: String(appName), statefulSetName: this.name, claims },
      p,
    );
    this.ports = pod.ports;
    const exposure = resolveExposure(given, { serviceName: this.serviceName, serviceNameOk, ports: pod.ports }, p);
    const placement = resolvePlacement(given, this.selectorLabels, p);
    const found = podFindings(pod.spec, {
      replicated: replicas === undefined || replicas > 1,
      budget: lifecycle.disruptionBudget !== undefined,
    });
    if (claims.some((c) => c.volumes.some((v) => v.source.hostPath !== undefined))) found.add(PolicyRule.HOST_PATH);
    if (exposure.clientServices.some((s) => s.type === 'NodePort')) found.add(PolicyRule.NODE_PORT);
    const acks = resolveAcknowledgements(given.acknowledgements, pod.needed, found, p);

    if (p.list.length === 0) {
      const ns = this.namespaceName;
      p.list.push(
        ...claimNames(this, [
          `StatefulSet "${ns}/${this.name}"`,
          `Service "${ns}/${this.serviceName}"`,
          ...exposure.clientServices.map((s) => `Service "${ns}/${s.name}"`),
          ...pod.configMaps.map((c) => `ConfigMap "${ns}/${c.name}"`),
          ...(lifecycle.disruptionBudget
            ? [`PodDisruptionBudget "${ns}/${lifecycle.disruptionBudget.name ?? this.name}"`]
            : []),
          ...(pod.serviceAccount?.create ? [`ServiceAccount "${ns}/${pod.serviceAccount.name}"`] : []),
          // PersistentVolumes, host directories and node ports are cluster-wide.
          ...claims.flatMap((c) => c.volumes.map((v) => `PersistentVolume "${v.name}"`)),
          ...claims.flatMap((c) =>
            c.volumes.flatMap((v) => (v.source.hostPath ? [`hostPath directory "${v.source.hostPath.path}"`] : [])),
          ),
          ...exposure.clientServices.flatMap((s) =>
            s.ports.flatMap((x) => (x.nodePort ? [`node port ${x.nodePort}`] : [])),
          ),
        ]),
      );
    }
    this.problems = p.list;
    if (p.list.length > 0) {
      const problems = p.list;
      this.node.addValidation({ validate: () => problems });
      return;
    }

    const labels = objectLabels(userLabels, this.selectorLabels);
    const selector = { ...this.selectorLabels };
    const common = { labels, annotations, selector };
    const persistentVolumes = claims.some((c) => c.volumes.length > 0)
      ? makePersistentVolumes(new Construct(this, 'Volumes'), claims, this.namespaceName, {
          labels,
          annotations,
          hostPathAnnotations: acks.persistentVolumes,
        })
      : [];
    const configMaps = makeConfigMaps(this, pod.configMaps, common);
    const serviceMetadata = { ...common, nodePortAnnotations: acks.nodePortServices };
    const headlessService = makeHeadlessService(this, 'HeadlessService', this.serviceName, exposure, serviceMetadata);
    const statefulSet = makeStatefulSet(this, 'Resource', {
      name: this.name,
      serviceName: this.serviceName,
      replicas,
      labels,
      annotations: { ...annotations, ...acks.statefulSet },
      selector,
      pod,
      placement,
      lifecycle,
      claims,
    });
    const externalService =
      exposure.external && makeClientService(this, 'ExternalService', exposure.external, serviceMetadata);
    const extra = exposure.clientServices.filter((s) => s !== exposure.external);
    const extraScope = extra.length > 0 ? new Construct(this, 'ExtraServices') : undefined;
    this.children = {
      persistentVolumes,
      configMaps,
      headlessService,
      statefulSet,
      externalService,
      extraServices: extra.map((s) => makeClientService(extraScope!, s.name, s, serviceMetadata)),
      disruptionBudget: makeDisruptionBudget(this, 'DisruptionBudget', this.name, lifecycle, common),
      serviceAccount: makeServiceAccount(this, 'ServiceAccount', pod.serviceAccount, common),
      networkPolicy: makeNetworkPolicy(this, 'NetworkPolicy', this.name, exposure, common),
    };
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
   * `env: { PEERS: EnvValue.fromValue(db.peerDnsNames().join(',')) }`.
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
