import { Duration, Size, SizeRoundingBehavior } from 'cdk8s';
import { Cpu } from './cpu';
import { Problems, show } from './problems';
import { checkKnownProps, PropNames } from './prop-names';

/**
 * Value types at the boundary: plain JavaScript callers can pass anything, so each
 * value type and enum is checked at run time with the same message style as the rest.
 */

const BINARY_SUFFIXES: Array<[string, number]> = [
  ['Pi', 2 ** 50],
  ['Ti', 2 ** 40],
  ['Gi', 2 ** 30],
  ['Mi', 2 ** 20],
  ['Ki', 2 ** 10],
];

/**
 * A whole number of bytes as Kubernetes writes it in canonical form: the largest binary
 * suffix that divides it (`1Gi`, `1536Mi`, `512`), so the API server's own rendering of
 * the quantity equals ours and a diff against the live object shows no change.
 */
function canonicalBytes(bytes: number): string {
  for (const [suffix, factor] of BINARY_SUFFIXES) {
    if (bytes % factor === 0) return `${bytes / factor}${suffix}`;
  }
  return String(bytes);
}

/** Checks a cdk8s `Size` and returns its canonical quantity, or undefined after a problem. */
export function sizeQuantity(prop: string, value: unknown, p: Problems, minBytes = 1): string | undefined {
  if (!(value instanceof Size)) {
    p.add(`'${prop}' must be a Size such as Size.mebibytes(10) or Size.gibibytes(1), got ${show(value)}`);
    return undefined;
  }
  const bytes = value.toKibibytes({ rounding: SizeRoundingBehavior.NONE }) * 1024;
  if (!Number.isSafeInteger(bytes) || bytes < minBytes) {
    p.add(
      `'${prop}' must be a whole number of bytes, at least ${minBytes}, got ${show(bytes)} bytes (${value.asString()})`,
    );
    return undefined;
  }
  return canonicalBytes(bytes);
}

/** Checks a cdk8s `Duration` given in whole seconds within [min, max]; returns the seconds. */
export function durationSeconds(
  prop: string,
  value: unknown,
  p: Problems,
  min: number,
  max = 2 ** 31 - 1,
): number | undefined {
  if (!(value instanceof Duration)) {
    p.add(`'${prop}' must be a Duration such as Duration.seconds(10), got ${show(value)}`);
    return undefined;
  }
  const seconds = value.toMilliseconds() / 1000;
  if (!Number.isInteger(seconds) || seconds < min || seconds > max) {
    p.add(
      `'${prop}' must be a whole number of seconds from ${min} to ${max}, got ${value.toHumanString()} (${seconds} s)`,
    );
    return undefined;
  }
  return seconds;
}

const CPU_QUANTITY = /^(\d+(\.\d{1,3})?|\.\d{1,3}|\d+m)$/;

/** Checks a `Cpu` (Cpu.millis(500), Cpu.units(1)) of this package; returns its quantity. */
export function cpuQuantity(prop: string, value: unknown, p: Problems): string | undefined {
  if (!(value instanceof Cpu)) {
    p.add(`'${prop}' must be a Cpu such as Cpu.millis(500) or Cpu.units(1), got ${show(value)}${foreign(value, Cpu)}`);
    return undefined;
  }
  const amount = value.amount;
  // Finer than a millicore is rounded up by the API server, so the live object would differ.
  if (!CPU_QUANTITY.test(amount) || Number(amount.replace(/m$/, '')) <= 0) {
    p.add(`'${prop}' must be a positive whole number of millicores, got ${show(amount)}`);
    return undefined;
  }
  // The form the API server stores (`500m`, `1`), so a diff with the live object is empty.
  const m = milliCpu(amount);
  return m % 1000 === 0 ? String(m / 1000) : `${m}m`;
}

/** CPU in millicores, for comparisons. */
export function milliCpu(quantity: string): number {
  return quantity.endsWith('m') ? Number(quantity.slice(0, -1)) : Math.round(Number(quantity) * 1000);
}

/** Bytes of a canonical byte quantity made by `canonicalBytes`. */
export function bytesOf(quantity: string): number {
  const suffix = BINARY_SUFFIXES.find(([s]) => quantity.endsWith(s));
  return suffix ? Number(quantity.slice(0, -2)) * suffix[1] : Number(quantity);
}

const enumValues = new WeakMap<object, ReadonlySet<unknown>>();

/** An enum's values, as a set made once per enum. */
function valuesOf(members: Record<string, string>): ReadonlySet<unknown> {
  let values = enumValues.get(members);
  if (!values) {
    values = new Set(Object.values(members));
    enumValues.set(members, values);
  }
  return values;
}

/**
 * The value if it is one of an enum's values, else undefined after a problem whose
 * message names the members as a TypeScript, Python or Java user writes them
 * (`ServiceType.NODE_PORT`).
 */
export function enumValue<T extends string>(
  prop: string,
  value: unknown,
  enumName: string,
  members: Record<string, T>,
  p: Problems,
  allowed?: readonly T[],
): T | undefined {
  // The common case, a valid value, allocates nothing (every StatefulService checks its
  // enum values here).
  if (valuesOf(members).has(value) && (allowed === undefined || allowed.includes(value as T))) return value as T;
  const ok = Object.entries(members).filter(([, v]) => allowed === undefined || allowed.includes(v));
  p.add(
    `'${prop}' must be one of ${ok.map(([k, v]) => `${enumName}.${k} (${show(v)})`).join(', ')}, got ${show(value)}`,
  );
  return undefined;
}

/** Checks that a value was made by a factory class (e.g. `Storage.dynamic(...)`). */
export function isInstance<T>(
  prop: string,
  value: unknown,
  type: { readonly prototype: T },
  how: string,
  p: Problems,
): value is T {
  // Factory classes have private constructors; instanceof only needs the prototype.
  if (value instanceof (type as unknown as new () => T)) return true;
  p.add(`'${prop}' must be made with ${how}, got ${show(value)}${foreign(value, type)}`);
  return false;
}

/**
 * A hint for a value of a class of the same name from another package (cdk8s-plus's
 * `Probe`, `EnvValue` or `Cpu`, which JavaScript lets through; TypeScript refuses them).
 */
function foreign(value: unknown, type: { readonly prototype: unknown }): string {
  const name = (type.prototype as object).constructor.name;
  const same = typeof value === 'object' && value !== null && value.constructor?.name === name;
  return same ? ` from another package: use ${name} of cdk8s-stateful-service (cdk8s-plus's is another type)` : '';
}

/** An optional boolean. */
export function checkBoolean(prop: string, value: unknown, p: Problems): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  p.add(`'${prop}' must be true or false, got ${show(value)}`);
  return undefined;
}

/** A list prop: undefined as empty, anything else but an array is a problem. */
export function listOf<T>(prop: string, value: unknown, p: Problems): T[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value as T[];
  p.add(`'${prop}' must be a list, got ${show(value)}`);
  return [];
}

/**
 * A struct prop: undefined as empty, anything but a plain object is a problem, and so is
 * a key the struct does not have (`names`, see `propNames`): JavaScript, or an object
 * that TypeScript's excess property check does not see, would have it silently ignored.
 */
export function structOf<T extends object>(prop: string, value: unknown, p: Problems, names: PropNames<T>): Partial<T> {
  const o = mapOf<unknown>(prop, value, p);
  checkKnownProps(prop, o, names, p);
  return o as Partial<T>;
}

/** A map prop (`{ [key: string]: V }`): undefined as empty, anything but a plain object is a problem. */
export function mapOf<V>(prop: string, value: unknown, p: Problems): Record<string, V> {
  if (value === undefined) return {};
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, V>;
  p.add(`'${prop}' must be an object, got ${show(value)}`);
  return {};
}
