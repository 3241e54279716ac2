import { isDnsLabel, isPortName, isPortNumber } from '../../k8s-syntax';
import { Ctx, isObject, list, oneOf, podSeverity, show } from './context';
import { checkEnv, checkEnvFrom } from './env';
import { mustBe } from './metadata';
import { checkMounts } from './mounts';
import { checkLifecycle, checkProbes } from './probes';
import { checkContainerResources } from './resources';
import { checkContainerSecurityContext, checkRunAs } from './security';
import { PodVolumes } from './volumes';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

/** The port names a container declares. */
export const portNames = (c: Record<string, any>) =>
  new Set<string>(list(c.ports).flatMap((p) => (typeof p?.name === 'string' ? [p.name] : [])));

// validation.go: validateContainerPorts.
function checkPorts(ctx: Ctx, path: string, ports: unknown): void {
  const names = new Set<string>();
  list(ports).forEach((p, i) => {
    if (!isObject(p)) return;
    const at = `${path}.ports[${i}]`;
    if (p.name !== undefined) {
      if (!isPortName(p.name)) {
        ctx.report(
          `${at}.name`,
          `must be an IANA service name (at most 15 lowercase letters, digits and '-', with a letter, no '--'), got ${show(p.name)}`,
          'container-port',
        );
      } else if (names.has(p.name)) ctx.report(`${at}.name`, `duplicate port name ${show(p.name)}`, 'container-port');
      names.add(p.name);
    }
    if (!isPortNumber(p.containerPort))
      ctx.report(
        `${at}.containerPort`,
        `a port must be an integer from 1 to 65535, got ${show(p.containerPort)}`,
        'container-port',
      );
    if (p.hostPort !== undefined && p.hostPort !== 0 && !isPortNumber(p.hostPort)) {
      ctx.report(
        `${at}.hostPort`,
        `a port must be an integer from 1 to 65535, got ${show(p.hostPort)}`,
        'container-port',
      );
    }
    if (p.protocol !== undefined && !PROTOCOLS.includes(p.protocol)) {
      ctx.report(`${at}.protocol`, `must be ${oneOf(PROTOCOLS)}, got ${show(p.protocol)}`, 'container-port');
    }
  });
}

/** Everything checked for each container, init or regular. */
// validation.go: validateContainerCommon.
export function checkContainer(
  ctx: Ctx,
  path: string,
  c: Record<string, any>,
  pod: Record<string, any>,
  volumes: PodVolumes,
): void {
  if (!isDnsLabel(c.name)) ctx.report(`${path}.name`, mustBe.label(c.name), 'container-name');
  if (typeof c.image !== 'string' || c.image === '') ctx.report(`${path}.image`, 'is required', 'image');
  // Pods are validated with validateContainerOnlyForPod: the pods a controller makes fail.
  else if (c.image !== c.image.trim())
    ctx.report(
      `${path}.image`,
      `must not start or end with whitespace, got ${show(c.image)}`,
      'image',
      podSeverity(ctx.kind),
    );
  checkPorts(ctx, path, c.ports);
  checkEnv(ctx, `${path}.env`, c.env);
  checkEnvFrom(ctx, `${path}.envFrom`, c.envFrom);
  checkMounts(ctx, path, c, volumes);
  checkContainerResources(ctx, `${path}.resources`, c.resources);
  const hostUsers = pod.hostUsers !== false;
  checkContainerSecurityContext(ctx, `${path}.securityContext`, c.securityContext, hostUsers);
  checkRunAs(ctx, path, pod, c);
}

/** Probes and lifecycle hooks, for regular containers and restartable init containers. */
export function checkContainerHooks(ctx: Ctx, path: string, c: Record<string, any>, grace: number): void {
  const declared = portNames(c);
  checkProbes(ctx, path, c, declared, grace);
  checkLifecycle(ctx, `${path}.lifecycle`, c.lifecycle, declared, grace);
}

type Located = readonly [string, Record<string, any>];

/** Host ports used twice by the containers that run together. */
// validation.go: checkHostPortConflicts (regular containers together, init containers alone).
export function checkHostPorts(ctx: Ctx, containers: readonly Located[]): void {
  const used = new Map<string, string>();
  for (const [cPath, c] of containers) {
    list(c.ports).forEach((p, i) => {
      if (!isObject(p) || !isPortNumber(p.hostPort)) return;
      const k = `${p.protocol ?? 'TCP'}/${p.hostIP ?? ''}/${p.hostPort}`;
      const first = used.get(k);
      if (first)
        ctx.report(
          `${cPath}.ports[${i}].hostPort`,
          `host port ${p.hostPort}/${p.protocol ?? 'TCP'} is already used by ${first}`,
          'container-port',
        );
      else used.set(k, `${cPath}.ports[${i}]`);
    });
  }
}

/**
 * Container ports that clash between containers running together. The API server accepts
 * them, but the containers of a pod share one network namespace, so only one can listen on
 * a port, and a Service naming a port reaches only the first container declaring the name.
 */
// endpoints controller: podutil.FindPort (first container port with the name).
export function checkSharedPorts(ctx: Ctx, containers: readonly Located[]): void {
  const ports = new Map<string, string>();
  const names = new Map<string, string>();
  const clash = (
    seen: Map<string, string>,
    k: string,
    cPath: string,
    at: string,
    message: (first: string) => string,
  ) => {
    const first = seen.get(k);
    if (first === undefined) seen.set(k, at);
    else if (!first.startsWith(`${cPath}.`)) ctx.report(at, message(first), 'container-port-conflict');
  };
  for (const [cPath, c] of containers) {
    list(c.ports).forEach((p, i) => {
      if (!isObject(p)) return;
      const at = `${cPath}.ports[${i}]`;
      const port = `${p.containerPort}/${p.protocol ?? 'TCP'}`;
      clash(
        ports,
        port,
        cPath,
        `${at}.containerPort`,
        (first) =>
          `port ${port} is also declared by ${first}: the containers of a pod share one network, only one can listen on it`,
      );
      if (typeof p.name === 'string') {
        clash(
          names,
          p.name,
          cPath,
          `${at}.name`,
          (first) =>
            `port name ${show(p.name)} is also declared by ${first}: a Service targeting it by name reaches only the first`,
        );
      }
    });
  }
}
