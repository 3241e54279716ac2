/**
 * The compact schema format of src/cli/validate/schemas/ (written by
 * tools/make-k8s-schemas.js), and a validator for it.
 *
 * Kubernetes' OpenAPI definitions use a small part of JSON Schema: types, int32/int64
 * formats, properties with required ones, arrays, string maps, references, and two
 * unions (IntOrString, Quantity). A type is written here as
 *
 * - a primitive: `string`, `boolean`, `number`, `integer`, `int32`, `int64`,
 *   `int-or-string`, `quantity` (a string or a number), `object` (any mapping), `any`;
 * - `#<definition>`: a reference, e.g. `#core.v1.Container`;
 * - `{ e: [...] }`: a string with these allowed values;
 * - `{ a: T }`: an array of T; `{ m: T }`: a mapping of names to T;
 * - `{ p: { field: T }, r: [required fields] }`: an object with exactly these fields.
 *
 * A hand-written validator for this subset starts in no time and needs no dependency;
 * test/cli-schema.test.ts checks that it accepts exactly what ajv accepts for the same
 * schemas written as JSON Schema.
 */

export type Type = string | { e: string[] } | { a: Type } | { m: Type } | { p: Record<string, Type>; r?: string[] };

export interface CompactSchema {
  /** `apps/v1/StatefulSet` → `apps.v1.StatefulSet`: the kinds checked field by field. */
  readonly kinds: Record<string, string>;
  /** The other built-in kinds of the version (`rbac.authorization.k8s.io/v1/ClusterRole`). */
  readonly builtin: readonly string[];
  readonly defs: Record<string, Type>;
}

export interface SchemaError {
  /** Keys from the checked value to the field at fault. */
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly rule: 'unknown-field' | 'required' | 'type' | 'enum' | 'range';
  /** The definition and field of an unknown field or a value not allowed, to look up in other versions. */
  readonly definition?: string;
  readonly field?: string;
}

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
// int64 values beyond 2^53 do not survive JSON parsing exactly: bounded to what does.
const INT64 = { min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER };

export const show = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v));
const isMapping = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates `value` against `type`; appends every error (not only the first) to `errors`. */
export function validateValue(
  schema: CompactSchema,
  type: Type,
  value: unknown,
  errors: SchemaError[],
  path: (string | number)[] = [],
  definition?: string,
): void {
  const fail = (message: string, rule: SchemaError['rule'], extra: Partial<SchemaError> = {}): void => {
    errors.push({ path: [...path], message, rule, ...extra });
  };
  const wrongType = (expected: string) => fail(`must be ${expected}, got ${show(value)}`, 'type');

  if (typeof type === 'string') {
    if (type.startsWith('#')) {
      const name = type.slice(1);
      const target = schema.defs[name];
      if (target === undefined) throw new Error(`schema has no definition ${name}`);
      validateValue(schema, target, value, errors, path, name);
      return;
    }
    switch (type) {
      case 'any':
        return;
      case 'object':
        if (!isMapping(value)) wrongType('of type object');
        return;
      case 'string':
      case 'boolean':
      case 'number':
        if (typeof value !== type || (type === 'number' && !Number.isFinite(value))) wrongType(`of type ${type}`);
        return;
      case 'integer':
      case 'int32':
      case 'int64': {
        if (!Number.isInteger(value)) return wrongType('an integer');
        const range = type === 'int32' ? INT32 : type === 'int64' ? INT64 : undefined;
        const n = value as number;
        if (range && n > range.max) fail(`must be <= ${range.max}, got ${n}`, 'range');
        if (range && n < range.min) fail(`must be >= ${range.min}, got ${n}`, 'range');
        return;
      }
      case 'int-or-string':
        if (typeof value !== 'string' && !Number.isInteger(value)) wrongType('a string or an integer');
        return;
      case 'quantity':
        if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value)))
          wrongType('a string or a number');
        return;
      default:
        throw new Error(`unknown schema type ${type}`);
    }
  }
  if ('e' in type) {
    if (typeof value !== 'string') return wrongType('of type string');
    if (!type.e.includes(value)) {
      fail(`must be one of ${type.e.map((v) => JSON.stringify(v)).join(', ')}, got ${show(value)}`, 'enum', {
        definition,
        field: String(path[path.length - 1]),
      });
    }
    return;
  }
  if ('a' in type) {
    if (!Array.isArray(value)) return wrongType('of type array');
    value.forEach((item, i) => {
      path.push(i);
      validateValue(schema, type.a, item, errors, path);
      path.pop();
    });
    return;
  }
  if (!isMapping(value)) return wrongType('of type object');
  if ('m' in type) {
    for (const [key, item] of Object.entries(value)) {
      path.push(key);
      validateValue(schema, type.m, item, errors, path);
      path.pop();
    }
    return;
  }
  for (const field of type.r ?? []) {
    if (value[field] === undefined) fail(`missing required field ${JSON.stringify(field)}`, 'required');
  }
  for (const [key, item] of Object.entries(value)) {
    const fieldType = type.p[key];
    if (fieldType === undefined) {
      fail(`unknown field ${JSON.stringify(key)}`, 'unknown-field', { definition, field: key });
      continue;
    }
    // A null optional field is an unset field to the API server (kubectl's own output
    // carries `creationTimestamp: null`); a null required one is reported by its type.
    if (item === null && !type.r?.includes(key)) continue;
    path.push(key);
    // An enum is written in place: pass on whose field it is, for the hint of other versions.
    validateValue(
      schema,
      fieldType,
      item,
      errors,
      path,
      typeof fieldType === 'object' && 'e' in fieldType ? definition : undefined,
    );
    path.pop();
  }
}
