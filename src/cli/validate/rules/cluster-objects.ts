// The kinds around the workloads: autoscalers, Job completions and CronJob schedules,
// DaemonSet updates, Secrets, storage and priority classes, limit ranges and quotas.
import { isConfigMapKey, isQualifiedName, parseQuantityExact, Quantity } from '../../k8s-syntax';
import { Ctx, entries, isInt, isObject, key, list, show } from './context';
import { checkQuantity } from './resources';
import { intOrPercentProblem } from './workloads';

// autoscaling validation.go: ValidateHorizontalPodAutoscalerSpec (minReplicas 0 needs the
// HPAScaleToZero gate, alpha and off by default).
export function checkAutoscaler(ctx: Ctx, o: Record<string, any>): void {
  const spec = o.spec;
  if (!isObject(spec)) return;
  const { minReplicas: min, maxReplicas: max } = spec;
  if (isInt(min) && min < 1) {
    ctx.report(
      'spec.minReplicas',
      `must be at least 1, got ${min} (0 needs the HPAScaleToZero feature gate, off by default)`,
      'autoscaler',
    );
  }
  if (isInt(max) && max < 1) ctx.report('spec.maxReplicas', `must be at least 1, got ${max}`, 'autoscaler');
  else if (isInt(min) && isInt(max) && min > max) {
    ctx.report(
      'spec.maxReplicas',
      `'maxReplicas' (${max}) must be greater than or equal to 'minReplicas' (${min})`,
      'autoscaler',
    );
  }
}

// batch validation.go: validateJobSpec ("when completion mode is Indexed").
export function checkJobSpec(ctx: Ctx, path: string, spec: unknown): void {
  if (!isObject(spec)) return;
  for (const f of ['parallelism', 'completions', 'backoffLimit', 'activeDeadlineSeconds', 'ttlSecondsAfterFinished']) {
    if (isInt(spec[f]) && spec[f] < 0) ctx.report(`${path}.${f}`, `must be zero or more, got ${spec[f]}`, 'job');
  }
  if (spec.completionMode === 'Indexed' && spec.completions === undefined) {
    ctx.report(`${path}.completions`, 'is required when completionMode is "Indexed"', 'job');
  }
}

const DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
/** minute, hour, day of month, month, day of week: bounds and names (robfig/cron's standard parser). */
const FIELDS: readonly [number, number, readonly string[]][] = [
  [0, 59, []],
  [0, 23, []],
  [1, 31, []],
  [1, 12, MONTHS],
  [0, 6, DAYS],
];

function cronFieldOk(field: string, [lo, hi, names]: (typeof FIELDS)[number], optional: boolean): boolean {
  const value = (s: string) => {
    const i = names.indexOf(s.toLowerCase());
    if (i !== -1) return i + lo;
    return /^\d+$/.test(s) ? Number(s) : NaN;
  };
  return field.split(',').every((part) => {
    const [range, step, extra] = part.split('/');
    if (extra !== undefined || (step !== undefined && !/^\d+$/.test(step)) || step === '0') return false;
    if (range === '*' || (optional && range === '?')) return true;
    const [a, b, more] = range.split('-');
    if (more !== undefined) return false;
    const from = value(a);
    const to = b === undefined ? from : value(b);
    return Number.isInteger(from) && Number.isInteger(to) && from >= lo && to <= hi && from <= to;
  });
}

/** Whether robfig/cron's standard parser (the CronJob controller's) reads the schedule. */
export function isCronSchedule(schedule: string): boolean {
  const s = schedule.trim();
  if (s.startsWith('@')) {
    if (DESCRIPTORS.includes(s)) return true;
    return /^@every\s+(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(s);
  }
  const fields = s.split(/\s+/);
  return fields.length === 5 && fields.every((f, i) => cronFieldOk(f, FIELDS[i], i === 2 || i === 4));
}

// batch validation.go: validateScheduleFormat, ValidateCronJobSpec.
export function checkCronJob(ctx: Ctx, o: Record<string, any>): void {
  const spec = o.spec;
  if (!isObject(spec)) return;
  if (typeof spec.schedule === 'string') {
    if (/^\s*(CRON_)?TZ=/.test(spec.schedule)) {
      ctx.report(
        'spec.schedule',
        `must not set a time zone (TZ= or CRON_TZ=): use spec.timeZone, got ${show(spec.schedule)}`,
        'cron-schedule',
      );
    } else if (!isCronSchedule(spec.schedule)) {
      ctx.report(
        'spec.schedule',
        `must be a cron schedule of five fields (minute hour day-of-month month day-of-week, such as "0 3 * * *") or a descriptor such as "@daily", got ${show(spec.schedule)}`,
        'cron-schedule',
      );
    }
  }
  checkJobSpec(ctx, 'spec.jobTemplate.spec', spec.jobTemplate?.spec);
}

// apps validation.go: ValidateRollingUpdateDaemonSet.
export function checkDaemonSetStrategy(ctx: Ctx, spec: Record<string, any>): void {
  const ru = spec.updateStrategy?.rollingUpdate;
  if (!isObject(ru)) return;
  for (const field of ['maxUnavailable', 'maxSurge']) {
    const problem = ru[field] === undefined ? undefined : intOrPercentProblem(ru[field]);
    if (problem) ctx.report(`spec.updateStrategy.rollingUpdate.${field}`, problem, 'workload');
  }
  const zero = (v: unknown) => v === 0 || v === '0%';
  // maxUnavailable defaults to 1 and maxSurge to 0.
  if (zero(ru.maxUnavailable) && (ru.maxSurge === undefined || zero(ru.maxSurge))) {
    ctx.report(
      'spec.updateStrategy.rollingUpdate.maxUnavailable',
      'may not be 0 when maxSurge is 0: the update could never start',
      'workload',
    );
  }
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** The keys each Secret type needs (validation.go: ValidateSecret). */
const SECRET_KEYS: Record<string, readonly string[]> = {
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
};

// validation.go: ValidateSecret; the JSON decoding of `data` ([]byte is base64).
export function checkSecret(ctx: Ctx, o: Record<string, any>): void {
  const keys = new Set<string>();
  for (const field of ['data', 'stringData']) {
    for (const [k, v] of entries(o[field])) {
      keys.add(k);
      if (!isConfigMapKey(k)) {
        ctx.report(
          key(field, k),
          `a key must consist of letters, digits, '-', '_' or '.' (not "." or ".."), got ${show(k)}`,
          'secret',
        );
      }
      if (field === 'data' && typeof v === 'string' && !BASE64.test(v.replace(/[\r\n]/g, ''))) {
        ctx.report(
          key(field, k),
          'must be base64 (the bytes of the value, encoded): use stringData for plain text',
          'secret',
        );
      }
    }
  }
  const needed = SECRET_KEYS[o.type] ?? [];
  for (const k of needed.filter((n) => !keys.has(n))) {
    ctx.report('data', `a Secret of type ${show(o.type)} must have the key ${show(k)}`, 'secret');
  }
  if (
    o.type === 'kubernetes.io/service-account-token' &&
    !o.metadata?.annotations?.['kubernetes.io/service-account.name']
  ) {
    ctx.report(
      'metadata.annotations',
      'a Secret of type "kubernetes.io/service-account-token" must have the annotation "kubernetes.io/service-account.name"',
      'secret',
    );
  }
}

// storage validation.go: ValidateStorageClass (Recycle is refused for classes).
export function checkStorageClass(ctx: Ctx, o: Record<string, any>): void {
  if (o.reclaimPolicy !== undefined && o.reclaimPolicy !== 'Delete' && o.reclaimPolicy !== 'Retain') {
    ctx.report(
      'reclaimPolicy',
      `must be "Delete" or "Retain" for a StorageClass, got ${show(o.reclaimPolicy)}`,
      'storage-class',
    );
  }
  if (typeof o.provisioner === 'string' && !isQualifiedName(o.provisioner.toLowerCase())) {
    ctx.report(
      'provisioner',
      `must be a qualified name such as "ebs.csi.aws.com", got ${show(o.provisioner)}`,
      'storage-class',
    );
  }
}

// scheduling validation.go: ValidatePriorityClass (HighestUserDefinablePriority).
const MAX_USER_PRIORITY = 1_000_000_000;
export function checkPriorityClass(ctx: Ctx, o: Record<string, any>): void {
  const name = o.metadata?.name;
  if (typeof name === 'string' && name.startsWith('system-')) return; // the API server's own
  if (isInt(o.value) && o.value > MAX_USER_PRIORITY) {
    ctx.report(
      'value',
      `must be at most ${MAX_USER_PRIORITY} (1e9) for a user-defined class, got ${o.value}`,
      'priority-class',
    );
  }
}

const cmp = (a: Quantity, b: Quantity) => (a.nano < b.nano ? -1 : a.nano > b.nano ? 1 : 0);

// validation.go: ValidateLimitRange.
export function checkLimitRange(ctx: Ctx, o: Record<string, any>): void {
  list(o.spec?.limits).forEach((l, i) => {
    if (!isObject(l)) return;
    const at = `spec.limits[${i}]`;
    const read = (field: string) => {
      const out = new Map<string, Quantity>();
      for (const [r, v] of entries(l[field])) {
        const q = checkQuantity(ctx, key(`${at}.${field}`, r), v);
        if (q) out.set(r, q);
      }
      return out;
    };
    const [min, max, def, defReq] = ['min', 'max', 'default', 'defaultRequest'].map(read);
    const pairs: [string, Map<string, Quantity>, string, Map<string, Quantity>][] = [
      ['min', min, 'max', max],
      ['min', min, 'default', def],
      ['min', min, 'defaultRequest', defReq],
      ['default', def, 'max', max],
      ['defaultRequest', defReq, 'max', max],
      ['defaultRequest', defReq, 'default', def],
    ];
    for (const [lowName, low, highName, high] of pairs) {
      for (const [r, q] of low) {
        const h = high.get(r);
        if (h && cmp(q, h) > 0) {
          ctx.report(
            key(`${at}.${highName}`, r),
            `${lowName} ${show(l[lowName][r])} of ${r} must not be greater than its ${highName} ${show(l[highName][r])}`,
            'limit-range',
          );
        }
      }
    }
  });
}

// validation.go: ValidateResourceQuota, validateResourceQuotaResourceName.
export function checkResourceQuota(ctx: Ctx, o: Record<string, any>): void {
  for (const field of ['hard', 'used']) {
    const where = field === 'hard' ? 'spec.hard' : 'status.used';
    const map = field === 'hard' ? o.spec?.hard : o.status?.used;
    for (const [r, v] of entries(map)) {
      if (!isQualifiedName(r)) {
        ctx.report(
          key(where, r),
          `a resource name must be a qualified name such as "requests.cpu", "pods" or "count/deployments.apps", got ${show(r)}`,
          'resource-quota',
        );
      }
      if (parseQuantityExact(v) === undefined) checkQuantity(ctx, key(where, r), v);
    }
  }
}
