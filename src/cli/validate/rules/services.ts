import {
  IpAddress,
  isDnsLabel,
  isDnsSubdomain,
  isPortName,
  isPortNumber,
  isQualifiedName,
  parseCidr,
  parseIp,
} from '../../k8s-syntax';
import { describe, Manifest, Problem, problemAt, selectorMatches } from '../../manifests';
import { Ctx, isInt, isObject, list, oneOf, RuleId, RULES, show } from './context';
import { checkLabels, qualifiedNameRule } from './labels';
import { portNames } from './containers';

const TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
// The default --service-node-port-range of kube-apiserver.
const NODE_PORTS = [30000, 32767];
// validation.go: core.MaxClientIPServiceAffinitySeconds.
const MAX_AFFINITY_SECONDS = 86400;

/**
 * A CIDR as the target version accepts it: Go's net.ParseCIDR after dropping leading zeros
 * (netutils.ParseCIDRSloppy) up to 1.35; from 1.36 StrictIPCIDRValidation (beta, on) also
 * rejects leading zeros, IPv4-mapped IPv6 addresses and bits set after the prefix length.
 */
// validation.go: IsValidCIDR (1.27), IsValidCIDRForLegacyField (1.33+); ip.go: parseCIDR.
export function cidrProblem(ctx: Ctx, value: unknown): string | undefined {
  const cidr = parseCidr(value);
  if (!cidr) return `must be a CIDR such as "10.0.0.0/8" or "2001:db8::/64", got ${show(value)}`;
  if (ctx.target.minor < 36) return undefined;
  if (cidr.leadingZeros)
    return `must not have leading zeros in the address or the prefix length from Kubernetes 1.36, got ${show(value)}`;
  if (cidr.address.v4InV6) return `must not be an IPv4-mapped IPv6 address from Kubernetes 1.36, got ${show(value)}`;
  if (cidr.hostBits) return `must not have bits set after the prefix length from Kubernetes 1.36, got ${show(value)}`;
  return undefined;
}

// validation.go: validateServicePort, ValidatePortNumOrName, and ValidateService's
// duplicate (port, protocol) and (nodePort, protocol) checks.
function checkPorts(ctx: Ctx, spec: Record<string, any>, type: string): void {
  const ports = list(spec.ports);
  const names = new Set<string>();
  const seen = new Set<string>();
  const seenNode = new Set<string>();
  const nodePortOf = new Map<unknown, unknown>();
  ports.forEach((p, i) => {
    if (!isObject(p)) return;
    const at = `spec.ports[${i}]`;
    const protocol = p.protocol ?? 'TCP';
    if (ports.length > 1 && !p.name)
      ctx.report(`${at}.name`, 'is required when a Service has more than one port', 'service-port');
    if (p.name) {
      if (!isDnsLabel(p.name)) ctx.report(`${at}.name`, `must be a DNS label, got ${show(p.name)}`, 'service-port');
      else if (names.has(p.name)) ctx.report(`${at}.name`, `duplicate port name ${show(p.name)}`, 'service-port');
      names.add(p.name);
    }
    if (!isPortNumber(p.port))
      ctx.report(`${at}.port`, `a port must be an integer from 1 to 65535, got ${show(p.port)}`, 'service-port');
    else if (seen.has(`${p.port}/${protocol}`))
      ctx.report(`${at}.port`, `duplicate port ${p.port}/${protocol}`, 'service-port');
    seen.add(`${p.port}/${protocol}`);
    if (!PROTOCOLS.includes(protocol))
      ctx.report(`${at}.protocol`, `must be ${oneOf(PROTOCOLS)}, got ${show(protocol)}`, 'service-port');
    const target = p.targetPort;
    // Zero and unset default to `port`.
    if (
      typeof target === 'number' ? target !== 0 && !isPortNumber(target) : target !== undefined && !isPortName(target)
    ) {
      ctx.report(
        `${at}.targetPort`,
        `must be a port number (1 to 65535) or a container port name (at most 15 lowercase letters, digits and '-', with a letter), got ${show(target)}`,
        'service-port',
      );
    }
    if (p.appProtocol !== undefined && !isQualifiedName(p.appProtocol)) {
      ctx.report(
        `${at}.appProtocol`,
        `must be a protocol name such as "http" or "kubernetes.io/h2c" (${qualifiedNameRule}), got ${show(p.appProtocol)}`,
        'service-port',
      );
    }
    if (p.nodePort === undefined || p.nodePort === 0) return;
    if (type === 'ClusterIP')
      ctx.report(`${at}.nodePort`, `may only be set for type NodePort or LoadBalancer, not ${show(type)}`, 'node-port');
    else if (!isInt(p.nodePort) || p.nodePort < NODE_PORTS[0] || p.nodePort > NODE_PORTS[1]) {
      ctx.report(
        `${at}.nodePort`,
        `a node port (default range) must be an integer from ${NODE_PORTS[0]} to ${NODE_PORTS[1]}, got ${show(p.nodePort)}`,
        'node-port',
      );
    } else if (seenNode.has(`${p.nodePort}/${protocol}`))
      ctx.report(`${at}.nodePort`, `duplicate node port ${p.nodePort}/${protocol}`, 'node-port');
    else if (nodePortOf.has(p.nodePort) && nodePortOf.get(p.nodePort) !== p.port)
      // registry/core/service: initNodePorts shares a node port only between the protocols of one port.
      ctx.report(
        `${at}.nodePort`,
        `node port ${p.nodePort} is also given to port ${nodePortOf.get(p.nodePort)}: only the protocols of one port may share a node port (provided port is already allocated)`,
        'node-port',
      );
    seenNode.add(`${p.nodePort}/${protocol}`);
    if (!nodePortOf.has(p.nodePort)) nodePortOf.set(p.nodePort, p.port);
  });
  if (ports.length === 0 && type !== 'ExternalName' && spec.clusterIP !== 'None') {
    ctx.report(
      'spec.ports',
      'must have at least one port (only a headless or ExternalName Service may have none)',
      'service-port',
    );
  }
}

// validation.go: ValidateServiceClusterIPsRelatedFields and the ExternalName rules.
function checkClusterIPs(ctx: Ctx, spec: Record<string, any>, type: string): void {
  const ip = spec.clusterIP;
  const ips = list(spec.clusterIPs);
  if (type === 'ExternalName') {
    // Lists when not empty, ipFamilyPolicy when set at all (a string: list() would hide it).
    for (const field of ['clusterIPs', 'ipFamilies', 'ipFamilyPolicy']) {
      const v = spec[field];
      if (v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0))
        ctx.report(`spec.${field}`, 'may not be set for an ExternalName Service', 'service');
    }
    const cname = typeof spec.externalName === 'string' ? spec.externalName.replace(/\.$/, '') : '';
    if (!isDnsSubdomain(cname))
      ctx.report('spec.externalName', `must be a DNS name, got ${show(spec.externalName)}`, 'service');
    return;
  }
  if (ip === 'None' && type !== 'ClusterIP') {
    ctx.report(
      'spec.clusterIP',
      `a headless Service (clusterIP "None") must be of type ClusterIP, got ${show(type)}`,
      'service',
    );
  }
  if (ip !== undefined && ip !== '' && ip !== 'None' && !parseIp(ip))
    ctx.report('spec.clusterIP', `must be an IP address or "None", got ${show(ip)}`, 'service');
  if (ips.length > 0 && (ip === undefined || ip === ''))
    ctx.report('spec.clusterIPs', 'must be empty when clusterIP is not set', 'service');
  else if (ips.length > 0 && ips[0] !== ip)
    ctx.report('spec.clusterIPs', `must start with clusterIP (${show(ip)}), got ${show(ips)}`, 'service');
  if (ips.length > 2)
    ctx.report('spec.clusterIPs', `may hold at most 2 addresses (one per IP family), got ${ips.length}`, 'service');
  ips.forEach((a, i) => {
    if (a === 'None' ? i > 0 || ips.length > 1 : !parseIp(a))
      ctx.report(`spec.clusterIPs[${i}]`, `must be an IP address ("None" only alone), got ${show(a)}`, 'service');
  });
  const families = list(spec.ipFamilies);
  families.forEach((f, i) => {
    if (f !== 'IPv4' && f !== 'IPv6')
      ctx.report(`spec.ipFamilies[${i}]`, `must be "IPv4" or "IPv6", got ${show(f)}`, 'service');
    else if (families.indexOf(f) !== i)
      ctx.report(`spec.ipFamilies[${i}]`, `duplicate IP family ${show(f)}`, 'service');
  });
  const policy = spec.ipFamilyPolicy;
  if (policy !== undefined && !['SingleStack', 'PreferDualStack', 'RequireDualStack'].includes(policy)) {
    ctx.report(
      'spec.ipFamilyPolicy',
      `must be "SingleStack", "PreferDualStack" or "RequireDualStack", got ${show(policy)}`,
      'service',
    );
  }
}

// validation.go: validateServiceExternalTrafficPolicy, validateServiceInternalTrafficFieldsValue;
// pkg/api/service: ExternallyAccessible, NeedsHealthCheck.
function checkTrafficPolicies(ctx: Ctx, spec: Record<string, any>, type: string): void {
  const external =
    type === 'NodePort' || type === 'LoadBalancer' || (type === 'ClusterIP' && list(spec.externalIPs).length > 0);
  const etp = spec.externalTrafficPolicy;
  if (etp !== undefined && etp !== '') {
    if (!external)
      ctx.report(
        'spec.externalTrafficPolicy',
        `may only be set for a NodePort or LoadBalancer Service (or one with externalIPs), not ${show(type)}`,
        'traffic-policy',
      );
    else if (etp !== 'Cluster' && etp !== 'Local')
      ctx.report('spec.externalTrafficPolicy', `must be "Cluster" or "Local", got ${show(etp)}`, 'traffic-policy');
  }
  if (spec.healthCheckNodePort !== undefined && spec.healthCheckNodePort !== 0) {
    if (type !== 'LoadBalancer' || etp !== 'Local') {
      ctx.report(
        'spec.healthCheckNodePort',
        'may only be set when type is "LoadBalancer" and externalTrafficPolicy is "Local"',
        'traffic-policy',
      );
    } else if (!isPortNumber(spec.healthCheckNodePort)) {
      ctx.report(
        'spec.healthCheckNodePort',
        `a port must be an integer from 1 to 65535, got ${show(spec.healthCheckNodePort)}`,
        'traffic-policy',
      );
    }
  }
  const itp = spec.internalTrafficPolicy;
  if (itp !== undefined && itp !== 'Cluster' && itp !== 'Local') {
    ctx.report('spec.internalTrafficPolicy', `must be "Cluster" or "Local", got ${show(itp)}`, 'traffic-policy');
  }
}

// Fields that only a LoadBalancer Service may set (validation.go: ValidateService,
// validateLoadBalancerClassField).
function checkLoadBalancerFields(ctx: Ctx, spec: Record<string, any>, type: string): void {
  const lb = type === 'LoadBalancer';
  const only = (field: string, rule: RuleId = 'service') => {
    if (!lb) ctx.report(`spec.${field}`, `may only be set for type LoadBalancer, not ${show(type)}`, rule);
  };
  const ranges = list(spec.loadBalancerSourceRanges);
  if (ranges.length > 0) only('loadBalancerSourceRanges');
  ranges.forEach((r, i) => {
    // Values may be space-padded (a historical accident kept for compatibility).
    const problem = cidrProblem(ctx, typeof r === 'string' ? r.trim() : r);
    if (problem) ctx.report(`spec.loadBalancerSourceRanges[${i}]`, problem, 'cidr');
  });
  if (spec.allocateLoadBalancerNodePorts !== undefined) only('allocateLoadBalancerNodePorts');
  if (spec.loadBalancerClass !== undefined) {
    only('loadBalancerClass');
    if (lb && !isQualifiedName(spec.loadBalancerClass))
      ctx.report(
        'spec.loadBalancerClass',
        `must be a qualified name (${qualifiedNameRule}), got ${show(spec.loadBalancerClass)}`,
        'service',
      );
  }
}

// validation.go: validateClientIPAffinityConfig, validateAffinityTimeout.
function checkSessionAffinity(ctx: Ctx, spec: Record<string, any>): void {
  const affinity = spec.sessionAffinity ?? 'None';
  const timeout = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
  if (affinity !== 'None' && affinity !== 'ClientIP')
    ctx.report('spec.sessionAffinity', `must be "None" or "ClientIP", got ${show(affinity)}`, 'service');
  else if (affinity === 'None' && spec.sessionAffinityConfig !== undefined) {
    ctx.report('spec.sessionAffinityConfig', 'is ignored when sessionAffinity is "None"', 'service', 'warning');
  } else if (
    affinity === 'ClientIP' &&
    timeout !== undefined &&
    (!isInt(timeout) || timeout <= 0 || timeout > MAX_AFFINITY_SECONDS)
  ) {
    ctx.report(
      'spec.sessionAffinityConfig.clientIP.timeoutSeconds',
      `must be from 1 to ${MAX_AFFINITY_SECONDS}, got ${show(timeout)}`,
      'service',
    );
  }
}

// net.IP: IsUnspecified, IsLoopback, IsLinkLocalUnicast, IsLinkLocalMulticast.
function isSpecialIp(ip: IpAddress): boolean {
  const b = ip.bytes;
  if (ip.v4 || ip.v4InV6) {
    const [o1, o2, o3, o4] = b.slice(12);
    return (
      (o1 | o2 | o3 | o4) === 0 || o1 === 127 || (o1 === 169 && o2 === 254) || (o1 === 224 && o2 === 0 && o3 === 0)
    );
  }
  const zeroUpTo15 = b.slice(0, 15).every((x) => x === 0);
  return (
    (zeroUpTo15 && b[15] <= 1) || (b[0] === 0xfe && (b[1] & 0xc0) === 0x80) || (b[0] === 0xff && (b[1] & 0x0f) === 0x02)
  );
}

// validation.go: ValidateNonSpecialIP (external IPs).
function checkExternalIPs(ctx: Ctx, spec: Record<string, any>): void {
  list(spec.externalIPs).forEach((a, i) => {
    const ip = parseIp(a);
    if (!ip) ctx.report(`spec.externalIPs[${i}]`, `must be an IP address, got ${show(a)}`, 'service');
    else if (isSpecialIp(ip))
      ctx.report(`spec.externalIPs[${i}]`, `may not be unspecified, loopback or link-local, got ${show(a)}`, 'service');
  });
}

/** A Service. */
// validation.go: ValidateService.
export function checkService(ctx: Ctx, o: Record<string, any>): void {
  const spec = o.spec;
  if (!isObject(spec)) return;
  const type = spec.type ?? 'ClusterIP';
  if (!TYPES.includes(type)) ctx.report('spec.type', `must be ${oneOf(TYPES)}, got ${show(type)}`, 'service');
  checkClusterIPs(ctx, spec, type);
  checkPorts(ctx, spec, type);
  checkLabels(ctx, 'spec.selector', spec.selector);
  checkSessionAffinity(ctx, spec);
  checkExternalIPs(ctx, spec);
  checkTrafficPolicies(ctx, spec, type);
  checkLoadBalancerFields(ctx, spec, type);
}

/**
 * What only shows across the Services of one app: a node port allocated twice (the second
 * Service is refused, "provided port is already allocated"), and a Service whose named
 * targetPort no selected pod declares (it gets no endpoints for that port).
 */
// registry/core/service/portallocator; endpointslice controller: podutil.FindPort.
export function checkServicesTogether(manifests: readonly Manifest[], problems: Problem[]): void {
  const nodePorts = new Map<string, string>();
  const workloads = manifests.filter((m) => isObject(m.object?.spec?.template?.spec));
  for (const m of manifests) {
    const o = m.object;
    if (o?.kind !== 'Service' || !isObject(o.spec)) continue;
    const push = (path: string, message: string, rule: RuleId) =>
      problems.push(problemAt(m, path, message, rule, RULES[rule]));
    list(o.spec.ports).forEach((p, i) => {
      if (isInt(p?.nodePort) && p.nodePort !== 0) {
        const k = `${p.protocol ?? 'TCP'}/${p.nodePort}`;
        const first = nodePorts.get(k);
        if (first && first !== describe(m))
          push(
            `spec.ports[${i}].nodePort`,
            `node port ${k} is also used by ${first}: the second Service is refused (provided port is already allocated)`,
            'node-port-clash',
          );
        else nodePorts.set(k, describe(m));
      }
    });
    const selected =
      isObject(o.spec.selector) && Object.keys(o.spec.selector).length > 0
        ? workloads.filter(
            (w) =>
              (w.object.metadata?.namespace ?? 'default') === (o.metadata?.namespace ?? 'default') &&
              selectorMatches({ matchLabels: o.spec.selector }, w.object.spec.template.metadata?.labels ?? {}),
          )
        : [];
    if (selected.length === 0) continue;
    list(o.spec.ports).forEach((p, i) => {
      if (typeof p?.targetPort !== 'string') return;
      const declared = selected.some((w) =>
        list(w.object.spec.template.spec.containers).some((c) => isObject(c) && portNames(c).has(p.targetPort)),
      );
      if (!declared) {
        push(
          `spec.ports[${i}].targetPort`,
          `names port ${show(p.targetPort)}, which no container of ${selected.map(describe).join(', ')} declares: the Service gets no endpoints for this port`,
          'target-port-name',
        );
      }
    });
  }
}
