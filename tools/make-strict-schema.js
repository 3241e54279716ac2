#!/usr/bin/env node
// Generates src/cli/validate/k8s-1.27.0-strict.json: the part of the Kubernetes 1.27 API
// schema that `npm run validate` checks manifests against, made strict.
//
// Source: the cdk8s project's kubernetes-schemas/v1.27.0/_definitions.json (the file
// `cdk8s import k8s@1.27.0` downloads; here ../shared/k8s-schema/... or --schema). It has
// no enums and lets unknown fields through, so this script
//   - keeps only the definitions reachable from the kinds listed below,
//   - sets `additionalProperties: false` on every object with declared properties, so an
//     unknown or misspelt field is an error (as `kubectl apply --validate=strict`),
//   - adds the enums of src/cli/validate/k8s-1.27-enums.json (the "Possible enum values"
//     of the 1.27 API types, as kubernetes-models@4.4.2 carries them),
//   - turns int32/int64 formats into bounds and drops the other formats,
//   - drops descriptions and x-kubernetes-* annotations, keeping a kind index.
// The output is committed, so the project validates from a plain clone without the source.
//
// Usage: node tools/make-strict-schema.js [--schema <_definitions.json>] [--output <file>]
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
function option(name) {
  const i = process.argv.indexOf(name);
  return i !== -1 && process.argv[i + 1] ? path.resolve(process.argv[i + 1]) : undefined;
}
const source = option('--schema') ?? path.resolve(root, '..', 'shared', 'k8s-schema', 'v1.27.0', '_definitions.json');
const output = option('--output') ?? path.join(root, 'src', 'cli', 'validate', 'k8s-1.27.0-strict.json');
if (!fs.existsSync(source)) {
  console.error(`make-strict-schema: schema file not found: ${source} (pass --schema <file>)`);
  process.exit(2);
}

/** The kinds `npm run validate` knows; anything else is reported as unknown. */
const KINDS = [
  'io.k8s.api.apps.v1.DaemonSet',
  'io.k8s.api.apps.v1.Deployment',
  'io.k8s.api.apps.v1.StatefulSet',
  'io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler',
  'io.k8s.api.batch.v1.CronJob',
  'io.k8s.api.batch.v1.Job',
  'io.k8s.api.core.v1.ConfigMap',
  'io.k8s.api.core.v1.Namespace',
  'io.k8s.api.core.v1.PersistentVolume',
  'io.k8s.api.core.v1.PersistentVolumeClaim',
  'io.k8s.api.core.v1.Pod',
  'io.k8s.api.core.v1.Secret',
  'io.k8s.api.core.v1.Service',
  'io.k8s.api.core.v1.ServiceAccount',
  'io.k8s.api.networking.v1.Ingress',
  'io.k8s.api.networking.v1.NetworkPolicy',
  'io.k8s.api.policy.v1.PodDisruptionBudget',
  'io.k8s.api.rbac.v1.Role',
  'io.k8s.api.rbac.v1.RoleBinding',
  'io.k8s.api.storage.v1.StorageClass',
];

const all = JSON.parse(fs.readFileSync(source, 'utf-8')).definitions;
const enums = JSON.parse(fs.readFileSync(path.join(root, 'src', 'cli', 'validate', 'k8s-1.27-enums.json'), 'utf-8'));
const REF = '#/definitions/';

// Definitions reachable from the kinds, in sorted order for a stable file.
const keep = new Set();
const todo = [...KINDS];
while (todo.length > 0) {
  const name = todo.pop();
  if (keep.has(name)) continue;
  if (!all[name]) throw new Error(`no definition ${name} in ${source}`);
  keep.add(name);
  JSON.stringify(all[name], (key, value) => {
    if (key === '$ref') todo.push(value.slice(REF.length));
    return value;
  });
}

// Integer formats become bounds, so validators need no format code (and can be compiled
// to standalone JavaScript); the other formats (byte, date-time) are not checked.
const BOUNDS = {
  int32: { minimum: -(2 ** 31), maximum: 2 ** 31 - 1 },
  int64: { minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER },
};

function strict(schema) {
  if (Array.isArray(schema)) return schema.map(strict);
  if (!schema || typeof schema !== 'object') return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'description' || key.startsWith('x-kubernetes-')) continue;
    if (key === 'format') {
      Object.assign(out, BOUNDS[value]);
      continue;
    }
    out[key] = strict(value);
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

const definitions = {};
const kinds = {};
for (const name of [...keep].sort()) {
  const def = strict(all[name]);
  for (const [field, values] of Object.entries(enums)) {
    const [owner, prop] = field.split('#');
    if (owner !== name) continue;
    const target = prop.endsWith('[]') ? def.properties[prop.slice(0, -2)].items : def.properties[prop];
    if (!target) throw new Error(`enum for unknown field ${field}`);
    target.enum = values;
  }
  definitions[name] = def;
  if (KINDS.includes(name)) {
    for (const gvk of all[name]['x-kubernetes-group-version-kind']) {
      kinds[`${gvk.group ? `${gvk.group}/` : ''}${gvk.version}/${gvk.kind}`] = name;
    }
  }
}

// One definition per line: readable diffs when the list of kinds changes.
const lines = Object.entries(definitions).map(([name, def]) => `  ${JSON.stringify(name)}: ${JSON.stringify(def)}`);
const text =
  '{\n' +
  `"$comment": ${JSON.stringify('Generated by tools/make-strict-schema.js from the Kubernetes 1.27.0 schema; do not edit.')},\n` +
  `"kinds": ${JSON.stringify(kinds)},\n` +
  `"definitions": {\n${lines.join(',\n')}\n}\n}\n`;
fs.writeFileSync(output, text);
console.log(
  `wrote ${path.relative(process.cwd(), output)}: ${Object.keys(definitions).length} definitions, ${Object.keys(kinds).length} kinds, ${text.length} bytes`,
);
