import {
  checkAnnotations,
  checkDnsLabel,
  checkInteger,
  checkLabels,
  checkPortName,
  checkPortNumber,
  checkServiceName,
  isCidr,
  isQualifiedName,
} from '../core/checks';
import type { PortFact } from '../core/facts';
import { Protocol } from '../core/enums';
import { INSTANCE_LABEL, NAME_LABEL } from '../core/names';
import { Problems, checkUnique, show } from '../core/problems';
import { propNames } from '../core/prop-names';
import { checkBoolean, durationSeconds, enumValue, isInstance, listOf, structOf } from '../core/values';
import type { ExposureOptions, HeadlessServiceProps } from './exposure-options';
import {
  ExternalAccess,
  ExternalAccessSpec,
  ExternalTrafficPolicy,
  LoadBalancerAccessOptions,
  SessionAffinity,
  ServicePort,
  TargetPort,
} from './external-access';
import { NetworkAccess, NetworkPeers } from './network-access';

export interface ServicePortSettings {
  readonly name?: string;
  readonly port: number;
  /** A number, or the name of a container port. */
  readonly targetPort: number | string;
  readonly protocol: string;
  readonly appProtocol?: string;
  readonly nodePort?: number;
}

export interface ClientServiceSettings {
  readonly name: string;
  readonly type: 'NodePort' | 'LoadBalancer' | 'ClusterIP';
  readonly ports: readonly ServicePortSettings[];
  readonly annotations: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly publishNotReadyAddresses: boolean;
  readonly externalTrafficPolicy?: string;
  readonly sourceRanges?: readonly string[];
  readonly loadBalancerClass?: string;
  readonly sessionAffinity?: string;
  readonly sessionAffinityTimeoutSeconds?: number;
}

export interface ExposureSettings {
  readonly headless: {
    readonly ports: readonly ServicePortSettings[];
    readonly publishNotReadyAddresses: boolean;
    readonly annotations: Readonly<Record<string, string>>;
    readonly labels: Readonly<Record<string, string>>;
  };
  /** The external Service first (when there is one), then the extra Services. */
  readonly clientServices: readonly ClientServiceSettings[];
  readonly external?: ClientServiceSettings;
  readonly networkPolicy?: {
    readonly peers?: { readonly namespaces: readonly string[]; readonly podLabels?: Readonly<Record<string, string>> };
  };
  /**
   * What the network policy opens to the clients: every port of the main container, then
   * every other pod port a Service sends to (a sidecar's, one no container declares).
   */
  readonly ports: ReadonlyArray<{ readonly port: number | string; readonly protocol: string }>;
}

const DEFAULT_SUFFIX = { NodePort: 'np', LoadBalancer: 'lb', ClusterIP: 'client' } as const;

export const EXPOSURE_PROPS = propNames<ExposureOptions>({
  headlessService: true,
  externalAccess: true,
  extraServices: true,
  networkAccess: true,
});
const HEADLESS_SERVICE_PROPS = propNames<HeadlessServiceProps>({
  ports: true,
  publishNotReadyAddresses: true,
  annotations: true,
  labels: true,
});
// Every factory's options are checked against the widest: a field of the wrong kind of
// Service gets a message of its own below.
const ACCESS_OPTIONS = propNames<LoadBalancerAccessOptions>({
  name: true,
  ports: true,
  annotations: true,
  labels: true,
  publishNotReadyAddresses: true,
  externalTrafficPolicy: true,
  sourceRanges: true,
  loadBalancerClass: true,
  sessionAffinity: true,
  sessionAffinityTimeout: true,
});
const SERVICE_PORT_PROPS = propNames<ServicePort>({
  name: true,
  port: true,
  targetPort: true,
  protocol: true,
  appProtocol: true,
  nodePort: true,
});
const NETWORK_PEERS_PROPS = propNames<NetworkPeers>({ namespaces: true, podLabels: true });

export function resolveExposure(
  props: ExposureOptions,
  ctx: { serviceName: string; serviceNameOk: boolean; ports: readonly PortFact[] },
  p: Problems,
): ExposureSettings {
  const h = structOf<HeadlessServiceProps>('headlessService', props.headlessService, p, HEADLESS_SERVICE_PROPS);
  const headlessPorts =
    h.ports === undefined
      ? ctx.ports.map((x) => servicePort(x))
      : givenPorts('headlessService.ports', h.ports, ctx.ports, 'headless', p);
  if (Array.isArray(h.ports) && h.ports.length === 0) p.add(`'headlessService.ports' must name at least one port`);

  const external = props.externalAccess ?? ExternalAccess.clusterIp();
  const clientServices: ClientServiceSettings[] = [];
  const clientServiceProps: Array<{ prop: string; ports: readonly ServicePortSettings[] }> = [];
  let externalSettings: ClientServiceSettings | undefined;
  if (
    isInstance(
      'externalAccess',
      external,
      ExternalAccess,
      'ExternalAccess.nodePort(...), .loadBalancer(...), .clusterIp(...) or .none()',
      p,
    )
  ) {
    const spec = external._spec;
    if (spec.kind !== 'none') {
      externalSettings = resolveClientService('externalAccess', spec, ctx, false, p);
      clientServices.push(externalSettings);
      clientServiceProps.push({ prop: 'externalAccess', ports: externalSettings.ports });
    }
  }
  listOf<ExternalAccess>('extraServices', props.extraServices, p).forEach((s, i) => {
    const prop = `extraServices[${i}]`;
    if (!isInstance(prop, s, ExternalAccess, 'ExternalAccess.nodePort(...), .loadBalancer(...) or .clusterIp(...)', p))
      return;
    const spec = s._spec;
    if (spec.kind === 'none') {
      p.add(`'${prop}' must be a Service, got ExternalAccess.none() (leave it out instead)`);
      return;
    }
    const settings = resolveClientService(prop, spec, ctx, true, p);
    clientServices.push(settings);
    clientServiceProps.push({ prop, ports: settings.ports });
  });
  const names = [ctx.serviceName, ...clientServices.map((s) => s.name)];
  checkUnique('serviceName, externalAccess and extraServices', 'Service name', names, p);
  // The API server refuses a node port that another Service of the cluster already has.
  const nodePorts = new Map<number, string>();
  for (const { prop, ports } of clientServiceProps) {
    ports.forEach((x, i) => {
      if (x.nodePort === undefined) return;
      const at = `${prop}.ports[${i}].nodePort`;
      const first = nodePorts.get(x.nodePort);
      if (first)
        p.add(
          `'${at}' must differ from '${first}' (a node port is the cluster's, for one Service port), got ${x.nodePort}`,
        );
      else nodePorts.set(x.nodePort, at);
    });
  }

  let networkPolicy: ExposureSettings['networkPolicy'];
  if (
    props.networkAccess !== undefined &&
    isInstance(
      'networkAccess',
      props.networkAccess,
      NetworkAccess,
      'NetworkAccess.everywhere() or NetworkAccess.peers(...)',
      p,
    )
  ) {
    const spec = props.networkAccess._spec;
    if (spec.kind === 'everywhere') {
      networkPolicy = {};
    } else {
      const o = structOf<NetworkPeers>('networkAccess peers', spec.peers, p, NETWORK_PEERS_PROPS);
      const namespaces = listOf<string>('networkAccess peers.namespaces', o.namespaces, p);
      namespaces.forEach((ns, i) => p.check(checkDnsLabel(`networkAccess peers.namespaces[${i}]`, ns)));
      const podLabels = Object.fromEntries(checkLabels('networkAccess peers.podLabels', o.podLabels, (m) => p.add(m)));
      if (namespaces.length === 0 && Object.keys(podLabels).length === 0) {
        p.add(
          `'networkAccess' from peers must name namespaces or pod labels (NetworkAccess.everywhere() admits everyone)`,
        );
      }
      networkPolicy = { peers: { namespaces, podLabels: Object.keys(podLabels).length > 0 ? podLabels : undefined } };
    }
  }

  return {
    headless: {
      ports: headlessPorts,
      publishNotReadyAddresses:
        checkBoolean('headlessService.publishNotReadyAddresses', h.publishNotReadyAddresses, p) ?? false,
      annotations: Object.fromEntries(checkAnnotations('headlessService.annotations', h.annotations, (m) => p.add(m))),
      labels: serviceLabels('headlessService.labels', h.labels, p),
    },
    clientServices,
    external: externalSettings,
    networkPolicy,
    ports: openedPorts(ctx.ports, [headlessPorts, ...clientServices.map((c) => c.ports)].flat()),
  };
}

/** A Service's own labels; they may not set the selector labels, which come from the names. */
function serviceLabels(prop: string, given: unknown, p: Problems): Record<string, string> {
  const labels = Object.fromEntries(checkLabels(prop, given, (m) => p.add(m)));
  for (const key of [NAME_LABEL, INSTANCE_LABEL].filter((k) => k in labels)) {
    p.add(`'${prop}' must not set ${show(key)}: it is a selector label, made from 'appName' and 'name'`);
  }
  return labels;
}

/** The main container's ports, then the Services' other target ports, each once, in order. */
function openedPorts(container: readonly PortFact[], services: readonly ServicePortSettings[]) {
  const out: Array<{ port: number | string; protocol: string }> = [];
  const seen = new Set<string>();
  const add = (port: number | string, protocol: string) => {
    const number = typeof port === 'string' ? (container.find((x) => x.name === port)?.number ?? port) : port;
    if (seen.has(`${number}/${protocol}`)) return;
    seen.add(`${number}/${protocol}`);
    out.push({ port: number, protocol });
  };
  container.forEach((x) => add(x.number, x.protocol));
  services.forEach((x) => add(x.targetPort, x.protocol));
  return out;
}

function servicePort(x: PortFact): ServicePortSettings {
  return { name: x.name, port: x.number, targetPort: x.number, protocol: x.protocol };
}

/**
 * The Service ports given in `prop`: each a main container port by `name`, or any port of
 * the pod by `port` and `targetPort`; checked as the API server checks a Service's ports.
 */
function givenPorts(
  prop: string,
  given: unknown,
  container: readonly PortFact[],
  type: 'headless' | 'NodePort' | 'LoadBalancer' | 'ClusterIP',
  p: Problems,
): ServicePortSettings[] {
  const list = listOf<ServicePort>(prop, given, p);
  const out = list.flatMap((sp, i) => {
    const at = `${prop}[${i}]`;
    const g = structOf<ServicePort>(at, sp, p, SERVICE_PORT_PROPS);
    let target: number | string | undefined;
    let match: PortFact | undefined;
    if (g.targetPort !== undefined) {
      if (
        !isInstance(`${at}.targetPort`, g.targetPort, TargetPort, 'TargetPort.number(...) or TargetPort.named(...)', p)
      )
        return [];
      const t = g.targetPort._spec;
      if (t.kind === 'number') {
        if (!p.check(checkPortNumber(`${at}.targetPort`, t.port))) return [];
        target = t.port;
      } else {
        // A sidecar's port may be named too: the name is checked, not looked up.
        if (!p.check(checkPortName(`${at}.targetPort`, t.name))) return [];
        target = t.name;
        match = container.find((x) => x.name === t.name);
      }
    } else if (g.name !== undefined && (g.port === undefined || container.some((x) => x.name === g.name))) {
      match = portByName(`${at}.name`, g.name, container, p)[0];
      if (!match) return [];
      target = match.number;
    }
    if (g.port !== undefined) {
      if (!p.check(checkPortNumber(`${at}.port`, g.port))) return [];
    } else if (!match) {
      p.add(
        target === undefined
          ? `'${at}' must name a port of the main container with 'name', or give 'port' (and 'targetPort'), got ${show(sp)}`
          : `'${at}.port' is required: 'targetPort' ${show(target)} is no port of the main container`,
      );
      return [];
    }
    const port = g.port ?? match!.number;
    if (g.name !== undefined) p.check(checkDnsLabel(`${at}.name`, g.name));
    const protocol =
      g.protocol === undefined
        ? (match?.protocol ?? 'TCP')
        : enumValue(`${at}.protocol`, g.protocol, 'Protocol', Protocol, p);
    if (g.appProtocol !== undefined && !isQualifiedName(g.appProtocol)) {
      // validation.go: validateServicePort: appProtocol is a qualified name.
      p.add(
        `'${at}.appProtocol' must be a qualified name such as "http" or "kubernetes.io/h2c", got ${show(g.appProtocol)}`,
      );
    }
    if (g.nodePort !== undefined) {
      // validation.go: ValidateService: nodePort in the default service-node-port-range.
      p.check(checkInteger(`${at}.nodePort`, g.nodePort, 30000, 32767));
      if (type === 'ClusterIP')
        p.add(`'${at}.nodePort' needs a NodePort or LoadBalancer Service, got ExternalAccess.clusterIp()`);
      if (type === 'headless') p.add(`'${at}.nodePort' is not for the headless Service, which has no node ports`);
    }
    return [
      {
        name: g.name ?? match?.name,
        port,
        targetPort: target ?? port,
        protocol: protocol ?? 'TCP',
        appProtocol: g.appProtocol,
        nodePort: g.nodePort,
      },
    ];
  });
  // validation.go: validateServicePort: names required when there are several, and unique.
  if (out.length > 1) {
    out.forEach((x, i) => {
      if (x.name === undefined) p.add(`'${prop}[${i}].name' is required when the Service has more than one port`);
    });
  }
  checkUnique(
    prop,
    'port name',
    out.flatMap((x) => (x.name === undefined ? [] : [x.name])),
    p,
  );
  checkUnique(
    prop,
    'port number and protocol',
    out.map((x) => `${x.port}/${x.protocol}`),
    p,
  );
  return out;
}

function portByName(prop: string, name: unknown, ports: readonly PortFact[], p: Problems): PortFact[] {
  const found = ports.find((x) => x.name === name);
  if (!found) {
    p.add(
      `'${prop}' must name a port of the main container (${ports.map((x) => show(x.name)).join(', ') || 'it has none'}), got ${show(name)}`,
    );
    return [];
  }
  return [found];
}

function resolveClientService(
  prop: string,
  s: Exclude<ExternalAccessSpec, { kind: 'none' }>,
  ctx: { serviceName: string; serviceNameOk: boolean; ports: readonly PortFact[] },
  nameRequired: boolean,
  p: Problems,
): ClientServiceSettings {
  const type = s.kind;
  const o = structOf<LoadBalancerAccessOptions>(prop, s.options, p, ACCESS_OPTIONS);
  // The factories' types leave these out where they do not apply; plain JavaScript does not.
  // validation.go: ValidateService: "may only be used when type is LoadBalancer" and
  // "may only be set for externally-accessible services".
  for (const field of ['sourceRanges', 'loadBalancerClass'] as const) {
    if (o[field] !== undefined && type !== 'LoadBalancer') {
      p.add(`'${prop}.${field}' applies to ExternalAccess.loadBalancer() only, got it on a ${type} Service`);
    }
  }
  if (o.externalTrafficPolicy !== undefined && type === 'ClusterIP') {
    p.add(
      `'${prop}.externalTrafficPolicy' applies to NodePort and LoadBalancer Services only, got it on ExternalAccess.clusterIp()`,
    );
  }
  let name = o.name;
  if (name === undefined) {
    if (nameRequired) p.add(`'${prop}.name' is required for an extra Service`);
    name = `${ctx.serviceName}-${DEFAULT_SUFFIX[type]}`;
    const c = ctx.serviceNameOk ? checkServiceName(`${prop}.name`, name) : undefined;
    if (c) p.add(`${c} (the default, from 'serviceName'; set '${prop}.name')`);
  } else {
    p.check(checkServiceName(`${prop}.name`, name));
  }
  const ports =
    o.ports === undefined
      ? ctx.ports.map((x) => servicePort(x))
      : givenPorts(`${prop}.ports`, o.ports, ctx.ports, type, p);
  // Ports given and refused were reported one by one; only a Service left with none is reported here.
  if (ports.length === 0 && (o.ports === undefined || (Array.isArray(o.ports) && o.ports.length === 0)))
    p.add(
      `'${prop}' must expose at least one port, and ${o.ports === undefined ? `the main container ${ctx.ports.length === 0 ? 'declares none' : 'has none'}` : "'ports' is empty"}`,
    );
  const policy =
    o.externalTrafficPolicy === undefined
      ? undefined
      : enumValue(
          `${prop}.externalTrafficPolicy`,
          o.externalTrafficPolicy,
          'ExternalTrafficPolicy',
          ExternalTrafficPolicy,
          p,
        );
  const sourceRanges =
    o.sourceRanges === undefined ? undefined : listOf<string>(`${prop}.sourceRanges`, o.sourceRanges, p);
  sourceRanges?.forEach((r, i) => {
    if (!isCidr(r))
      p.add(`'${prop}.sourceRanges[${i}]' must be a CIDR such as "203.0.113.0/24" or "2001:db8::/32", got ${show(r)}`);
  });
  if (o.loadBalancerClass !== undefined) {
    // validation.go: ValidateService: loadBalancerClass is a qualified name.
    if (!isQualifiedName(o.loadBalancerClass)) {
      p.add(
        `'${prop}.loadBalancerClass' must be a qualified name such as "service.k8s.aws/nlb", got ${show(o.loadBalancerClass)}`,
      );
    }
  }
  const sessionAffinity =
    o.sessionAffinity === undefined
      ? undefined
      : enumValue(`${prop}.sessionAffinity`, o.sessionAffinity, 'SessionAffinity', SessionAffinity, p);
  let sessionAffinityTimeoutSeconds: number | undefined;
  if (o.sessionAffinityTimeout !== undefined) {
    // validation.go: validateClientIPAffinityConfig: 1 to 86400 seconds, with ClientIP only.
    sessionAffinityTimeoutSeconds = durationSeconds(`${prop}.sessionAffinityTimeout`, o.sessionAffinityTimeout, p, 1);
    if (sessionAffinityTimeoutSeconds !== undefined && sessionAffinityTimeoutSeconds > 86400)
      p.add(`'${prop}.sessionAffinityTimeout' must be at most 1 day (86400 s), got ${sessionAffinityTimeoutSeconds} s`);
    if (sessionAffinity !== SessionAffinity.CLIENT_IP)
      p.add(`'${prop}.sessionAffinityTimeout' applies to SessionAffinity.CLIENT_IP only`);
  }
  return {
    name,
    type,
    ports,
    sessionAffinity,
    sessionAffinityTimeoutSeconds,
    annotations: Object.fromEntries(checkAnnotations(`${prop}.annotations`, o.annotations, (m) => p.add(m))),
    labels: serviceLabels(`${prop}.labels`, o.labels, p),
    publishNotReadyAddresses: checkBoolean(`${prop}.publishNotReadyAddresses`, o.publishNotReadyAddresses, p) ?? false,
    externalTrafficPolicy: policy,
    sourceRanges: sourceRanges && sourceRanges.length > 0 ? sourceRanges : undefined,
    loadBalancerClass: o.loadBalancerClass,
  };
}
