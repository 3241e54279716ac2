import {
  isDnsLabel,
  isDnsSubdomain,
  isEnvName,
  isLabelKey,
  isLabelValue,
  isPortName,
  isServiceName,
  parseQuantity,
} from '../k8s-syntax';
import { describe, Manifest, Problem, selectorMatches, volumeSources } from '../manifests';

/**
 * The rules the API server enforces (apis/core/validation, apis/apps/validation of
 * Kubernetes 1.27) that a JSON schema cannot express, for the kinds this project
 * emits; plus the binding of pre-made volumes, which the API accepts but which
 * silently never binds when wrong.
 */

type Report = (path: string, message: string, rule: string) => void;

const CLUSTER_SCOPED = new Set(['PersistentVolume', 'Namespace', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding']);
// StatefulSet pods get a `controller-revision-hash` label `<name>-<hash>` (at most 63).
const MAX_STATEFULSET_NAME = 52;

const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);
const show = (v: unknown) => JSON.stringify(v);

function checkName(kind: string, name: unknown, report: Report): void {
  if (name === undefined) return; // the schema does not require it either (generateName)
  if (kind === 'Service') {
    if (!isServiceName(name))
      report(
        'metadata.name',
        `a Service name must be a DNS-1035 label (lowercase letters, digits and '-', starting with a letter, at most 63 characters), got ${show(name)}`,
        'name',
      );
  } else if (kind === 'Namespace') {
    if (!isDnsLabel(name)) report('metadata.name', `must be a DNS label, got ${show(name)}`, 'name');
  } else if (kind === 'StatefulSet') {
    if (!isDnsLabel(name, MAX_STATEFULSET_NAME)) {
      report(
        'metadata.name',
        `a StatefulSet name must be a DNS label of at most ${MAX_STATEFULSET_NAME} characters (its pods are named <name>-<ordinal> and labelled <name>-<revision hash>), got ${show(name)}`,
        'name',
      );
    }
  } else if (!isDnsSubdomain(name)) {
    report(
      'metadata.name',
      `must be a DNS subdomain (lowercase letters, digits, '-' and '.', at most 253 characters), got ${show(name)}`,
      'name',
    );
  }
}

function checkLabels(path: string, labels: unknown, report: Report): void {
  if (!isObject(labels)) return;
  for (const [key, value] of Object.entries(labels)) {
    if (!isLabelKey(key)) report(path, `invalid label key ${show(key)}`, 'label');
    if (!isLabelValue(value))
      report(
        `${path}[${show(key)}]`,
        `invalid label value ${show(value)} (at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)`,
        'label',
      );
  }
}

function checkMetadata(m: Manifest, report: Report): void {
  const md = m.object.metadata;
  if (!isObject(md)) return;
  checkName(m.object.kind, md.name, report);
  if (CLUSTER_SCOPED.has(m.object.kind) && md.namespace !== undefined) {
    report(
      'metadata.namespace',
      `a ${m.object.kind} is cluster-scoped and must not have a namespace, got ${show(md.namespace)}`,
      'namespace',
    );
  } else if (md.namespace !== undefined && !isDnsLabel(md.namespace)) {
    report('metadata.namespace', `must be a DNS label, got ${show(md.namespace)}`, 'namespace');
  }
  checkLabels('metadata.labels', md.labels, report);
  if (isObject(md.annotations)) {
    for (const key of Object.keys(md.annotations)) {
      if (!isLabelKey(key)) report('metadata.annotations', `invalid annotation key ${show(key)}`, 'annotation');
    }
  }
}

function checkQuantity(path: string, value: unknown, report: Report, positive = false): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? parseQuantity(value) : undefined;
  if (n === undefined) {
    report(path, `must be a Kubernetes quantity such as "10Mi", "500m" or "1", got ${show(value)}`, 'quantity');
  } else if (n < 0 || (positive && n <= 0)) {
    report(path, `must be ${positive ? 'positive' : 'non-negative'}, got ${show(value)}`, 'quantity');
  }
  return n;
}

function checkPort(path: string, value: unknown, report: Report, min = 1, max = 65535, what = 'a port'): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    report(path, `${what} must be an integer from ${min} to ${max}, got ${show(value)}`, 'port');
  }
}

/** A port by number or by IANA service name (targetPort, probe ports). */
function checkPortRef(path: string, value: unknown, report: Report, named?: Set<string>): void {
  if (value === undefined) return;
  if (typeof value === 'number') return checkPort(path, value, report);
  if (typeof value !== 'string' || !isPortName(value)) {
    report(
      path,
      `must be a port number or a port name (at most 15 lowercase letters, digits and '-'), got ${show(value)}`,
      'port',
    );
  } else if (named && !named.has(value)) {
    report(path, `names port ${show(value)}, which the container does not declare`, 'port');
  }
}

function checkProbe(path: string, probe: unknown, ports: Set<string>, report: Report): void {
  if (!isObject(probe)) return;
  const handlers = ['exec', 'httpGet', 'tcpSocket', 'grpc'].filter((h) => probe[h] !== undefined);
  if (handlers.length !== 1) {
    report(
      path,
      `must have exactly one handler (exec, httpGet, tcpSocket or grpc), got ${handlers.length === 0 ? 'none' : handlers.join(', ')}`,
      'probe',
    );
  }
  checkPortRef(`${path}.httpGet.port`, probe.httpGet?.port, report, ports);
  checkPortRef(`${path}.tcpSocket.port`, probe.tcpSocket?.port, report, ports);
  if (probe.httpGet?.path !== undefined && !String(probe.httpGet.path).startsWith('/')) {
    report(`${path}.httpGet.path`, `must be an absolute path, got ${show(probe.httpGet.path)}`, 'probe');
  }
}

function checkResources(path: string, resources: unknown, report: Report): void {
  if (!isObject(resources)) return;
  const requests: Record<string, number | undefined> = {};
  for (const [name, value] of Object.entries(isObject(resources.requests) ? resources.requests : {})) {
    requests[name] = checkQuantity(`${path}.requests.${name}`, value, report);
  }
  for (const [name, value] of Object.entries(isObject(resources.limits) ? resources.limits : {})) {
    const limit = checkQuantity(`${path}.limits.${name}`, value, report);
    const request = requests[name];
    if (limit !== undefined && request !== undefined && request > limit) {
      report(
        `${path}.requests.${name}`,
        `must be less than or equal to the ${name} limit (${show(resources.limits[name])}), got ${show(resources.requests[name])}`,
        'resources',
      );
    }
  }
}

function checkContainer(path: string, c: any, volumeNames: Set<string>, report: Report): void {
  if (!isObject(c)) return;
  if (!isDnsLabel(c.name)) report(`${path}.name`, `must be a DNS label, got ${show(c.name)}`, 'name');
  if (typeof c.image !== 'string' || c.image.trim() === '') report(`${path}.image`, 'must not be empty', 'image');
  const portNames = new Set<string>();
  list(c.ports).forEach((p, i) => {
    checkPort(`${path}.ports[${i}].containerPort`, p?.containerPort, report);
    checkPort(`${path}.ports[${i}].hostPort`, p?.hostPort, report);
    if (p?.name !== undefined) {
      if (!isPortName(p.name))
        report(
          `${path}.ports[${i}].name`,
          `must be an IANA service name (at most 15 lowercase letters, digits and '-', with a letter), got ${show(p.name)}`,
          'port',
        );
      if (portNames.has(p.name)) report(`${path}.ports[${i}].name`, `duplicate port name ${show(p.name)}`, 'port');
      portNames.add(p.name);
    }
  });
  list(c.env).forEach((e, i) => {
    if (!isEnvName(e?.name))
      report(
        `${path}.env[${i}].name`,
        `must be a valid environment variable name (letters, digits, '_', '-', '.', not starting with a digit), got ${show(e?.name)}`,
        'env',
      );
    if (e?.value !== undefined && e?.valueFrom !== undefined)
      report(`${path}.env[${i}]`, 'may not have both value and valueFrom', 'env');
  });
  const mountPaths = new Set<string>();
  list(c.volumeMounts).forEach((vm, i) => {
    if (!volumeNames.has(vm?.name)) {
      report(
        `${path}.volumeMounts[${i}].name`,
        `mounts ${show(vm?.name)}, which is neither a volume of the pod nor a claim template`,
        'volume-mount',
      );
    }
    if (typeof vm?.mountPath !== 'string' || !vm.mountPath.startsWith('/')) {
      report(
        `${path}.volumeMounts[${i}].mountPath`,
        `must be an absolute path, got ${show(vm?.mountPath)}`,
        'volume-mount',
      );
    } else if (mountPaths.has(vm.mountPath)) {
      report(`${path}.volumeMounts[${i}].mountPath`, `duplicate mount path ${show(vm.mountPath)}`, 'volume-mount');
    } else {
      mountPaths.add(vm.mountPath);
    }
  });
  checkResources(`${path}.resources`, c.resources, report);
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    checkProbe(`${path}.${probe}`, c[probe], portNames, report);
  }
  const caps = c.securityContext?.capabilities;
  for (const field of ['add', 'drop']) {
    list(caps?.[field]).forEach((cap, i) => {
      if (typeof cap !== 'string' || cap === '')
        report(
          `${path}.securityContext.capabilities.${field}[${i}]`,
          `must be a capability name such as "ALL" or "NET_BIND_SERVICE", got ${show(cap)}`,
          'capability',
        );
    });
  }
}

function checkPodSpec(path: string, spec: any, claimTemplates: string[], report: Report): void {
  if (!isObject(spec)) return;
  const volumeNames = new Set<string>(claimTemplates);
  list(spec.volumes).forEach((v, i) => {
    if (!isDnsLabel(v?.name))
      report(`${path}.volumes[${i}].name`, `must be a DNS label, got ${show(v?.name)}`, 'volume');
    else if (volumeNames.has(v.name))
      report(
        `${path}.volumes[${i}].name`,
        `duplicate volume name ${show(v.name)} (also a volume or claim template)`,
        'volume',
      );
    volumeNames.add(v?.name);
    checkQuantity(`${path}.volumes[${i}].emptyDir.sizeLimit`, v?.emptyDir?.sizeLimit, report);
    if (v?.hostPath && (typeof v.hostPath.path !== 'string' || !v.hostPath.path.startsWith('/'))) {
      report(`${path}.volumes[${i}].hostPath.path`, `must be an absolute path, got ${show(v.hostPath.path)}`, 'volume');
    }
  });
  const names = new Set<string>();
  for (const field of ['initContainers', 'containers']) {
    list(spec[field]).forEach((c, i) => {
      checkContainer(`${path}.${field}[${i}]`, c, volumeNames, report);
      if (names.has(c?.name))
        report(`${path}.${field}[${i}].name`, `duplicate container name ${show(c?.name)}`, 'name');
      names.add(c?.name);
    });
  }
  for (const field of ['runAsUser', 'runAsGroup', 'fsGroup']) {
    const v = spec.securityContext?.[field];
    if (v !== undefined && (typeof v !== 'number' || v < 0))
      report(`${path}.securityContext.${field}`, `must be a non-negative integer, got ${show(v)}`, 'security-context');
  }
}

function checkWorkload(o: any, report: Report): void {
  const spec = o.spec;
  if (!isObject(spec)) return;
  const claimTemplates: string[] = [];
  if (o.kind === 'StatefulSet') {
    if (typeof spec.serviceName === 'string' && spec.serviceName !== '' && !isServiceName(spec.serviceName)) {
      report('spec.serviceName', `must name a Service (a DNS-1035 label), got ${show(spec.serviceName)}`, 'name');
    }
    list(spec.volumeClaimTemplates).forEach((t, i) => {
      const name = t?.metadata?.name;
      if (!isDnsLabel(name))
        report(`spec.volumeClaimTemplates[${i}].metadata.name`, `must be a DNS label, got ${show(name)}`, 'volume');
      else if (claimTemplates.includes(name))
        report(`spec.volumeClaimTemplates[${i}].metadata.name`, `duplicate claim template ${show(name)}`, 'volume');
      claimTemplates.push(name);
      checkClaimSpec(`spec.volumeClaimTemplates[${i}].spec`, t?.spec, report);
    });
    const ru = spec.updateStrategy?.rollingUpdate;
    if (ru !== undefined && spec.updateStrategy?.type === 'OnDelete') {
      report('spec.updateStrategy.rollingUpdate', 'may only be set when type is "RollingUpdate"', 'update-strategy');
    }
    if (ru?.partition !== undefined && (typeof ru.partition !== 'number' || ru.partition < 0)) {
      report(
        'spec.updateStrategy.rollingUpdate.partition',
        `must be a non-negative integer, got ${show(ru.partition)}`,
        'update-strategy',
      );
    }
  }
  if (spec.replicas !== undefined && (typeof spec.replicas !== 'number' || spec.replicas < 0)) {
    report('spec.replicas', `must be a non-negative integer, got ${show(spec.replicas)}`, 'replicas');
  }
  const template = o.kind === 'CronJob' ? spec.jobTemplate?.spec?.template : spec.template;
  const templatePath = o.kind === 'CronJob' ? 'spec.jobTemplate.spec.template' : 'spec.template';
  const labels = isObject(template?.metadata?.labels) ? template.metadata.labels : {};
  checkLabels(`${templatePath}.metadata.labels`, labels, report);
  if (isObject(spec.selector)) {
    checkLabels('spec.selector.matchLabels', spec.selector.matchLabels, report);
    const empty =
      Object.keys(spec.selector.matchLabels ?? {}).length === 0 && list(spec.selector.matchExpressions).length === 0;
    if (empty && o.kind !== 'Job') report('spec.selector', 'must not be empty (it would select every pod)', 'selector');
    else if (!selectorMatches(spec.selector, labels)) {
      report(
        'spec.selector',
        `does not match the template labels ${show(labels)}: the API server rejects a selector that does not select its own pods`,
        'selector',
      );
    }
  }
  checkPodSpec(`${templatePath}.spec`, template?.spec, claimTemplates, report);
  if (
    ['StatefulSet', 'Deployment', 'DaemonSet'].includes(o.kind) &&
    template?.spec?.restartPolicy !== undefined &&
    template.spec.restartPolicy !== 'Always'
  ) {
    report(
      `${templatePath}.spec.restartPolicy`,
      `must be "Always" for a ${o.kind}, got ${show(template.spec.restartPolicy)}`,
      'restart-policy',
    );
  }
}

function checkClaimSpec(path: string, spec: any, report: Report): void {
  if (!isObject(spec)) return;
  if (list(spec.accessModes).length === 0)
    report(`${path}.accessModes`, 'must name at least one access mode', 'volume');
  if (list(spec.accessModes).includes('ReadWriteOncePod') && list(spec.accessModes).length > 1) {
    report(`${path}.accessModes`, 'may not combine "ReadWriteOncePod" with other access modes', 'volume');
  }
  const storage = spec.resources?.requests?.storage;
  if (storage === undefined) report(`${path}.resources.requests.storage`, 'is required', 'quantity');
  else checkQuantity(`${path}.resources.requests.storage`, storage, report, true);
  if (spec.storageClassName !== undefined && spec.storageClassName !== '' && !isDnsSubdomain(spec.storageClassName)) {
    report(`${path}.storageClassName`, `must be a DNS subdomain, got ${show(spec.storageClassName)}`, 'name');
  }
}

function checkService(o: any, report: Report): void {
  const spec = o.spec;
  if (!isObject(spec)) return;
  const type = spec.type ?? 'ClusterIP';
  const ports = list(spec.ports);
  if (type !== 'ExternalName' && ports.length === 0) report('spec.ports', 'must have at least one port', 'port');
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const path = `spec.ports[${i}]`;
    checkPort(`${path}.port`, p?.port, report);
    checkPortRef(`${path}.targetPort`, p?.targetPort, report);
    if (p?.nodePort !== undefined) {
      if (type !== 'NodePort' && type !== 'LoadBalancer')
        report(`${path}.nodePort`, `may only be set for type NodePort or LoadBalancer, not ${show(type)}`, 'port');
      else checkPort(`${path}.nodePort`, p.nodePort, report, 30000, 32767, 'a node port (default range)');
    }
    if (ports.length > 1 && !p?.name)
      report(`${path}.name`, 'is required when a Service has more than one port', 'port');
    if (p?.name !== undefined) {
      if (!isDnsLabel(p.name, 63)) report(`${path}.name`, `must be a DNS label, got ${show(p.name)}`, 'port');
      if (names.has(p.name)) report(`${path}.name`, `duplicate port name ${show(p.name)}`, 'port');
      names.add(p.name);
    }
  });
  if (spec.clusterIP === 'None' && type !== 'ClusterIP') {
    report(
      'spec.clusterIP',
      `a headless Service (clusterIP "None") must be of type ClusterIP, got ${show(type)}`,
      'service',
    );
  }
  checkLabels('spec.selector', spec.selector, report);
}

function checkPersistentVolume(o: any, report: Report): void {
  const spec = o.spec;
  if (!isObject(spec)) return;
  checkQuantity('spec.capacity.storage', spec.capacity?.storage, report, true);
  if (spec.capacity?.storage === undefined) report('spec.capacity.storage', 'is required', 'quantity');
  if (list(spec.accessModes).length === 0) report('spec.accessModes', 'must name at least one access mode', 'volume');
  const sources = volumeSources(spec);
  if (sources.length !== 1)
    report(
      'spec',
      `must have exactly one volume source, got ${sources.length === 0 ? 'none' : sources.join(', ')}`,
      'volume',
    );
  if (spec.hostPath && (typeof spec.hostPath.path !== 'string' || !spec.hostPath.path.startsWith('/'))) {
    report('spec.hostPath.path', `must be an absolute path, got ${show(spec.hostPath.path)}`, 'volume');
  }
  const ref = spec.claimRef;
  if (isObject(ref)) {
    if (!ref.name) report('spec.claimRef.name', 'is required: the volume is pre-bound to this claim', 'binding');
    if (!ref.namespace)
      report('spec.claimRef.namespace', 'is required: without it Kubernetes never binds the volume', 'binding');
  }
}

function checkDisruptionBudget(o: any, report: Report): void {
  const spec = o.spec;
  if (!isObject(spec)) return;
  const set = ['minAvailable', 'maxUnavailable'].filter((k) => spec[k] !== undefined);
  if (set.length !== 1)
    report(
      'spec',
      `must set exactly one of minAvailable and maxUnavailable, got ${set.length === 0 ? 'neither' : 'both'}`,
      'disruption-budget',
    );
  for (const k of set) {
    const v = spec[k];
    const ok =
      (typeof v === 'number' && Number.isInteger(v) && v >= 0) ||
      (typeof v === 'string' && /^(100|[1-9]?\d)%$/.test(v));
    if (!ok)
      report(
        `spec.${k}`,
        `must be a non-negative integer or a percentage from 0% to 100%, got ${show(v)}`,
        'disruption-budget',
      );
  }
}

/**
 * Pre-made volumes pre-bound (claimRef) to a StatefulSet's claims must satisfy the claim
 * template, or the claim stays Pending forever while the API accepts everything.
 */
function checkBindings(manifests: readonly Manifest[], problems: Problem[]): void {
  const templates = new Map<string, any>();
  for (const m of manifests) {
    const o = m.object;
    if (o?.kind !== 'StatefulSet') continue;
    const ns = o.metadata?.namespace ?? 'default';
    for (const t of list(o.spec?.volumeClaimTemplates)) {
      templates.set(`${ns}/${t?.metadata?.name}-${o.metadata?.name}-`, t?.spec ?? {});
    }
  }
  for (const m of manifests) {
    const o = m.object;
    const ref = o?.kind === 'PersistentVolume' ? o.spec?.claimRef : undefined;
    if (!isObject(ref) || typeof ref.name !== 'string') continue;
    const match = /^(.*-)(\d+)$/.exec(ref.name);
    const claim = match ? templates.get(`${ref.namespace ?? 'default'}/${match[1]}`) : undefined;
    if (!claim) continue; // bound to a claim made elsewhere
    const report = (path: string, message: string) =>
      problems.push({
        file: m.file,
        object: describe(m),
        path,
        message: `${message}: claim ${ref.namespace}/${ref.name} would never bind it`,
        rule: 'binding',
      });
    if ((o.spec.storageClassName ?? '') !== (claim.storageClassName ?? '')) {
      report(
        'spec.storageClassName',
        `is ${show(o.spec.storageClassName ?? '')} but the claim template asks for ${show(claim.storageClassName ?? '(the default class)')}`,
      );
    }
    const missing = list(claim.accessModes).filter((a) => !list(o.spec.accessModes).includes(a));
    if (missing.length > 0) report('spec.accessModes', `lacks ${missing.join(', ')} that the claim template asks for`);
    const capacity = parseQuantity(String(o.spec.capacity?.storage ?? ''));
    const request = parseQuantity(String(claim.resources?.requests?.storage ?? ''));
    if (capacity !== undefined && request !== undefined && capacity < request) {
      report(
        'spec.capacity.storage',
        `${show(o.spec.capacity.storage)} is less than the ${show(claim.resources.requests.storage)} the claim template requests`,
      );
    }
    if ((o.spec.volumeMode ?? 'Filesystem') !== (claim.volumeMode ?? 'Filesystem')) {
      report(
        'spec.volumeMode',
        `is ${show(o.spec.volumeMode ?? 'Filesystem')} but the claim template asks for ${show(claim.volumeMode ?? 'Filesystem')}`,
      );
    }
  }
}

/** Runs every rule on every manifest. */
export function checkApiRules(manifests: readonly Manifest[]): Problem[] {
  const problems: Problem[] = [];
  for (const m of manifests) {
    const o = m.object;
    if (!isObject(o)) continue;
    const object = describe(m);
    const report: Report = (path, message, rule) => problems.push({ file: m.file, object, path, message, rule });
    checkMetadata(m, report);
    switch (o.kind) {
      case 'StatefulSet':
      case 'Deployment':
      case 'DaemonSet':
      case 'Job':
      case 'CronJob':
        checkWorkload(o, report);
        break;
      case 'Pod':
        checkPodSpec('spec', o.spec, [], report);
        break;
      case 'Service':
        checkService(o, report);
        break;
      case 'PersistentVolume':
        checkPersistentVolume(o, report);
        break;
      case 'PersistentVolumeClaim':
        checkClaimSpec('spec', o.spec, report);
        break;
      case 'PodDisruptionBudget':
        checkDisruptionBudget(o, report);
        break;
    }
  }
  checkBindings(manifests, problems);
  return problems;
}
