/**
 * Checks on single prop values, with messages in one style:
 * `'<prop>' <what is wrong>, got <value>` (the prop in quotes, the value, what is allowed).
 *
 * Each check returns a message or `undefined`, so the caller can collect every
 * problem of a props object and report them together.
 */

/** Thrown for invalid props: every problem found, one per line. */
export class StatefulServiceError extends Error {
  public constructor(
    /** Where the construct is (its construct path), for the message. */
    public readonly constructPath: string,
    /** One message per problem, in prop order. */
    public readonly problems: readonly string[],
  ) {
    super(`Invalid props for StatefulService at '${constructPath}':\n  - ${problems.join('\n  - ')}`);
    this.name = 'StatefulServiceError';
  }
}

export type Check = string | undefined;

/**
 * For a prop left to its default, derived from another prop: says where the bad value
 * came from, so the user knows which prop to set.
 */
export function fromDefault(c: Check, prop: string, source: string): Check {
  return c === undefined ? undefined : `${c} (the default, from '${source}'; set '${prop}' explicitly)`;
}

export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
// Kubernetes 1.27 env var names (C identifier plus '-' and '.'), as the API server checks them.
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
// A container image reference: [registry/]path[:tag][@digest] (distribution/reference grammar).
// The first part is a registry only if it has a '.' or a port, or is localhost; else it is a path.
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?';
const REGISTRY = `(?:(?:localhost|${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})+)(?::[0-9]+)?|${DOMAIN_COMPONENT}:[0-9]+)`;
const IMAGE = new RegExp(
  `^(?:${REGISTRY}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*` +
    '(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?' +
    '(?:@[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,})?$',
);
// A Kubernetes quantity: a decimal number with an optional binary, decimal or exponent suffix.
const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

/** RFC 1123 label (StatefulSet, container, volume and namespace names). */
export function isDnsLabel(value: unknown, maxLength = 63): value is string {
  return typeof value === 'string' && value.length <= maxLength && DNS1123_LABEL.test(value);
}

/** RFC 1035 label (Service names: must start with a letter). */
export function isServiceName(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 63 && DNS1035_LABEL.test(value);
}

/** RFC 1123 subdomain (most object names). */
export function isDnsSubdomain(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 253 && value.split('.').every((part) => DNS1123_LABEL.test(part));
}

/** A label or annotation key: an optional DNS subdomain prefix and '/', then a name of at most 63 characters. */
export function isLabelKey(key: unknown): key is string {
  if (typeof key !== 'string') return false;
  const slash = key.lastIndexOf('/');
  const prefixOk = slash < 0 || isDnsSubdomain(key.slice(0, slash));
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  return prefixOk && name.length <= 63 && LABEL_NAME.test(name);
}

export function isLabelValue(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 63 && (value === '' || LABEL_NAME.test(value));
}

const IANA_SVC_NAME = /^(?=.{1,15}$)(?=.*[a-z])[a-z0-9]+(-[a-z0-9]+)*$/;

/** An IANA service name (container and Service port names): at most 15 characters, a letter, no '--'. */
export function isPortName(value: unknown): value is string {
  return typeof value === 'string' && IANA_SVC_NAME.test(value);
}

/** An IPv4 or IPv6 CIDR such as `10.0.0.0/8` or `2001:db8::/32`. */
export function isCidr(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
  if (v4) return v4.slice(1, 5).every((o) => Number(o) <= 255) && Number(v4[5]) <= 32;
  const v6 = /^([0-9a-fA-F:]+)\/(\d{1,3})$/.exec(value);
  return !!v6 && v6[1].includes(':') && (v6[1].match(/::/g) ?? []).length <= 1 && Number(v6[2]) <= 128;
}

export function isEnvName(value: unknown): value is string {
  return typeof value === 'string' && ENV_NAME.test(value);
}

export function isImageReference(value: unknown): value is string {
  return typeof value === 'string' && IMAGE.test(value);
}

/** Whether an image is pinned: by digest, or by a tag other than `latest`. */
export function isImagePinned(image: unknown): boolean {
  if (typeof image !== 'string') return false;
  if (image.includes('@')) return true;
  const lastPart = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastPart.lastIndexOf(':');
  return colon > 0 && lastPart.slice(colon + 1) !== 'latest';
}

/** RFC 1123 label: what Kubernetes requires of StatefulSet, container, volume and namespace names. */
export function checkDnsLabel(prop: string, value: unknown, maxLength = 63, why = ''): Check {
  if (!isDnsLabel(value, maxLength)) {
    return `'${prop}' must be a DNS label (lowercase letters, digits and '-', starting and ending with a letter or digit, at most ${maxLength} characters${why}), got ${show(value)}`;
  }
  return undefined;
}

/** RFC 1035 label: what Kubernetes requires of Service names (must start with a letter). */
export function checkServiceName(prop: string, value: unknown): Check {
  if (!isServiceName(value)) {
    return `'${prop}' must be a Service name: a DNS-1035 label (lowercase letters, digits and '-', starting with a letter, ending with a letter or digit, at most 63 characters), got ${show(value)}`;
  }
  return undefined;
}

/** RFC 1123 subdomain: what Kubernetes requires of most object names (PersistentVolumes, claims). */
export function checkDnsSubdomain(prop: string, value: unknown): Check {
  if (!isDnsSubdomain(value)) {
    return `'${prop}' must be a DNS subdomain (lowercase letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit, at most 253 characters), got ${show(value)}`;
  }
  return undefined;
}

export function checkInteger(prop: string, value: unknown, min: number, max: number): Check {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
    return `'${prop}' must be an integer ${range}, got ${show(value)}`;
  }
  return undefined;
}

export function checkPort(prop: string, value: unknown): Check {
  return checkInteger(prop, value, 1, 65535);
}

/** Parses a Kubernetes quantity to a number of base units, or `undefined` if it is not one. */
export function parseQuantity(value: string): number | undefined {
  const m = QUANTITY.exec(value);
  if (!m) return undefined;
  const [, sign, digits, suffix = ''] = m;
  const binary: Record<string, number> = {
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
    Pi: 2 ** 50,
    Ei: 2 ** 60,
  };
  const decimal: Record<string, number> = {
    n: 1e-9,
    u: 1e-6,
    m: 1e-3,
    '': 1,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    P: 1e15,
    E: 1e18,
  };
  let factor: number;
  if (suffix in binary) factor = binary[suffix];
  else if (suffix in decimal) factor = decimal[suffix];
  else factor = 10 ** Number(suffix.slice(1));
  const n = Number(digits) * factor;
  return sign === '-' ? -n : n;
}

/** A storage size: a positive Kubernetes quantity of bytes such as `10Mi` or `1Gi`. */
export function checkStorageSize(prop: string, value: unknown): Check {
  const bytes = typeof value === 'string' ? parseQuantity(value) : undefined;
  if (bytes === undefined || !(bytes >= 1)) {
    return `'${prop}' must be a positive Kubernetes quantity of bytes such as "10Mi", "1Gi" or "500M", got ${show(value)}`;
  }
  return undefined;
}

export function checkAbsolutePath(prop: string, value: unknown): Check {
  const ok =
    typeof value === 'string' &&
    value.startsWith('/') &&
    value !== '/' &&
    !/[\s:]/.test(value) &&
    !value.split('/').some((part) => part === '..' || part === '.');
  if (!ok) {
    return `'${prop}' must be an absolute path other than "/" (no '.' or '..' parts, no ':' or white space), got ${show(value)}`;
  }
  return undefined;
}

export function checkEnvName(prop: string, value: string): Check {
  if (!isEnvName(value)) {
    return `'${prop}' has an invalid environment variable name ${show(value)}: names must consist of letters, digits, '_', '-' and '.', and must not start with a digit`;
  }
  return undefined;
}

export function checkImage(prop: string, value: unknown): Check {
  if (!isImageReference(value)) {
    return `'${prop}' must be a container image reference such as "k8spatterns/random-generator:1.0" (lowercase repository, optional registry, tag and digest, no spaces), got ${show(value)}`;
  }
  return undefined;
}

/** A label key: an optional DNS subdomain prefix and '/', then a name of at most 63 characters. */
export function checkLabelKey(prop: string, key: string): Check {
  if (!isLabelKey(key)) {
    return `'${prop}' has an invalid label key ${show(key)}: a key is an optional DNS subdomain prefix and '/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`;
  }
  return undefined;
}

export function checkLabelValue(prop: string, value: unknown): Check {
  if (!isLabelValue(value)) {
    return `'${prop}' must be a label value (empty, or at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit), got ${show(value)}`;
  }
  return undefined;
}

export function checkOneOf<T extends string>(prop: string, value: unknown, allowed: readonly T[]): Check {
  if (!allowed.includes(value as T)) {
    return `'${prop}' must be one of ${allowed.map((a) => show(a)).join(', ')}, got ${show(value)}`;
  }
  return undefined;
}

/** A positive Kubernetes quantity (CPU or memory). */
export function checkPositiveQuantity(prop: string, value: unknown, example: string): Check {
  const n = typeof value === 'string' ? parseQuantity(value) : undefined;
  if (n === undefined || !(n > 0)) {
    return `'${prop}' must be a positive Kubernetes quantity such as ${show(example)}, got ${show(value)}`;
  }
  return undefined;
}
