import { ConnectionScheme } from '../core/enums';
import type * as k8s from '../../imports/k8s';
import type { Wire } from '../core/wire';
import { checkInteger, checkPortNumber, checkStringList } from '../core/checks';
import type { ExtraField } from '../core/facts';
import { Problems, show } from '../core/problems';
import { propNames } from '../core/prop-names';
import { durationSeconds, enumValue, isInstance, structOf } from '../core/values';
import { HttpGetHandlerOptions, LifecycleHandler } from './lifecycle-handler';
import { GrpcProbeOptions, HttpGetProbeOptions, PortProbeOptions, Probe, ProbeOptions, ProbePort } from './probe';

type K8sHandler = Wire<k8s.LifecycleHandler>;
type K8sProbe = Wire<k8s.Probe>;

export type ProbeKind = 'startup' | 'readiness' | 'liveness';

const DEFAULTS: Record<ProbeKind, { period: number; failureThreshold: number }> = {
  startup: { period: 5, failureThreshold: 60 },
  readiness: { period: 10, failureThreshold: 3 },
  liveness: { period: 10, failureThreshold: 3 },
};

const TIMING_PROPS = propNames<ProbeOptions>({
  initialDelay: true,
  period: true,
  timeout: true,
  failureThreshold: true,
  successThreshold: true,
});
const PORT_PROBE_PROPS = propNames<PortProbeOptions>({ ...TIMING_PROPS, port: true });
const PROBE_PROPS = {
  httpGet: propNames<HttpGetProbeOptions>({ ...PORT_PROBE_PROPS, scheme: true }),
  tcpSocket: PORT_PROBE_PROPS,
  exec: TIMING_PROPS,
  grpc: propNames<GrpcProbeOptions>({ ...TIMING_PROPS, service: true }),
};
const HTTP_HANDLER_PROPS = propNames<HttpGetHandlerOptions>({ port: true, scheme: true });

/** The container's port names, first one first: probes and hooks name the port they use. */
export interface PortNames {
  readonly container: string;
  readonly names: readonly string[];
  /** The first port, the default of probes and hooks: by name, or by number when it has none. */
  readonly first?: { readonly name?: string; readonly number: number };
}

function portRef(prop: string, given: unknown, ports: PortNames, p: Problems): string | number | undefined {
  let name: unknown = ports.first?.name;
  if (given === undefined && ports.first !== undefined && ports.first.name === undefined) {
    return ports.first.number;
  }
  if (given !== undefined) {
    if (!isInstance(`${prop}.port`, given, ProbePort, 'ProbePort.number(...) or ProbePort.named(...)', p))
      return undefined;
    const spec = given._spec;
    if (spec.kind === 'number') {
      // A number need not be declared: the kubelet connects to the pod's IP on that port.
      return p.check(checkPortNumber(`${prop}.port`, spec.port)) ? spec.port : undefined;
    }
    name = spec.name;
  }
  if (name === undefined) {
    p.add(`'${prop}' needs a port, and container ${show(ports.container)} declares none in 'ports'`);
    return undefined;
  }
  if (typeof name !== 'string' || !ports.names.includes(name)) {
    p.add(
      `'${prop}.port' must name a port of container ${show(ports.container)} (${ports.names.map(show).join(', ') || 'it has none'}), got ${show(name)}`,
    );
    return undefined;
  }
  return name;
}

function httpPath(prop: string, path: unknown, p: Problems): string {
  if (typeof path !== 'string' || !/^\/\S*$/.test(path)) {
    p.add(`'${prop}' must have an absolute URL path such as "/healthz", got ${show(path)}`);
  }
  return path as string;
}

/** The HTTP action probes and lifecycle hooks share. */
function httpGetAction(prop: string, path: string, o: Partial<HttpGetHandlerOptions>, ports: PortNames, p: Problems) {
  return {
    httpGet: {
      path: httpPath(prop, path, p),
      port: portRef(prop, o.port, ports, p)!,
      scheme: scheme(prop, o.scheme, p),
    },
  };
}

/** The exec action probes and lifecycle hooks share. */
function execAction(prop: string, command: unknown, p: Problems) {
  // validation.go: validateExecAction requires a command.
  p.check(checkStringList(`${prop} command`, command, false));
  return { exec: { command: Array.isArray(command) ? [...(command as string[])] : [] } };
}

/** The probe as Kubernetes writes it, with every timing explicit; undefined for none. */
export function resolveProbe(
  prop: string,
  given: unknown,
  kind: ProbeKind,
  ports: PortNames,
  p: Problems,
): K8sProbe | undefined {
  if (
    !isInstance(
      prop,
      given,
      Probe,
      'Probe.httpGet(...), Probe.tcpSocket(...), Probe.exec(...), Probe.grpc(...) or Probe.none()',
      p,
    )
  ) {
    return undefined;
  }
  const spec = given._spec;
  if (spec.kind === 'none') return undefined;
  const o: Partial<GrpcProbeOptions & HttpGetProbeOptions> = structOf(prop, spec.options, p, PROBE_PROPS[spec.kind]);
  const d = DEFAULTS[kind];
  const seconds = (field: keyof ProbeOptions, min: number, fallback: number) =>
    o[field] === undefined ? fallback : durationSeconds(`${prop}.${field}`, o[field], p, min);
  const failureThreshold = o.failureThreshold ?? d.failureThreshold;
  const successThreshold = o.successThreshold ?? 1;
  // validation.go: validateProbe requires thresholds >= 1; success must be 1 for startup and liveness.
  p.check(checkInteger(`${prop}.failureThreshold`, failureThreshold, 1));
  if (kind === 'readiness') p.check(checkInteger(`${prop}.successThreshold`, successThreshold, 1));
  else if (successThreshold !== 1)
    p.add(`'${prop}.successThreshold' must be 1 for a ${kind} probe, got ${show(successThreshold)}`);
  const timing = {
    initialDelaySeconds: seconds('initialDelay', 0, 0),
    periodSeconds: seconds('period', 1, d.period),
    timeoutSeconds: seconds('timeout', 1, 1),
    failureThreshold,
    successThreshold,
  };
  switch (spec.kind) {
    case 'httpGet':
      return { ...httpGetAction(prop, spec.path, o, ports, p), ...timing };
    case 'tcpSocket':
      return { tcpSocket: { port: portRef(prop, o.port, ports, p)! }, ...timing };
    case 'exec':
      return { ...execAction(prop, spec.command, p), ...timing };
    case 'grpc':
      p.check(checkPortNumber(`${prop} port`, spec.port));
      if (o.service !== undefined && typeof o.service !== 'string')
        p.add(`'${prop}.service' must be a string, got ${show(o.service)}`);
      return { grpc: { port: spec.port, service: o.service }, ...timing };
  }
}

function scheme(prop: string, value: unknown, p: Problems): string | undefined {
  return value === undefined ? undefined : enumValue(`${prop}.scheme`, value, 'ConnectionScheme', ConnectionScheme, p);
}

/**
 * A lifecycle hook. The `sleep` action is newer than the 1.27 classes: it is written
 * into the JSON at `path` as an extra field, and the typed handler stays empty.
 */
export function resolveHandler(
  prop: string,
  given: unknown,
  ports: PortNames,
  path: ReadonlyArray<string | number>,
  extras: ExtraField[],
  p: Problems,
): K8sHandler | undefined {
  if (given === undefined) return undefined;
  if (!isInstance(prop, given, LifecycleHandler, 'LifecycleHandler.exec(...), .httpGet(...) or .sleep(...)', p)) {
    return undefined;
  }
  const spec = given._spec;
  switch (spec.kind) {
    case 'exec':
      return execAction(prop, spec.command, p);
    case 'httpGet':
      return httpGetAction(prop, spec.path, structOf(prop, spec.options, p, HTTP_HANDLER_PROPS), ports, p);
    case 'sleep': {
      const s = durationSeconds(`${prop} duration`, spec.duration, p, 1);
      extras.push({ path: [...path, 'sleep'], value: { seconds: s } });
      return {};
    }
  }
}
