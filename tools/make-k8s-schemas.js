#!/usr/bin/env node
// Generates src/cli/validate/schemas/k8s-<version>.ts: the compact, strict schemas that
// `stateful-service validate --kubernetes-version <version>` checks manifests against.
//
// Source: the cdk8s project's kubernetes-schemas/v<version>/_definitions.json (what
// `cdk8s import k8s@<version>` downloads; here ../shared/k8s-schema/, or --source <dir>).
// Those schemas let unknown fields through and carry no allowed values of string fields,
// so for each version this script
//   - keeps only the definitions reachable from the kinds of the version (every built-in
//     kind, so each is checked field by field),
//   - makes every object with declared properties strict: an unknown field is a finding,
//     as with `kubectl apply --validate=strict`,
//   - adds the allowed values of tools/k8s-enums.json,
//   - rewrites each definition in the compact form that src/cli/validate/schema/compact.ts
//     describes (and validates), dropping descriptions and x-kubernetes-* annotations,
//   - records every other built-in kind of the version, so that an apiVersion a version
//     does not serve (policy/v1beta1 in 1.27) is told apart from a custom resource.
// The first version is written whole; each later one as its changes from the one before,
// which keeps the committed total small. The output is committed: the package never reads
// the source schemas, at run time or test time.
//
// Usage: node tools/make-k8s-schemas.js [--source <dir>] [--output <dir>] [--enums <file>]
//                                       [--versions 1.27.0,1.28.0,...] [--check]
// With --check nothing is written: exit 1 when a file in the output folder differs from
// what the source makes of it (or is missing, or is not made at all), listing them.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i !== -1 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const sourceDir = path.resolve(option('--source', path.resolve(root, '..', 'shared', 'k8s-schema')));
const outputDir = path.resolve(option('--output', path.join(root, 'src', 'cli', 'validate', 'schemas')));
const enumFile = path.resolve(option('--enums', path.join(__dirname, 'k8s-enums.json')));
const VERSIONS = option('--versions', '1.27.0,1.28.0,1.29.0,1.30.0,1.31.0,1.32.0,1.33.0,1.34.0,1.35.0,1.36.0').split(
  ',',
);
const checkOnly = process.argv.includes('--check');

/** The kinds to keep (default: every built-in kind of each version, checked field by field). */
const KINDS = option('--kinds', '').split(',').filter(Boolean);
/** The definitions of a schema that are kinds of the API (List kinds and apimachinery's aside). */
function builtInKinds(all) {
  return Object.entries(all)
    .filter(([name]) => !name.startsWith('io.k8s.apimachinery.') && !name.endsWith('List'))
    .filter(([, def]) => (def['x-kubernetes-group-version-kind'] ?? []).length > 0)
    .map(([name]) => name);
}

const REF = '#/definitions/';
/** `io.k8s.api.core.v1.Container` -> `core.v1.Container`: shorter, and still unique. */
const short = (name) => name.replace(/^io\.k8s\.(api\.|apimachinery\.pkg\.(apis\.)?)/, '');
const gvkKey = (g) => `${g.group ? `${g.group}/` : ''}${g.version}/${g.kind}`;

function fail(message) {
  console.error(`make-k8s-schemas: ${message}`);
  process.exit(2);
}

/** The enums of a version: the first version's list, then each later version's changes. */
function enumsFor(version) {
  const all = JSON.parse(fs.readFileSync(enumFile, 'utf-8'));
  const minor = (v) => v.split('.').slice(0, 2).join('.');
  const merged = {};
  for (const v of Object.keys(all).filter((k) => k !== '$comment')) {
    if (Number(minor(v).split('.')[1]) > Number(minor(version).split('.')[1])) continue;
    Object.assign(merged, all[v]);
  }
  return Object.fromEntries(Object.entries(merged).filter(([, values]) => values !== null));
}

/**
 * One JSON schema node in compact form: a primitive name (`string`, `int32`,
 * `int-or-string`, ...), `#<definition>`, `{e: [values]}`, `{a: items}`, `{m: values}` or
 * `{p: properties, r: required}`. Anything else in the source is an error here rather than
 * silently not checked.
 */
function compact(schema, where, inline) {
  const keys = Object.keys(schema).filter((k) => k !== 'description' && !k.startsWith('x-kubernetes-'));
  const only = (...allowed) => {
    const extra = keys.filter((k) => !allowed.includes(k));
    if (extra.length > 0) throw new Error(`${where}: unsupported schema keywords ${extra.join(', ')}`);
  };
  if (schema['x-kubernetes-preserve-unknown-fields'] || schema['x-kubernetes-embedded-resource']) {
    only('type');
    return 'object';
  }
  if (schema.$ref) {
    only('$ref');
    const target = schema.$ref.slice(REF.length);
    return inline(target) ?? `#${short(target)}`;
  }
  if (schema.oneOf) {
    only('oneOf');
    const types = schema.oneOf
      .map((s) => s.type)
      .sort()
      .join('|');
    if (types === 'integer|string') return 'int-or-string';
    if (types === 'number|string') return 'quantity';
    throw new Error(`${where}: unsupported oneOf ${types}`);
  }
  switch (schema.type) {
    case 'string':
      only('type', 'format', 'enum');
      return schema.enum ? { e: [...schema.enum] } : 'string';
    case 'integer':
      only('type', 'format');
      return schema.format === 'int32' ? 'int32' : schema.format === 'int64' ? 'int64' : 'integer';
    case 'number':
      only('type', 'format');
      return 'number';
    case 'boolean':
      only('type');
      return 'boolean';
    case 'array':
      only('type', 'items');
      return { a: compact(schema.items, `${where}[]`, inline) };
    case 'object':
    case undefined:
      only('type', 'properties', 'required', 'additionalProperties');
      if (schema.properties) {
        if (schema.additionalProperties !== undefined) throw new Error(`${where}: properties and additionalProperties`);
        const p = {};
        for (const [name, prop] of Object.entries(schema.properties))
          p[name] = compact(prop, `${where}.${name}`, inline);
        return schema.required?.length ? { p, r: [...schema.required] } : { p };
      }
      if (schema.additionalProperties) return { m: compact(schema.additionalProperties, `${where}{}`, inline) };
      return schema.type === 'object' ? 'object' : 'any';
    default:
      throw new Error(`${where}: unsupported type ${schema.type}`);
  }
}

/** The compact schema of one version: checked kinds, other built-in kinds, definitions. */
function build(version) {
  const file = path.join(sourceDir, `v${version}`, '_definitions.json');
  if (!fs.existsSync(file)) fail(`schema file not found: ${file} (pass --source <dir>)`);
  const all = JSON.parse(fs.readFileSync(file, 'utf-8')).definitions;
  const enums = enumsFor(version);
  for (const [field, values] of Object.entries(enums)) {
    const [owner, prop] = field.split('#');
    const target = all[owner]?.properties?.[prop.replace('[]', '')];
    if (!target) continue; // a field of a later version, or of a kind not kept
    (prop.endsWith('[]') ? target.items : target).enum = values;
  }

  // Every built-in kind of the version is checked against its schema, field by field.
  const kindNames = KINDS.length > 0 ? KINDS : builtInKinds(all);
  const keep = new Set();
  const todo = kindNames.filter((k) => all[k]);
  while (todo.length > 0) {
    const name = todo.pop();
    if (keep.has(name)) continue;
    if (!all[name]) throw new Error(`no definition ${name} in ${file}`);
    keep.add(name);
    JSON.stringify(all[name], (key, value) => {
      // CustomResourceDefinition's JSONSchemaProps has a property named `$ref` (an object).
      if (key === '$ref' && typeof value === 'string') todo.push(value.slice(REF.length));
      return value;
    });
  }
  const shortNames = new Map([...keep].map((n) => [short(n), n]));
  if (shortNames.size !== keep.size) throw new Error('two definitions have the same short name');

  // Definitions that are a primitive (Time, Quantity, IntOrString) are written in place.
  const primitives = new Map();
  const inline = (name) => primitives.get(name);
  for (const name of keep) {
    const c = compact(all[name], short(name), () => undefined);
    if (typeof c === 'string' && !c.startsWith('#')) primitives.set(name, c);
  }
  const defs = {};
  for (const name of [...keep].sort()) {
    if (primitives.has(name)) continue;
    defs[short(name)] = compact(all[name], short(name), inline);
  }

  const kinds = {};
  const builtin = [];
  for (const [name, def] of Object.entries(all)) {
    if (name.startsWith('io.k8s.apimachinery.') || name.endsWith('List')) continue;
    for (const g of def['x-kubernetes-group-version-kind'] ?? []) {
      if (kindNames.includes(name)) kinds[gvkKey(g)] = short(name);
      else builtin.push(gvkKey(g));
    }
  }
  return { kinds: sortKeys(kinds), builtin: [...new Set(builtin)].sort(), defs };
}

const sortKeys = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** What changed from `a` to `b`: replaced or added entries, and `null` for removed ones. */
function changes(a, b) {
  const out = {};
  for (const k of Object.keys(b)) if (!same(a[k], b[k])) out[k] = b[k];
  for (const k of Object.keys(a)) if (!(k in b)) out[k] = null;
  return sortKeys(out);
}

function moduleText(version, base, data) {
  const json = JSON.stringify(data).replace(/\\/g, '\\\\').replace(/'/g, "\\'");
  const what = base
    ? `The changes from Kubernetes ${base} (entries replaced or added; null for removed ones).`
    : 'The whole schema; later versions are stored as changes from it.';
  // Laid out as prettier would, so that `prettier --check .` passes on generated files.
  return (
    `// Generated by tools/make-k8s-schemas.js from the Kubernetes ${version} schema; do not edit.\n` +
    `// ${what}\n// The format is described in ../schema/compact.ts.\n` +
    `export const version = '${version.split('.').slice(0, 2).join('.')}';\n` +
    `export const base: string | undefined = ${base ? `'${base}'` : 'undefined'};\n` +
    `export const schema =\n  '${json}';\n`
  );
}

const minor = (v) => v.split('.').slice(0, 2).join('.');
const built = VERSIONS.map(build);
// A misspelt kind would otherwise just be missing from every version.
const missing = KINDS.filter((k) => !built.some((b) => Object.values(b.kinds).includes(short(k))));
if (missing.length > 0) fail(`kinds in no version: ${missing.join(', ')}`);
let previous;
let total = 0;
const made = new Map();
for (const [i, version] of VERSIONS.entries()) {
  const current = built[i];
  const data = previous
    ? {
        kinds: changes(previous.kinds, current.kinds),
        builtin: {
          add: current.builtin.filter((k) => !previous.builtin.includes(k)),
          remove: previous.builtin.filter((k) => !current.builtin.includes(k)),
        },
        defs: changes(previous.defs, current.defs),
      }
    : current;
  const text = moduleText(version, previous ? minor(previous.version) : undefined, data);
  made.set(`k8s-${minor(version)}.ts`, { text, definitions: Object.keys(data.defs).length, changed: !!previous });
  previous = { ...current, version };
}

if (checkOnly) {
  const existing = fs.existsSync(outputDir) ? fs.readdirSync(outputDir) : [];
  const stale = [
    ...[...made].flatMap(([file, { text }]) => {
      const at = path.join(outputDir, file);
      if (!fs.existsSync(at)) return [`${file}: missing`];
      return fs.readFileSync(at, 'utf-8') === text ? [] : [`${file}: differs`];
    }),
    ...existing.filter((f) => !made.has(f)).map((f) => `${f}: not made from the source`),
  ];
  const where = path.relative(process.cwd(), outputDir) || '.';
  if (stale.length > 0) {
    console.error(`make-k8s-schemas: ${where} is not what ${sourceDir} makes (run \`npm run schema\`):`);
    for (const line of stale) console.error(`  ${line}`);
    process.exit(1);
  }
  console.log(`make-k8s-schemas: ${where} is what ${sourceDir} makes (${made.size} files)`);
  process.exit(0);
}

fs.mkdirSync(outputDir, { recursive: true });
for (const [file, { text, definitions, changed }] of made) {
  const out = path.join(outputDir, file);
  fs.writeFileSync(out, text);
  total += text.length;
  console.log(
    `wrote ${path.relative(process.cwd(), out)}: ${definitions} definitions${changed ? ' changed' : ''}, ${text.length} bytes`,
  );
}
console.log(`total ${total} bytes`);
