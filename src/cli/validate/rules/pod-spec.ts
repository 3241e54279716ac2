import { isDnsLabel, isDnsSubdomain, isDnsSubdomainWithUnderscore, parseIp } from '../../k8s-syntax';
import { Ctx, isInt, isObject, list, oneOf, podSeverity, show } from './context';
import { checkContainer, checkContainerHooks, checkHostPorts, checkSharedPorts } from './containers';
import { checkLabels } from './labels';
import { mustBe } from './metadata';
import { checkPodSecurityContext } from './security';
import { checkAffinity, checkTolerations, checkTopologySpread } from './scheduling';
import { checkVolumes, ClaimChecker } from './volumes';

// The default terminationGracePeriodSeconds (SetDefaults_PodSpec).
const DEFAULT_GRACE = 30;
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
// validation.go: MaxDNSNameservers, MaxDNSSearchPaths, MaxDNSSearchListChars.
const MAX_NAMESERVERS = 3;
const MAX_SEARCHES = 32;
const MAX_SEARCH_CHARS = 2048;

// validation.go: validatePodDNSConfig, validateDNSPolicy.
function checkDns(ctx: Ctx, path: string, spec: Record<string, any>): void {
  const policy = spec.dnsPolicy;
  if (policy !== undefined && !DNS_POLICIES.includes(policy)) {
    ctx.report(`${path}.dnsPolicy`, `must be ${oneOf(DNS_POLICIES)}, got ${show(policy)}`, 'dns-config');
  }
  const config = spec.dnsConfig;
  if (policy === 'None' && list(config?.nameservers).length === 0) {
    ctx.report(
      `${path}.dnsConfig.nameservers`,
      'must name at least one nameserver when dnsPolicy is "None"',
      'dns-config',
    );
  }
  if (!isObject(config)) return;
  const at = `${path}.dnsConfig`;
  const nameservers = list(config.nameservers);
  if (nameservers.length > MAX_NAMESERVERS)
    ctx.report(
      `${at}.nameservers`,
      `must name at most ${MAX_NAMESERVERS} nameservers, got ${nameservers.length}`,
      'dns-config',
    );
  nameservers.forEach((ns, i) => {
    const ip = parseIp(ns);
    if (!ip) ctx.report(`${at}.nameservers[${i}]`, `must be an IP address, got ${show(ns)}`, 'dns-config');
    // StrictIPCIDRValidation (beta, on from 1.36).
    else if (ctx.target.minor >= 36 && (ip.leadingZeros || ip.v4InV6))
      ctx.report(
        `${at}.nameservers[${i}]`,
        `must be an IP address without leading zeros and not IPv4-mapped IPv6 from Kubernetes 1.36, got ${show(ns)}`,
        'dns-config',
      );
  });
  const searches = list(config.searches);
  if (searches.length > MAX_SEARCHES)
    ctx.report(`${at}.searches`, `must hold at most ${MAX_SEARCHES} domains, got ${searches.length}`, 'dns-config');
  if (searches.join(' ').length > MAX_SEARCH_CHARS) {
    ctx.report(
      `${at}.searches`,
      `must be at most ${MAX_SEARCH_CHARS} characters in all (with a space between domains)`,
      'dns-config',
    );
  }
  // RelaxedDNSSearchValidation (beta, on, from 1.33) allows '_' and a lone '.'.
  const relaxed = ctx.target.minor >= 33;
  searches.forEach((s, i) => {
    if (relaxed && s === '.') return;
    const domain = typeof s === 'string' ? s.replace(/\.$/, '') : s;
    if (!(relaxed ? isDnsSubdomainWithUnderscore(domain) : isDnsSubdomain(domain))) {
      ctx.report(
        `${at}.searches[${i}]`,
        `must be a DNS domain${relaxed ? ' (underscores allowed)' : ''}, got ${show(s)}`,
        'dns-config',
      );
    }
  });
  list(config.options).forEach((o, i) => {
    if (typeof o?.name !== 'string' || o.name === '')
      ctx.report(`${at}.options[${i}].name`, 'is required', 'dns-config');
  });
}

// validation.go: ValidatePodSpec (serviceAccountName, nodeName, priorityClassName,
// runtimeClassName: DNS subdomains), validateImagePullSecrets.
function checkReferences(ctx: Ctx, path: string, spec: Record<string, any>): void {
  for (const field of ['serviceAccountName', 'nodeName', 'priorityClassName', 'runtimeClassName']) {
    const v = spec[field];
    if (v !== undefined && v !== '' && !isDnsSubdomain(v))
      ctx.report(`${path}.${field}`, mustBe.subdomain(v), 'object-reference');
  }
  list(spec.imagePullSecrets).forEach((s, i) => {
    if (s?.name !== undefined && s.name !== '' && !isDnsSubdomain(s.name)) {
      // Only the shape is validated; no Secret can have this name, so the kubelet pulls without it.
      ctx.report(
        `${path}.imagePullSecrets[${i}].name`,
        `no Secret can be named ${show(s.name)} (Secret names are DNS subdomains): the kubelet pulls without credentials`,
        'image-pull-secret',
      );
    }
  });
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];

// validation.go: validateInitContainers (restartPolicy, and what init containers may not
// have unless they are restartable sidecars: 1.28 alpha, on from 1.29).
function checkInitContainer(ctx: Ctx, path: string, c: Record<string, any>, grace: number): boolean {
  const sidecars = ctx.target.minor >= 29;
  const policy = c.restartPolicy;
  // ContainerRestartRules: the API server takes other values from 1.34.
  if (policy !== undefined && (!sidecars || policy !== 'Always') && ctx.target.minor < 34) {
    ctx.report(
      `${path}.restartPolicy`,
      sidecars
        ? `must be "Always" (a sidecar) or unset, got ${show(policy)}`
        : `is not available before Kubernetes 1.29, got ${show(policy)}`,
      'init-container',
    );
  }
  if (sidecars && policy === 'Always') {
    checkContainerHooks(ctx, path, c, grace);
    return true;
  }
  for (const field of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
    if (c[field] !== undefined && c[field] !== null) {
      ctx.report(
        `${path}.${field}`,
        `may not be set on an init container${sidecars ? ' unless its restartPolicy is "Always"' : ''}`,
        'init-container',
      );
    }
  }
  return false;
}

export interface PodSpecOptions {
  /** A StatefulSet's claim templates, which the controller adds to every pod as volumes. */
  readonly claimTemplates: readonly string[];
  readonly checkClaim: ClaimChecker;
}

/** A pod spec, in a Pod or a workload's template. */
// validation.go: ValidatePodSpec (validateContainers, validateInitContainers, ...).
export function checkPodSpec(ctx: Ctx, path: string, spec: unknown, opts: PodSpecOptions): void {
  if (!isObject(spec)) return;
  const volumes = checkVolumes(ctx, `${path}.volumes`, spec.volumes, opts.claimTemplates, opts.checkClaim);
  const grace = isInt(spec.terminationGracePeriodSeconds) ? spec.terminationGracePeriodSeconds : DEFAULT_GRACE;
  if (grace < 0) {
    ctx.report(
      `${path}.terminationGracePeriodSeconds`,
      `must be zero or more, got ${grace}: the API server takes a negative value as 1 second, so the containers get no time to stop cleanly`,
      'termination-grace-period',
    );
  }
  const regular = list(spec.containers).flatMap((c, i) =>
    isObject(c) ? [[`${path}.containers[${i}]`, c] as const] : [],
  );
  const init = list(spec.initContainers).flatMap((c, i) =>
    isObject(c) ? [[`${path}.initContainers[${i}]`, c] as const] : [],
  );
  if (Array.isArray(spec.containers) && spec.containers.length === 0)
    ctx.report(`${path}.containers`, 'must have at least one container', 'container-name');
  const names = new Set<string>();
  for (const [at, c] of [...regular, ...init]) {
    if (names.has(c.name))
      ctx.report(
        `${at}.name`,
        `duplicate container name ${show(c.name)} (init and regular containers share one namespace of names)`,
        'container-name',
      );
    names.add(c.name);
    checkContainer(ctx, at, c, spec, volumes);
  }
  for (const [at, c] of regular) {
    checkContainerHooks(ctx, at, c, grace);
    // ContainerRestartRules: the API server takes it from 1.34.
    if (c.restartPolicy !== undefined && ctx.target.minor < 34)
      ctx.report(`${at}.restartPolicy`, 'may only be set on init containers', 'init-container');
  }
  const sidecars = init.filter(([at, c]) => checkInitContainer(ctx, at, c, grace));
  checkHostPorts(ctx, regular);
  init.forEach((c) => checkHostPorts(ctx, [c]));
  checkSharedPorts(ctx, [...regular, ...sidecars]);
  if (spec.hostNetwork === true) {
    // validation.go: validatePodHostNetworkDeps.
    for (const [at, c] of regular) {
      list(c.ports).forEach((p, i) => {
        if (p?.hostPort !== undefined && p.hostPort !== 0 && p.hostPort !== p.containerPort) {
          ctx.report(
            `${at}.ports[${i}].hostPort`,
            `must equal containerPort (${show(p.containerPort)}) when hostNetwork is true, got ${show(p.hostPort)}`,
            'container-port',
          );
        }
      });
    }
  }
  if (spec.restartPolicy !== undefined && !RESTART_POLICIES.includes(spec.restartPolicy)) {
    ctx.report(
      `${path}.restartPolicy`,
      `must be ${oneOf(RESTART_POLICIES)}, got ${show(spec.restartPolicy)}`,
      'restart-policy',
    );
  }
  checkDns(ctx, path, spec);
  for (const field of ['hostname', 'subdomain']) {
    const v = spec[field];
    // A template's are checked on the pods made from it (a StatefulSet sets their subdomain).
    if (v !== undefined && v !== '' && !isDnsLabel(v))
      ctx.report(`${path}.${field}`, mustBe.label(v), 'hostname', podSeverity(ctx.kind));
  }
  checkLabels(ctx, `${path}.nodeSelector`, spec.nodeSelector);
  checkTolerations(ctx, `${path}.tolerations`, spec.tolerations);
  checkAffinity(ctx, `${path}.affinity`, spec.affinity);
  checkTopologySpread(ctx, `${path}.topologySpreadConstraints`, spec.topologySpreadConstraints);
  checkPodSecurityContext(ctx, path, spec);
  checkReferences(ctx, path, spec);
}
