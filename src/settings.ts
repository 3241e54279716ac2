import { claimName, objectLabels, podName, selectorLabels, INSTANCE_LABEL, NAME_LABEL } from './labels';
import { acknowledgementAnnotation, POLICY_RULE_TARGETS, PolicyRuleId } from './policy-acknowledgements';
import type {
  AccessMode,
  ClaimRetention,
  ExternalServiceType,
  HostPathType,
  ImagePullPolicy,
  PodManagementPolicy,
  ProbeProps,
  StatefulServiceProps,
} from './stateful-service-props';
import {
  Check,
  checkAbsolutePath,
  checkDnsLabel,
  checkDnsSubdomain,
  checkEnvName,
  checkImage,
  checkInteger,
  checkLabelKey,
  checkLabelValue,
  checkOneOf,
  checkPort,
  checkPositiveQuantity,
  checkServiceName,
  checkStorageSize,
  fromDefault,
  isImagePinned,
  parseQuantity,
  show,
} from './validation';

/** A pre-made PersistentVolume, bound to the claim of one ordinal. */
export interface VolumeSettings {
  readonly ordinal: number;
  readonly name: string;
  readonly path: string;
  readonly claimName: string;
}

/** A probe with every timing resolved; `httpPath` undefined means a TCP connect. */
export interface ProbeSettings {
  readonly httpPath?: string;
  readonly initialDelaySeconds: number;
  readonly periodSeconds: number;
  readonly timeoutSeconds: number;
  readonly failureThreshold: number;
}

/**
 * Props after validation, with every default resolved: the single input of the
 * object builders, so no builder re-derives a default or a name on its own.
 */
export interface Settings {
  readonly name: string;
  readonly serviceName: string;
  readonly namespace: string;
  readonly image: string;
  readonly replicas?: number;
  readonly port: number;
  readonly env: ReadonlyArray<readonly [string, string]>;
  readonly containerName: string;
  readonly selector: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly storage: {
    readonly name: string;
    readonly size: string;
    readonly mountPath: string;
    readonly accessModes: readonly AccessMode[];
    readonly storageClassName?: string;
  };
  readonly hostPathType?: HostPathType;
  readonly volumes: readonly VolumeSettings[];
  readonly claimRetention: { readonly whenDeleted: ClaimRetention; readonly whenScaled: ClaimRetention };
  readonly podManagementPolicy: PodManagementPolicy;
  readonly updateStrategy: { readonly type: 'RollingUpdate' | 'OnDelete'; readonly partition?: number };
  readonly minReadySeconds: number;
  readonly externalService?: {
    readonly name: string;
    readonly type: ExternalServiceType;
    readonly nodePort?: number;
  };
  readonly security: {
    readonly user: number;
    readonly group: number;
    readonly fsGroup: number;
    readonly readOnlyRootFilesystem: boolean;
  };
  readonly resources: {
    readonly cpu: { readonly request: string; readonly limit: string };
    readonly memory: { readonly request: string; readonly limit: string };
  };
  readonly probes: {
    readonly startup?: ProbeSettings;
    readonly readiness?: ProbeSettings;
    readonly liveness?: ProbeSettings;
  };
  readonly imagePullPolicy: ImagePullPolicy;
  readonly automountServiceAccountToken: boolean;
  readonly tmpSizeLimit: string;
  readonly disruptionBudget?: { readonly maxUnavailable: number | string };
  /** Acknowledgement annotations, by the object they go on. */
  readonly acknowledgements: {
    readonly [target in (typeof POLICY_RULE_TARGETS)[PolicyRuleId]]: Readonly<Record<string, string>>;
  };
}

const PROBE_DEFAULTS = {
  startup: { periodSeconds: 5, failureThreshold: 60 },
  readiness: { periodSeconds: 5, failureThreshold: 3 },
  liveness: { periodSeconds: 10, failureThreshold: 3 },
} as const;
const PULL_POLICIES: readonly ImagePullPolicy[] = ['Always', 'IfNotPresent', 'Never'];
const RETENTIONS: readonly ClaimRetention[] = ['Retain', 'Delete'];
const POD_MANAGEMENT_POLICIES: readonly PodManagementPolicy[] = ['OrderedReady', 'Parallel'];
const UPDATE_TYPES = ['RollingUpdate', 'OnDelete'] as const;
const MAX_ID = 2 ** 31 - 1;

const ACCESS_MODES: readonly AccessMode[] = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];
const SERVICE_TYPES: readonly ExternalServiceType[] = ['NodePort', 'LoadBalancer', 'ClusterIP'];
const HOST_PATH_TYPES: readonly HostPathType[] = [
  '',
  'DirectoryOrCreate',
  'Directory',
  'FileOrCreate',
  'File',
  'Socket',
  'CharDevice',
  'BlockDevice',
];

// The StatefulSet controller labels each pod's revision with `<name>-<hash>` (hash up to
// 10 characters plus '-'), and label values stop at 63 characters.
const MAX_STATEFULSET_NAME = 52;

/** Validates props and resolves their defaults; returns the problems instead when there are any. */
export function resolveSettings(
  props: StatefulServiceProps,
  namespace: string | undefined,
): { settings: Settings; problems: [] } | { settings?: undefined; problems: string[] } {
  const problems: string[] = [];
  const check = (c: Check): boolean => {
    if (c !== undefined) problems.push(c);
    return c === undefined;
  };
  // Guard against plain-JavaScript callers and `as any` casts: TypeScript alone cannot.
  if (typeof props !== 'object' || props === null) {
    return { problems: [`props must be an object, got ${show(props)}`] };
  }

  const ns = namespace ?? 'default';
  check(namespace === undefined ? undefined : checkDnsLabel('namespace (of the chart)', namespace));
  check(checkDnsLabel('name', props.name, MAX_STATEFULSET_NAME, ', since pods get revision labels "<name>-<hash>"'));
  const serviceNameOk = check(checkServiceName('serviceName', props.serviceName));
  check(checkImage('image', props.image));
  // Later checks compare with replicas only when it is valid: one mistake, one message.
  const replicas =
    props.replicas !== undefined && check(checkInteger('replicas', props.replicas, 0, 2 ** 31 - 1)) ? props.replicas : undefined;
  check(checkPort('port', props.port));

  const env = Object.entries(props.env ?? {});
  for (const [key, value] of env) {
    check(checkEnvName('env', key));
    if (typeof value !== 'string') problems.push(`'env.${key}' must be a string, got ${show(value)}`);
  }

  // A default derived from an invalid prop is not checked again: one mistake, one message.
  const appName = props.appName ?? props.serviceName;
  const appNameOk =
    props.appName === undefined
      ? serviceNameOk && check(fromDefault(checkLabelValue('appName', appName), 'appName', 'serviceName'))
      : check(checkLabelValue('appName', appName));
  const containerName = props.containerName ?? appName;
  if (props.containerName !== undefined) check(checkDnsLabel('containerName', containerName));
  else if (appNameOk) check(fromDefault(checkDnsLabel('containerName', containerName), 'containerName', 'appName'));

  const userLabels = props.labels ?? {};
  for (const [key, value] of Object.entries(userLabels)) {
    check(checkLabelKey('labels', key));
    check(checkLabelValue(`labels.${key}`, value));
    if (key === NAME_LABEL || key === INSTANCE_LABEL) {
      problems.push(
        `'labels' must not set ${show(key)}: it is a selector label, made from 'appName' and 'name'; set those instead`,
      );
    }
  }

  const storageOk = typeof props.storage === 'object' && props.storage !== null;
  if (!storageOk) {
    problems.push(`'storage' must be an object with 'size' and 'mountPath', got ${show(props.storage)}`);
  }
  const storage = storageOk ? props.storage : { size: '1', mountPath: '/' };
  const storageName = storage.name ?? 'data';
  check(checkDnsLabel('storage.name', storageName));
  if (storageOk) {
    check(checkStorageSize('storage.size', storage.size));
    check(checkAbsolutePath('storage.mountPath', storage.mountPath));
  }
  const accessModes = storage.accessModes ?? ['ReadWriteOnce'];
  if (!Array.isArray(accessModes) || accessModes.length === 0) {
    problems.push(`'storage.accessModes' must name at least one access mode, got ${show(accessModes)}`);
  } else {
    accessModes.forEach((m) => check(checkOneOf('storage.accessModes', m, ACCESS_MODES)));
    if (accessModes.includes('ReadWriteOncePod') && accessModes.length > 1) {
      problems.push(`'storage.accessModes' cannot combine "ReadWriteOncePod" with other modes, got ${show(accessModes)}`);
    }
  }
  const hostPath = storage.hostPathVolumes;
  let storageClassName = storage.storageClassName;
  if (storageClassName !== undefined && storageClassName !== '') {
    check(checkDnsSubdomain('storage.storageClassName', storageClassName));
  }
  if (hostPath !== undefined && storageClassName === undefined) storageClassName = '';

  const volumes: VolumeSettings[] = [];
  if (hostPath !== undefined) {
    const count = hostPath.count ?? replicas ?? 1;
    if (check(checkInteger('storage.hostPathVolumes.count', count, 1, 10_000))) {
      if (replicas !== undefined && count < replicas && hostPath.provisionBeyondCount !== true) {
        problems.push(
          `'storage.hostPathVolumes.count' (${count}) must be at least 'replicas' (${replicas}): ` +
            `the claim of pod ${podName(props.name, count)} would have no volume to bind; ` +
            `make more volumes, or set 'storage.hostPathVolumes.provisionBeyondCount' to provision the rest dynamically`,
        );
      }
      if (hostPath.provisionBeyondCount === true && !storageClassName) {
        problems.push(
          `'storage.hostPathVolumes.provisionBeyondCount' needs 'storage.storageClassName' to name a class with a provisioner, got ${show(storageClassName ?? '')}`,
        );
      }
      if (typeof hostPath.path !== 'function') {
        problems.push(`'storage.hostPathVolumes.path' must be a function from ordinal to directory, got ${show(hostPath.path)}`);
      } else if (hostPath.name !== undefined && typeof hostPath.name !== 'function') {
        problems.push(`'storage.hostPathVolumes.name' must be a function from ordinal to volume name, got ${show(hostPath.name)}`);
      } else {
        for (let ordinal = 0; ordinal < count; ordinal++) {
          const claim = claimName(storageName, props.name, ordinal);
          const name = hostPath.name ? hostPath.name(ordinal) : claim;
          const path = hostPath.path(ordinal);
          check(checkDnsSubdomain(`storage.hostPathVolumes.name(${ordinal})`, name));
          check(checkAbsolutePath(`storage.hostPathVolumes.path(${ordinal})`, path));
          volumes.push({ ordinal, name, path, claimName: claim });
        }
        problems.push(...duplicates('storage.hostPathVolumes.name', volumes.map((v) => v.name)));
        problems.push(...duplicates('storage.hostPathVolumes.path', volumes.map((v) => v.path)));
      }
    }
    if (hostPath.type !== undefined) check(checkOneOf('storage.hostPathVolumes.type', hostPath.type, HOST_PATH_TYPES));
  }

  const ext = props.externalService ?? {};
  let externalService: Settings['externalService'];
  if (ext.enabled ?? true) {
    const name = ext.name ?? `${props.serviceName}-np`;
    const type = ext.type ?? 'NodePort';
    if (ext.name !== undefined) check(checkServiceName('externalService.name', name));
    else if (serviceNameOk) check(fromDefault(checkServiceName('externalService.name', name), 'externalService.name', 'serviceName'));
    if (name === props.serviceName) {
      problems.push(`'externalService.name' must differ from 'serviceName' (the headless Service), both are ${show(name)}`);
    }
    check(checkOneOf('externalService.type', type, SERVICE_TYPES));
    if (ext.nodePort !== undefined) {
      check(checkInteger('externalService.nodePort', ext.nodePort, 30000, 32767));
      if (type === 'ClusterIP') {
        problems.push(`'externalService.nodePort' needs type "NodePort" or "LoadBalancer", got type "ClusterIP"`);
      }
    }
    externalService = { name, type, nodePort: ext.nodePort };
  }

  const sec = props.securityContext ?? {};
  const user = sec.user ?? 1000;
  const group = sec.group ?? 1000;
  const fsGroup = sec.fsGroup ?? group;
  check(checkInteger('securityContext.user', user, 0, MAX_ID));
  check(checkInteger('securityContext.group', group, 0, MAX_ID));
  if (sec.fsGroup !== undefined) check(checkInteger('securityContext.fsGroup', fsGroup, 0, MAX_ID));
  if (user === 0 && sec.allowRoot !== true) {
    problems.push(
      `'securityContext.user' is 0 (root), which the Pod Security Standards "restricted" profile forbids; ` +
        `use a non-root UID, or set 'securityContext.allowRoot: true' and give the reason in 'acknowledge["run-as-root"]'`,
    );
  }

  const res = props.resources ?? {};
  const resources = {
    cpu: { request: res.cpu?.request ?? '100m', limit: res.cpu?.limit ?? '1' },
    memory: { request: res.memory?.request ?? '256Mi', limit: res.memory?.limit ?? '512Mi' },
  };
  for (const [name, example] of [['cpu', '250m'], ['memory', '256Mi']] as const) {
    const r = resources[name];
    const ok =
      check(checkPositiveQuantity(`resources.${name}.request`, r.request, example)) &&
      check(checkPositiveQuantity(`resources.${name}.limit`, r.limit, example));
    if (ok && parseQuantity(r.request)! > parseQuantity(r.limit)!) {
      problems.push(`'resources.${name}.request' (${show(r.request)}) must be less than or equal to 'resources.${name}.limit' (${show(r.limit)})`);
    }
  }

  const probes: Record<string, ProbeSettings | undefined> = {};
  for (const kind of ['startup', 'readiness', 'liveness'] as const) {
    const given = props.probes?.[kind];
    probes[kind] = given === false ? undefined : resolveProbe(`probes.${kind}`, given ?? {}, PROBE_DEFAULTS[kind], check);
  }

  const imagePullPolicy = props.imagePullPolicy ?? (isImagePinned(props.image) ? 'IfNotPresent' : 'Always');
  check(checkOneOf('imagePullPolicy', imagePullPolicy, PULL_POLICIES));
  const tmpSizeLimit = props.tmpSizeLimit ?? '100Mi';
  check(checkStorageSize('tmpSizeLimit', tmpSizeLimit));

  const pdb = props.disruptionBudget ?? {};
  let disruptionBudget: Settings['disruptionBudget'];
  if (pdb.enabled ?? true) {
    const maxUnavailable = pdb.maxUnavailable ?? 1;
    const ok =
      (typeof maxUnavailable === 'number' && Number.isInteger(maxUnavailable) && maxUnavailable >= 1 && maxUnavailable <= MAX_ID) ||
      (typeof maxUnavailable === 'string' && /^(100|[1-9]\d?)%$/.test(maxUnavailable));
    if (!ok) {
      problems.push(
        `'disruptionBudget.maxUnavailable' must be an integer >= 1 or a percentage from "1%" to "100%" (0 would block every node drain), got ${show(maxUnavailable)}`,
      );
    }
    disruptionBudget = { maxUnavailable };
  }

  const acknowledgements = { statefulSet: {}, persistentVolumes: {}, externalService: {} } as Record<string, Record<string, string>>;
  for (const [rule, reason] of Object.entries(props.acknowledge ?? {})) {
    const target = POLICY_RULE_TARGETS[rule as PolicyRuleId];
    if (target === undefined) {
      problems.push(`'acknowledge' names an unknown policy rule ${show(rule)}; the rules are ${Object.keys(POLICY_RULE_TARGETS).map((r) => show(r)).join(', ')}`);
    } else if (typeof reason !== 'string' || reason.trim() === '') {
      problems.push(`'acknowledge.${rule}' must give the reason as a non-empty string, got ${show(reason)}`);
    } else if ((target === 'persistentVolumes' && volumes.length === 0) || (target === 'externalService' && externalService?.type !== 'NodePort')) {
      problems.push(`'acknowledge.${rule}' acknowledges a finding this service does not have (no ${target === 'persistentVolumes' ? 'hostPath volumes' : 'NodePort Service'})`);
    } else {
      acknowledgements[target][acknowledgementAnnotation(rule as PolicyRuleId)] = reason;
    }
  }

  const retention = props.claimRetention ?? {};
  const claimRetention = { whenDeleted: retention.whenDeleted ?? 'Retain', whenScaled: retention.whenScaled ?? 'Retain' };
  check(checkOneOf('claimRetention.whenDeleted', claimRetention.whenDeleted, RETENTIONS));
  check(checkOneOf('claimRetention.whenScaled', claimRetention.whenScaled, RETENTIONS));
  const podManagementPolicy = props.podManagementPolicy ?? 'OrderedReady';
  check(checkOneOf('podManagementPolicy', podManagementPolicy, POD_MANAGEMENT_POLICIES));
  const updateType = props.updateStrategy?.type ?? 'RollingUpdate';
  check(checkOneOf('updateStrategy.type', updateType, UPDATE_TYPES));
  let partition = props.updateStrategy?.partition;
  if (updateType === 'OnDelete' && partition !== undefined) {
    problems.push(`'updateStrategy.partition' applies to type "RollingUpdate" only, got type "OnDelete"`);
  } else if (updateType === 'RollingUpdate') {
    partition ??= 0;
    if (check(checkInteger('updateStrategy.partition', partition, 0, MAX_ID)) && replicas !== undefined && partition > replicas) {
      problems.push(`'updateStrategy.partition' (${partition}) must be at most 'replicas' (${replicas}): a larger partition updates no pod`);
    }
  }
  const minReadySeconds = props.minReadySeconds ?? 0;
  check(checkInteger('minReadySeconds', minReadySeconds, 0, MAX_ID));

  if (problems.length > 0) return { problems };

  const selector = selectorLabels(appName, props.name);
  return {
    problems: [],
    settings: {
      name: props.name,
      serviceName: props.serviceName,
      namespace: ns,
      image: props.image,
      replicas: props.replicas,
      port: props.port,
      env,
      containerName,
      selector,
      labels: objectLabels(userLabels, selector),
      storage: {
        name: storageName,
        size: storage.size,
        mountPath: storage.mountPath,
        accessModes: [...accessModes],
        storageClassName,
      },
      hostPathType: hostPath?.type,
      volumes,
      claimRetention,
      podManagementPolicy,
      updateStrategy: { type: updateType, partition },
      minReadySeconds,
      externalService,
      security: { user, group, fsGroup, readOnlyRootFilesystem: sec.readOnlyRootFilesystem ?? true },
      resources,
      probes,
      imagePullPolicy,
      automountServiceAccountToken: props.automountServiceAccountToken ?? false,
      tmpSizeLimit,
      disruptionBudget,
      acknowledgements: acknowledgements as Settings['acknowledgements'],
    },
  };
}

function resolveProbe(
  prop: string,
  p: ProbeProps,
  defaults: { periodSeconds: number; failureThreshold: number },
  check: (c: Check) => boolean,
): ProbeSettings {
  const probe = {
    httpPath: p.httpPath,
    initialDelaySeconds: p.initialDelaySeconds ?? 0,
    periodSeconds: p.periodSeconds ?? defaults.periodSeconds,
    timeoutSeconds: p.timeoutSeconds ?? 1,
    failureThreshold: p.failureThreshold ?? defaults.failureThreshold,
  };
  if (p.httpPath !== undefined && (typeof p.httpPath !== 'string' || !/^\/\S*$/.test(p.httpPath))) {
    check(`'${prop}.httpPath' must be an absolute URL path such as "/actuator/health", got ${show(p.httpPath)}`);
  }
  check(checkInteger(`${prop}.initialDelaySeconds`, probe.initialDelaySeconds, 0, 3600));
  check(checkInteger(`${prop}.periodSeconds`, probe.periodSeconds, 1, 3600));
  check(checkInteger(`${prop}.timeoutSeconds`, probe.timeoutSeconds, 1, 3600));
  check(checkInteger(`${prop}.failureThreshold`, probe.failureThreshold, 1, 10_000));
  return probe;
}

function duplicates(prop: string, values: string[]): string[] {
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const v of values) (seen.has(v) ? dups : seen).add(v);
  return [...dups].map((d) => `'${prop}' must give each ordinal its own value, ${show(d)} is used more than once`);
}
