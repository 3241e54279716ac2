import type { Toleration } from '../imports/k8s';
import type { Problems } from './problems';
import type { ImagePullPolicy, ProbeProps, SpreadMode, StatefulServiceProps } from './stateful-service-props';
import {
  checkDnsSubdomain,
  checkInteger,
  checkLabelKey,
  checkLabelValue,
  checkOneOf,
  checkPositiveQuantity,
  checkStorageSize,
  isImagePinned,
  parseQuantity,
  show,
} from './validation';

/** A probe with every timing resolved; `httpPath` undefined means a TCP connect. */
export interface ProbeSettings {
  readonly httpPath?: string;
  readonly initialDelaySeconds: number;
  readonly periodSeconds: number;
  readonly timeoutSeconds: number;
  readonly failureThreshold: number;
}

/** Everything about the pod and its container, resolved. */
export interface PodSettings {
  readonly security: {
    readonly user: number;
    readonly group: number;
    readonly fsGroup: number;
    readonly readOnlyRootFilesystem: boolean;
  };
  readonly resources: {
    readonly cpu: { readonly request: string; readonly limit: string };
    readonly memory: { readonly request: string; readonly limit: string };
  };
  readonly probes: {
    readonly startup?: ProbeSettings;
    readonly readiness?: ProbeSettings;
    readonly liveness?: ProbeSettings;
  };
  readonly imagePullPolicy: ImagePullPolicy;
  readonly automountServiceAccountToken: boolean;
  readonly tmpSizeLimit: string;
  readonly spread: SpreadMode;
  readonly nodeSelector?: Readonly<Record<string, string>>;
  readonly tolerations?: readonly Toleration[];
  readonly serviceAccount?: { readonly name: string; readonly create: boolean };
}

const PROBE_DEFAULTS = {
  startup: { periodSeconds: 5, failureThreshold: 60 },
  readiness: { periodSeconds: 5, failureThreshold: 3 },
  liveness: { periodSeconds: 10, failureThreshold: 3 },
} as const;
const PULL_POLICIES: readonly ImagePullPolicy[] = ['Always', 'IfNotPresent', 'Never'];
const SPREAD_MODES: readonly SpreadMode[] = ['soft', 'hard', 'none'];
const TOLERATION_OPERATORS = ['Equal', 'Exists'];
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const MAX_ID = 2 ** 31 - 1;

export function resolvePod(props: StatefulServiceProps, p: Problems): PodSettings {
  const sec = props.securityContext ?? {};
  const user = sec.user ?? 1000;
  const group = sec.group ?? 1000;
  const fsGroup = sec.fsGroup ?? group;
  p.check(checkInteger('securityContext.user', user, 0, MAX_ID));
  p.check(checkInteger('securityContext.group', group, 0, MAX_ID));
  if (sec.fsGroup !== undefined) p.check(checkInteger('securityContext.fsGroup', fsGroup, 0, MAX_ID));
  if (user === 0 && sec.allowRoot !== true) {
    p.add(
      `'securityContext.user' is 0 (root), which the Pod Security Standards "restricted" profile forbids; ` +
        `use a non-root UID, or set 'securityContext.allowRoot: true' and give the reason in 'acknowledge["run-as-root"]'`,
    );
  }

  const res = props.resources ?? {};
  const resources = {
    cpu: { request: res.cpu?.request ?? '100m', limit: res.cpu?.limit ?? '1' },
    memory: { request: res.memory?.request ?? '256Mi', limit: res.memory?.limit ?? '512Mi' },
  };
  for (const [name, example] of [
    ['cpu', '250m'],
    ['memory', '256Mi'],
  ] as const) {
    const r = resources[name];
    const ok =
      p.check(checkPositiveQuantity(`resources.${name}.request`, r.request, example)) &&
      p.check(checkPositiveQuantity(`resources.${name}.limit`, r.limit, example));
    if (ok && parseQuantity(r.request)! > parseQuantity(r.limit)!) {
      p.add(
        `'resources.${name}.request' (${show(r.request)}) must be less than or equal to 'resources.${name}.limit' (${show(r.limit)})`,
      );
    }
  }

  const probes: Record<string, ProbeSettings | undefined> = {};
  for (const kind of ['startup', 'readiness', 'liveness'] as const) {
    const given = props.probes?.[kind];
    probes[kind] = given === false ? undefined : resolveProbe(`probes.${kind}`, given ?? {}, PROBE_DEFAULTS[kind], p);
  }

  const imagePullPolicy = props.imagePullPolicy ?? (isImagePinned(props.image) ? 'IfNotPresent' : 'Always');
  p.check(checkOneOf('imagePullPolicy', imagePullPolicy, PULL_POLICIES));
  const tmpSizeLimit = props.tmpSizeLimit ?? '100Mi';
  p.check(checkStorageSize('tmpSizeLimit', tmpSizeLimit));

  const placement = props.placement ?? {};
  const spread = placement.spread ?? 'soft';
  p.check(checkOneOf('placement.spread', spread, SPREAD_MODES));
  for (const [key, value] of Object.entries(placement.nodeSelector ?? {})) {
    p.check(checkLabelKey('placement.nodeSelector', key));
    p.check(checkLabelValue(`placement.nodeSelector.${key}`, value));
  }
  (placement.tolerations ?? []).forEach((t, i) => {
    const prop = `placement.tolerations[${i}]`;
    if (t.operator !== undefined) p.check(checkOneOf(`${prop}.operator`, t.operator, TOLERATION_OPERATORS));
    if (t.effect !== undefined) p.check(checkOneOf(`${prop}.effect`, t.effect, TAINT_EFFECTS));
    if (t.key !== undefined) p.check(checkLabelKey(`${prop}.key`, t.key));
    if (t.operator === 'Exists' && t.value)
      p.add(`'${prop}.value' must be empty with operator "Exists", got ${show(t.value)}`);
    if (t.key === undefined && t.operator !== 'Exists')
      p.add(`'${prop}' without a key must have operator "Exists" (it then tolerates every taint)`);
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute')
      p.add(`'${prop}.tolerationSeconds' applies to effect "NoExecute" only, got effect ${show(t.effect)}`);
  });

  let serviceAccount: PodSettings['serviceAccount'];
  if (props.serviceAccount !== undefined) {
    const name = props.serviceAccount.name ?? props.name;
    if (props.serviceAccount.name !== undefined) p.check(checkDnsSubdomain('serviceAccount.name', name));
    serviceAccount = { name, create: props.serviceAccount.create ?? true };
  }

  return {
    security: { user, group, fsGroup, readOnlyRootFilesystem: sec.readOnlyRootFilesystem ?? true },
    resources,
    probes,
    imagePullPolicy,
    automountServiceAccountToken: props.automountServiceAccountToken ?? false,
    tmpSizeLimit,
    spread,
    nodeSelector: placement.nodeSelector,
    tolerations: placement.tolerations,
    serviceAccount,
  };
}

function resolveProbe(
  prop: string,
  given: ProbeProps,
  defaults: { periodSeconds: number; failureThreshold: number },
  p: Problems,
): ProbeSettings {
  const probe = {
    httpPath: given.httpPath,
    initialDelaySeconds: given.initialDelaySeconds ?? 0,
    periodSeconds: given.periodSeconds ?? defaults.periodSeconds,
    timeoutSeconds: given.timeoutSeconds ?? 1,
    failureThreshold: given.failureThreshold ?? defaults.failureThreshold,
  };
  if (given.httpPath !== undefined && (typeof given.httpPath !== 'string' || !/^\/\S*$/.test(given.httpPath))) {
    p.add(`'${prop}.httpPath' must be an absolute URL path such as "/actuator/health", got ${show(given.httpPath)}`);
  }
  p.check(checkInteger(`${prop}.initialDelaySeconds`, probe.initialDelaySeconds, 0, 3600));
  p.check(checkInteger(`${prop}.periodSeconds`, probe.periodSeconds, 1, 3600));
  p.check(checkInteger(`${prop}.timeoutSeconds`, probe.timeoutSeconds, 1, 3600));
  p.check(checkInteger(`${prop}.failureThreshold`, probe.failureThreshold, 1, 10_000));
  return probe;
}
