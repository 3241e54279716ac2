import type { Problems } from './problems';
import type { ExternalServiceType, Protocol, StatefulServiceProps } from './stateful-service-props';
import {
  checkDnsLabel,
  checkInteger,
  checkLabelKey,
  checkLabelValue,
  checkOneOf,
  checkPort,
  checkServiceName,
  fromDefault,
  isCidr,
  isPortName,
  show,
} from './validation';

/** A port of the container and the Services; `http` is always the first. */
export interface PortSettings {
  readonly name: string;
  readonly port: number;
  readonly containerPort: number;
  readonly protocol: Protocol;
  readonly external: boolean;
}

export interface ServiceSettings {
  readonly ports: readonly PortSettings[];
  readonly publishNotReadyAddresses: boolean;
  readonly externalService?: {
    readonly name: string;
    readonly type: ExternalServiceType;
    readonly nodePort?: number;
    readonly loadBalancerSourceRanges?: readonly string[];
    readonly externalTrafficPolicy?: 'Cluster' | 'Local';
    readonly annotations: Readonly<Record<string, string>>;
  };
  readonly networkPolicy?: {
    readonly allowFrom:
      'everywhere' | { readonly namespaces: readonly string[]; readonly podLabels?: Readonly<Record<string, string>> };
  };
}

const SERVICE_TYPES: readonly ExternalServiceType[] = ['NodePort', 'LoadBalancer', 'ClusterIP'];
const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

export function resolveServices(props: StatefulServiceProps, serviceNameOk: boolean, p: Problems): ServiceSettings {
  const ports: PortSettings[] = [
    { name: 'http', port: props.port, containerPort: props.port, protocol: 'TCP', external: true },
  ];
  (props.extraPorts ?? []).forEach((x, i) => {
    const prop = `extraPorts[${i}]`;
    if (!isPortName(x?.name)) {
      p.add(
        `'${prop}.name' must be a port name (an IANA service name: at most 15 lowercase letters, digits and '-', with a letter, no "--"), got ${show(x?.name)}`,
      );
    }
    p.check(checkPort(`${prop}.port`, x?.port));
    if (x?.containerPort !== undefined) p.check(checkPort(`${prop}.containerPort`, x.containerPort));
    if (x?.protocol !== undefined) p.check(checkOneOf(`${prop}.protocol`, x.protocol, PROTOCOLS));
    ports.push({
      name: x?.name,
      port: x?.port,
      containerPort: x?.containerPort ?? x?.port,
      protocol: x?.protocol ?? 'TCP',
      external: x?.external ?? true,
    });
  });
  for (const [what, key] of [
    ['name', (q: PortSettings) => q.name],
    ['port and protocol', (q: PortSettings) => `${q.port}/${q.protocol}`],
    ['containerPort and protocol', (q: PortSettings) => `${q.containerPort}/${q.protocol}`],
  ] as const) {
    const keys = ports.map(key);
    const dup = keys.find((k, i) => keys.indexOf(k) !== i);
    if (dup !== undefined)
      p.add(
        `'extraPorts' must not repeat a ${what} (including 'port', named "http"), ${show(dup)} is used more than once`,
      );
  }

  const ext = props.externalService ?? {};
  let externalService: ServiceSettings['externalService'];
  if (ext.enabled ?? true) {
    const name = ext.name ?? `${props.serviceName}-np`;
    const type = ext.type ?? 'NodePort';
    if (ext.name !== undefined) p.check(checkServiceName('externalService.name', name));
    else if (serviceNameOk)
      p.check(fromDefault(checkServiceName('externalService.name', name), 'externalService.name', 'serviceName'));
    if (name === props.serviceName) {
      p.add(`'externalService.name' must differ from 'serviceName' (the headless Service), both are ${show(name)}`);
    }
    p.check(checkOneOf('externalService.type', type, SERVICE_TYPES));
    if (ext.nodePort !== undefined) {
      p.check(checkInteger('externalService.nodePort', ext.nodePort, 30000, 32767));
      if (type === 'ClusterIP')
        p.add(`'externalService.nodePort' needs type "NodePort" or "LoadBalancer", got type "ClusterIP"`);
    }
    if (ext.loadBalancerSourceRanges !== undefined) {
      if (type !== 'LoadBalancer')
        p.add(`'externalService.loadBalancerSourceRanges' needs type "LoadBalancer", got type ${show(type)}`);
      for (const r of ext.loadBalancerSourceRanges) {
        if (!isCidr(r))
          p.add(`'externalService.loadBalancerSourceRanges' must list CIDRs such as "203.0.113.0/24", got ${show(r)}`);
      }
    }
    if (ext.externalTrafficPolicy !== undefined) {
      p.check(checkOneOf('externalService.externalTrafficPolicy', ext.externalTrafficPolicy, ['Cluster', 'Local']));
      if (type === 'ClusterIP')
        p.add(`'externalService.externalTrafficPolicy' needs type "NodePort" or "LoadBalancer", got type "ClusterIP"`);
    }
    for (const key of Object.keys(ext.annotations ?? {})) p.check(checkLabelKey('externalService.annotations', key));
    externalService = {
      name,
      type,
      nodePort: ext.nodePort,
      loadBalancerSourceRanges: ext.loadBalancerSourceRanges,
      externalTrafficPolicy: ext.externalTrafficPolicy,
      annotations: { ...ext.annotations },
    };
  }

  let networkPolicy: ServiceSettings['networkPolicy'];
  if (props.networkPolicy !== undefined) {
    const from = props.networkPolicy.allowFrom ?? 'everywhere';
    if (from === 'everywhere') {
      networkPolicy = { allowFrom: 'everywhere' };
    } else if (typeof from !== 'object' || from === null) {
      p.add(`'networkPolicy.allowFrom' must be "everywhere" or { namespaces, podLabels }, got ${show(from)}`);
    } else {
      const namespaces = from.namespaces ?? [];
      namespaces.forEach((ns, i) => p.check(checkDnsLabel(`networkPolicy.allowFrom.namespaces[${i}]`, ns)));
      for (const [key, value] of Object.entries(from.podLabels ?? {})) {
        p.check(checkLabelKey('networkPolicy.allowFrom.podLabels', key));
        p.check(checkLabelValue(`networkPolicy.allowFrom.podLabels.${key}`, value));
      }
      if (namespaces.length === 0 && Object.keys(from.podLabels ?? {}).length === 0) {
        p.add(
          `'networkPolicy.allowFrom' must name namespaces or pod labels (or be "everywhere"); an empty list would admit no client`,
        );
      }
      networkPolicy = { allowFrom: { namespaces, podLabels: from.podLabels } };
    }
  }

  return {
    ports,
    publishNotReadyAddresses: props.headlessService?.publishNotReadyAddresses ?? false,
    externalService,
    networkPolicy,
  };
}
