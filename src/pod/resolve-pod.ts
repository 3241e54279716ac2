import { isIP } from 'net';
import { DnsPolicy } from '../core/enums';
import type * as k8s from '../../imports/k8s';
import type { Wire } from '../core/wire';
import { checkAnnotations, checkDnsLabel, checkDnsSubdomain } from '../core/checks';
import type { ClaimFact, ExtraField, PortFact } from '../core/facts';
import { Problems, checkUnique, show } from '../core/problems';
import { propNames } from '../core/prop-names';
import { checkBoolean, durationSeconds, enumValue, isInstance, listOf, sizeQuantity, structOf } from '../core/values';
import { PolicyRule } from '../policy/policy-rule';
import { ConfigMapSettings, configChecksum, resolveConfigMaps } from './config-maps';
import type { ContainerProps } from './container-props';
import type { DnsConfig, DnsOption } from './dns-config';
import type { PodOptions } from './pod-options';
import { ContainerContext, ContainerRole, resolveContainer } from './resolve-container';
import { podSecurityContext, resolveSecurity } from './resolve-security';
import { resolvePodVolumes } from './resolve-volumes';
import { ApiAccessRule, NewServiceAccountProps, PodServiceAccount } from './service-account';

type Container = Wire<k8s.Container>;
type PodSpec = Wire<k8s.PodSpec>;
type Volume = Wire<k8s.Volume>;

export interface ServiceAccountSettings {
  readonly name: string;
  readonly create: boolean;
  readonly annotations?: Readonly<Record<string, string>>;
  /** The rules of the Role bound to it; empty: no Role. */
  readonly rules: ReadonlyArray<{
    readonly apiGroups: readonly string[];
    readonly resources: readonly string[];
    readonly verbs: readonly string[];
    readonly resourceNames?: readonly string[];
  }>;
}

/** The pod, resolved: the pod spec (without placement), and what other objects need. */
export interface PodSettings {
  readonly spec: PodSpec;
  readonly templateAnnotations: Readonly<Record<string, string>>;
  readonly configMaps: readonly ConfigMapSettings[];
  readonly serviceAccount?: ServiceAccountSettings;
  /** The main container's ports, which the Services expose. */
  readonly ports: readonly PortFact[];
  /** Fields the 1.27 classes cannot carry, relative to the pod spec. */
  readonly extras: readonly ExtraField[];
  /** Policy rules the pod's choices break, each with the choice: they must be acknowledged. */
  readonly needed: ReadonlyMap<PolicyRule, string>;
}

const TMP_VOLUME = 'tmp';

export const POD_PROPS = propNames<PodOptions>({
  container: true,
  initContainers: true,
  sidecars: true,
  volumes: true,
  configMaps: true,
  podAnnotations: true,
  imagePullSecrets: true,
  priorityClassName: true,
  serviceAccount: true,
  automountServiceAccountToken: true,
  dnsPolicy: true,
  dnsConfig: true,
  security: true,
  tmpSize: true,
  terminationGracePeriod: true,
  hostNetwork: true,
  shareProcessNamespace: true,
  sysctls: true,
  runtimeClassName: true,
  enableServiceLinks: true,
});
const NEW_SERVICE_ACCOUNT_PROPS = propNames<NewServiceAccountProps>({ name: true, annotations: true, rules: true });
const API_ACCESS_RULE_PROPS = propNames<ApiAccessRule>({
  apiGroups: true,
  resources: true,
  verbs: true,
  resourceNames: true,
});
// The verbs the RBAC authorizer knows for resources (and '*').
const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', '*'];
const DNS_CONFIG_PROPS = propNames<DnsConfig>({ nameservers: true, searches: true, options: true });
const DNS_OPTION_PROPS = propNames<DnsOption>({ name: true, value: true });

export function resolvePod(
  props: PodOptions,
  ctx: { appName: string; statefulSetName: string; claims: readonly ClaimFact[] },
  p: Problems,
): PodSettings {
  const configMaps = resolveConfigMaps(props.configMaps, p);
  const knownConfigMaps = new Map(
    configMaps.map((c) => [c.name, new Set([...Object.keys(c.data), ...Object.keys(c.binaryData)])]),
  );
  const volumes = resolvePodVolumes('volumes', props.volumes, knownConfigMaps, p);
  const security = resolveSecurity(props.security, p);
  const needed = new Map<PolicyRule, string>();
  if (security.mode === 'imageUser') {
    needed.set(
      PolicyRule.RUN_AS_ROOT,
      `'security' is PodSecurity.imageUser(): the containers run as the image's user, which may be root`,
    );
  }

  // Every container, with its prop path and role; names first, since env vars may refer to them.
  const entries: Array<{
    prop: string;
    given: ContainerProps;
    role: ContainerRole;
    field: 'containers' | 'initContainers';
    index: number;
  }> = [];
  if (props.container === undefined || props.container === null) {
    p.add(`'container' must describe the main container (at least its 'image'), got ${show(props.container)}`);
  } else {
    entries.push({ prop: 'container', given: props.container, role: 'main', field: 'containers', index: 0 });
  }
  listOf<ContainerProps>('sidecars', props.sidecars, p).forEach((c, i) =>
    entries.push({ prop: `sidecars[${i}]`, given: c, role: 'sidecar', field: 'containers', index: i + 1 }),
  );
  listOf<ContainerProps>('initContainers', props.initContainers, p).forEach((c, i) =>
    entries.push({ prop: `initContainers[${i}]`, given: c, role: 'init', field: 'initContainers', index: i }),
  );
  const names = entries.map((e) => {
    const given = (e.given ?? {}) as ContainerProps;
    if (e.role === 'main' && given.name === undefined) {
      // The default comes from appName, checked as a label value: say where a bad one came from.
      const c = checkDnsLabel('container.name', ctx.appName);
      if (c) p.add(`${c} (the default, from 'appName'; set 'container.name')`);
      return ctx.appName;
    }
    p.check(checkDnsLabel(`${e.prop}.name`, given.name));
    return given.name as string;
  });
  // validation.go: validateContainers and validateInitContainers: names unique across both lists.
  checkUnique('container, sidecars and initContainers', 'container name', names, p);

  const declared = new Map<string, { block: boolean }>();
  for (const claim of ctx.claims) declared.set(claim.name, { block: claim.block });
  for (const v of volumes) declared.set(v.name, { block: false });
  // Claim templates among themselves are checked by storage; here the pod's own volumes.
  const claimNames = new Set(ctx.claims.map((c) => c.name));
  for (const v of volumes.filter((x) => claimNames.has(x.name))) {
    p.add(
      `'volumes' must not name a volume like a claim template of 'storage' (they share the pod), ${show(v.name)} is both`,
    );
  }
  checkUnique(
    'volumes',
    'name',
    volumes.map((v) => v.name),
    p,
  );

  const extras: ExtraField[] = [];
  const context: ContainerContext = {
    security,
    volumes: new Map([...declared, [TMP_VOLUME, { block: false }]]),
    containerNames: new Set(names),
    configMaps: knownConfigMaps,
    claims: ctx.claims,
    tmpVolume: TMP_VOLUME,
    extras,
    needed,
  };
  const containers: Container[] = [];
  const initContainers: Container[] = [];
  let usesTmp = false;
  let ports: PortFact[] = [];
  entries.forEach((e, k) => {
    const r = resolveContainer(e.prop, e.given, names[k], e.role, [e.field, e.index], context, p);
    (e.field === 'containers' ? containers : initContainers).push(r.container);
    usesTmp ||= r.usesTmp;
    if (e.role === 'main') ports = r.ports;
  });
  // Each container's own list is checked with it; here a name used by two containers.
  checkUnique(
    "ports of the pod's containers",
    'port name in two containers',
    [...containers, ...initContainers].flatMap((c) => [
      ...new Set((c.ports ?? []).flatMap((x) => (x.name === undefined ? [] : [x.name]))),
    ]),
    p,
  );

  if (usesTmp && declared.has(TMP_VOLUME)) {
    p.add(
      `'storage' or 'volumes' must not name a volume "tmp": the pod mounts its writable /tmp (for read-only root filesystems) under that name`,
    );
  }
  const tmpSize = props.tmpSize === undefined ? '100Mi' : sizeQuantity('tmpSize', props.tmpSize, p);
  const allVolumes: Volume[] = [
    ...(usesTmp ? [{ name: TMP_VOLUME, emptyDir: { sizeLimit: tmpSize ?? '100Mi' } }] : []),
    ...volumes,
  ];

  const automount = checkBoolean('automountServiceAccountToken', props.automountServiceAccountToken, p) ?? false;
  if (automount) {
    needed.set(
      PolicyRule.SERVICE_ACCOUNT_TOKEN,
      `'automountServiceAccountToken' is true: the pods can call the Kubernetes API with their token`,
    );
  }
  const serviceAccount = resolveServiceAccount(props.serviceAccount, ctx.statefulSetName, p);
  if (serviceAccount && serviceAccount.rules.length > 0 && !automount) {
    p.add(
      `'serviceAccount' grants API access with 'rules', but 'automountServiceAccountToken' is false: the pods have no token to use it; set it to true (and acknowledge PolicyRule.SERVICE_ACCOUNT_TOKEN)`,
    );
  }
  const annotations = Object.fromEntries(checkAnnotations('podAnnotations', props.podAnnotations, (m) => p.add(m)));
  const checksum = configChecksum(configMaps);
  if (checksum !== undefined) {
    if (annotations['checksum/config'] !== undefined)
      p.add(`'podAnnotations' must not set "checksum/config": the construct sets it from 'configMaps'`);
    annotations['checksum/config'] = checksum;
  }
  const imagePullSecrets = listOf<string>('imagePullSecrets', props.imagePullSecrets, p);
  imagePullSecrets.forEach((s, i) => p.check(checkDnsSubdomain(`imagePullSecrets[${i}]`, s)));
  if (props.priorityClassName !== undefined) p.check(checkDnsSubdomain('priorityClassName', props.priorityClassName));
  const dnsPolicy =
    props.dnsPolicy === undefined ? undefined : enumValue('dnsPolicy', props.dnsPolicy, 'DnsPolicy', DnsPolicy, p);
  const dnsConfig = resolveDnsConfig(props.dnsConfig, p);
  if (dnsPolicy === DnsPolicy.NONE && !dnsConfig?.nameservers?.length) {
    p.add(`'dnsPolicy' DnsPolicy.NONE needs at least one name server in 'dnsConfig.nameservers'`);
  }
  const hostNetwork = checkBoolean('hostNetwork', props.hostNetwork, p);
  if (hostNetwork) {
    needed.set(
      PolicyRule.HOST_NAMESPACES,
      `'hostNetwork' is true: the pods share the node's network namespace, its addresses and ports`,
    );
    // validation.go: validateHostNetwork: with the host's network, a host port is the container port.
    containers.concat(initContainers).forEach((c) =>
      (c.ports ?? []).forEach((x) => {
        if (x.hostPort !== undefined && x.hostPort !== x.containerPort)
          p.add(
            `'hostNetwork' is true, so the host port of container ${show(c.name)} port ${x.containerPort} must be ${x.containerPort} (the container port), got ${x.hostPort}`,
          );
      }),
    );
  }
  const shareProcessNamespace = checkBoolean('shareProcessNamespace', props.shareProcessNamespace, p);
  const enableServiceLinks = checkBoolean('enableServiceLinks', props.enableServiceLinks, p);
  const sysctls = resolveSysctls(props.sysctls, p);
  if (props.runtimeClassName !== undefined) p.check(checkDnsSubdomain('runtimeClassName', props.runtimeClassName));
  const grace =
    props.terminationGracePeriod === undefined
      ? undefined
      : durationSeconds('terminationGracePeriod', props.terminationGracePeriod, p, 0);
  // validation.go: validateSleepAction: a sleep hook must end within the grace period.
  for (const x of extras.filter((e) => e.path[e.path.length - 1] === 'sleep')) {
    const seconds = (x.value as { seconds?: number }).seconds;
    const limit = grace ?? 30;
    if (seconds !== undefined && seconds > limit) {
      const [field, index, , hook] = x.path as [string, number, string, string];
      const prop =
        field === 'initContainers' ? `initContainers[${index}]` : index === 0 ? 'container' : `sidecars[${index - 1}]`;
      p.add(
        `'${prop}.lifecycle.${hook}' sleeps ${seconds} s, longer than the pod's termination grace period (${limit} s${grace === undefined ? ", Kubernetes' default" : ''}): make the sleep shorter or 'terminationGracePeriod' longer`,
      );
    }
  }

  return {
    configMaps,
    serviceAccount,
    ports,
    extras,
    needed,
    templateAnnotations: annotations,
    spec: {
      serviceAccountName: serviceAccount?.name,
      automountServiceAccountToken: automount,
      securityContext: withSysctls(podSecurityContext(security), sysctls),
      hostNetwork: hostNetwork || undefined,
      shareProcessNamespace,
      enableServiceLinks,
      runtimeClassName: props.runtimeClassName,
      imagePullSecrets: imagePullSecrets.length > 0 ? imagePullSecrets.map((name) => ({ name })) : undefined,
      priorityClassName: props.priorityClassName,
      dnsPolicy,
      dnsConfig,
      terminationGracePeriodSeconds: grace,
      initContainers: initContainers.length > 0 ? initContainers : undefined,
      containers,
      volumes: allVolumes.length > 0 ? allVolumes : undefined,
    },
  };
}

function resolveServiceAccount(
  given: unknown,
  statefulSetName: string,
  p: Problems,
): ServiceAccountSettings | undefined {
  if (given === undefined) return undefined;
  if (
    !isInstance(
      'serviceAccount',
      given,
      PodServiceAccount,
      'PodServiceAccount.create(...) or PodServiceAccount.existing(...)',
      p,
    )
  ) {
    return undefined;
  }
  const spec = given._spec;
  if (spec.kind === 'existing') {
    p.check(checkDnsSubdomain('serviceAccount name', spec.name));
    return { name: spec.name, create: false, rules: [] };
  }
  const o = structOf<NewServiceAccountProps>('serviceAccount', spec.props, p, NEW_SERVICE_ACCOUNT_PROPS);
  const name = o.name ?? statefulSetName;
  if (o.name !== undefined) p.check(checkDnsSubdomain('serviceAccount name', name));
  const annotations = Object.fromEntries(
    checkAnnotations('serviceAccount annotations', o.annotations, (m) => p.add(m)),
  );
  const rules = listOf<ApiAccessRule>('serviceAccount rules', o.rules, p).map((r, i) => {
    const at = `serviceAccount rules[${i}]`;
    const rule = structOf<ApiAccessRule>(at, r, p, API_ACCESS_RULE_PROPS);
    const strings = (field: 'apiGroups' | 'resources' | 'verbs' | 'resourceNames', empty: boolean) => {
      const list = listOf<string>(`${at}.${field}`, rule[field], p);
      if (rule[field] !== undefined && list.length === 0) p.add(`'${at}.${field}' must list at least one, got []`);
      list.forEach((v, k) => {
        if (typeof v !== 'string' || (!empty && v === ''))
          p.add(`'${at}.${field}[${k}]' must be a non-empty string, got ${show(v)}`);
      });
      return list;
    };
    if (rule.resources === undefined) p.add(`'${at}.resources' is required, e.g. ['endpoints']`);
    if (rule.verbs === undefined) p.add(`'${at}.verbs' is required, e.g. ['get', 'list']`);
    const verbs = strings('verbs', false);
    verbs.forEach((v, k) => {
      if (typeof v === 'string' && !VERBS.includes(v))
        p.add(`'${at}.verbs[${k}]' must be one of ${VERBS.map(show).join(', ')}, got ${show(v)}`);
    });
    const resourceNames = rule.resourceNames === undefined ? undefined : strings('resourceNames', false);
    return {
      apiGroups: rule.apiGroups === undefined ? [''] : strings('apiGroups', true),
      resources: strings('resources', false),
      verbs,
      resourceNames,
    };
  });
  return {
    name,
    create: true,
    annotations: Object.keys(annotations).length > 0 ? annotations : undefined,
    rules,
  };
}

// validation.go: validateDNSPolicy / validatePodDNSConfig (MaxDNSNameservers 3, MaxDNSSearchPaths 32).
function resolveDnsConfig(given: unknown, p: Problems) {
  if (given === undefined) return undefined;
  const d = structOf<DnsConfig>('dnsConfig', given, p, DNS_CONFIG_PROPS);
  const nameservers = listOf<string>('dnsConfig.nameservers', d.nameservers, p);
  if (nameservers.length > 3) p.add(`'dnsConfig.nameservers' must list at most 3 servers, got ${nameservers.length}`);
  nameservers.forEach((ip, i) => {
    if (!isIp(ip)) p.add(`'dnsConfig.nameservers[${i}]' must be an IPv4 or IPv6 address, got ${show(ip)}`);
  });
  const searches = listOf<string>('dnsConfig.searches', d.searches, p);
  if (searches.length > 32) p.add(`'dnsConfig.searches' must list at most 32 domains, got ${searches.length}`);
  searches.forEach((s, i) =>
    p.check(checkDnsSubdomain(`dnsConfig.searches[${i}]`, typeof s === 'string' ? s.replace(/\.$/, '') : s)),
  );
  const options = listOf<DnsOption>('dnsConfig.options', d.options, p).map((o, i) => {
    const opt = structOf<DnsOption>(`dnsConfig.options[${i}]`, o, p, DNS_OPTION_PROPS);
    if (typeof opt.name !== 'string' || opt.name === '')
      p.add(`'dnsConfig.options[${i}].name' must be a non-empty string, got ${show(opt.name)}`);
    return { name: opt.name as string, value: opt.value };
  });
  return {
    nameservers: nameservers.length > 0 ? nameservers : undefined,
    searches: searches.length > 0 ? searches : undefined,
    options: options.length > 0 ? options : undefined,
  };
}

// validation.go: validateSysctls: a name of segments of [a-z0-9_-] separated by '.' or '/', unique.
const SYSCTL_NAME = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;

function resolveSysctls(given: unknown, p: Problems): Array<{ name: string; value: string }> {
  if (given === undefined) return [];
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    p.add(`'sysctls' must map kernel parameter names to values, got ${show(given)}`);
    return [];
  }
  return Object.entries(given as Record<string, unknown>).flatMap(([name, value]) => {
    if (name.length > 253 || !SYSCTL_NAME.test(name)) {
      p.add(`'sysctls' must name kernel parameters such as "net.ipv4.ip_local_port_range", got ${show(name)}`);
      return [];
    }
    if (typeof value !== 'string') {
      p.add(`'sysctls.${name}' must be a string, got ${show(value)}`);
      return [];
    }
    return [{ name, value }];
  });
}

function withSysctls<T extends object>(sc: T | undefined, sysctls: Array<{ name: string; value: string }>) {
  return sysctls.length === 0 ? sc : { ...(sc ?? {}), sysctls };
}

function isIp(value: unknown): boolean {
  return typeof value === 'string' && isIP(value) !== 0;
}
