import { spawnSync, SpawnSyncOptions } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tempDirs } from '../fixtures/temp-dir';

// The published artifact, not the source tree: pack the package, check what the tarball
// holds, install it into a fresh cdk8s project (stock `cdk8s init` layout, dependencies
// from the npm registry or the local npm cache), synthesize the book example through the
// validation plugin block of docs/tools.md, and run every command of the installed binary.
const root = path.resolve(__dirname, '..', '..');
const temp = tempDirs('consumer');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf-8'));
const version = (name: string): string =>
  JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf-8')).version;
const cdk8sCli = path.join(path.dirname(require.resolve('cdk8s-cli/package.json')), 'bin', 'cdk8s');

// Child processes get a temp folder inside the test's own, removed with it: the project's
// dependencies write there (v8-compile-cache under ts-node), and a run leaves nothing behind.
function run(cmd: string, args: string[], options: SpawnSyncOptions = {}) {
  const tmp = path.join(work, 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  const env = { ...(options.env ?? process.env), TMPDIR: tmp, TMP: tmp, TEMP: tmp };
  const r = spawnSync(cmd, args, { encoding: 'utf-8', ...options, env });
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}
function ok(cmd: string, args: string[], options: SpawnSyncOptions = {}): string {
  const r = run(cmd, args, options);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/**
 * The `validations:` block users are told to paste into cdk8s.yaml: the one after
 * `<!-- plugin-block -->` in docs/tools.md, and in README.md wherever it repeats it.
 */
function documentedPluginBlock(): string {
  const blocks = ['docs/tools.md', 'README.md'].flatMap((f) =>
    [...fs.readFileSync(path.join(root, f), 'utf-8').matchAll(/<!-- plugin-block -->\n+```yaml\n([\s\S]*?)```/g)].map(
      (m) => m[1],
    ),
  );
  if (blocks.length === 0) throw new Error('docs/tools.md has no ```yaml block after <!-- plugin-block -->');
  expect(new Set(blocks).size).toBe(1);
  return blocks[0];
}

let work: string;
let tarball: string;
beforeAll(() => {
  work = temp.make();
  // npm test compiles first (tools/test.js), so the pack needs not run `prepack` again.
  if (!fs.existsSync(path.join(root, '.jsii')) || !fs.existsSync(path.join(root, 'lib', 'src', 'index.js'))) {
    throw new Error('no .jsii or lib/: run `npm run compile` first (npm test does)');
  }
  const packed = ok('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', work], { cwd: root })
    .trim()
    .split('\n')
    .pop()!;
  tarball = path.join(work, packed);
}, 120_000);
afterAll(() => temp.cleanup());

test('the tarball holds the library, the CLI, the plugin and the docs, and nothing else', () => {
  const files = ok('tar', ['-tzf', tarball])
    .split('\n')
    .filter((f) => f && !f.endsWith('/'))
    .map((f) => f.replace(/^package\//, ''));
  const allowed = [
    /^(package\.json|README\.md|LICENSE|CHANGELOG\.md|API\.md|\.jsii)$/,
    /^lib\/src\/.+\.(js|d\.ts)$/,
    // Types only: the library writes plain objects typed by the generated interfaces and never loads their classes.
    /^lib\/imports\/.+\.d\.ts$/,
    /^node_modules\/yaml\//, // the one runtime dependency, bundled (jsii needs it so)
  ];
  expect(files.filter((f) => !allowed.some((a) => a.test(f)))).toEqual([]);
  const required = [
    'package.json',
    'README.md',
    'LICENSE',
    'CHANGELOG.md',
    'API.md',
    'lib/src/index.js',
    'lib/src/index.d.ts',
    'lib/imports/k8s.d.ts',
    'lib/src/cli/main.js',
    'lib/src/cli/plugin.js',
    'node_modules/yaml/package.json',
    ...(fs.existsSync(path.join(root, '.jsii')) ? ['.jsii'] : []),
  ];
  expect(required.filter((f) => !files.includes(f))).toEqual([]);
  expect(files.filter((f) => f.startsWith('lib/src/charts/'))).toEqual([]); // the repository's own app
});

test('installed into a fresh cdk8s project: synth through the plugin block, then every command of the binary', () => {
  const project = path.join(work, 'project');
  fs.mkdirSync(project);
  fs.writeFileSync(
    path.join(project, 'package.json'),
    JSON.stringify(
      {
        name: 'consumer',
        private: true,
        dependencies: {
          'cdk8s-stateful-service': `file:${tarball}`,
          cdk8s: version('cdk8s'),
          constructs: version('constructs'),
        },
        devDependencies: { '@types/node': version('@types/node'), 'ts-node': '10.9.2', typescript: '5.9.3' },
      },
      null,
      2,
    ),
  );
  ok('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], {
    cwd: project,
  });
  // one copy of cdk8s and constructs: the library takes the consumer's (peer dependencies)
  expect(fs.existsSync(path.join(project, 'node_modules', 'cdk8s-stateful-service', 'node_modules', 'cdk8s'))).toBe(
    false,
  );

  // The book example as the app, importing the package by name as any consumer does.
  fs.copyFileSync(path.join(root, 'examples', 'book-example.ts'), path.join(project, 'main.ts'));
  fs.writeFileSync(
    path.join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'commonjs',
        lib: ['es2022'],
        strict: true,
        esModuleInterop: true,
        skipLibCheck: true,
        types: ['node'],
      },
      include: ['main.ts'],
    }),
  );
  const block = documentedPluginBlock();
  expect(block).toContain(`version: ${pkg.version}`);
  fs.writeFileSync(path.join(project, 'cdk8s.yaml'), `language: typescript\napp: npx ts-node main.ts\n${block}`);

  const env = { ...process.env, CDK8S_CHECK_UPGRADE: 'false' };
  const synth = run(process.execPath, [cdk8sCli, 'synth', '--no-check-upgrade'], { cwd: project, env });
  expect(synth.stderr).toBe('');
  expect(synth.status).toBe(0);
  expect(synth.stdout.match(/Validation Report \(/g)).toHaveLength(1);
  expect(synth.stdout).toMatch(/║ Status +│ success +║/);
  const dist = path.join(project, 'dist');
  const yamls = fs.readdirSync(dist).filter((f) => f.endsWith('.yaml'));
  expect(yamls.length).toBeGreaterThan(0);
  // cdk8s writes it for the report; kubectl cannot apply it, so the plugin removes it after
  expect(fs.readdirSync(dist)).not.toContain('construct-metadata.json');

  const bin = path.join(project, 'node_modules', '.bin', 'stateful-service');
  const cli = (...args: string[]) => run(bin, args, { cwd: project });
  expect(cli('--version')).toMatchObject({ status: 0, stdout: `${pkg.version}\n` });
  expect(cli('--help').stdout).toContain('Usage: stateful-service <command>');
  expect(cli('validate', 'dist')).toMatchObject({
    status: 0,
    stdout: expect.stringMatching(/: 0 errors, 0 warnings\n$/),
  });
  expect(cli('validate', '--kubernetes-version', '1.36', '--format', 'json', 'dist').status).toBe(0);
  expect(cli('lint', 'dist')).toMatchObject({
    status: 0,
    stdout: expect.stringMatching(/: 0 findings, \d+ acknowledged\n$/),
  });
  const plan = cli('plan-scale', '2', '1', '3', 'dist');
  expect(plan.status).toBe(0);
  expect(plan.stdout).toMatch(/^StatefulSet default\/\S+: claim templates /);
  expect(cli('check-upgrade', '--from', 'dist', '--to', 'dist')).toMatchObject({
    status: 0,
    stdout: expect.stringMatching(/: 0 errors, 0 warnings\n$/),
  });
  expect(cli('diagram', 'dist').stdout).toContain('```mermaid\nflowchart LR\n');

  // A broken manifest fails validate with exit 1, naming the field.
  const broken = path.join(project, 'broken.yaml');
  const text = fs.readFileSync(path.join(dist, yamls[0]), 'utf-8');
  fs.writeFileSync(broken, text.replace(/^spec:\n/m, 'spec:\n  replicaz: 2\n'));
  const bad = cli('validate', broken);
  expect(bad.status).toBe(1);
  expect(bad.stdout).toMatch(/broken\.yaml:\d+ \S+: spec: unknown field "replicaz" \[unknown-field\]/);
}, 300_000);
