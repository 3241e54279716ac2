// How a StatefulService is composed from its concerns: resolve each concern from the
// props, check what spans them, and make the objects from the settings.
import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { checkInteger } from './core/checks';
import { objectLabels } from './core/names';
import { Problems } from './core/problems';
import { checkKnownProps, propNames } from './core/prop-names';
import { EXPOSURE_PROPS, ExposureSettings, resolveExposure } from './exposure/resolve-exposure';
import { makeNetworkPolicy } from './exposure/network-policy';
import { makeClientService, makeHeadlessService } from './exposure/services';
import { IDENTITY_PROPS, IdentitySettings, resolveIdentity } from './identity/resolve-identity';
import { makeDisruptionBudget } from './lifecycle/disruption-budget-object';
import { LIFECYCLE_PROPS, LifecycleSettings, resolveLifecycle } from './lifecycle/resolve-lifecycle';
import { PLACEMENT_OPTIONS_PROPS, PlacementSettings, resolvePlacement } from './placement/resolve-placement';
import { makeConfigMaps } from './pod/config-maps';
import { POD_PROPS, PodSettings, resolvePod } from './pod/resolve-pod';
import { makeRole, makeServiceAccount } from './pod/service-account-object';
import { AcknowledgementAnnotations, resolveAcknowledgements } from './policy/acknowledgements';
import { podFindings } from './policy/pod-findings';
import { PolicyRule } from './policy/policy-rule';
import { makeStatefulSet } from './stateful-set';
import type { StatefulServiceProps } from './stateful-service-props';
import { makePersistentVolumes } from './storage/persistent-volumes';
import { ClaimSettings, resolveStorage, STORAGE_OPTIONS_PROPS } from './storage/resolve-storage';

const STATEFUL_SERVICE_PROPS = propNames<StatefulServiceProps>({
  ...IDENTITY_PROPS,
  ...POD_PROPS,
  ...STORAGE_OPTIONS_PROPS,
  ...EXPOSURE_PROPS,
  ...PLACEMENT_OPTIONS_PROPS,
  ...LIFECYCLE_PROPS,
  replicas: true,
  acknowledgements: true,
});

/** The objects a StatefulService made. */
export interface Children {
  readonly statefulSet: ApiObject;
  readonly headlessService: ApiObject;
  readonly externalService?: ApiObject;
  readonly extraServices: ApiObject[];
  readonly disruptionBudget?: ApiObject;
  readonly serviceAccount?: ApiObject;
  readonly role?: ApiObject;
  readonly roleBinding?: ApiObject;
  readonly networkPolicy?: ApiObject;
  readonly persistentVolumes: ApiObject[];
  readonly configMaps: ApiObject[];
}

/** Every concern's settings: what the objects are made from. */
export interface Settings {
  readonly identity: IdentitySettings;
  readonly replicas?: number;
  readonly lifecycle: LifecycleSettings;
  readonly claims: readonly ClaimSettings[];
  readonly pod: PodSettings;
  readonly exposure: ExposureSettings;
  readonly placement: PlacementSettings;
  readonly acks: AcknowledgementAnnotations;
}

/** Each concern's settings from the props, in the order their facts flow. */
export function resolve(given: Partial<StatefulServiceProps>, namespace: string | undefined, p: Problems): Settings {
  checkKnownProps('', given, STATEFUL_SERVICE_PROPS, p);
  const identity = resolveIdentity(given, namespace, p);
  const replicas =
    given.replicas !== undefined && p.check(checkInteger('replicas', given.replicas, 0)) ? given.replicas : undefined;
  let lifecycle = resolveLifecycle(given, replicas, p);
  const claims = resolveStorage(
    given.storage,
    { statefulSetName: identity.name, replicas, ordinalsStart: lifecycle.ordinalsStart },
    p,
  );
  if (Array.isArray(given.storage) && given.storage.length === 0) {
    // No claim templates: no claims to retain or delete, so no retention policy is written.
    if (given.claimRetention !== undefined)
      p.add(`'claimRetention' applies to the claims of 'storage', and 'storage' is [] (no claim templates)`);
    lifecycle = { ...lifecycle, spec: { ...lifecycle.spec, persistentVolumeClaimRetentionPolicy: undefined } };
  }
  const pod = resolvePod(
    given as StatefulServiceProps,
    { appName: identity.appName, statefulSetName: identity.name, claims },
    p,
  );
  const exposure = resolveExposure(
    given,
    { serviceName: identity.serviceName, serviceNameOk: identity.serviceNameOk, ports: pod.ports },
    p,
  );
  const placement = resolvePlacement(given, identity.selectorLabels, p);
  const found = podFindings(pod.spec, {
    replicated: replicas === undefined || replicas > 1,
    budget: lifecycle.disruptionBudget !== undefined,
  });
  if (claims.some((c) => c.volumes.some((v) => v.source.hostPath !== undefined))) found.add(PolicyRule.HOST_PATH);
  if (exposure.clientServices.some((s) => s.type === 'NodePort')) found.add(PolicyRule.NODE_PORT);
  const acks = resolveAcknowledgements(given.acknowledgements, pod.needed, found, p);
  return { identity, replicas, lifecycle, claims, pod, exposure, placement, acks };
}

/** What no single concern can see: the chart the objects land in. */
export function checkAcross(s: Settings, chart: Chart, p: Problems): void {
  // The binder matches a pre-bound volume's claimRef by namespace and name
  // (pv_controller.go: IsVolumeBoundToClaim); a manifest without a namespace lands in
  // whatever namespace kubectl uses at apply time, where the claims never meet their
  // volumes (they stay Pending, or a default class provisions other, empty ones).
  // validation.go (rbac): a ServiceAccount subject of a RoleBinding names its namespace.
  if ((s.pod.serviceAccount?.rules.length ?? 0) > 0 && chart.namespace === undefined) {
    p.add(
      `'serviceAccount' rules make a RoleBinding whose subject names the ServiceAccount's namespace, so the namespace must be known: give the chart a namespace (new Chart(app, id, { namespace: 'default' }))`,
    );
  }
  const preBound = s.claims.findIndex((c) => c.volumes.length > 0);
  if (preBound >= 0 && chart.namespace === undefined) {
    p.add(
      `'storage[${preBound}]' makes PersistentVolumes pre-bound to the claims by namespace and name, so the claims' namespace must be known: give the chart a namespace (new Chart(app, id, { namespace: 'default' }))`,
    );
  }
}

/** The names the objects take in the namespace and the cluster, which no other service of the app may take. */
export function namesUsed(s: Settings): string[] {
  const { identity, claims, pod, exposure, lifecycle } = s;
  const ns = identity.namespace;
  return [
    `StatefulSet "${ns}/${identity.name}"`,
    `Service "${ns}/${identity.serviceName}"`,
    ...exposure.clientServices.map((x) => `Service "${ns}/${x.name}"`),
    ...pod.configMaps.map((c) => `ConfigMap "${ns}/${c.name}"`),
    ...(lifecycle.disruptionBudget
      ? [`PodDisruptionBudget "${ns}/${lifecycle.disruptionBudget.name ?? identity.name}"`]
      : []),
    ...(pod.serviceAccount?.create ? [`ServiceAccount "${ns}/${pod.serviceAccount.name}"`] : []),
    ...(pod.serviceAccount?.create && pod.serviceAccount.rules.length > 0
      ? [`Role "${ns}/${pod.serviceAccount.name}"`, `RoleBinding "${ns}/${pod.serviceAccount.name}"`]
      : []),
    // PersistentVolumes, host directories and node ports are cluster-wide.
    ...claims.flatMap((c) => c.volumes.map((v) => `PersistentVolume "${v.name}"`)),
    ...claims.flatMap((c) =>
      c.volumes.flatMap((v) => (v.source.hostPath ? [`hostPath directory "${v.source.hostPath.path}"`] : [])),
    ),
    ...exposure.clientServices.flatMap((x) => x.ports.flatMap((y) => (y.nodePort ? [`node port ${y.nodePort}`] : []))),
  ];
}

/** The objects, under their construct ids. */
export function make(scope: Construct, s: Settings): Children {
  const { identity, claims, pod, exposure, lifecycle, placement, acks, replicas } = s;
  const labels = objectLabels(identity.userLabels, identity.selectorLabels);
  const selector = { ...identity.selectorLabels };
  const annotations = identity.annotations;
  const common = { labels, annotations, selector };
  const persistentVolumes = claims.some((c) => c.volumes.length > 0)
    ? makePersistentVolumes(new Construct(scope, 'Volumes'), claims, identity.namespace, {
        labels,
        annotations,
        hostPathAnnotations: acks.persistentVolumes,
      })
    : [];
  const configMaps = makeConfigMaps(scope, pod.configMaps, common);
  const serviceMetadata = { ...common, nodePortAnnotations: acks.nodePortServices };
  const headlessService = makeHeadlessService(
    scope,
    'HeadlessService',
    identity.serviceName,
    exposure,
    serviceMetadata,
  );
  const statefulSet = makeStatefulSet(scope, 'Resource', {
    name: identity.name,
    serviceName: identity.serviceName,
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
    exposure.external && makeClientService(scope, 'ExternalService', exposure.external, serviceMetadata);
  const extra = exposure.clientServices.filter((x) => x !== exposure.external);
  const extraScope = extra.length > 0 ? new Construct(scope, 'ExtraServices') : undefined;
  return {
    persistentVolumes,
    configMaps,
    headlessService,
    statefulSet,
    externalService,
    extraServices: extra.map((x) => makeClientService(extraScope!, x.name, x, serviceMetadata)),
    disruptionBudget: makeDisruptionBudget(scope, 'DisruptionBudget', identity.name, lifecycle, common),
    serviceAccount: makeServiceAccount(scope, 'ServiceAccount', pod.serviceAccount, common),
    ...makeRole(scope, pod.serviceAccount, identity.namespace, common),
    networkPolicy: makeNetworkPolicy(scope, 'NetworkPolicy', identity.name, exposure, common),
  };
}
