import { isPortName, isPortNumber } from '../../k8s-syntax';
import { Ctx, isInt, isObject, list, oneOf, show } from './context';

const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
// The sleep action: alpha in 1.29, on by default from 1.30 (PodLifecycleSleepAction).
const lifecycleHandlers = (ctx: Ctx) =>
  ctx.target.minor >= 30 ? ['exec', 'httpGet', 'tcpSocket', 'sleep'] : ['exec', 'httpGet', 'tcpSocket'];

// validation.go: ValidatePortNumOrName.
function checkPortRef(ctx: Ctx, path: string, port: unknown, rule: 'probe' | 'lifecycle', declared: Set<string>): void {
  if (typeof port === 'number') {
    if (!isPortNumber(port)) ctx.report(path, `a port must be an integer from 1 to 65535, got ${show(port)}`, rule);
  } else if (!isPortName(port)) {
    ctx.report(
      path,
      `must be a port number or a port name (at most 15 lowercase letters, digits and '-', with a letter), got ${show(port)}`,
      rule,
    );
  } else if (!declared.has(port)) {
    // The kubelet looks the name up in this container's ports only (findPortByName).
    ctx.report(
      path,
      `names port ${show(port)}, which the container does not declare; the kubelet cannot resolve it and the check always fails`,
      'probe-port',
    );
  }
}

// validation.go: validateHandler (and validateExecAction, validateHTTPGetAction,
// validateTCPSocketAction, validateGRPCAction, validateSleepAction).
function checkHandler(
  ctx: Ctx,
  path: string,
  handler: Record<string, any>,
  kinds: string[],
  rule: 'probe' | 'lifecycle',
  declared: Set<string>,
  grace: number,
): void {
  const set = kinds.filter((h) => handler[h] !== undefined && handler[h] !== null);
  if (set.length !== 1) {
    ctx.report(
      path,
      `must have exactly one handler (${oneOf(kinds).replace(/"/g, '')}), got ${set.length === 0 ? 'none' : set.join(', ')}`,
      rule,
    );
  }
  const { exec, httpGet, tcpSocket, grpc, sleep } = handler;
  if (isObject(exec) && list(exec.command).length === 0) ctx.report(`${path}.exec.command`, 'must not be empty', rule);
  if (isObject(httpGet)) {
    checkPortRef(ctx, `${path}.httpGet.port`, httpGet.port, rule, declared);
    if (httpGet.scheme !== undefined && httpGet.scheme !== 'HTTP' && httpGet.scheme !== 'HTTPS') {
      ctx.report(`${path}.httpGet.scheme`, `must be "HTTP" or "HTTPS", got ${show(httpGet.scheme)}`, rule);
    }
    list(httpGet.httpHeaders).forEach((h, i) => {
      if (!/^[-A-Za-z0-9]+$/.test(String(h?.name))) {
        ctx.report(
          `${path}.httpGet.httpHeaders[${i}].name`,
          `must be an HTTP header name (letters, digits and '-'), got ${show(h?.name)}`,
          rule,
        );
      }
    });
  }
  if (isObject(tcpSocket)) checkPortRef(ctx, `${path}.tcpSocket.port`, tcpSocket.port, rule, declared);
  if (isObject(grpc) && !isPortNumber(grpc.port)) {
    ctx.report(`${path}.grpc.port`, `a gRPC port must be a number from 1 to 65535, got ${show(grpc.port)}`, rule);
  }
  if (isObject(sleep) && kinds.includes('sleep')) {
    // PodLifecycleSleepActionAllowZero: beta (on) from 1.33.
    const min = ctx.target.minor >= 33 ? 0 : 1;
    if (!isInt(sleep.seconds) || sleep.seconds < min || sleep.seconds > grace) {
      ctx.report(
        `${path}.sleep.seconds`,
        `must be a whole number of seconds from ${min} to terminationGracePeriodSeconds (${grace}), got ${show(sleep.seconds)}`,
        rule,
      );
    }
  }
}

const TIMINGS = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'];

/** The liveness, readiness and startup probes of a container. */
// validation.go: validateLivenessProbe, validateReadinessProbe, validateStartupProbe, validateProbe.
export function checkProbes(
  ctx: Ctx,
  path: string,
  container: Record<string, any>,
  declared: Set<string>,
  grace: number,
): void {
  for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const probe = container[kind];
    if (!isObject(probe)) continue;
    const at = `${path}.${kind}`;
    checkHandler(ctx, at, probe, PROBE_HANDLERS, 'probe', declared, grace);
    for (const field of TIMINGS) {
      const v = probe[field];
      if (v !== undefined && (!isInt(v) || v < 0))
        ctx.report(`${at}.${field}`, `must be zero (the default) or more, got ${show(v)}`, 'probe');
    }
    // Zero is defaulted to 1, so only another value is a mistake.
    if (kind !== 'readinessProbe' && isInt(probe.successThreshold) && probe.successThreshold > 1) {
      ctx.report(`${at}.successThreshold`, `must be 1 for a ${kind}, got ${show(probe.successThreshold)}`, 'probe');
    }
    const probeGrace = probe.terminationGracePeriodSeconds;
    if (probeGrace !== undefined && kind === 'readinessProbe') {
      ctx.report(`${at}.terminationGracePeriodSeconds`, 'must not be set on a readinessProbe', 'probe');
    } else if (probeGrace !== undefined && (!isInt(probeGrace) || probeGrace <= 0)) {
      ctx.report(
        `${at}.terminationGracePeriodSeconds`,
        `must be a positive number of seconds, got ${show(probeGrace)}`,
        'probe',
      );
    }
  }
}

/** The postStart and preStop hooks of a container. */
// validation.go: validateLifecycle.
export function checkLifecycle(ctx: Ctx, path: string, lifecycle: unknown, declared: Set<string>, grace: number): void {
  if (!isObject(lifecycle)) return;
  for (const hook of ['postStart', 'preStop']) {
    if (isObject(lifecycle[hook])) {
      checkHandler(ctx, `${path}.${hook}`, lifecycle[hook], lifecycleHandlers(ctx), 'lifecycle', declared, grace);
    }
  }
}
