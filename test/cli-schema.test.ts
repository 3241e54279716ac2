import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { CompactSchema, Type, validateValue } from '../src/cli/validate/schema/compact';
import { KNOWN_VERSIONS, resolveVersion, schemaFor, UnknownVersionError } from '../src/cli/validate/schema/versions';
import { checkSchema } from '../src/cli/validate/schema-check';
import { Manifest } from '../src/cli/manifests';
import { readInputs } from '../src/cli/input';
import { tempDirs } from './fixtures/temp-dir';

const root = path.resolve(__dirname, '..');
const temp = tempDirs('cli-schema');
afterAll(() => temp.cleanup());

const manifest = (object: unknown, index = 0): Manifest => ({ file: 'test.yaml', index, object });
const check = (object: unknown, version: string) =>
  checkSchema([manifest(object)], version).map((p) => `${p.path}: ${p.message} [${p.rule}]`);

describe('versions', () => {
  test('the known versions, and how a version is written', () => {
    expect(KNOWN_VERSIONS).toEqual(['1.27', '1.33', '1.34', '1.35', '1.36']);
    expect(resolveVersion('1.33')).toBe('1.33');
    expect(resolveVersion('v1.34.2')).toBe('1.34');
    expect(resolveVersion()).toBe('1.27');
  });

  test('an unknown version is an error that lists the known ones', () => {
    expect(() => resolveVersion('1.30')).toThrow(UnknownVersionError);
    expect(() => resolveVersion('latest')).toThrow(
      'unknown Kubernetes version "latest": the known versions are 1.27, 1.33, 1.34, 1.35, 1.36',
    );
  });

  test('every reference of every version resolves, and every kind has its definition', () => {
    for (const v of KNOWN_VERSIONS) {
      const s = schemaFor(v);
      const refs = new Set<string>();
      JSON.stringify(s.defs, (_k, value) => {
        if (typeof value === 'string' && value.startsWith('#')) refs.add(value.slice(1));
        return value;
      });
      expect([...refs].filter((r) => !(r in s.defs))).toEqual([]);
      expect(Object.values(s.kinds).filter((d) => !(d in s.defs))).toEqual([]);
      expect(Object.keys(s.kinds)).toContain('apps/v1/StatefulSet');
    }
  });

  test('the committed schemas stay small', () => {
    const dir = path.join(root, 'src', 'cli', 'validate', 'schemas');
    const total = fs.readdirSync(dir).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
    expect(total).toBeLessThan(100_000); // 86 kB for five versions when written
  });
});

describe('what differs between versions', () => {
  const service = (spec: object) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec });
  const pod = (spec: object) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: { containers: [{ name: 'c', image: 'i:1' }], ...spec },
  });

  test('a field added in a later version is unknown before it, and the message says where it exists', () => {
    const s = service({ trafficDistribution: 'PreferClose' });
    expect(check(s, '1.27')).toEqual([
      'spec: unknown field "trafficDistribution" (Kubernetes 1.33 and later have it) [unknown-field]',
    ]);
    expect(check(s, '1.33')).toEqual([]);
  });

  test('a value allowed from a later version is a finding before it', () => {
    const p = pod({ tolerations: [{ key: 'k', operator: 'Gt', value: '3' }] });
    expect(check(p, '1.34')).toEqual([
      // The 1.35 schema lists Gt, but the API server refuses it while its gate is off (issue 22).
      'spec.tolerations[0].operator: must be one of "Equal", "Exists", got "Gt" (the TaintTolerationComparisonOperators feature gate (alpha from Kubernetes 1.35, off by default) is needed for "Gt" and "Lt") [enum]',
    ]);
    expect(check(p, '1.35')).toEqual([]);
  });

  test('a sidecar (init container restartPolicy): unknown in 1.27, only Always in 1.33, not limited from 1.34', () => {
    const sidecar = (restartPolicy: string) => pod({ initContainers: [{ name: 'side', image: 'i:1', restartPolicy }] });
    expect(check(sidecar('Always'), '1.27')).toEqual([
      'spec.initContainers[0]: unknown field "restartPolicy" (Kubernetes 1.33 and later have it) [unknown-field]',
    ]);
    expect(check(sidecar('Always'), '1.33')).toEqual([]);
    expect(check(sidecar('OnFailure'), '1.33')).toEqual([
      'spec.initContainers[0].restartPolicy: must be one of "Always", got "OnFailure" [enum]',
    ]);
    expect(check(sidecar('OnFailure'), '1.34')).toEqual([]);
  });

  test('an apiVersion a version no longer serves names the one to use', () => {
    const pdb = { apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', metadata: { name: 'b' } };
    for (const v of KNOWN_VERSIONS) {
      expect(check(pdb, v)).toEqual([
        `: Kubernetes ${v} does not serve PodDisruptionBudget in policy/v1beta1: use policy/v1 [unknown-kind]`,
      ]);
    }
    const flow = { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kind: 'FlowSchema', metadata: { name: 'f' } };
    expect(check(flow, '1.27')).toEqual([
      ': FlowSchema (flowcontrol.apiserver.k8s.io/v1beta2) is built into Kubernetes 1.27 but not checked field by field here [no-schema]',
    ]);
    expect(checkSchema([manifest(flow)], '1.27')[0].severity).toBe('warning');
    expect(check(flow, '1.33')).toEqual([
      ': Kubernetes 1.33 does not serve FlowSchema in flowcontrol.apiserver.k8s.io/v1beta2: use flowcontrol.apiserver.k8s.io/v1 [unknown-kind]',
    ]);
  });

  test('a custom resource is a warning, not checked; a misspelt built-in kind is an error', () => {
    const [cert] = checkSchema(
      [manifest({ apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'c' } })],
      '1.27',
    );
    expect(cert).toMatchObject({ rule: 'custom-resource', severity: 'warning' });
    expect(check({ apiVersion: 'v1', kind: 'Servce', metadata: { name: 'x' } }, '1.27')).toEqual([
      ': Kubernetes 1.27 does not serve Servce in v1 [unknown-kind]',
    ]);
  });
});

describe('the compact validator accepts exactly what ajv accepts for the same schema', () => {
  /** The compact form written as the JSON Schema it stands for. */
  function toJsonSchema(t: Type): object {
    if (typeof t === 'string') {
      if (t.startsWith('#')) return { $ref: `#/definitions/${t.slice(1)}` };
      const int = (min: number, max: number) => ({ type: 'integer', minimum: min, maximum: max });
      return (
        {
          string: { type: 'string' },
          boolean: { type: 'boolean' },
          number: { type: 'number' },
          integer: { type: 'integer' },
          int32: int(-(2 ** 31), 2 ** 31 - 1),
          int64: int(-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
          'int-or-string': { oneOf: [{ type: 'string' }, { type: 'integer' }] },
          quantity: { oneOf: [{ type: 'string' }, { type: 'number' }] },
          object: { type: 'object' },
          any: {},
        } as Record<string, object>
      )[t];
    }
    if ('e' in t) return { type: 'string', enum: t.e };
    if ('a' in t) return { type: 'array', items: toJsonSchema(t.a) };
    if ('m' in t) return { type: 'object', additionalProperties: toJsonSchema(t.m) };
    const required = t.r ?? [];
    return {
      type: 'object',
      additionalProperties: false,
      required,
      properties: Object.fromEntries(
        Object.entries(t.p).map(([k, v]) => [
          k,
          // an optional field may be null: the API server reads it as unset
          required.includes(k) ? toJsonSchema(v) : { anyOf: [{ type: 'null' }, toJsonSchema(v)] },
        ]),
      ),
    };
  }

  /** Deterministic variants of an object: each field nulled, retyped, dropped, or joined by an unknown one. */
  function* variants(o: any): Generator<any> {
    const paths: (string | number)[][] = [];
    const walk = (v: any, p: (string | number)[]) => {
      paths.push(p);
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...p, i]));
      else if (v && typeof v === 'object') Object.entries(v).forEach(([k, x]) => walk(x, [...p, k]));
    };
    walk(o, []);
    const replacements = [null, 'x', 7, 2.5, 2 ** 40, true, [], {}, ['x'], { zz: 1 }];
    for (const p of paths.slice(1)) {
      for (const r of replacements) {
        const c = structuredClone(o);
        const parent = p.slice(0, -1).reduce((a: any, k) => a[k], c);
        parent[p[p.length - 1]] = r;
        yield c;
      }
      const dropped = structuredClone(o);
      const parent = p.slice(0, -1).reduce((a: any, k) => a[k], dropped);
      if (Array.isArray(parent)) parent.splice(Number(p[p.length - 1]), 1);
      else delete parent[p[p.length - 1]];
      yield dropped;
      const target = p.reduce((a: any, k) => a[k], structuredClone(o));
      if (target && typeof target === 'object' && !Array.isArray(target)) {
        const extended = structuredClone(o);
        p.reduce((a: any, k) => a[k], extended).unknownField = 1;
        yield extended;
      }
    }
  }

  const dist = readInputs([path.join(root, 'dist')]).manifests.map((m) => m.object);
  const more = parse(`
apiVersion: batch/v1
kind: CronJob
metadata: {name: c, labels: {a: b}}
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      podFailurePolicy: {rules: [{action: Ignore, onExitCodes: {operator: In, values: [1]}}]}
      template:
        spec:
          restartPolicy: Never
          tolerations: [{key: k, operator: Exists, effect: NoSchedule}]
          containers:
          - {name: a, image: "a:1", resources: {limits: {cpu: 1, memory: 1Gi}}, ports: [{containerPort: 80, protocol: UDP}]}
`);

  test.each(KNOWN_VERSIONS)('Kubernetes %s', (version) => {
    const schema: CompactSchema = schemaFor(version);
    const ajv = new Ajv({ strict: false, allErrors: false });
    ajv.addSchema({
      $id: 'k8s',
      definitions: Object.fromEntries(Object.entries(schema.defs).map(([k, v]) => [k, toJsonSchema(v)])),
    });
    let compared = 0;
    let invalid = 0;
    for (const object of [...dist, more]) {
      const definition = schema.kinds[`${object.apiVersion}/${object.kind}`];
      const ajvValidate = ajv.getSchema(`k8s#/definitions/${definition}`)!;
      for (const v of variants(object)) {
        const errors: any[] = [];
        validateValue(schema, `#${definition}`, v, errors);
        const ours = errors.length === 0;
        if (ours !== ajvValidate(v)) {
          throw new Error(`disagreement on ${JSON.stringify(v)}: ours ${ours}, ajv ${!ours}`);
        }
        compared++;
        if (!ours) invalid++;
      }
    }
    expect(compared).toBeGreaterThan(5000);
    expect(invalid).toBeGreaterThan(compared / 2); // the variants do test rejections
  });
});

describe('tools/make-k8s-schemas.js', () => {
  const fixture = path.join(root, 'test', 'fixtures', 'k8s-schema');
  const generate = (out: string, args: string[]) =>
    spawnSync(process.execPath, [path.join(root, 'tools', 'make-k8s-schemas.js'), '--output', out, ...args], {
      encoding: 'utf-8',
    });
  const load = (file: string) => {
    const text = fs.readFileSync(file, 'utf-8');
    return JSON.parse(new Function(`return ${/export const schema =\s*('.*');/.exec(text)![1]}`)());
  };

  test('writes the first version whole and the next as its changes, strict and with the enums', () => {
    const out = temp.make();
    const r = generate(out, [
      '--source',
      fixture,
      '--versions',
      '1.27.0,1.33.0',
      '--kinds',
      'io.k8s.api.core.v1.ConfigMap',
      '--enums',
      path.join(fixture, 'enums.json'),
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(load(path.join(out, 'k8s-1.27.ts'))).toEqual({
      kinds: { 'v1/ConfigMap': 'core.v1.ConfigMap' },
      builtin: ['v1/Unreached'],
      defs: {
        'core.v1.ConfigMap': {
          p: {
            apiVersion: 'string',
            kind: { e: ['ConfigMap'] },
            metadata: '#meta.v1.ObjectMeta',
            data: { m: 'string' },
            size: 'quantity',
            mode: { e: ['A', 'B'] },
          },
        },
        'meta.v1.ObjectMeta': { p: { name: 'string', generation: 'int64', labels: { m: 'string' } }, r: ['name'] },
      },
    });
    const changes = load(path.join(out, 'k8s-1.33.ts'));
    expect(changes.builtin).toEqual({ add: ['new.k8s.io/v1/Added'], remove: ['v1/Unreached'] });
    expect(Object.keys(changes.defs)).toEqual(['core.v1.ConfigMap']);
    expect(changes.defs['core.v1.ConfigMap'].p.mode).toEqual({ e: ['A', 'B', 'C'] });
    expect(changes.defs['core.v1.ConfigMap'].p.ports).toEqual({ a: 'int32' });
  });

  test('a missing source is a clear error', () => {
    const r = generate(temp.make(), ['--source', path.join(temp.make(), 'none')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^make-k8s-schemas: schema file not found: .*v1\.27\.0\/_definitions\.json \(pass --source <dir>\)\n$/,
    );
  });

  // The real source is not part of the repository: where it is at hand, the committed
  // schemas must be exactly what the script makes of it.
  const shared = path.resolve(root, '..', 'shared', 'k8s-schema');
  if (fs.existsSync(shared)) {
    test('the committed schemas are what `npm run schema` generates from ../shared/k8s-schema', () => {
      const out = temp.make();
      const r = generate(out, []);
      expect(r.status).toBe(0);
      const committed = path.join(root, 'src', 'cli', 'validate', 'schemas');
      expect(fs.readdirSync(out).sort()).toEqual(fs.readdirSync(committed).sort());
      for (const f of fs.readdirSync(out)) {
        expect(fs.readFileSync(path.join(out, f), 'utf-8')).toBe(fs.readFileSync(path.join(committed, f), 'utf-8'));
      }
    });
  }
});
