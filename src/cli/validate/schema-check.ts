import { describe, joinPath, Manifest, Problem } from '../manifests';
import { CompactSchema, SchemaError, show, validateValue } from './schema/compact';
import { DEFAULT_VERSION, KNOWN_VERSIONS, schemaFor } from './schema/versions';

/** `apps/v1` → `apps`; `v1` → `` (the core group). */
const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.split('/')[0] : '');
const keyGroup = (key: string) => groupOf(key.slice(0, key.lastIndexOf('/')));
const keyKind = (key: string) => key.slice(key.lastIndexOf('/') + 1);

/** `1.33, 1.34, 1.35, 1.36` → `Kubernetes 1.33 and later`. */
function versions(list: readonly string[]): string {
  const from = KNOWN_VERSIONS.indexOf(list[0]);
  const toTheEnd =
    list.length > 1 &&
    list.every((v, i) => v === KNOWN_VERSIONS[from + i]) &&
    from + list.length === KNOWN_VERSIONS.length;
  return toTheEnd ? `Kubernetes ${list[0]} and later` : `Kubernetes ${list.join(', ')}`;
}

/**
 * Values that a schema lists but the API server refuses with default feature gates, and
 * why: no other version "allows" them.
 */
const GATED_VALUES: Record<string, Record<string, string>> = {
  'core.v1.Toleration.operator': {
    Gt: 'the TaintTolerationComparisonOperators feature gate (alpha from Kubernetes 1.35, off by default) is needed for "Gt" and "Lt"',
    Lt: 'the TaintTolerationComparisonOperators feature gate (alpha from Kubernetes 1.35, off by default) is needed for "Gt" and "Lt"',
  },
};

/** Fields whose empty value the API server reads as the default, though the schema lists the values. */
const EMPTY_IS_DEFAULT = new Set(['core.v1.Toleration.operator', 'core.v1.Toleration.effect']);

/** Which other known versions have the field (or allow the value) that this one rejects. */
function elsewhere(version: string, e: SchemaError, value: unknown): string {
  if (!e.definition || e.field === undefined) return '';
  const gated = e.rule === 'enum' ? GATED_VALUES[`${e.definition}.${e.field}`]?.[value as string] : undefined;
  if (gated) return ` (${gated})`;
  const has = (s: CompactSchema) => {
    const def = s.defs[e.definition!];
    const field = typeof def === 'object' && 'p' in def ? def.p[e.field!] : undefined;
    if (e.rule === 'unknown-field') return field !== undefined;
    return typeof field === 'object' && 'e' in field && field.e.includes(value as string);
  };
  const found = KNOWN_VERSIONS.filter((v) => v !== version && has(schemaFor(v)));
  if (found.length === 0) return '';
  return e.rule === 'unknown-field'
    ? ` (${versions(found)} ${found.length === 1 ? 'has' : 'have'} it)`
    : ` (${versions(found)} ${found.length === 1 ? 'allows' : 'allow'} it)`;
}

function at(value: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<any>((v, k) => (v === null || v === undefined ? undefined : v[k]), value);
}

/** Where a kind is served, for an apiVersion the version does not serve. */
function unknownKind(
  version: string,
  schema: CompactSchema,
  apiVersion: string,
  kind: string,
): Omit<Problem, 'file' | 'object' | 'path'> {
  const key = `${apiVersion}/${kind}`;
  const known = [...Object.keys(schema.kinds), ...schema.builtin];
  const group = groupOf(apiVersion);
  if (!known.some((k) => keyGroup(k) === group)) {
    return {
      message: `${apiVersion} is not an API group of Kubernetes ${version} (a custom resource?): ${kind} is not checked`,
      rule: 'custom-resource',
      severity: 'warning',
    };
  }
  const served = known
    .filter((k) => keyGroup(k) === group && keyKind(k) === kind)
    .map((k) => k.slice(0, k.lastIndexOf('/')));
  const later = KNOWN_VERSIONS.filter(
    (v) => v !== version && (key in schemaFor(v).kinds || schemaFor(v).builtin.includes(key)),
  );
  const hint =
    served.length > 0
      ? `: use ${served.join(' or ')}`
      : later.length > 0
        ? ` (${versions(later)} ${later.length === 1 ? 'serves' : 'serve'} it)`
        : '';
  return { message: `Kubernetes ${version} does not serve ${kind} in ${apiVersion}${hint}`, rule: 'unknown-kind' };
}

/**
 * Checks each object against the strict schema of its kind in the given Kubernetes
 * version: unknown fields, missing required fields, wrong types and values not allowed
 * are problems, as with `kubectl apply --validate=strict` against that version. A kind the
 * version does not serve is a problem; a built-in kind without a schema here, or a custom
 * resource, is a warning (not checked).
 */
export function checkSchema(manifests: readonly Manifest[], version: string = DEFAULT_VERSION): Problem[] {
  const schema = schemaFor(version);
  const problems: Problem[] = [];
  for (const m of manifests) {
    const where = {
      file: m.file,
      object: describe(m),
      index: m.index,
      ...(m.item !== undefined ? { item: m.item } : {}),
    };
    const o = m.object;
    if (typeof o !== 'object' || o === null || Array.isArray(o)) {
      problems.push({
        ...where,
        path: '',
        message: `must be a Kubernetes object (a mapping with apiVersion and kind), got ${show(o)}`,
        rule: 'not-an-object',
      });
      continue;
    }
    if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') {
      const missing = ['apiVersion', 'kind'].filter((f) => o[f] === undefined || o[f] === null);
      const message =
        missing.length > 0
          ? `not a Kubernetes object: it has no ${missing.join(' and no ')}`
          : `not a Kubernetes object: apiVersion and kind must be strings, got ${show(o.apiVersion)} and ${show(o.kind)}`;
      problems.push({ ...where, path: '', message, rule: 'not-an-object' });
      continue;
    }
    const definition = schema.kinds[`${o.apiVersion}/${o.kind}`];
    if (!definition) {
      if (schema.builtin.includes(`${o.apiVersion}/${o.kind}`)) {
        problems.push({
          ...where,
          path: '',
          message: `${o.kind} (${o.apiVersion}) is built into Kubernetes ${version} but not checked field by field here`,
          rule: 'no-schema',
          severity: 'warning',
        });
      } else {
        problems.push({ ...where, path: '', ...unknownKind(version, schema, o.apiVersion, o.kind) });
      }
      continue;
    }
    const errors: SchemaError[] = [];
    validateValue(schema, `#${definition}`, o, errors);
    for (const e of errors) {
      const value = at(o, e.rule === 'enum' ? e.path : []);
      if (e.rule === 'enum' && value === '' && EMPTY_IS_DEFAULT.has(`${e.definition}.${e.field}`)) continue;
      problems.push({
        ...where,
        path: joinPath(e.path),
        message: `${e.message}${elsewhere(version, e, value)}`,
        rule: e.rule,
      });
    }
  }
  return problems;
}
