import {
  canonicalQuantity,
  isConfigMapKey,
  isDnsSubdomain,
  isEnvVarName,
  isQualifiedName,
  parseQuantityExact,
} from '../../k8s-syntax';
import { Ctx, isObject, list, oneOf, show } from './context';
import { qualifiedNameRule } from './labels';

// RelaxedEnvironmentVariableValidation: beta (on) from 1.32, GA in 1.34.
const relaxedEnv = (ctx: Ctx) => ctx.target.minor >= 32;

function envNameProblem(ctx: Ctx, name: unknown): string | undefined {
  if (isEnvVarName(name, relaxedEnv(ctx))) return undefined;
  if (relaxedEnv(ctx)) return `must be printable ASCII characters other than '=', got ${show(name)}`;
  if (name === '.' || (typeof name === 'string' && name.startsWith('..'))) {
    return `must not be "." or start with "..", got ${show(name)}`;
  }
  return `must be a valid environment variable name (letters, digits, '_', '-', '.', not starting with a digit), got ${show(name)}`;
}

// validation.go: validEnvDownwardAPIFieldPathExpressions (status.hostIPs from 1.28).
const ENV_FIELD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.podIP',
  'status.podIPs',
];
// validation.go: validContainerResourceFieldPathExpressions (and the hugepages prefixes).
const RESOURCE_FIELDS = [
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
];
// validation.go: validContainerResourceDivisorForCPU / ForMemory (canonical forms).
const CPU_DIVISORS = ['1m', '1'];
const BYTE_DIVISORS = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];

/** A downward-API `fieldRef` (env vars, or with `volume` the files of a downwardAPI volume). */
// validation.go: validateObjectFieldSelector, podshelper.ConvertDownwardAPIFieldLabel,
// fieldpath.SplitMaybeSubscriptedPath.
export function checkFieldRef(
  ctx: Ctx,
  path: string,
  ref: Record<string, any>,
  rule: 'env' | 'volume-source',
  volume = false,
): void {
  if (ref.apiVersion !== undefined && ref.apiVersion !== 'v1') {
    ctx.report(`${path}.apiVersion`, `must be "v1" (the Pod API version), got ${show(ref.apiVersion)}`, rule);
  }
  const fieldPath = ref.fieldPath;
  if (typeof fieldPath !== 'string' || fieldPath === '') {
    ctx.report(`${path}.fieldPath`, 'is required', rule);
    return;
  }
  const subscripted = /^(.+)\['(.*)'\]$/.exec(fieldPath);
  if (subscripted) {
    const [, base, name] = subscripted;
    if (base !== 'metadata.labels' && base !== 'metadata.annotations') {
      ctx.report(
        `${path}.fieldPath`,
        `only metadata.labels and metadata.annotations take a ['key'] subscript, got ${show(fieldPath)}`,
        rule,
      );
    } else if (!isQualifiedName(base === 'metadata.annotations' ? name.toLowerCase() : name)) {
      ctx.report(
        `${path}.fieldPath`,
        `the key in ${show(fieldPath)} must be a label or annotation key (${qualifiedNameRule})`,
        rule,
      );
    }
    return;
  }
  const allowed = volume
    ? ['metadata.name', 'metadata.namespace', 'metadata.labels', 'metadata.annotations', 'metadata.uid']
    : ENV_FIELD_PATHS;
  const all = allowed.concat(volume || ctx.target.minor < 28 ? [] : ['status.hostIPs']);
  if (!all.includes(fieldPath)) {
    ctx.report(
      `${path}.fieldPath`,
      `must be ${oneOf(all)} or metadata.labels['<key>'] / metadata.annotations['<key>'], got ${show(fieldPath)}`,
      rule,
    );
  }
}

/** A `resourceFieldRef`: a resource of the container, and a divisor in its unit. */
// validation.go: validateContainerResourceFieldSelector, validateContainerResourceDivisor.
export function checkResourceFieldRef(
  ctx: Ctx,
  path: string,
  ref: Record<string, any>,
  rule: 'env' | 'volume-source',
  volume = false,
): void {
  if (volume && !ref.containerName) ctx.report(`${path}.containerName`, 'is required in a downwardAPI volume', rule);
  const resource = ref.resource;
  const hugePages = typeof resource === 'string' && /^(requests|limits)\.hugepages-/.test(resource);
  if (typeof resource !== 'string' || resource === '') {
    ctx.report(`${path}.resource`, 'is required', rule);
  } else if (!RESOURCE_FIELDS.includes(resource) && !hugePages) {
    ctx.report(
      `${path}.resource`,
      `must be ${oneOf(RESOURCE_FIELDS)} or requests./limits.hugepages-<size>, got ${show(resource)}`,
      rule,
    );
  }
  if (ref.divisor === undefined) return;
  const divisor = parseQuantityExact(ref.divisor);
  if (!divisor) {
    ctx.report(`${path}.divisor`, `must be a quantity, got ${show(ref.divisor)}`, rule);
    return;
  }
  if (divisor.nano === 0n || typeof resource !== 'string') return; // a zero divisor means "unset"
  const allowed = resource.endsWith('.cpu') ? CPU_DIVISORS : BYTE_DIVISORS;
  const canonical = canonicalQuantity(divisor);
  if (!allowed.includes(canonical)) {
    ctx.report(
      `${path}.divisor`,
      `must be ${oneOf(allowed)} for ${resource}, got ${show(ref.divisor)} (${canonical})`,
      rule,
    );
  }
}

// validation.go: validateConfigMapKeySelector, validateSecretKeySelector.
function checkKeySelector(ctx: Ctx, path: string, ref: Record<string, any>, what: string): void {
  if (!isDnsSubdomain(ref.name)) {
    ctx.report(`${path}.name`, `must name a ${what} (a DNS subdomain), got ${show(ref.name)}`, 'env');
  }
  if (!isConfigMapKey(ref.key)) {
    ctx.report(
      `${path}.key`,
      `must be a ${what} key (at most 253 letters, digits, '-', '_' or '.', not "." or starting with ".."), got ${show(ref.key)}`,
      'env',
    );
  }
}

const SOURCES = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'];

/** A container's `env`. */
// validation.go: ValidateEnv, validateEnvVarValueFrom.
export function checkEnv(ctx: Ctx, path: string, env: unknown): void {
  list(env).forEach((e, i) => {
    if (!isObject(e)) return;
    const at = `${path}[${i}]`;
    const problem = envNameProblem(ctx, e.name);
    if (problem) ctx.report(`${at}.name`, problem, 'env');
    if (!isObject(e.valueFrom)) return;
    const from = e.valueFrom;
    const sources = SOURCES.filter((s) => from[s] !== undefined && from[s] !== null);
    if (sources.length === 0) ctx.report(`${at}.valueFrom`, `must set one of ${oneOf(SOURCES)}`, 'env');
    else if (typeof e.value === 'string' && e.value !== '')
      ctx.report(`${at}.valueFrom`, 'may not be set together with a non-empty value', 'env');
    else if (sources.length > 1)
      ctx.report(`${at}.valueFrom`, `must set exactly one source, got ${sources.join(', ')}`, 'env');
    if (isObject(from.fieldRef)) checkFieldRef(ctx, `${at}.valueFrom.fieldRef`, from.fieldRef, 'env');
    if (isObject(from.resourceFieldRef))
      checkResourceFieldRef(ctx, `${at}.valueFrom.resourceFieldRef`, from.resourceFieldRef, 'env');
    if (isObject(from.configMapKeyRef))
      checkKeySelector(ctx, `${at}.valueFrom.configMapKeyRef`, from.configMapKeyRef, 'ConfigMap');
    if (isObject(from.secretKeyRef)) checkKeySelector(ctx, `${at}.valueFrom.secretKeyRef`, from.secretKeyRef, 'Secret');
  });
}

// apimachinery validation: NameIsDNSSubdomain(name, prefix=true) masks one trailing '-'.
const isNamePrefix = (name: unknown) =>
  typeof name === 'string' && isDnsSubdomain(name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name);

/** A container's `envFrom`. */
// validation.go: ValidateEnvFrom, validateConfigMapEnvSource, validateSecretEnvSource.
export function checkEnvFrom(ctx: Ctx, path: string, envFrom: unknown): void {
  list(envFrom).forEach((e, i) => {
    if (!isObject(e)) return;
    const at = `${path}[${i}]`;
    if (e.prefix !== undefined && e.prefix !== '') {
      const problem = envNameProblem(ctx, e.prefix);
      if (problem) ctx.report(`${at}.prefix`, problem, 'env-from');
    }
    const sources = ['configMapRef', 'secretRef'].filter((s) => isObject(e[s]));
    if (sources.length !== 1) {
      ctx.report(
        at,
        `must set exactly one of configMapRef and secretRef, got ${sources.length === 0 ? 'neither' : 'both'}`,
        'env-from',
      );
    }
    for (const s of sources) {
      if (!isNamePrefix(e[s].name))
        ctx.report(
          `${at}.${s}.name`,
          `must name a ${s === 'secretRef' ? 'Secret' : 'ConfigMap'} (a DNS subdomain), got ${show(e[s].name)}`,
          'env-from',
        );
    }
  });
}
