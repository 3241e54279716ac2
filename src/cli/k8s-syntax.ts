/**
 * Syntax predicates of the Kubernetes API, written for the command-line tools from the
 * upstream source (k8s.io/apimachinery/pkg/util/validation/validation.go and ip.go,
 * k8s.io/apimachinery/pkg/api/resource/quantity.go, k8s.io/utils/net/parse.go and Go's
 * net/netip parsers), independently of the construct's own prop checks: a rule wrong in
 * one place is caught by the other.
 */

// validation.go: dns1123LabelFmt.
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
// validation.go: dns1123LabelFmtWithUnderscore (relaxed DNS search paths, 1.32+).
const DNS1123_LABEL_UNDERSCORE = /^_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;
// validation.go: dns1035LabelFmt.
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
// validation.go (content.IsLabelKey): qualifiedNameFmt, the name part of keys and label values.
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
// validation.go: envVarNameFmt (IsEnvVarName).
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
// validation.go: configMapKeyFmt (IsConfigMapKey).
const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;
// validation.go: IsValidPortName (IANA_SVC_NAME).
const PORT_NAME = /^[-a-z0-9]+$/;
// validation.go: percentFmt (IsValidPercent).
const PERCENT = /^[0-9]+%$/;

/** IsDNS1123Label: a DNS label of at most `max` (63) characters. */
export function isDnsLabel(value: unknown, max = 63): value is string {
  return typeof value === 'string' && value.length <= max && DNS1123_LABEL.test(value);
}

/** IsDNS1035Label: what Service names must be (a DNS label starting with a letter). */
export function isServiceName(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 63 && DNS1035_LABEL.test(value);
}

/** IsDNS1123Subdomain: what most object names must be. */
export function isDnsSubdomain(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 253 && value.split('.').every((part) => DNS1123_LABEL.test(part));
}

/** IsDNS1123SubdomainWithUnderscore: DNS search paths once RelaxedDNSSearchValidation is on. */
export function isDnsSubdomainWithUnderscore(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length <= 253 &&
    value.split('.').every((part) => DNS1123_LABEL_UNDERSCORE.test(part))
  );
}

/** IsQualifiedName: `[prefix/]name`, what label keys, annotation keys and many names must be. */
export function isQualifiedName(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const parts = value.split('/');
  if (parts.length > 2) return false;
  if (parts.length === 2 && (parts[0] === '' || !isDnsSubdomain(parts[0]))) return false;
  const name = parts[parts.length - 1];
  return name.length <= 63 && QUALIFIED_NAME.test(name);
}

/** IsValidLabelValue: empty, or a qualified name (without prefix) of at most 63 characters. */
export function isLabelValue(value: unknown): value is string {
  return typeof value === 'string' && (value === '' || (value.length <= 63 && QUALIFIED_NAME.test(value)));
}

/** IsValidPortName: at most 15 of `[-a-z0-9]`, at least one letter, no '--', no '-' at either end. */
export function isPortName(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length <= 15 &&
    PORT_NAME.test(value) &&
    /[a-z]/.test(value) &&
    !value.includes('--') &&
    !value.startsWith('-') &&
    !value.endsWith('-')
  );
}

/** IsValidPortNum: 1 to 65535. */
export function isPortNumber(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65535;
}

// validation.go: hasChDirPrefix, shared by env names and ConfigMap keys.
const isChDir = (value: string) => value === '.' || value.startsWith('..');

/**
 * IsEnvVarName, or IsRelaxedEnvVarName when `relaxed` (RelaxedEnvironmentVariableValidation:
 * beta from 1.32, GA in 1.34): any printable ASCII but '='.
 */
export function isEnvVarName(value: unknown, relaxed = false): value is string {
  if (typeof value !== 'string') return false;
  if (relaxed) return value !== '' && /^[\x20-\x3c\x3e-\x7e]+$/.test(value);
  return ENV_VAR_NAME.test(value) && !isChDir(value);
}

/** IsConfigMapKey: the keys of ConfigMaps and Secrets, and the keys that env vars select. */
export function isConfigMapKey(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 253 && CONFIG_MAP_KEY.test(value) && !isChDir(value);
}

/** IsValidPercent: digits then '%'. */
export function isPercent(value: unknown): value is string {
  return typeof value === 'string' && PERCENT.test(value);
}

/** validatePathNoBacksteps: whether a path has a `..` element. */
export function hasBackstep(path: string): boolean {
  return path.split('/').includes('..');
}

/**
 * The directory a container sees for a mount path: the kubelet makes relative paths
 * absolute (makeMounts, volumeutil.MakeAbsolutePath), and the kernel ignores empty and
 * `.` elements and trailing slashes.
 */
export function normalizeMountPath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

// --- Quantities (resource.ParseQuantity) -------------------------------------------

/** How a quantity is written, which decides its canonical form (quantity.go: Format). */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** A parsed quantity: its exact value in nano-units (rounded up, as upstream) and its format. */
export interface Quantity {
  readonly nano: bigint;
  readonly format: QuantityFormat;
}

// quantity.go: parseQuantityString. Sign, digits, optional fraction, then a suffix made of
// suffix letters and an optional signed exponent. `1.`, `.5` and even `-` (zero) parse.
const QUANTITY = /^([+-]?)(\d*)(?:\.(\d*))?([eEinumkKMGTP]*[+-]?\d*)$/;
const BINARY_SUFFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const NANO = 10n ** 9n;

// quantity.go: suffixer.interpret.
function interpretSuffix(suffix: string): { format: QuantityFormat; base2: number; exp10: number } | undefined {
  const binary = BINARY_SUFFIXES.indexOf(suffix);
  if (suffix !== '' && binary > 0) return { format: 'BinarySI', base2: 10 * binary, exp10: 0 };
  if (suffix in DECIMAL_SUFFIXES) return { format: 'DecimalSI', base2: 0, exp10: DECIMAL_SUFFIXES[suffix] };
  const exponent = /^[eE]([+-]?\d+)$/.exec(suffix);
  // An exponent too large for int32 arithmetic is not a quantity anyone means.
  if (exponent && Math.abs(Number(exponent[1])) <= 1000)
    return { format: 'DecimalExponent', base2: 0, exp10: Number(exponent[1]) };
  return undefined;
}

/** resource.ParseQuantity: the exact value, or `undefined` when it is not a quantity. */
export function parseQuantityExact(value: unknown): Quantity | undefined {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string' || text === '') return undefined;
  const match = QUANTITY.exec(text);
  if (!match) return undefined;
  const [, sign, whole, fraction = '', suffix] = match;
  const unit = interpretSuffix(suffix);
  if (!unit) return undefined;
  let numerator = BigInt(`${whole}${fraction}` || '0') * 2n ** BigInt(unit.base2);
  let denominator = 10n ** BigInt(fraction.length);
  const scale = unit.exp10 + 9;
  if (scale >= 0) numerator *= 10n ** BigInt(scale);
  else denominator *= 10n ** BigInt(-scale);
  // Precision below a nano-unit is rounded up, away from zero (quantity.go: ParseQuantity).
  const nano = (numerator + denominator - 1n) / denominator;
  return { nano: sign === '-' ? -nano : nano, format: unit.format };
}

/** resource.ParseQuantity, to a number of base units; `undefined` when it is not a quantity. */
export function parseQuantity(value: unknown): number | undefined {
  const q = parseQuantityExact(value);
  return q === undefined ? undefined : Number(q.nano) / 1e9;
}

/** Quantity.Value(): the whole number of base units, rounded up. */
export function quantityValue(q: Quantity): bigint {
  return q.nano >= 0n ? (q.nano + NANO - 1n) / NANO : q.nano / NANO;
}

/** Whether the quantity is a whole number of base units (no `100m` bytes). */
export function isWholeQuantity(q: Quantity): boolean {
  return q.nano % NANO === 0n;
}

/** Quantity.String(): the canonical form, e.g. `1000m` → `1`, `1024Mi` → `1Gi`, `1e3` → `1e3`. */
export function canonicalQuantity(q: Quantity): string {
  const sign = q.nano < 0n ? '-' : '';
  const nano = q.nano < 0n ? -q.nano : q.nano;
  if (nano === 0n) return '0';
  // A binary quantity below 1024 or with a fraction prints in decimal, not to lose precision.
  if (q.format === 'BinarySI' && nano >= 1024n * NANO && nano % NANO === 0n) {
    let value = nano / NANO;
    let power = 0;
    while (power < BINARY_SUFFIXES.length - 1 && value % 1024n === 0n) {
      value /= 1024n;
      power++;
    }
    return `${sign}${value}${BINARY_SUFFIXES[power]}`;
  }
  let mantissa = nano;
  let exponent = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  const shift = ((exponent % 3) + 3) % 3;
  mantissa *= 10n ** BigInt(shift);
  exponent -= shift;
  if (q.format === 'DecimalExponent') return `${sign}${mantissa}${exponent === 0 ? '' : `e${exponent}`}`;
  if (exponent > 18) {
    mantissa *= 10n ** BigInt(exponent - 18);
    exponent = 18;
  }
  const suffix = Object.keys(DECIMAL_SUFFIXES).find((s) => DECIMAL_SUFFIXES[s] === exponent) ?? '';
  return `${sign}${mantissa}${suffix}`;
}

// --- IP addresses and CIDRs (net.ParseIP / net.ParseCIDR via netutils.*Sloppy) ------

/** A parsed IP address as 16 bytes (IPv4 as IPv4-mapped IPv6, as Go stores it). */
export interface IpAddress {
  readonly bytes: readonly number[];
  /** Written as IPv4 (`1.2.3.4`), so a CIDR on it counts 32 bits. */
  readonly v4: boolean;
  /** Written as IPv4-mapped IPv6 (`::ffff:1.2.3.4`). */
  readonly v4InV6: boolean;
}

// netip.parseIPv4: four decimal octets up to 255, no leading zeros.
function parseIPv4Octets(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const octets = parts.map((p) => (/^(0|[1-9]\d{0,2})$/.test(p) ? Number(p) : 256));
  return octets.every((o) => o <= 255) ? octets : undefined;
}

// netip.parseIPv6: up to eight groups of 1 to 4 hex digits, one `::` standing for at least
// one zero group, an optional dotted IPv4 in place of the last two groups; no zone.
function parseIPv6Bytes(s: string): number[] | undefined {
  const bytes: number[] = [];
  let ellipsis = -1;
  let rest = s;
  if (rest.startsWith('::')) {
    ellipsis = 0;
    rest = rest.slice(2);
    if (rest === '') return new Array<number>(16).fill(0);
  }
  while (bytes.length < 16) {
    const group = /^[0-9a-fA-F]{1,4}/.exec(rest)?.[0];
    if (!group || /^[0-9a-fA-F]/.test(rest.slice(group.length))) return undefined;
    if (rest[group.length] === '.') {
      if ((ellipsis < 0 && bytes.length !== 12) || bytes.length > 12) return undefined;
      const v4 = parseIPv4Octets(rest);
      if (!v4) return undefined;
      bytes.push(...v4);
      rest = '';
      break;
    }
    const value = parseInt(group, 16);
    bytes.push(value >> 8, value & 0xff);
    rest = rest.slice(group.length);
    if (rest === '') break;
    if (rest[0] !== ':' || rest.length === 1) return undefined;
    rest = rest.slice(1);
    if (rest[0] === ':') {
      if (ellipsis >= 0) return undefined;
      ellipsis = bytes.length;
      rest = rest.slice(1);
      if (rest === '') break;
    }
  }
  if (rest !== '') return undefined;
  if (bytes.length < 16) {
    if (ellipsis < 0) return undefined;
    bytes.splice(ellipsis, 0, ...new Array<number>(16 - bytes.length).fill(0));
  } else if (ellipsis >= 0) {
    return undefined;
  }
  return bytes;
}

const V4_IN_V6_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

// netip.ParseAddr: the first '.' or ':' decides the family.
function parseAddress(s: string): IpAddress | undefined {
  const special = /[.:]/.exec(s)?.[0];
  if (special === '.') {
    const v4 = parseIPv4Octets(s);
    return v4 && { bytes: [...V4_IN_V6_PREFIX, ...v4], v4: true, v4InV6: false };
  }
  if (special !== ':') return undefined;
  const bytes = parseIPv6Bytes(s);
  return bytes && { bytes, v4: false, v4InV6: V4_IN_V6_PREFIX.every((b, i) => bytes[i] === b) };
}

// netutils.ParseCIDRSloppy / ParseIPSloppy: retry with the leading zeros of a trailing
// dotted quad (and of a prefix length after it) removed.
function stripLeadingZeros(s: string): string {
  return s.replace(
    /(^|:)0*(\d+)\.0*(\d+)\.0*(\d+)\.0*(\d+)(?:\/0*(\d+))?$/,
    (_m, start, a, b, c, d, bits) => `${start}${a}.${b}.${c}.${d}${bits === undefined ? '' : `/${bits}`}`,
  );
}

/** netutils.ParseIPSloppy: an IP address as every Kubernetes version accepts it. */
export function parseIp(value: unknown): (IpAddress & { readonly leadingZeros: boolean }) | undefined {
  if (typeof value !== 'string') return undefined;
  const strict = parseAddress(value);
  if (strict) return { ...strict, leadingZeros: false };
  const sloppy = parseAddress(stripLeadingZeros(value));
  return sloppy && { ...sloppy, leadingZeros: true };
}

/** A parsed CIDR and what the strict validation of Kubernetes 1.36 would object to. */
export interface Cidr {
  readonly address: IpAddress;
  /** The prefix length in the 128-bit space (an IPv4 `/24` is 120). */
  readonly prefix128: number;
  /** Leading zeros in an octet or in the prefix length (accepted only by the sloppy parser). */
  readonly leadingZeros: boolean;
  /** Bits set after the prefix length, as in `10.0.0.1/8`. */
  readonly hostBits: boolean;
}

function parseCidrOnce(s: string): Omit<Cidr, 'leadingZeros'> | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const address = parseAddress(s.slice(0, slash));
  const bits = s.slice(slash + 1);
  if (!address || !/^\d+$/.test(bits)) return undefined;
  const width = address.v4 ? 32 : 128;
  if (Number(bits) > width) return undefined;
  const prefix128 = Number(bits) + 128 - width;
  const hostBits = address.bytes.some((byte, i) => (byte & ~prefixMask(prefix128, i) & 0xff) !== 0);
  return { address, prefix128, hostBits };
}

// The mask byte at `index` of a prefix of `bits` in 128 bits.
function prefixMask(bits: number, index: number): number {
  const inByte = Math.max(0, Math.min(8, bits - 8 * index));
  return (0xff << (8 - inByte)) & 0xff;
}

/**
 * netutils.ParseCIDRSloppy (what IsValidCIDR and ValidateCIDR accept from 1.27 to 1.35):
 * net.ParseCIDR after dropping leading zeros. `undefined` when it does not parse.
 */
export function parseCidr(value: unknown): Cidr | undefined {
  if (typeof value !== 'string') return undefined;
  const strict = parseCidrOnce(value);
  // Go's dtoi accepts a zero-padded prefix length; netip.ParsePrefix (strict) does not.
  if (strict) return { ...strict, leadingZeros: /\/0\d/.test(value) };
  const sloppy = parseCidrOnce(stripLeadingZeros(value));
  return sloppy && { ...sloppy, leadingZeros: true };
}

// Go keeps an IPv4 (or IPv4-mapped) network and address in 4 bytes, others in 16, and
// IPNet.Contains never matches across the two.
const isFourBytes = (a: IpAddress) => a.v4 || a.v4InV6;

/** IPNet.Contains on the network of `outer`, for the address of `inner`. */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  if (isFourBytes(outer.address) !== isFourBytes(inner.address)) return false;
  return outer.address.bytes.every(
    (byte, i) => (byte & prefixMask(outer.prefix128, i)) === (inner.address.bytes[i] & prefixMask(outer.prefix128, i)),
  );
}

/** Whether an image reference is pinned: by digest, or by a tag other than `latest`. */
export function isImagePinned(image: unknown): boolean {
  if (typeof image !== 'string') return false;
  if (image.includes('@')) return true;
  const lastPart = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastPart.lastIndexOf(':');
  return colon > 0 && lastPart.slice(colon + 1) !== 'latest';
}
