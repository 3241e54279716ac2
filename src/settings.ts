import { claimName, objectLabels, podName, selectorLabels, INSTANCE_LABEL, NAME_LABEL } from './labels';
import type { AccessMode, ExternalServiceType, HostPathType, StatefulServiceProps } from './stateful-service-props';
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
  checkServiceName,
  checkStorageSize,
  fromDefault,
  show,
} from './validation';

/** A pre-made PersistentVolume, bound to the claim of one ordinal. */
export interface VolumeSettings {
  readonly ordinal: number;
  readonly name: string;
  readonly path: string;
  readonly claimName: string;
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
  readonly externalService?: {
    readonly name: string;
    readonly type: ExternalServiceType;
    readonly nodePort?: number;
  };
}

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
  if (props.replicas !== undefined) check(checkInteger('replicas', props.replicas, 0, 2 ** 31 - 1));
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
    const count = hostPath.count ?? props.replicas ?? 1;
    if (check(checkInteger('storage.hostPathVolumes.count', count, 1, 10_000))) {
      if (props.replicas !== undefined && count < props.replicas) {
        problems.push(
          `'storage.hostPathVolumes.count' (${count}) must be at least 'replicas' (${props.replicas}): ` +
            `the claim of pod ${podName(props.name, count)} would have no volume to bind`,
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
      externalService,
    },
  };
}

function duplicates(prop: string, values: string[]): string[] {
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const v of values) (seen.has(v) ? dups : seen).add(v);
  return [...dups].map((d) => `'${prop}' must give each ordinal its own value, ${show(d)} is used more than once`);
}
