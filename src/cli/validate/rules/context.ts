/**
 * What every rule file shares: the rule catalogue (id → severity), the version the
 * manifests target, and a reporter bound to one manifest.
 */
import type { Severity } from '../../manifests';

/**
 * Every rule id, with its severity: `error` when the API server rejects the object,
 * `runtime` when it accepts it but a controller or the kubelet can never run it (the pods
 * or claims made from it are refused, a volume never binds), `warning` when it is accepted
 * and runs, but not as meant. A rule may report a finding at another severity (an image
 * with spaces is an error in a Pod, `runtime` in a template). docs/rules.md has one row
 * per id; a test keeps the two in step.
 */
export const RULES = {
  // metadata and selectors
  name: 'error',
  namespace: 'error',
  labels: 'error',
  annotations: 'error',
  'label-selector': 'error',
  selector: 'error',
  'statefulset-name-length': 'runtime',
  // containers
  'container-name': 'error',
  image: 'error',
  'container-port': 'error',
  'container-port-conflict': 'warning',
  env: 'error',
  'env-from': 'error',
  resources: 'error',
  quantity: 'error',
  'fractional-bytes': 'warning',
  probe: 'error',
  'probe-port': 'warning',
  lifecycle: 'error',
  'init-container': 'error',
  'security-context': 'error',
  capabilities: 'warning',
  'run-as-non-root': 'warning',
  'privileged-port': 'warning',
  // volumes and mounts
  volume: 'error',
  'volume-source': 'error',
  'host-path-relative': 'warning',
  'volume-mount': 'error',
  'mount-path-shadowed': 'warning',
  'volume-device': 'error',
  'volume-shadowed-by-claim': 'warning',
  // pod scheduling and identity
  'termination-grace-period': 'warning',
  tolerations: 'error',
  'node-affinity': 'error',
  'node-selector-integer': 'warning',
  'pod-affinity': 'error',
  'topology-spread': 'error',
  'dns-config': 'error',
  hostname: 'error',
  'object-reference': 'error',
  'image-pull-secret': 'warning',
  'restart-policy': 'error',
  // workloads
  workload: 'error',
  'service-name': 'error',
  'service-name-dns': 'warning',
  'feature-gated': 'warning',
  // storage
  'persistent-volume': 'error',
  'mount-options': 'warning',
  'block-volume-source': 'runtime',
  claim: 'error',
  'claim-template': 'error',
  binding: 'runtime',
  // services and traffic
  service: 'error',
  'service-port': 'error',
  'node-port': 'error',
  'node-port-clash': 'error',
  'traffic-policy': 'error',
  cidr: 'error',
  'target-port-name': 'warning',
  'disruption-budget': 'error',
  'config-map': 'error',
  'network-policy': 'error',
  // the kinds around the workloads
  ingress: 'error',
  'ingress-class': 'error',
  rbac: 'error',
  autoscaler: 'error',
  job: 'error',
  'cron-schedule': 'error',
  secret: 'error',
  'storage-class': 'error',
  'priority-class': 'error',
  'limit-range': 'error',
  'resource-quota': 'error',
} as const satisfies Record<string, Severity>;

export type RuleId = keyof typeof RULES;

/**
 * Reports a problem at a field path (`spec.ports[0].name`, or '' for the whole object), at
 * its rule's severity unless told.
 */
export type Report = (path: string, message: string, rule: RuleId, severity?: Severity) => void;

/** `runtime` for a pod template (the server accepts it, the pods made from it are refused), `error` for a Pod. */
export const podSeverity = (kind: unknown): Severity => (kind === 'Pod' ? 'error' : 'runtime');

/** The Kubernetes minor version the manifests target (1.27 unless told). */
export interface Target {
  readonly minor: number;
}

export interface Ctx {
  readonly report: Report;
  readonly target: Target;
  /** The kind of the object checked. */
  readonly kind?: string;
}

/** The versions whose API rules this checker mirrors; others fall back to the nearest. */
export const SUPPORTED_VERSIONS = ['1.27', '1.33', '1.34', '1.35', '1.36'] as const;
export const DEFAULT_VERSION = '1.27';

/**
 * Reads `1.27`, `v1.33.0` or `1.36.2` as a target (1.27, the construct's version, unless
 * told); throws on anything else. Any 1.x works: the rules that changed test the minor.
 */
export function parseTarget(version = '1.27'): Target {
  const match = /^v?1\.(\d+)(\.\d+)?$/.exec(version.trim());
  if (!match) {
    throw new Error(
      `'version' must be a Kubernetes version such as "1.27" or "v1.33.0", got ${JSON.stringify(version)}`,
    );
  }
  return { minor: Number(match[1]) };
}

export const isObject = (v: unknown): v is Record<string, any> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
export const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);
export const entries = (v: unknown): [string, any][] => (isObject(v) ? Object.entries(v) : []);
export const show = (v: unknown) => JSON.stringify(v);
/** A map key in a field path: `labels.app` or `labels["app.kubernetes.io/name"]`. */
export const key = (path: string, k: string) =>
  /^[A-Za-z_$][\w$-]*$/.test(k) ? `${path}.${k}` : `${path}[${show(k)}]`;
export const isInt = (v: unknown): v is number => Number.isInteger(v);
export const isNonNegativeInt = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
/** Names in a sentence: `"a", "b" or "c"`. */
export const oneOf = (values: readonly string[]) =>
  values.length === 1 ? show(values[0]) : `${values.slice(0, -1).map(show).join(', ')} or ${show(values.at(-1))}`;
