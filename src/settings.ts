import { objectLabels, selectorLabels, INSTANCE_LABEL, NAME_LABEL } from './labels';
import { PodSettings, resolvePod } from './pod-settings';
import { acknowledgementAnnotation, POLICY_RULE_TARGETS, PolicyRuleId } from './policy-acknowledgements';
import { Problems } from './problems';
import { resolveServices, ServiceSettings } from './service-settings';
import type { ClaimRetention, PodManagementPolicy, StatefulServiceProps } from './stateful-service-props';
import { resolveStorage, StorageSettings } from './storage-settings';
import {
  checkDnsLabel,
  checkDnsSubdomain,
  checkEnvName,
  checkImage,
  checkInteger,
  checkLabelKey,
  checkLabelValue,
  checkOneOf,
  checkPort,
  checkServiceName,
  fromDefault,
  show,
} from './validation';

export type { ProbeSettings } from './pod-settings';
export type { PortSettings } from './service-settings';
export type { StorageSettings, VolumeSettings } from './storage-settings';

/**
 * Props after validation, with every default resolved: the single input of the
 * object builders, so no builder re-derives a default or a name on its own.
 */
export interface Settings extends PodSettings, ServiceSettings {
  readonly name: string;
  readonly serviceName: string;
  readonly namespace: string;
  readonly clusterDomain: string;
  readonly image: string;
  readonly replicas?: number;
  readonly port: number;
  readonly env: ReadonlyArray<readonly [string, string]>;
  readonly containerName: string;
  readonly selector: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  /** The claim templates; the first is the primary one. */
  readonly storage: readonly StorageSettings[];
  readonly claimRetention: { readonly whenDeleted: ClaimRetention; readonly whenScaled: ClaimRetention };
  readonly podManagementPolicy: PodManagementPolicy;
  readonly updateStrategy: { readonly type: 'RollingUpdate' | 'OnDelete'; readonly partition?: number };
  readonly minReadySeconds: number;
  readonly disruptionBudget?: { readonly maxUnavailable: number | string };
  /** Acknowledgement annotations, by the object they go on. */
  readonly acknowledgements: {
    readonly [target in (typeof POLICY_RULE_TARGETS)[PolicyRuleId]]: Readonly<Record<string, string>>;
  };
}

const RETENTIONS: readonly ClaimRetention[] = ['Retain', 'Delete'];
const POD_MANAGEMENT_POLICIES: readonly PodManagementPolicy[] = ['OrderedReady', 'Parallel'];
const UPDATE_TYPES = ['RollingUpdate', 'OnDelete'] as const;
const MAX_ID = 2 ** 31 - 1;
// The StatefulSet controller labels each pod's revision with `<name>-<hash>` (hash up to
// 10 characters plus '-'), and label values stop at 63 characters.
const MAX_STATEFULSET_NAME = 52;

/** Validates props and resolves their defaults; returns the problems instead when there are any. */
export function resolveSettings(
  props: StatefulServiceProps,
  namespace: string | undefined,
): { settings: Settings; problems: [] } | { settings?: undefined; problems: string[] } {
  // Guard against plain-JavaScript callers and `as any` casts: TypeScript alone cannot.
  if (typeof props !== 'object' || props === null) {
    return { problems: [`props must be an object, got ${show(props)}`] };
  }
  const p = new Problems();
  if (namespace !== undefined) p.check(checkDnsLabel('namespace (of the chart)', namespace));
  p.check(checkDnsLabel('name', props.name, MAX_STATEFULSET_NAME, ', since pods get revision labels "<name>-<hash>"'));
  const serviceNameOk = p.check(checkServiceName('serviceName', props.serviceName));
  p.check(checkImage('image', props.image));
  // Later checks compare with replicas only when it is valid: one mistake, one message.
  const replicas =
    props.replicas !== undefined && p.check(checkInteger('replicas', props.replicas, 0, MAX_ID))
      ? props.replicas
      : undefined;
  p.check(checkPort('port', props.port));

  const env = Object.entries(props.env ?? {});
  for (const [key, value] of env) {
    p.check(checkEnvName('env', key));
    if (typeof value !== 'string') p.add(`'env.${key}' must be a string, got ${show(value)}`);
  }

  // A default derived from an invalid prop is not checked again: one mistake, one message.
  const appName = props.appName ?? props.serviceName;
  const appNameOk =
    props.appName === undefined
      ? serviceNameOk && p.check(fromDefault(checkLabelValue('appName', appName), 'appName', 'serviceName'))
      : p.check(checkLabelValue('appName', appName));
  const containerName = props.containerName ?? appName;
  if (props.containerName !== undefined) p.check(checkDnsLabel('containerName', containerName));
  else if (appNameOk) p.check(fromDefault(checkDnsLabel('containerName', containerName), 'containerName', 'appName'));

  const userLabels = props.labels ?? {};
  for (const [key, value] of Object.entries(userLabels)) {
    p.check(checkLabelKey('labels', key));
    p.check(checkLabelValue(`labels.${key}`, value));
    if (key === NAME_LABEL || key === INSTANCE_LABEL) {
      p.add(
        `'labels' must not set ${show(key)}: it is a selector label, made from 'appName' and 'name'; set those instead`,
      );
    }
  }
  const clusterDomain = props.clusterDomain ?? 'cluster.local';
  p.check(checkDnsSubdomain('clusterDomain', clusterDomain));

  const pod = resolvePod(props, p);
  const storage = resolveStorage(
    props.storage,
    { name: props.name, replicas, tmpMounted: pod.security.readOnlyRootFilesystem },
    p,
  );
  const services = resolveServices(props, serviceNameOk, p);

  const retention = props.claimRetention ?? {};
  const claimRetention = {
    whenDeleted: retention.whenDeleted ?? 'Retain',
    whenScaled: retention.whenScaled ?? 'Retain',
  };
  p.check(checkOneOf('claimRetention.whenDeleted', claimRetention.whenDeleted, RETENTIONS));
  p.check(checkOneOf('claimRetention.whenScaled', claimRetention.whenScaled, RETENTIONS));
  const podManagementPolicy = props.podManagementPolicy ?? 'OrderedReady';
  p.check(checkOneOf('podManagementPolicy', podManagementPolicy, POD_MANAGEMENT_POLICIES));
  const updateType = props.updateStrategy?.type ?? 'RollingUpdate';
  p.check(checkOneOf('updateStrategy.type', updateType, UPDATE_TYPES));
  let partition = props.updateStrategy?.partition;
  if (updateType === 'OnDelete' && partition !== undefined) {
    p.add(`'updateStrategy.partition' applies to type "RollingUpdate" only, got type "OnDelete"`);
  } else if (updateType === 'RollingUpdate') {
    partition ??= 0;
    if (
      p.check(checkInteger('updateStrategy.partition', partition, 0, MAX_ID)) &&
      replicas !== undefined &&
      partition > replicas
    ) {
      p.add(
        `'updateStrategy.partition' (${partition}) must be at most 'replicas' (${replicas}): a larger partition updates no pod`,
      );
    }
  }
  const minReadySeconds = props.minReadySeconds ?? 0;
  p.check(checkInteger('minReadySeconds', minReadySeconds, 0, MAX_ID));

  const pdb = props.disruptionBudget ?? {};
  let disruptionBudget: Settings['disruptionBudget'];
  if (pdb.enabled ?? true) {
    const maxUnavailable = pdb.maxUnavailable ?? 1;
    const ok =
      (typeof maxUnavailable === 'number' &&
        Number.isInteger(maxUnavailable) &&
        maxUnavailable >= 1 &&
        maxUnavailable <= MAX_ID) ||
      (typeof maxUnavailable === 'string' && /^(100|[1-9]\d?)%$/.test(maxUnavailable));
    if (!ok) {
      p.add(
        `'disruptionBudget.maxUnavailable' must be an integer >= 1 or a percentage from "1%" to "100%" (0 would block every node drain), got ${show(maxUnavailable)}`,
      );
    }
    disruptionBudget = { maxUnavailable };
  }

  const hasVolumes = storage.some((s) => s.volumes.some((v) => v.source.hostPath !== undefined));
  const acknowledgements = { statefulSet: {}, persistentVolumes: {}, externalService: {} } as Record<
    string,
    Record<string, string>
  >;
  for (const [rule, reason] of Object.entries(props.acknowledge ?? {})) {
    const target = POLICY_RULE_TARGETS[rule as PolicyRuleId];
    if (target === undefined) {
      p.add(
        `'acknowledge' names an unknown policy rule ${show(rule)}; the rules are ${Object.keys(POLICY_RULE_TARGETS)
          .map((r) => show(r))
          .join(', ')}`,
      );
    } else if (typeof reason !== 'string' || reason.trim() === '') {
      p.add(`'acknowledge.${rule}' must give the reason as a non-empty string, got ${show(reason)}`);
    } else if (
      (target === 'persistentVolumes' && !hasVolumes) ||
      (target === 'externalService' && services.externalService?.type !== 'NodePort')
    ) {
      p.add(
        `'acknowledge.${rule}' acknowledges a finding this service does not have (no ${target === 'persistentVolumes' ? 'hostPath volumes' : 'NodePort Service'})`,
      );
    } else {
      acknowledgements[target][acknowledgementAnnotation(rule as PolicyRuleId)] = reason;
    }
  }

  if (p.list.length > 0) return { problems: p.list };

  const selector = selectorLabels(appName, props.name);
  return {
    problems: [],
    settings: {
      ...pod,
      ...services,
      name: props.name,
      serviceName: props.serviceName,
      namespace: namespace ?? 'default',
      clusterDomain,
      image: props.image,
      replicas: props.replicas,
      port: props.port,
      env,
      containerName,
      selector,
      labels: objectLabels(userLabels, selector),
      storage,
      claimRetention,
      podManagementPolicy,
      updateStrategy: { type: updateType, partition },
      minReadySeconds,
      disruptionBudget,
      acknowledgements: acknowledgements as Settings['acknowledgements'],
    },
  };
}
