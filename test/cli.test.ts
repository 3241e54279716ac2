import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// End to end through the real command lines, as a user runs them.
const root = path.resolve(__dirname, '..');
const schema = path.resolve(root, '..', 'shared', 'k8s-schema', 'v1.27.0', '_definitions.json');
const env = { ...process.env, CDK8S_CHECK_UPGRADE: 'false' };
const cdk8s = path.join(path.dirname(require.resolve('cdk8s-cli/package.json')), 'bin', 'cdk8s');

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
}

function run(args: string[]) {
  return spawnSync(process.execPath, args, { cwd: root, env, encoding: 'utf-8' });
}

test('`cdk8s synth` (the app in cdk8s.yaml) writes what is committed in dist/', () => {
  const out = tmp();
  const r = run([cdk8s, 'synth', '--no-check-upgrade', '--output', out]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('Validations ended succesfully'); // sic, the CLI's spelling
  for (const f of ['random-generator.k8s.yaml', 'production/random-generator.k8s.yaml']) {
    expect(fs.readFileSync(path.join(out, f), 'utf-8')).toBe(fs.readFileSync(path.join(root, 'dist', f), 'utf-8'));
  }
  expect(fs.readdirSync(out).sort()).toEqual(['production', 'random-generator.k8s.yaml']);
});

test('invalid props stop the app with the problems and no stack trace', () => {
  const out = tmp();
  const r = spawnSync(process.execPath, ['tools/run-ts.js', 'test/fixtures/invalid-props-app.ts'], {
    cwd: root,
    env: { ...env, CDK8S_OUTDIR: out },
    encoding: 'utf-8',
  });
  expect(r.status).toBe(1);
  expect(r.stderr).toBe(
    [
      "error: Invalid props for StatefulService at 'broken/rg':",
      "  - 'replicas' must be an integer from 0 to 2147483647, got -1",
      `  - 'storage.size' must be a positive Kubernetes quantity of bytes such as "10Mi", "1Gi" or "500M", got "10MB"`,
      '',
    ].join('\n'),
  );
  expect(fs.readdirSync(out)).toEqual([]); // no manifest written
});

test('`cdk8s synth` fails on an invalid manifest, through the validation plugin in cdk8s.yaml', () => {
  const out = tmp();
  const r = run([
    cdk8s,
    'synth',
    '--no-check-upgrade',
    '--app',
    'node tools/run-ts.js test/fixtures/invalid-manifest-app.ts',
    '--output',
    out,
  ]);
  expect(r.status).not.toBe(0);
  expect(r.stdout).toContain('Recommendation: Service/bad_name spec: unknown field "clusterIp"');
  expect(r.stdout).toContain('Recommendation: Service/bad_name metadata.name: a Service name must be a DNS-1035 label');
  expect(r.stdout).toContain(
    'Recommendation: Service/bad_name spec.ports[0].port: a port must be an integer from 1 to 65535, got 0',
  );
  expect(r.stderr).toContain('Validation failed');
});

const withSchema = fs.existsSync(schema) ? test : test.skip;
if (!fs.existsSync(schema)) {
  console.warn(
    `skipping the checks of imports/k8s.ts and the strict schema against their source: no schema at ${schema} (see tools/import-k8s.js)`,
  );
}
withSchema('imports/k8s.ts is exactly what `npm run import` generates from the 1.27.0 schema', () => {
  const out = tmp();
  const r = run(['tools/import-k8s.js', '--schema', schema, '--output', out]);
  expect(r.status).toBe(0);
  expect(fs.readFileSync(path.join(out, 'k8s.ts'), 'utf-8')).toBe(
    fs.readFileSync(path.join(root, 'imports', 'k8s.ts'), 'utf-8'),
  );
});

withSchema('the committed strict schema is what `npm run schema` generates from the 1.27.0 schema', () => {
  const out = path.join(tmp(), 'strict.json');
  const r = run(['tools/make-strict-schema.js', '--schema', schema, '--output', out]);
  expect(r.status).toBe(0);
  expect(fs.readFileSync(out, 'utf-8')).toBe(
    fs.readFileSync(path.join(root, 'src', 'cli', 'validate', 'k8s-1.27.0-strict.json'), 'utf-8'),
  );
});
