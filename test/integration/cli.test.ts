import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tempDirs } from '../fixtures/temp-dir';

// End to end through the real command lines, as a user runs them.
const root = path.resolve(__dirname, '..', '..');
const env = { ...process.env, CDK8S_CHECK_UPGRADE: 'false' };
const cdk8s = path.join(path.dirname(require.resolve('cdk8s-cli/package.json')), 'bin', 'cdk8s');
const temp = tempDirs('cli');
afterAll(() => temp.cleanup());

function run(args: string[], input?: string) {
  return spawnSync(process.execPath, args, { cwd: root, env, encoding: 'utf-8', input });
}
/** The `stateful-service` command, from the sources. */
const cli = (args: string[], input?: string) => run(['tools/run-ts.js', 'src/cli/main.ts', ...args], input);

test('`cdk8s synth` (the app in cdk8s.yaml) writes what is committed in dist/, validated in one report', () => {
  const out = temp.make();
  const r = run([cdk8s, 'synth', '--no-check-upgrade', '--output', out]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout.match(/Validation Report \(/g)).toHaveLength(1);
  expect(r.stdout).toMatch(/║ Status +│ success +║/);
  expect(r.stdout).toMatch(/║ Acknowledged +│ 4 +║/);
  expect(r.stdout).toContain('Validations ended succesfully'); // sic, the CLI's spelling
  for (const f of ['random-generator.k8s.yaml', 'production/random-generator.k8s.yaml']) {
    expect(fs.readFileSync(path.join(out, f), 'utf-8')).toBe(fs.readFileSync(path.join(root, 'dist', f), 'utf-8'));
  }
  expect(fs.readdirSync(out).sort()).toEqual(['production', 'random-generator.k8s.yaml']);
});

/** `cdk8s synth` of the app that writes an invalid manifest, into a new folder. */
function synthInvalid(...options: string[]) {
  const out = temp.make();
  const app = 'node tools/run-ts.js test/fixtures/invalid-manifest-app.ts';
  return { out, r: run([cdk8s, 'synth', '--no-check-upgrade', '--app', app, ...options, '--output', out]) };
}

test('`cdk8s synth` fails on an invalid manifest, and leaves no manifest that kubectl would apply', () => {
  const { out, r } = synthInvalid();
  expect(r.status).toBe(2);
  expect(r.stdout.match(/Validation Report \(/g)).toHaveLength(1);
  expect(r.stdout).toContain('Recommendation: Service/bad_name spec: unknown field "clusterIp"');
  expect(r.stdout).toContain('Recommendation: Service/bad_name metadata.name: a Service name must be a DNS-1035 label');
  expect(r.stdout).toMatch(/Recommendation: Service\/bad_name spec\.ports\[0\]\.port: .*got 0/);
  expect(r.stderr).toContain('Validation failed');
  expect(r.stderr).toContain(
    `stateful-service: the synth failed, so its manifests were renamed to *.invalid (out of a Helm chart's templates/) and nothing in the output can be applied or installed by mistake:\n  ${out}/invalid.k8s.yaml.invalid\n`,
  );
  expect(fs.readdirSync(out)).toEqual(['invalid.k8s.yaml.invalid']);
});

/** Every file under a folder, relative to it, sorted. */
const tree = (dir: string): string[] =>
  (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();

test('`cdk8s synth --format helm` that fails leaves nothing under templates/ that Helm would install', () => {
  const { out, r } = synthInvalid('--format', 'helm', '--chart-version', '1.0.0');
  expect(r.status).toBe(2);
  expect(r.stderr).toContain(`  ${out}/invalid-templates/invalid.k8s.yaml.invalid\n`);
  expect(tree(out)).toEqual(['Chart.yaml', 'README.md', 'invalid-templates/invalid.k8s.yaml.invalid']);
});

test('a wrong plugin property in cdk8s.yaml fails the synth with one finding, no stack, nothing applicable left', () => {
  const project = temp.make();
  fs.writeFileSync(
    path.join(project, 'cdk8s.yaml'),
    [
      'language: typescript',
      `app: node ${path.join(root, 'tools', 'run-ts.js')} ${path.join(root, 'main.ts')}`,
      'output: dist',
      'validations:',
      `  - package: ${path.join(root, 'tools', 'cdk8s-validation-plugin')}`,
      '    version: 1.0.0',
      '    class: ManifestValidation',
      "    properties: { kubernetesVersion: '1.26', lint: 'false' }",
      '',
    ].join('\n'),
  );
  const r = spawnSync(process.execPath, [cdk8s, 'synth', '--no-check-upgrade'], {
    cwd: project,
    env,
    encoding: 'utf-8',
  });
  expect(r.status).toBe(2);
  expect(r.stdout).toContain('plugin-properties (0 occurrences)');
  expect(r.stdout).toContain('Recommendation: stateful-service plugin: unknown Kubernetes version "1.26"');
  expect(r.stdout).toContain(`'lint' must be true or false (a YAML boolean, unquoted), got "false"`);
  expect(`${r.stdout}${r.stderr}`).not.toMatch(/^\s+at /m);
  expect(tree(path.join(project, 'dist'))).toEqual([
    'production/random-generator.k8s.yaml.invalid',
    'random-generator.k8s.yaml.invalid',
  ]);
});

describe('the stateful-service command as a process', () => {
  test('exit codes: 0 clean, 1 findings, 2 usage', () => {
    expect(cli(['validate', 'dist']).status).toBe(0);
    const broken = path.join(temp.make(), 'svc.yaml');
    fs.writeFileSync(broken, 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 0}]}\n');
    const bad = cli(['validate', broken]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe('');
    const usage = cli(['validate', '--nope']);
    expect(usage.status).toBe(2);
    expect(usage.stdout).toBe('');
    expect(usage.stderr).toBe(
      'error: unknown option --nope for validate (its options: --format, --max-file-size, --kubernetes-version, --help) (see stateful-service validate --help)\n',
    );
  });

  test('reads nesting as deep as kubectl reads (10000 levels), and refuses deeper on one line', () => {
    const nested = (n: number) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\nnested: ${'['.repeat(n)}${']'.repeat(n)}\n`;
    const ok = cli(['validate', '-'], nested(9990));
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toBe(
      '<stdin>:1 ConfigMap/deep: unknown field "nested" [unknown-field]\nvalidate: 1 object in 1 file (Kubernetes 1.36): 1 error, 0 warnings\n',
    );
    const deeper = cli(['validate', '-'], nested(10001));
    expect(deeper.status).toBe(2);
    expect(deeper.stderr).toBe(
      'error: <stdin>:4:10008: invalid YAML (document 1): nested more than 10000 levels deep, which kubectl does not read either\n',
    );
  });

  test('- reads standard input', () => {
    const yaml = fs.readFileSync(path.join(root, 'dist', 'random-generator.k8s.yaml'), 'utf-8');
    const r = cli(['validate', '-'], yaml);
    expect(r.stdout).toBe('validate: 7 objects in 1 file (Kubernetes 1.36): 0 errors, 0 warnings\n');
    expect(r.status).toBe(0);
    const lint = cli(['lint', '-'], yaml.replace('k8spatterns/random-generator:1.0', 'k8spatterns/random-generator'));
    expect(lint.status).toBe(1);
    expect(lint.stdout).toContain('<stdin>:5 StatefulSet/rg: spec.template.spec.containers[0].image: image ');
  });
});
