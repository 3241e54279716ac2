import { show } from './problems';

/**
 * The construct's checks of single prop values, from the Kubernetes API rules they
 * stand for (k8s.io/apimachinery/pkg/util/validation/validation.go unless noted). The
 * command-line validator has its own, separately written predicates (src/cli), so a
 * rule that is wrong in one is caught by the other.
 *
 * Each returns a message or `undefined`, so callers collect every problem at once.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
// Kubernetes 1.27 env var names (IsEnvVarName: C identifiers plus '-' and '.').
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
// ConfigMap and Secret keys (IsConfigMapKey).
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
// An image reference: [registry/]path[:tag][@digest] (distribution/reference grammar).
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?';
const REGISTRY = `(?:(?:localhost|${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})+)(?::[0-9]+)?|${DOMAIN_COMPONENT}:[0-9]+)`;
const IMAGE = new RegExp(
  `^(?:${REGISTRY}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*` +
    '(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?' +
    '(?:@[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,})?$',
);
const MAX_INT32 = 2 ** 31 - 1;

export function isDnsLabel(value: unknown, maxLength = 63): value is string {
  return typeof value === 'string' && value.length <= maxLength && DNS1123_LABEL.test(value);
}

export function isDnsSubdomain(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 253 && value.split('.').every((part) => DNS1123_LABEL.test(part));
}

/** IsQualifiedName: `[DNS subdomain prefix/]name`, the name at most 63 characters. */
export function isQualifiedName(key: unknown): key is string {
  if (typeof key !== 'string') return false;
  const slash = key.indexOf('/');
  if (slash !== key.lastIndexOf('/')) return false;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  return (slash < 0 || isDnsSubdomain(key.slice(0, slash))) && name.length <= 63 && QUALIFIED_NAME.test(name);
}

export function isLabelValue(value: unknown): value is string {
  return typeof value === 'string' && (value === '' || (value.length <= 63 && QUALIFIED_NAME.test(value)));
}

/** IsValidPortName: an IANA service name, at most 15 characters, a letter, no "--". */
export function isPortName(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length <= 15 &&
    /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(value) &&
    /[a-z]/.test(value) &&
    !value.includes('--')
  );
}

/** Whether an image is pinned: by digest, or by a tag other than `latest`. */
export function isImagePinned(image: unknown): boolean {
  if (typeof image !== 'string') return false;
  if (image.includes('@')) return true;
  const lastPart = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastPart.lastIndexOf(':');
  return colon > 0 && lastPart.slice(colon + 1) !== 'latest';
}

export function checkDnsLabel(prop: string, value: unknown, maxLength = 63, why = ''): string | undefined {
  if (isDnsLabel(value, maxLength)) return undefined;
  return `'${prop}' must be a DNS label (lowercase letters, digits and '-', starting and ending with a letter or digit, at most ${maxLength} characters${why}), got ${show(value)}`;
}

/** DNS-1035 label: what Service names must be (they start with a letter). */
export function checkServiceName(prop: string, value: unknown): string | undefined {
  if (typeof value === 'string' && value.length <= 63 && DNS1035_LABEL.test(value)) return undefined;
  return `'${prop}' must be a Service name: a DNS-1035 label (lowercase letters, digits and '-', starting with a letter, ending with a letter or digit, at most 63 characters), got ${show(value)}`;
}

export function checkDnsSubdomain(prop: string, value: unknown): string | undefined {
  if (isDnsSubdomain(value)) return undefined;
  return `'${prop}' must be a DNS subdomain (lowercase letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit, at most 253 characters), got ${show(value)}`;
}

export function checkInteger(prop: string, value: unknown, min: number, max = MAX_INT32): string | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return undefined;
  return `'${prop}' must be an integer from ${min} to ${max}, got ${show(value)}`;
}

export function checkPortNumber(prop: string, value: unknown): string | undefined {
  return checkInteger(prop, value, 1, 65535);
}

export function checkPortName(prop: string, value: unknown): string | undefined {
  if (isPortName(value)) return undefined;
  return `'${prop}' must be a port name (an IANA service name: at most 15 lowercase letters, digits and '-', with at least one letter, no "--"), got ${show(value)}`;
}

export function checkString(prop: string, value: unknown, what = 'a non-empty string'): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return undefined;
  return `'${prop}' must be ${what}, got ${show(value)}`;
}

/** A list of non-empty strings (commands, arguments). */
export function checkStringList(prop: string, value: unknown, allowEmpty: boolean): string | undefined {
  if (Array.isArray(value) && value.every((v) => typeof v === 'string') && (allowEmpty || value.length > 0)) {
    return undefined;
  }
  return `'${prop}' must be a ${allowEmpty ? '' : 'non-empty '}list of strings, got ${show(value)}`;
}

export function checkLabelKey(prop: string, key: unknown): string | undefined {
  if (isQualifiedName(key)) return undefined;
  return `'${prop}' has an invalid key ${show(key)}: a key is an optional DNS subdomain prefix and '/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`;
}

export function checkLabelValue(prop: string, value: unknown): string | undefined {
  if (isLabelValue(value)) return undefined;
  return `'${prop}' must be a label value (empty, or at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit), got ${show(value)}`;
}

export function checkEnvName(prop: string, value: unknown): string | undefined {
  if (typeof value === 'string' && ENV_NAME.test(value)) return undefined;
  return `'${prop}' has an invalid environment variable name ${show(value)}: names consist of letters, digits, '_', '-' and '.', and do not start with a digit`;
}

export function checkConfigKey(prop: string, value: unknown): string | undefined {
  if (typeof value === 'string' && value.length <= 253 && CONFIG_KEY.test(value) && value !== '.' && value !== '..') {
    return undefined;
  }
  return `'${prop}' must be a ConfigMap or Secret key (letters, digits, '-', '_' and '.', not "." or "..", at most 253 characters), got ${show(value)}`;
}

export function checkImage(prop: string, value: unknown): string | undefined {
  if (typeof value === 'string' && IMAGE.test(value)) return undefined;
  return `'${prop}' must be a container image reference such as "k8spatterns/random-generator:1.0" (lowercase repository, optional registry, tag and digest, no spaces), got ${show(value)}`;
}

/**
 * An absolute path other than "/" without '.' or '..' parts (mount paths; the API
 * server rejects '..' parts, and a '.' part or a trailing '/' names the same directory
 * as a cleaner path, which hides a clash).
 */
export function checkAbsolutePath(prop: string, value: unknown): string | undefined {
  const ok =
    typeof value === 'string' &&
    value.startsWith('/') &&
    value !== '/' &&
    !value.endsWith('/') &&
    !value.includes('//') &&
    !/[\s:]/.test(value) &&
    !value.split('/').some((part) => part === '..' || part === '.');
  if (ok) return undefined;
  return `'${prop}' must be an absolute path other than "/" (no '.' or '..' parts, no empty parts or trailing '/', no ':' or white space), got ${show(value)}`;
}

/** A relative path without '..' parts (subPath, items' paths: validateLocalDescendingPath). */
export function checkRelativePath(prop: string, value: unknown): string | undefined {
  const ok =
    typeof value === 'string' &&
    value !== '' &&
    !value.startsWith('/') &&
    !value.split('/').some((part) => part === '..') &&
    !/[\s:]/.test(value);
  if (ok) return undefined;
  return `'${prop}' must be a relative path inside the volume (not starting with '/', no '..' parts, no ':' or white space), got ${show(value)}`;
}

/** A key-value map (labels, annotations, node selectors) given as an object of strings. */
export function entriesOf(prop: string, value: unknown, report: (m: string) => void): Array<[string, string]> {
  if (value === undefined) return [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    report(`'${prop}' must be a map of strings, got ${show(value)}`);
    return [];
  }
  const entries = Object.entries(value as Record<string, unknown>);
  const bad = entries.find(([, v]) => typeof v !== 'string');
  if (bad) {
    report(`'${prop}.${bad[0]}' must be a string, got ${show(bad[1])}`);
    return [];
  }
  return entries as Array<[string, string]>;
}

/** Labels: valid keys and values. */
export function checkLabels(prop: string, value: unknown, report: (m: string) => void): Array<[string, string]> {
  const entries = entriesOf(prop, value, report);
  for (const [k, v] of entries) {
    const a = checkLabelKey(prop, k);
    if (a) report(a);
    const b = checkLabelValue(`${prop}.${k}`, v);
    if (b) report(b);
  }
  return entries;
}

// apimachinery objectmeta.go: TotalAnnotationSizeLimitB.
const ANNOTATIONS_MAX_BYTES = 256 * 1024;

/** Annotations: valid keys, and at most 256 KiB of keys and values together. */
export function checkAnnotations(prop: string, value: unknown, report: (m: string) => void): Array<[string, string]> {
  const entries = entriesOf(prop, value, report);
  let bytes = 0;
  for (const [k, v] of entries) {
    const a = checkLabelKey(prop, k);
    if (a) report(a);
    bytes += Buffer.byteLength(k) + Buffer.byteLength(v);
  }
  if (bytes > ANNOTATIONS_MAX_BYTES) {
    report(`'${prop}' must total at most 256 KiB (keys and values), got ${bytes} bytes`);
  }
  return entries;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** An IPv4 address in dotted decimal, without leading zeros (which some parsers read as octal). */
function isIpv4(value: string): boolean {
  return IPV4.test(value);
}

/** An IPv6 address as Go's net.ParseIP reads it: hex groups, one optional '::', an optional trailing IPv4. */
function isIpv6(value: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(value) || !value.includes(':')) return false;
  const halves = value.split('::');
  if (halves.length > 2) return false;
  let groups = 0;
  for (const [h, half] of halves.entries()) {
    if (half === '') continue;
    const parts = half.split(':');
    for (const [i, part] of parts.entries()) {
      const last = h === halves.length - 1 && i === parts.length - 1;
      if (last && part.includes('.')) {
        if (!isIpv4(part)) return false;
        groups += 2;
      } else if (!/^[0-9a-fA-F]{1,4}$/.test(part)) {
        return false;
      } else {
        groups += 1;
      }
    }
  }
  return halves.length === 2 ? groups < 8 : groups === 8;
}

/** A CIDR such as `10.0.0.0/8`, `2001:db8::/32` or `::ffff:192.0.2.0/120`. */
export function isCidr(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const slash = value.indexOf('/');
  if (slash < 0) return false;
  const address = value.slice(0, slash);
  const prefix = value.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefix)) return false;
  if (isIpv4(address)) return Number(prefix) <= 32;
  return isIpv6(address) && Number(prefix) <= 128;
}
