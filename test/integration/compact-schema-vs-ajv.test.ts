import * as path from 'path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { readInputs } from '../../src/cli/input';
import { CompactSchema, Type, validateValue } from '../../src/cli/validate/schema/compact';
import { KNOWN_VERSIONS, schemaFor } from '../../src/cli/validate/schema/versions';

// The validator's compact schemas against ajv, for every known version: thousands of
// values, valid and broken, must get the same verdict from both.
const root = path.resolve(__dirname, '..', '..');

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
