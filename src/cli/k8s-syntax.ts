/**
 * Syntax predicates of the Kubernetes API, written for the command-line tools from the
 * upstream source (k8s.io/apimachinery/pkg/util/validation/validation.go and
 * k8s.io/apimachinery/pkg/api/resource/quantity.go), independently of the construct's
 * own prop checks: a rule wrong in one place is caught by the other.
 */

// apimachinery validation.go: dns1123LabelFmt, DNS1123LabelMaxLength.
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
// apimachinery validation.go: dns1035LabelFmt.
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
// apimachinery validation.go: qualifiedNameFmt (label keys' name part, label values).
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
// apimachinery validation.go: envVarNameFmt (IsEnvVarName), as of 1.27.
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
// apimachinery validation.go: IsValidPortName (IANA_SVC_NAME, at most 15 characters).
const PORT_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/** IsDNS1123Label: a DNS label of at most `max` (63) characters. */
export function isDnsLabel(value: unknown, max = 63): value is string {
  return typeof value === 'string' && value.length <= max && DNS1123_LABEL.test(value);
}

/** IsDNS1035Label: what Service names must be. */
export function isServiceName(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 63 && DNS1035_LABEL.test(value);
}

/** IsDNS1123Subdomain: what most object names must be. */
export function isDnsSubdomain(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 253 && value.split('.').every((part) => DNS1123_LABEL.test(part));
}

/** IsQualifiedName: a label or annotation key, `[prefix/]name`. */
export function isLabelKey(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const parts = value.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1];
  if (parts.length === 2 && (parts[0] === '' || !isDnsSubdomain(parts[0]))) return false;
  return name.length <= 63 && QUALIFIED_NAME.test(name);
}

/** IsValidLabelValue: empty, or a qualified name of at most 63 characters. */
export function isLabelValue(value: unknown): value is string {
  return typeof value === 'string' && (value === '' || (value.length <= 63 && QUALIFIED_NAME.test(value)));
}

/** IsValidPortName: at most 15 lowercase letters, digits and '-', at least one letter, no '--'. */
export function isPortName(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length <= 15 &&
    PORT_NAME.test(value) &&
    !value.includes('--') &&
    /[a-z]/.test(value)
  );
}

/** IsEnvVarName. */
export function isEnvName(value: unknown): value is string {
  return typeof value === 'string' && ENV_VAR_NAME.test(value) && value !== '.' && value !== '..';
}

const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = {
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

/** resource.ParseQuantity, to a number of base units; `undefined` when it is not a quantity. */
export function parseQuantity(value: string): number | undefined {
  const m = QUANTITY.exec(value);
  if (!m) return undefined;
  const [, sign, digits, suffix = ''] = m;
  const factor = BINARY[suffix] ?? DECIMAL[suffix] ?? 10 ** Number(suffix.slice(1));
  const n = Number(digits) * factor;
  return sign === '-' ? -n : n;
}

/** Whether an image reference is pinned: by digest, or by a tag other than `latest`. */
export function isImagePinned(image: unknown): boolean {
  if (typeof image !== 'string') return false;
  if (image.includes('@')) return true;
  const lastPart = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastPart.lastIndexOf(':');
  return colon > 0 && lastPart.slice(colon + 1) !== 'latest';
}
