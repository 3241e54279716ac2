import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { describe, fieldPath, Manifest, Problem } from '../manifests';

// The strict Kubernetes 1.27 schema (see tools/make-strict-schema.js). `require` so that
// esbuild bundles it and tsc does not infer a type for 90 kB of JSON.
type StrictSchema = { kinds: Record<string, string>; definitions: Record<string, object> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const schema: StrictSchema = require('./k8s-1.27.0-strict.json');

type Validators = Record<string, ValidateFunction>;
let validators: Validators | undefined;

/**
 * The validators of every kind. Compiling them takes ajv about a quarter of a second per
 * process (each synth, each test file), so they are compiled once to standalone JavaScript
 * under node_modules/.cache, keyed by the schema and ajv version, and loaded from there.
 */
function loadValidators(): Validators {
  if (validators) return validators;
  const ajvVersion = JSON.parse(fs.readFileSync(require.resolve('ajv/package.json'), 'utf-8')).version;
  const key = crypto.createHash('sha1').update(JSON.stringify(schema)).update(ajvVersion).digest('hex').slice(0, 16);
  // The project's own node_modules (npm scripts and jest run at the project root), so the
  // generated code's `require('ajv/dist/runtime/...')` resolves.
  const file = path.join(process.cwd(), 'node_modules', '.cache', 'strict-validators', `${key}.js`);
  try {
    // A generated file at run time: only require() can load it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    validators = require(file) as Validators;
    return validators;
  } catch {
    // not compiled yet (or the cache is not readable): compile below
  }
  const ajv = new Ajv({
    allErrors: true,
    verbose: true,
    strict: false,
    validateFormats: false,
    code: { source: true },
  });
  ajv.addSchema({ $id: 'k8s', definitions: schema.definitions });
  const refs = Object.fromEntries([...new Set(Object.values(schema.kinds))].map((d) => [d, `k8s#/definitions/${d}`]));
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, standaloneCode(ajv, refs));
    fs.renameSync(tmp, file); // atomic: parallel test workers may compile at the same time
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    validators = require(file) as Validators;
  } catch {
    validators = Object.fromEntries(Object.entries(refs).map(([d, ref]) => [d, ajv.getSchema(ref)!]));
  }
  return validators;
}

/** The kinds the schema knows, as `group/version/Kind` (`v1/Service`, `apps/v1/StatefulSet`). */
export function knownKinds(): string[] {
  return Object.keys(schema.kinds);
}

function message(e: ErrorObject): string {
  switch (e.keyword) {
    case 'additionalProperties':
      return `unknown field ${JSON.stringify(e.params.additionalProperty)}`;
    case 'required':
      return `missing required field ${JSON.stringify(e.params.missingProperty)}`;
    case 'enum':
      return `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, got ${JSON.stringify(e.data)}`;
    case 'type':
      return `must be ${e.params.type === 'integer' ? 'an integer' : `of type ${e.params.type}`}, got ${JSON.stringify(e.data)}`;
    case 'oneOf':
      return `must be a string or a number, got ${JSON.stringify(e.data)}`;
    case 'maximum':
    case 'minimum':
      return `must be ${e.params.comparison} ${e.params.limit}, got ${JSON.stringify(e.data)}`;
    default:
      return `${e.message ?? 'is invalid'}, got ${JSON.stringify(e.data)}`;
  }
}

/**
 * Checks each object against the strict 1.27 schema of its kind: unknown fields, missing
 * required fields, wrong types and enum values are problems, as with `kubectl apply
 * --validate=strict`. An object of a kind the schema does not hold is a problem too.
 */
export function checkSchema(manifests: readonly Manifest[]): Problem[] {
  const problems: Problem[] = [];
  for (const m of manifests) {
    const object = describe(m);
    const at = (path: string, text: string, rule: string) =>
      problems.push({ file: m.file, object, path, message: text, rule });
    const o = m.object;
    if (typeof o !== 'object' || Array.isArray(o)) {
      at('', `must be a Kubernetes object (a mapping), got ${JSON.stringify(o)}`, 'schema');
      continue;
    }
    if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') {
      at('', 'must have a string apiVersion and kind', 'schema');
      continue;
    }
    const definition = schema.kinds[`${o.apiVersion}/${o.kind}`];
    if (!definition) {
      at('', `unknown kind ${o.apiVersion} ${o.kind}: the validator knows ${knownKinds().join(', ')}`, 'unknown-kind');
      continue;
    }
    const validate = loadValidators()[definition];
    if (validate(o)) continue;
    const errors = validate.errors ?? [];
    // A failed oneOf (IntOrString, Quantity) also reports each branch; keep the oneOf alone.
    const oneOfPaths = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
    const seen = new Set<string>();
    for (const e of errors) {
      if (e.keyword !== 'oneOf' && oneOfPaths.has(e.instancePath)) continue;
      const path = fieldPath(e.instancePath);
      const text = message(e);
      const key = `${path}\0${text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      at(path, text, `schema-${e.keyword}`);
    }
  }
  return problems;
}
