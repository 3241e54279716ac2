import { isImagePinned } from '../k8s-syntax';
import { describe, Manifest, selectorMatches } from '../manifests';

/**
 * Best-practice and Pod Security Standards ("restricted") checks in the spirit of
 * kube-score, kube-linter and Polaris, on plain manifests. Pod-level security settings
 * count for every container unless the container overrides them (as the kubelet applies
 * them), so a setting made once at the pod level is not reported again per container.
 *
 * A finding that an object needs on purpose is acknowledged on that object with the
 * annotation `acknowledged.lint.stateful-service/<rule>: <reason>`; it is then reported
 * as acknowledged, with the reason, instead of failing the check.
 */

/** The annotation prefix of an acknowledgement; the rule id follows it. */
export const ACKNOWLEDGE_PREFIX = 'acknowledged.lint.stateful-service/';

/** The ids of the policy rules. */
export type PolicyRuleId =
  | 'container-resources'
  | 'container-probes'
  | 'image-tag'
  | 'privilege'
  | 'run-as-root'
  | 'seccomp'
  | 'read-only-root-filesystem'
  | 'host-namespaces'
  | 'service-account-token'
  | 'disruption-budget'
  | 'host-path'
  | 'node-port'
  | 'host-ports'
  | 'privileged-port';

export interface PolicyRule {
  readonly id: PolicyRuleId;
  /** Why it matters, printed with each finding. */
  readonly why: string;
  /**
   * `warning` for a finding that may be meant (the cdk8s plugin lists it without failing
   * the synth); findings are errors otherwise.
   */
  readonly severity?: 'warning';
}

export interface Finding {
  readonly rule: PolicyRule;
  readonly file: string;
  readonly object: string;
  readonly path: string;
  readonly message: string;
  /** The reason given in the object's acknowledgement annotation, if any. */
  readonly acknowledged?: string;
  /** The document (0-based) and List item of the object. */
  readonly index?: number;
  readonly item?: number;
}

const rule = (id: PolicyRuleId, why: string, severity?: 'warning'): PolicyRule =>
  severity ? { id, why, severity } : { id, why };

export const RULES = {
  resources: rule(
    'container-resources',
    'without CPU and memory requests the scheduler cannot place the pod sensibly and it is evicted first under pressure; without limits one container can starve its neighbours',
  ),
  probes: rule(
    'container-probes',
    'without a readiness probe traffic reaches pods that cannot serve yet; without a liveness probe a hung process is never restarted',
  ),
  imageTag: rule(
    'image-tag',
    'an image without a tag, or tagged "latest", changes under you: two pods of one set may run different code and a rollback cannot go back',
  ),
  privileged: rule(
    'privilege',
    'a privileged container, or one that may gain privileges or keeps Linux capabilities, can take over the node (Pod Security Standards "restricted": privileged false, allowPrivilegeEscalation false, capabilities drop ALL)',
  ),
  root: rule(
    'run-as-root',
    'a process running as root in the container is root on the node after any container escape (Pod Security Standards "restricted": runAsNonRoot true, non-zero runAsUser)',
  ),
  seccomp: rule(
    'seccomp',
    'without a seccomp profile the container may call every system call of the kernel (Pod Security Standards "restricted": seccompProfile RuntimeDefault or Localhost)',
  ),
  readOnlyRoot: rule(
    'read-only-root-filesystem',
    "a writable root filesystem lets an intruder change the image's binaries and hides state outside the volumes",
  ),
  hostNamespaces: rule(
    'host-namespaces',
    "sharing the node's network, PID or IPC namespace exposes the node and every other pod on it",
  ),
  token: rule(
    'service-account-token',
    'a mounted service account token lets anyone who takes over the container call the Kubernetes API as the pod',
  ),
  hostPath: rule(
    'host-path',
    "a hostPath volume ties the data to one node (a pod rescheduled elsewhere finds an empty directory) and gives the pod access to the node's filesystem",
  ),
  nodePort: rule(
    'node-port',
    'a NodePort opens the port on every node of the cluster, outside any load balancer or ingress in front of it',
  ),
  hostPorts: rule(
    'host-ports',
    'a hostPort opens the container\'s port on the node\'s IP, outside any Service or NetworkPolicy, and allows one such pod per node (Pod Security Standards "baseline": no host ports)',
  ),
  privilegedPort: rule(
    'privileged-port',
    'a non-root process cannot bind a port below 1024 (net.ipv4.ip_unprivileged_port_start) without NET_BIND_SERVICE, unless the runtime lowers that sysctl (containerd 2 does): use a port from 1024, add NET_BIND_SERVICE, or set the sysctl in the pod',
    'warning',
  ),
  disruptionBudget: rule(
    'disruption-budget',
    'without a PodDisruptionBudget a node drain may evict several replicas of a replicated workload at once',
  ),
} as const;

const WORKLOADS = new Set(['StatefulSet', 'Deployment', 'DaemonSet', 'Job', 'CronJob', 'Pod']);
const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);

function podTemplate(o: any): { path: string; spec: any; labels: Record<string, string> } | undefined {
  // Any field may be null or of the wrong type here (validate reports that): read objects only.
  const labelsOf = (meta: unknown) => (isObject(meta) && isObject(meta.labels) ? meta.labels : {});
  if (o.kind === 'Pod') return { path: 'spec', spec: isObject(o.spec) ? o.spec : {}, labels: labelsOf(o.metadata) };
  const t = o.kind === 'CronJob' ? o.spec?.jobTemplate?.spec?.template : o.spec?.template;
  const path = o.kind === 'CronJob' ? 'spec.jobTemplate.spec.template.spec' : 'spec.template.spec';
  return isObject(t) ? { path, spec: isObject(t.spec) ? t.spec : {}, labels: labelsOf(t.metadata) } : undefined;
}

/** Checks every object; returns all findings, acknowledged or not. */
export function lint(manifests: readonly Manifest[]): Finding[] {
  const findings: Finding[] = [];
  const budgets = manifests
    .map((m) => m.object)
    .filter((o) => isObject(o) && o.kind === 'PodDisruptionBudget')
    .map((o) => ({ namespace: o.metadata?.namespace ?? 'default', selector: o.spec?.selector }));

  for (const m of manifests) {
    const o = m.object;
    if (!isObject(o)) continue;
    const annotations = isObject(o.metadata?.annotations) ? o.metadata.annotations : {};
    const find = (r: PolicyRule, path: string, message: string) =>
      findings.push({
        rule: r,
        file: m.file,
        object: describe(m),
        path,
        message,
        acknowledged: annotations[`${ACKNOWLEDGE_PREFIX}${r.id}`],
        index: m.index,
        ...(m.item !== undefined ? { item: m.item } : {}),
      });

    if (o.kind === 'PersistentVolume' && o.spec?.hostPath) {
      find(RULES.hostPath, 'spec.hostPath', `volume on the node's directory ${JSON.stringify(o.spec.hostPath.path)}`);
    }
    if (o.kind === 'Service' && o.spec?.type === 'NodePort') {
      find(RULES.nodePort, 'spec.type', 'Service of type NodePort');
    }
    if (!WORKLOADS.has(o.kind)) continue;
    const pod = podTemplate(o);
    if (!pod) continue;
    const podSc = isObject(pod.spec.securityContext) ? pod.spec.securityContext : {};

    for (const ns of ['hostNetwork', 'hostPID', 'hostIPC']) {
      if (pod.spec[ns] === true) find(RULES.hostNamespaces, `${pod.path}.${ns}`, `${ns} is true`);
    }
    if (pod.spec.automountServiceAccountToken !== false) {
      find(
        RULES.token,
        `${pod.path}.automountServiceAccountToken`,
        'is not false: the service account token is mounted',
      );
    }
    list(pod.spec.volumes).forEach((v, i) => {
      if (v?.hostPath)
        find(
          RULES.hostPath,
          `${pod.path}.volumes[${i}].hostPath`,
          `volume on the node's directory ${JSON.stringify(v.hostPath.path)}`,
        );
    });

    for (const field of ['initContainers', 'containers']) {
      list(pod.spec[field]).forEach((c, i) => {
        if (!isObject(c)) return;
        const path = `${pod.path}.${field}[${i}]`;
        const sc = isObject(c.securityContext) ? c.securityContext : {};
        list(c.ports).forEach((port, k) => {
          if (isObject(port) && port.hostPort !== undefined && port.hostPort !== 0)
            find(
              RULES.hostPorts,
              `${path}.ports[${k}].hostPort`,
              `container ${JSON.stringify(c.name)} opens host port ${port.hostPort}`,
            );
        });
        const req = c.resources?.requests ?? {};
        const lim = c.resources?.limits ?? {};
        const missing = [
          ...(req.cpu === undefined ? ['requests.cpu'] : []),
          ...(req.memory === undefined ? ['requests.memory'] : []),
          ...(lim.cpu === undefined ? ['limits.cpu'] : []),
          ...(lim.memory === undefined ? ['limits.memory'] : []),
        ];
        if (missing.length > 0)
          find(
            RULES.resources,
            `${path}.resources`,
            `container ${JSON.stringify(c.name)} sets no ${missing.join(', ')}`,
          );
        if (field === 'containers') {
          const probes = ['readinessProbe', 'livenessProbe'].filter((p) => c[p] === undefined);
          if (probes.length > 0)
            find(RULES.probes, path, `container ${JSON.stringify(c.name)} has no ${probes.join(' and ')}`);
        }
        if (!isImagePinned(c.image))
          find(
            RULES.imageTag,
            `${path}.image`,
            `image ${JSON.stringify(c.image)} is not pinned to a tag other than "latest" or a digest`,
          );

        const privileges = [
          ...(sc.privileged === true ? ['privileged is true'] : []),
          ...(sc.allowPrivilegeEscalation !== false ? ['allowPrivilegeEscalation is not false'] : []),
          ...(!list(sc.capabilities?.drop).includes('ALL') ? ['capabilities do not drop ALL'] : []),
          ...list(sc.capabilities?.add)
            .filter((cap) => cap !== 'NET_BIND_SERVICE')
            .map((cap) => `capability ${JSON.stringify(cap)} is added`),
        ];
        if (privileges.length > 0)
          find(
            RULES.privileged,
            `${path}.securityContext`,
            `container ${JSON.stringify(c.name)}: ${privileges.join('; ')}`,
          );

        const nonRoot = sc.runAsNonRoot ?? podSc.runAsNonRoot;
        const user = sc.runAsUser ?? podSc.runAsUser;
        // kernel: ip_unprivileged_port_start; a process of another user binds below it only with NET_BIND_SERVICE.
        const runsNonRoot = Number.isInteger(user) ? user !== 0 : nonRoot === true;
        const added = list(sc.capabilities?.add).map((cap) => String(cap).replace(/^CAP_/, ''));
        if (runsNonRoot && sc.privileged !== true && !added.includes('NET_BIND_SERVICE') && !added.includes('ALL')) {
          const sysctl = list(podSc.sysctls).find((x) => x?.name === 'net.ipv4.ip_unprivileged_port_start');
          const firstFree = sysctl ? Number(sysctl.value) : 1024;
          list(c.ports).forEach((port, k) => {
            const n = port?.containerPort;
            if (Number.isInteger(n) && n >= 1 && n < firstFree)
              find(
                RULES.privilegedPort,
                `${path}.ports[${k}].containerPort`,
                `container ${JSON.stringify(c.name)} runs as a non-root user on port ${n}, below ${firstFree}`,
              );
          });
        }
        if (nonRoot !== true || user === 0) {
          find(
            RULES.root,
            `${path}.securityContext`,
            `container ${JSON.stringify(c.name)} may run as root (${user === 0 ? 'runAsUser is 0' : 'runAsNonRoot is not true'})`,
          );
        }
        const seccomp = (sc.seccompProfile ?? podSc.seccompProfile)?.type;
        if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') {
          find(
            RULES.seccomp,
            `${path}.securityContext.seccompProfile`,
            `container ${JSON.stringify(c.name)} has seccomp profile ${JSON.stringify(seccomp ?? 'unset')}`,
          );
        }
        if (sc.readOnlyRootFilesystem !== true) {
          find(
            RULES.readOnlyRoot,
            `${path}.securityContext.readOnlyRootFilesystem`,
            `container ${JSON.stringify(c.name)} has a writable root filesystem`,
          );
        }
      });
    }

    const replicated =
      ['StatefulSet', 'Deployment'].includes(o.kind) && (o.spec?.replicas === undefined || o.spec.replicas > 1);
    if (replicated) {
      const ns = o.metadata?.namespace ?? 'default';
      if (!budgets.some((b) => b.namespace === ns && selectorMatches(b.selector, pod.labels))) {
        find(
          RULES.disruptionBudget,
          'spec.replicas',
          `${o.kind} with ${o.spec?.replicas ?? 'a scalable number of'} replicas has no PodDisruptionBudget selecting its pods`,
        );
      }
    }
  }
  return findings;
}
