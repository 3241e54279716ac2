/**
 * INTEGRATION TEST (slow: a minute or more). Not a unit test: it installs packages (from the npm
 * registry, or npm's cache) and has npm build this package from git with jsii.
 *
 * A consumer's project as `cdk8s init typescript-app` makes it: cdk8s-cli's bundled
 * template, copied (`cdk8s init` would need the network for `cdk8s import`; the project
 * gets this repository's committed imports/k8s.ts instead). The package is installed from
 * this clone by `git+file://`, which clones the committed HEAD and runs its `prepare`
 * script (commit first: uncommitted changes are not installed). Then:
 * - the README's smallest chart synthesizes through the README's plugin block;
 * - the project type-checks with `skipLibCheck: false` and no cdk8s-plus installed;
 * - with cdk8s-plus-33 and -27 installed, their objects share a chart with a
 *   StatefulService, and their EnvValue, Probe and Cpu do not compile in place of ours;
 * - `replica: 3` from JavaScript is refused, naming `replica`.
 * Everything is written under one temporary directory, removed at the end.
 */
import { spawnSync, SpawnSyncOptions } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tempDirs } from '../fixtures/temp-dir';

const root = path.resolve(__dirname, '..', '..');
const temp = tempDirs('consumer-template');
const template = path.join(path.dirname(require.resolve('cdk8s-cli/package.json')), 'templates', 'typescript-app');
const cdk8sCli = path.join(path.dirname(require.resolve('cdk8s-cli/package.json')), 'bin', 'cdk8s');
const version = (name: string): string =>
  JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf-8')).version;
const read = (f: string) => fs.readFileSync(path.join(root, f), 'utf-8');

let work: string;
let project: string;

function run(cmd: string, args: string[], options: SpawnSyncOptions = {}) {
  // Child processes (npm, ts-node, jsii in npm's git clone) get a temp folder in ours.
  const tmp = path.join(work, 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  const env = {
    ...process.env,
    TMPDIR: tmp,
    TMP: tmp,
    TEMP: tmp,
    CDK8S_CHECK_UPGRADE: 'false',
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    ...(options.env ?? {}),
  };
  const r = spawnSync(cmd, args, { cwd: project, encoding: 'utf-8', ...options, env });
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}
function ok(cmd: string, args: string[], options: SpawnSyncOptions = {}): string {
  const r = run(cmd, args, options);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}
const npm = (...args: string[]) => ok('npm', [...args, '--loglevel=error']);
const synth = () => run(process.execPath, [cdk8sCli, 'synth', '--no-check-upgrade']);
const typecheck = () =>
  run(process.execPath, [path.join(project, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit']);

/** The README's `validations:` block (the one after `<!-- plugin-block -->`). */
function readmePluginBlock(): string {
  const m = /<!-- plugin-block -->\n+```yaml\n([\s\S]*?)```/.exec(read('README.md'));
  if (!m) throw new Error('README.md has no ```yaml block after <!-- plugin-block -->');
  return m[1];
}

/** The template's files, its `{{ ... }}` placeholders filled as `cdk8s init` fills them. */
function copyTemplate(from: string, to: string): void {
  const values: Record<string, string> = {
    $base: 'consumer',
    cdk8s_core_version: version('cdk8s'),
    cdk8s_plus_version: version('cdk8s-plus-33'),
    constructs_version: version('constructs'),
    cdk8s_cli_spec: `^${version('cdk8s-cli')}`,
  };
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const target = path.join(to, e.name.replace('{{}}', ''));
    if (e.isDirectory()) copyTemplate(path.join(from, e.name), target);
    else {
      const text = fs.readFileSync(path.join(from, e.name), 'utf-8');
      fs.writeFileSync(
        target,
        text.replace(/\{\{ *([$\w]+) *\}\}/g, (_, k: string) => values[k] ?? ''),
      );
    }
  }
}

beforeAll(() => {
  work = temp.make();
  project = path.join(work, 'consumer');
  copyTemplate(template, project);
  // What `cdk8s init` runs after copying (.hooks.sscaff.js: install, import, test) is done
  // here by hand, offline: the committed imports, and no jest project of its own.
  for (const f of ['.hooks.sscaff.js', 'main.test.ts', 'jest.config.js', '__snapshots__']) {
    fs.rmSync(path.join(project, f), { recursive: true, force: true });
  }
  fs.mkdirSync(path.join(project, 'imports'));
  fs.copyFileSync(path.join(root, 'imports', 'k8s.ts'), path.join(project, 'imports', 'k8s.ts'));
  const pkg = JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf-8'));
  // No cdk8s-plus: the package needs none. The CLI is this repository's (the same version).
  delete pkg.dependencies['cdk8s-plus-33'];
  pkg.dependencies['cdk8s-stateful-service'] = `git+file://${root}`;
  pkg.devDependencies = {
    '@types/node': version('@types/node'),
    typescript: version('typescript'),
    'ts-node': '10.9.2',
  };
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify(pkg, null, 2));
  npm('install');
}, 900_000);
afterAll(() => temp.cleanup());

test("the README's smallest chart synthesizes through the README's plugin block", () => {
  fs.writeFileSync(path.join(project, 'main.ts'), read('docs/samples/smallest-chart.ts'));
  const config = fs.readFileSync(path.join(project, 'cdk8s.yaml'), 'utf-8');
  fs.writeFileSync(path.join(project, 'cdk8s.yaml'), `${config.trimEnd()}\n${readmePluginBlock()}`);
  const r = synth();
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/║ Status +│ success +║/);
  const yaml = fs.readFileSync(path.join(project, 'dist', 'cache.k8s.yaml'), 'utf-8');
  expect(yaml).toContain('name: cache-client');
  expect(yaml).toContain('type: ClusterIP');
  expect(yaml).not.toContain('NodePort');
}, 300_000);

test('type-checks with skipLibCheck false, and no cdk8s-plus is installed', () => {
  const tsconfig = JSON.parse(fs.readFileSync(path.join(project, 'tsconfig.json'), 'utf-8'));
  expect(tsconfig.compilerOptions.skipLibCheck).toBeUndefined(); // false: every .d.ts is checked
  expect(fs.readdirSync(path.join(project, 'node_modules')).filter((d) => d.startsWith('cdk8s-plus'))).toEqual([]);
  const r = typecheck();
  expect(r.stdout + r.stderr).toBe('');
  expect(r.status).toBe(0);
}, 300_000);

test('beside cdk8s-plus-33 and -27: their objects share the chart, their value types do not compile in ours', () => {
  npm('install', '--no-save', `cdk8s-plus-33@${version('cdk8s-plus-33')}`, `cdk8s-plus-27@${version('cdk8s-plus-27')}`);
  fs.writeFileSync(
    path.join(project, 'main.ts'),
    `import { App, Chart, Size } from 'cdk8s';
import * as plus27 from 'cdk8s-plus-27';
import * as plus33 from 'cdk8s-plus-33';
import { EnvValue, StatefulService, Storage } from 'cdk8s-stateful-service';

const app = new App();
const chart = new Chart(app, 'mixed', { namespace: 'shop' });
const db = new StatefulService(chart, 'db', {
  name: 'db',
  replicas: 2,
  container: {
    image: 'example/db:1.0.0',
    ports: [{ name: 'sql', number: 5432 }],
    env: { MODE: EnvValue.literal('replica') },
  },
  storage: [Storage.dynamic({ size: Size.gibibytes(1), mountPath: '/data' })],
});
new plus33.ConfigMap(chart, 'peers33', { metadata: { name: 'peers-33' }, data: { PEERS: db.peerDnsNames().join(',') } });
new plus27.ConfigMap(chart, 'peers27', { metadata: { name: 'peers-27' }, data: { PEERS: db.peerDnsNames().join(',') } });
app.synth();
`,
  );
  fs.writeFileSync(
    path.join(project, 'refused.ts'),
    `import * as plus27 from 'cdk8s-plus-27';
import * as plus33 from 'cdk8s-plus-33';
import { ContainerProps } from 'cdk8s-stateful-service';

export const wrong: ContainerProps[] = [
  // @ts-expect-error: cdk8s-plus-33's EnvValue is not this package's
  { image: 'a:1', env: { A: plus33.EnvValue.fromValue('a') } },
  // @ts-expect-error: cdk8s-plus-27's Probe is not this package's
  { image: 'a:1', readinessProbe: plus27.Probe.fromTcpSocket() },
  // @ts-expect-error: cdk8s-plus-33's Cpu is not this package's
  { image: 'a:1', resources: { cpu: { request: plus33.Cpu.millis(100) } } },
];
`,
  );
  const check = typecheck();
  expect(check.stdout + check.stderr).toBe('');
  expect(check.status).toBe(0);
  const r = synth();
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const yaml = fs.readFileSync(path.join(project, 'dist', 'mixed.k8s.yaml'), 'utf-8');
  for (const name of ['peers-33', 'peers-27', 'db', 'db-client']) expect(yaml).toContain(`name: ${name}\n`);
}, 600_000);

test("JavaScript's replica: 3 is refused, naming replica", () => {
  fs.copyFileSync(path.join(root, 'docs', 'samples', 'refused-props.js'), path.join(project, 'refused-props.js'));
  const r = run(process.execPath, ['refused-props.js'], { env: { CDK8S_OUTDIR: path.join(work, 'out') } });
  expect(r.status).toBe(1);
  expect(r.stderr).toContain(`[cache/cache] 'replica' is not a known prop (did you mean 'replicas'?), got 3`);
  // nothing written: cdk8s makes the output folder, and the failed synth leaves it empty
  expect(fs.readdirSync(path.join(work, 'out'))).toEqual([]);
});
