import { isDnsSubdomain, isPortName, parseIp } from '../../k8s-syntax';
import { Ctx, isInt, isObject, list, oneOf, show } from './context';

const PATH_TYPES = ['Exact', 'Prefix', 'ImplementationSpecific'];

/** IsWildcardDNS1123Subdomain: `*.` and a DNS subdomain. */
const isWildcardHost = (h: string) => h.startsWith('*.') && isDnsSubdomain(h.slice(2));

// networking validation.go: validateIngressBackend, validateIngressRules, validateHTTPIngressPath.
function checkBackend(ctx: Ctx, at: string, b: unknown): void {
  if (!isObject(b)) return;
  const sources = ['service', 'resource'].filter((k) => b[k] !== undefined);
  if (sources.length !== 1) {
    ctx.report(
      at,
      `must set exactly one of "service" and "resource", got ${sources.length === 0 ? 'none' : 'both'}`,
      'ingress',
    );
  }
  const port = isObject(b.service) ? b.service.port : undefined;
  if (!isObject(port)) return;
  const hasName = port.name !== undefined && port.name !== '';
  const hasNumber = port.number !== undefined && port.number !== 0;
  if (hasName && hasNumber) {
    ctx.report(`${at}.service.port`, `must set a port name or a port number, not both, got ${show(port)}`, 'ingress');
  } else if (hasName && !isPortName(port.name)) {
    ctx.report(`${at}.service.port.name`, `must be a port name (IANA service name), got ${show(port.name)}`, 'ingress');
  } else if (hasNumber && (!isInt(port.number) || port.number < 1 || port.number > 65535)) {
    ctx.report(`${at}.service.port.number`, `must be from 1 to 65535, got ${show(port.number)}`, 'ingress');
  } else if (!hasName && !hasNumber) {
    ctx.report(`${at}.service.port`, 'must set a port name or a port number', 'ingress');
  }
}

function checkPath(ctx: Ctx, at: string, p: Record<string, any>): void {
  if (!PATH_TYPES.includes(p.pathType)) {
    ctx.report(`${at}.pathType`, `must be ${oneOf(PATH_TYPES)}, got ${show(p.pathType)}`, 'ingress');
  } else if (p.pathType !== 'ImplementationSpecific' && typeof p.path === 'string') {
    if (!p.path.startsWith('/')) {
      ctx.report(
        `${at}.path`,
        `must be an absolute path (starting with "/") for pathType ${p.pathType}, got ${show(p.path)}`,
        'ingress',
      );
    } else if (/\/\/|\/\.\/|\/\.\.\/|%2f|%2F/.test(p.path) || /\/\.\.?$/.test(p.path)) {
      ctx.report(
        `${at}.path`,
        `must not contain "//", "/./", "/../", "%2f" or end in "/." or "/..", got ${show(p.path)}`,
        'ingress',
      );
    }
  } else if (p.path !== undefined && p.path !== '' && !String(p.path).startsWith('/')) {
    ctx.report(`${at}.path`, `must be an absolute path (starting with "/"), got ${show(p.path)}`, 'ingress');
  }
  checkBackend(ctx, `${at}.backend`, p.backend);
}

/** An Ingress: hosts, paths and backends. */
export function checkIngress(ctx: Ctx, o: Record<string, any>): void {
  const spec = o.spec;
  if (!isObject(spec)) return;
  if (spec.defaultBackend !== undefined) checkBackend(ctx, 'spec.defaultBackend', spec.defaultBackend);
  if (spec.defaultBackend === undefined && list(spec.rules).length === 0) {
    ctx.report('spec', 'must set a defaultBackend or at least one rule', 'ingress');
  }
  list(spec.rules).forEach((r, i) => {
    if (!isObject(r)) return;
    const at = `spec.rules[${i}]`;
    if (typeof r.host === 'string' && r.host !== '') {
      if (parseIp(r.host))
        ctx.report(`${at}.host`, `must be a DNS name, not an IP address, got ${show(r.host)}`, 'ingress');
      else if (r.host.includes('*') ? !isWildcardHost(r.host) : !isDnsSubdomain(r.host)) {
        ctx.report(
          `${at}.host`,
          `must be a DNS subdomain, or "*." and a DNS subdomain (one wildcard, first), got ${show(r.host)}`,
          'ingress',
        );
      }
    }
    if (isObject(r.http))
      list(r.http.paths).forEach((p, j) => isObject(p) && checkPath(ctx, `${at}.http.paths[${j}]`, p));
  });
  list(spec.tls).forEach((t, i) =>
    list(t?.hosts).forEach((h, j) => {
      if (typeof h === 'string' && (h.includes('*') ? !isWildcardHost(h) : !isDnsSubdomain(h)))
        ctx.report(`spec.tls[${i}].hosts[${j}]`, `must be a DNS subdomain or "*." and one, got ${show(h)}`, 'ingress');
    }),
  );
}

/** IsDomainPrefixedPath: a DNS subdomain, then a path (`example.com/ingress-controller`). */
function isDomainPrefixedPath(v: string): boolean {
  const slash = v.indexOf('/');
  if (slash <= 0 || slash === v.length - 1) return false;
  return isDnsSubdomain(v.slice(0, slash)) && /^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/.test(v.slice(slash + 1));
}

// networking validation.go: validateIngressClassSpec.
export function checkIngressClass(ctx: Ctx, o: Record<string, any>): void {
  const c = o.spec?.controller;
  if (typeof c !== 'string') return;
  if (c.length > 250 || !isDomainPrefixedPath(c)) {
    ctx.report(
      'spec.controller',
      `must be a domain-prefixed path such as "example.com/ingress-controller" (at most 250 characters), got ${show(c)}`,
      'ingress-class',
    );
  }
}
