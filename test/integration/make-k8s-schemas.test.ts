import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tempDirs } from '../fixtures/temp-dir';

// tools/make-k8s-schemas.js on a small fixture source. Whether the committed schemas are
// what it makes of the real source (../shared/k8s-schema) is `npm run schema -- --check`.
const root = path.resolve(__dirname, '..', '..');
const temp = tempDirs('make-k8s-schemas');
afterAll(() => temp.cleanup());

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

  test('--check passes on what it wrote, and names each file that differs, is missing or is not made', () => {
    const out = temp.make();
    const source = ['--source', fixture, '--versions', '1.27.0,1.33.0', '--kinds', 'io.k8s.api.core.v1.ConfigMap'];
    expect(generate(out, source).status).toBe(0);
    const passed = generate(out, [...source, '--check']);
    expect({ status: passed.status, stderr: passed.stderr }).toEqual({ status: 0, stderr: '' });
    expect(passed.stdout).toMatch(/is what .* makes \(2 files\)\n$/);

    fs.appendFileSync(path.join(out, 'k8s-1.33.ts'), '// edited\n');
    fs.rmSync(path.join(out, 'k8s-1.27.ts'));
    fs.writeFileSync(path.join(out, 'k8s-1.99.ts'), '');
    const failed = generate(out, [...source, '--check']);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('(run `npm run schema`):\n');
    expect(failed.stderr).toContain(
      '  k8s-1.27.ts: missing\n  k8s-1.33.ts: differs\n  k8s-1.99.ts: not made from the source\n',
    );
  });
});
