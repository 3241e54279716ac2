import { ImagePullPolicy, MountPropagation, Protocol, RestartPolicy } from '../core/enums';
import type * as k8s from '../../imports/k8s';
import type { Wire } from '../core/wire';
import {
  checkAbsolutePath,
  checkImage,
  checkPortName,
  checkPortNumber,
  checkRelativePath,
  checkString,
  checkStringList,
  isImagePinned,
} from '../core/checks';
import type { ClaimFact, ExtraField, PortFact } from '../core/facts';
import { Problems, checkUnique, show } from '../core/problems';
import {
  bytesOf,
  checkBoolean,
  cpuQuantity,
  enumValue,
  listOf,
  milliCpu,
  sizeQuantity,
  structOf,
} from '../core/values';
import { propNames } from '../core/prop-names';
import { PolicyRule } from '../policy/policy-rule';
import type { ContainerPort, ContainerProps, ContainerResources, CpuResources, VolumeMount } from './container-props';
import type { ContainerLifecycle } from './lifecycle-handler';
import { Probe } from './probe';
import { KnownConfigMaps, resolveEnv, resolveEnvFrom } from './resolve-env';
import { PortNames, resolveHandler, resolveProbe } from './resolve-probe';
import { containerSecurityContext, SecuritySettings } from './resolve-security';

type Container = Wire<k8s.Container>;
type VolumeDevice = Wire<k8s.VolumeDevice>;
type K8sVolumeMount = Wire<k8s.VolumeMount>;

export type ContainerRole = 'main' | 'init' | 'sidecar';

/** What every container of the pod is resolved against. */
export interface ContainerContext {
  readonly security: SecuritySettings;
  /** Declared volumes by name: the claims (block or not) and the pod's own volumes. */
  readonly volumes: ReadonlyMap<string, { readonly block: boolean }>;
  readonly containerNames: ReadonlySet<string>;
  readonly configMaps: KnownConfigMaps;
  /** Claims mounted into the main container by their `mountPath`. */
  readonly claims: readonly ClaimFact[];
  readonly tmpVolume: string;
  readonly extras: ExtraField[];
  readonly needed: Map<PolicyRule, string>;
}

export interface ResolvedContainer {
  readonly container: Container;
  readonly usesTmp: boolean;
  readonly ports: PortFact[];
}

const TMP = '/tmp';

const CONTAINER_PROPS = propNames<ContainerProps>({
  name: true,
  image: true,
  imagePullPolicy: true,
  command: true,
  args: true,
  workingDir: true,
  env: true,
  envFrom: true,
  ports: true,
  volumeMounts: true,
  resources: true,
  startupProbe: true,
  readinessProbe: true,
  livenessProbe: true,
  lifecycle: true,
  securityContext: true,
  restartPolicy: true,
});
const CONTAINER_PORT_PROPS = propNames<ContainerPort>({ name: true, number: true, protocol: true, hostPort: true });
const VOLUME_MOUNT_PROPS = propNames<VolumeMount>({
  volume: true,
  mountPath: true,
  subPath: true,
  subPathExpr: true,
  readOnly: true,
  propagation: true,
});
const LIFECYCLE_PROPS = propNames<ContainerLifecycle>({ postStart: true, preStop: true });
const RESOURCES_PROPS = propNames<ContainerResources>({ cpu: true, memory: true, ephemeralStorage: true });
// CPU and memory have the same two fields.
const REQUEST_LIMIT_PROPS = propNames<CpuResources>({ request: true, limit: true });

/** Resolves one container; `name` is already checked by the pod (it must be unique there). */
export function resolveContainer(
  prop: string,
  given: unknown,
  name: string,
  role: ContainerRole,
  path: ReadonlyArray<string | number>,
  ctx: ContainerContext,
  p: Problems,
): ResolvedContainer {
  const c = structOf<ContainerProps>(prop, given, p, CONTAINER_PROPS);
  p.check(checkImage(`${prop}.image`, c.image));
  const pullPolicy =
    c.imagePullPolicy === undefined
      ? typeof c.image === 'string' && isImagePinned(c.image)
        ? ImagePullPolicy.IF_NOT_PRESENT
        : ImagePullPolicy.ALWAYS
      : enumValue(`${prop}.imagePullPolicy`, c.imagePullPolicy, 'ImagePullPolicy', ImagePullPolicy, p);
  if (c.command !== undefined) p.check(checkStringList(`${prop}.command`, c.command, false));
  if (c.args !== undefined) p.check(checkStringList(`${prop}.args`, c.args, true));
  if (c.workingDir !== undefined) p.check(checkString(`${prop}.workingDir`, c.workingDir));

  const ports = resolvePorts(`${prop}.ports`, c.ports, p);
  const portNames: PortNames = {
    container: name,
    names: ports.flatMap((x) => (x.name === undefined ? [] : [x.name])),
    first: ports[0] && { name: ports[0].name, number: ports[0].number },
  };
  // The Services name their ports after the main container's: several ports need names.
  if (role === 'main' && ports.length > 1) {
    ports.forEach((x, i) => {
      if (x.name === undefined)
        p.add(
          `'${prop}.ports[${i}].name' is required when the main container has more than one port (the Services name their ports after them)`,
        );
    });
  }

  if (role === 'init' && c.restartPolicy !== undefined) {
    enumValue(`${prop}.restartPolicy`, c.restartPolicy, 'RestartPolicy', RestartPolicy, p, [RestartPolicy.ALWAYS]);
  } else if (c.restartPolicy !== undefined) {
    p.add(
      `'${prop}.restartPolicy' applies to init containers only (making them native sidecars), got ${show(c.restartPolicy)}`,
    );
  }
  const sidecarInit = role === 'init' && c.restartPolicy === RestartPolicy.ALWAYS;
  // Native sidecars are newer than the 1.27 classes: written into the JSON directly.
  if (sidecarInit) ctx.extras.push({ path: [...path, 'restartPolicy'], value: 'Always' });

  // validation.go: validateInitContainers forbids probes and lifecycle on plain init containers.
  const runsToCompletion = role === 'init' && !sidecarInit;
  for (const field of ['startupProbe', 'readinessProbe', 'livenessProbe', 'lifecycle'] as const) {
    if (runsToCompletion && c[field] !== undefined) {
      p.add(
        `'${prop}.${field}' is not allowed on an init container that runs to completion (the API rejects it); make it a native sidecar with restartPolicy: RestartPolicy.ALWAYS, or drop it`,
      );
    }
  }
  const defaulted = role === 'main' && ports.length > 0;
  const probe = (
    field: 'startupProbe' | 'readinessProbe' | 'livenessProbe',
    kind: 'startup' | 'readiness' | 'liveness',
  ) => {
    if (runsToCompletion) return undefined;
    const value = c[field] ?? (defaulted ? DEFAULT_PROBE : undefined);
    return value === undefined ? undefined : resolveProbe(`${prop}.${field}`, value, kind, portNames, p);
  };

  const security = containerSecurityContext(`${prop}.securityContext`, c.securityContext, ctx.security, ctx.needed, p);
  const hostPorts = ports.filter((x) => x.hostPort !== undefined);
  if (hostPorts.length > 0 && !ctx.needed.has(PolicyRule.HOST_PORTS)) {
    ctx.needed.set(
      PolicyRule.HOST_PORTS,
      `'${prop}.ports' opens host port ${hostPorts[0].hostPort} on the node's IP (one pod per node can have it)`,
    );
  }
  const { mounts, devices, usesTmp } = resolveMounts(prop, c.volumeMounts, role, security.readOnlyRoot, ctx, p);
  const lifecycle = runsToCompletion
    ? undefined
    : resolveLifecycle(`${prop}.lifecycle`, c.lifecycle, portNames, [...path, 'lifecycle'], ctx, p);

  return {
    usesTmp,
    ports: ports.map((x) => ({ name: x.name, number: x.number, protocol: x.protocol })),
    container: {
      name,
      image: c.image as string,
      imagePullPolicy: pullPolicy,
      command: c.command ? [...c.command] : undefined,
      args: c.args ? [...c.args] : undefined,
      workingDir: c.workingDir,
      env: nonEmpty(resolveEnv(`${prop}.env`, c.env, ctx.containerNames, ctx.configMaps, p)),
      envFrom: nonEmpty(resolveEnvFrom(`${prop}.envFrom`, c.envFrom, p)),
      ports: nonEmpty(
        ports.map((x) => ({ name: x.name, containerPort: x.number, protocol: x.protocol, hostPort: x.hostPort })),
      ),
      resources: resolveResources(`${prop}.resources`, c.resources, p),
      securityContext: security.context,
      startupProbe: probe('startupProbe', 'startup'),
      readinessProbe: probe('readinessProbe', 'readiness'),
      livenessProbe: probe('livenessProbe', 'liveness'),
      lifecycle,
      volumeMounts: nonEmpty(mounts),
      volumeDevices: nonEmpty(devices),
    },
  };
}

/** What the main container gets when its probes are not given: a TCP connect to its first port. */
const DEFAULT_PROBE = Probe.tcpSocket();

function resolvePorts(
  prop: string,
  given: unknown,
  p: Problems,
): Array<{ name?: string; number: number; protocol: string; hostPort?: number }> {
  const ports = listOf<ContainerPort>(prop, given, p).map((x, i) => {
    const at = `${prop}[${i}]`;
    const port = structOf<ContainerPort>(at, x, p, CONTAINER_PORT_PROPS);
    if (port.name !== undefined) p.check(checkPortName(`${at}.name`, port.name));
    p.check(checkPortNumber(`${at}.number`, port.number));
    const protocol =
      port.protocol === undefined ? Protocol.TCP : enumValue(`${at}.protocol`, port.protocol, 'Protocol', Protocol, p);
    if (port.hostPort !== undefined) p.check(checkPortNumber(`${at}.hostPort`, port.hostPort));
    return {
      name: port.name,
      number: port.number as number,
      protocol: protocol ?? Protocol.TCP,
      hostPort: port.hostPort,
    };
  });
  checkUnique(
    prop,
    'name',
    ports.flatMap((x) => (x.name === undefined ? [] : [x.name])),
    p,
  );
  checkUnique(
    prop,
    'number and protocol',
    ports.map((x) => `${x.number}/${x.protocol}`),
    p,
  );
  return ports;
}

function resolveMounts(
  prop: string,
  given: unknown,
  role: ContainerRole,
  readOnlyRoot: boolean,
  ctx: ContainerContext,
  p: Problems,
): { mounts: K8sVolumeMount[]; devices: VolumeDevice[]; usesTmp: boolean } {
  const mounts: K8sVolumeMount[] = [];
  const devices: VolumeDevice[] = [];
  if (role === 'main') {
    // Two claims at one path are reported by storage; the second is left out here.
    const claimPaths = new Set<string>();
    for (const claim of ctx.claims.filter((x) => x.mountPath !== undefined)) {
      if (claimPaths.has(claim.mountPath!)) continue;
      claimPaths.add(claim.mountPath!);
      if (claim.block) devices.push({ name: claim.name, devicePath: claim.mountPath! });
      else
        mounts.push({
          name: claim.name,
          mountPath: claim.mountPath!,
          subPath: claim.subPath,
          readOnly: claim.readOnly || undefined,
        });
    }
  }
  listOf<VolumeMount>(`${prop}.volumeMounts`, given, p).forEach((m, i) => {
    const at = `${prop}.volumeMounts[${i}]`;
    const mount = structOf<VolumeMount>(at, m, p, VOLUME_MOUNT_PROPS);
    const volume = ctx.volumes.get(mount.volume as string);
    if (volume === undefined) {
      p.add(
        `'${at}.volume' must name a claim template of 'storage' or a volume of 'volumes' (${[...ctx.volumes.keys()].map(show).join(', ') || 'there are none'}), got ${show(mount.volume)}`,
      );
    }
    p.check(checkAbsolutePath(`${at}.mountPath`, mount.mountPath));
    if (mount.subPath !== undefined) p.check(checkRelativePath(`${at}.subPath`, mount.subPath));
    if (mount.subPathExpr !== undefined) {
      // validation.go: validateVolumeMounts: subPath and subPathExpr are mutually exclusive.
      if (mount.subPath !== undefined) p.add(`'${at}' must give 'subPath' or 'subPathExpr', not both`);
      p.check(checkRelativePath(`${at}.subPathExpr`, mount.subPathExpr));
    }
    const readOnly = checkBoolean(`${at}.readOnly`, mount.readOnly, p);
    const propagation =
      mount.propagation === undefined
        ? undefined
        : enumValue(`${at}.propagation`, mount.propagation, 'MountPropagation', MountPropagation, p);
    if (propagation === MountPropagation.BIDIRECTIONAL) {
      p.add(
        `'${at}.propagation' MountPropagation.BIDIRECTIONAL needs a privileged container, which this construct never makes`,
      );
    }
    if (volume?.block) {
      if (mount.subPath !== undefined || mount.subPathExpr !== undefined || readOnly !== undefined)
        p.add(
          `'${at}' mounts the Block volume ${show(mount.volume)} as a device: 'subPath', 'subPathExpr' and 'readOnly' do not apply`,
        );
      devices.push({ name: mount.volume as string, devicePath: mount.mountPath as string });
    } else {
      mounts.push({
        name: mount.volume as string,
        mountPath: mount.mountPath as string,
        subPath: mount.subPath,
        subPathExpr: mount.subPathExpr,
        readOnly: readOnly || undefined,
        mountPropagation: propagation,
      });
    }
  });
  // A read-only root filesystem still needs a writable /tmp (the JVM and Tomcat use it).
  const usesTmp = readOnlyRoot && !mounts.some((m) => m.mountPath === TMP);
  if (usesTmp) mounts.push({ name: ctx.tmpVolume, mountPath: TMP });
  // validation.go: ValidateVolumeDevices: a Block volume is one device per container.
  checkUnique(
    `${prop}.volumeMounts`,
    'Block volume (a claim with a mountPath is already its device in the main container)',
    devices.map((d) => d.name),
    p,
  );
  // validation.go: ValidateVolumeMounts rejects two mounts at one path (and a device at it).
  checkUnique(
    `${prop}.volumeMounts`,
    'mountPath (claims mounted by storage and /tmp included)',
    [...mounts.map((m) => m.mountPath), ...devices.map((d) => d.devicePath)],
    p,
  );
  return { mounts, devices, usesTmp };
}

function resolveLifecycle(
  prop: string,
  given: unknown,
  ports: PortNames,
  path: ReadonlyArray<string | number>,
  ctx: ContainerContext,
  p: Problems,
) {
  if (given === undefined) return undefined;
  const l = structOf<ContainerLifecycle>(prop, given, p, LIFECYCLE_PROPS);
  const postStart = resolveHandler(`${prop}.postStart`, l.postStart, ports, [...path, 'postStart'], ctx.extras, p);
  const preStop = resolveHandler(`${prop}.preStop`, l.preStop, ports, [...path, 'preStop'], ctx.extras, p);
  return postStart || preStop ? { postStart, preStop } : undefined;
}

const DEFAULT_RESOURCES = {
  cpu: { request: '100m', limit: '1' },
  memory: { request: '256Mi', limit: '512Mi' },
};

/**
 * Each of CPU and memory takes the defaults as a whole when it is left out, and exactly
 * what is given otherwise (a request alone stays a request alone: mixing in a default
 * limit could fall below it).
 */
function resolveResources(prop: string, given: unknown, p: Problems) {
  const r = structOf<ContainerResources>(prop, given, p, RESOURCES_PROPS);
  const requests: Record<string, string> = {};
  const limits: Record<string, string> = {};
  const pair = (
    field: 'cpu' | 'memory' | 'ephemeralStorage',
    key: string,
    quantity: (at: string, v: unknown) => string | undefined,
    amount: (q: string) => number,
  ) => {
    const v = structOf<{ request?: unknown; limit?: unknown }>(`${prop}.${field}`, r[field], p, REQUEST_LIMIT_PROPS);
    const fallback = r[field] === undefined ? DEFAULT_RESOURCES[field as 'cpu' | 'memory'] : undefined;
    const request = v.request === undefined ? fallback?.request : quantity(`${prop}.${field}.request`, v.request);
    const limit = v.limit === undefined ? fallback?.limit : quantity(`${prop}.${field}.limit`, v.limit);
    if (request !== undefined) requests[key] = request;
    if (limit !== undefined) limits[key] = limit;
    if (request !== undefined && limit !== undefined && amount(request) > amount(limit)) {
      p.add(
        `'${prop}.${field}.request' (${request}) must be less than or equal to '${prop}.${field}.limit' (${limit})`,
      );
    }
  };
  pair('cpu', 'cpu', (at, v) => cpuQuantity(at, v, p), milliCpu);
  pair('memory', 'memory', (at, v) => sizeQuantity(at, v, p), bytesOf);
  if (r.ephemeralStorage !== undefined)
    pair('ephemeralStorage', 'ephemeral-storage', (at, v) => sizeQuantity(at, v, p), bytesOf);
  return {
    requests: Object.keys(requests).length > 0 ? requests : undefined,
    limits: Object.keys(limits).length > 0 ? limits : undefined,
  };
}

function nonEmpty<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined;
}
