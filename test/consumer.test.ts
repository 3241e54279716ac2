import { spawnSync, SpawnSyncOptions } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadManifests, manifestFiles } from '../src/cli/manifests';
import { formatProblem, validate } from '../src/cli/validate';

// The published artifact, not the source tree: pack the library, install the tarball
// into a fresh cdk8s project (its dependencies come from the npm registry, or the local
// npm cache), type-check a consumer chart against the packed declarations, and synth it.
const root = path.resolve(__dirname, '..');
const version = (pkg: string): string =>
  JSON.parse(fs.readFileSync(path.join(root, 'node_modules', pkg, 'package.json'), 'utf-8')).version;

function run(cmd: string, args: string[], options: SpawnSyncOptions) {
  const r = spawnSync(cmd, args, { encoding: 'utf-8', ...options });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return String(r.stdout);
}

jest.setTimeout(180_000);

test('the packed library installs into a fresh cdk8s project and synthesizes a chart of two StatefulServices', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'consumer-'));
  const packed = run('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root }).trim().split('\n').pop()!;
  const tarball = path.join(work, packed);
  expect(fs.existsSync(tarball)).toBe(true);

  const project = path.join(work, 'project');
  fs.mkdirSync(project);
  fs.writeFileSync(
    path.join(project, 'package.json'),
    JSON.stringify({
      name: 'consumer',
      private: true,
      dependencies: {
        'cdk8s-stateful-service': `file:${tarball}`,
        cdk8s: version('cdk8s'),
        'cdk8s-plus-27': version('cdk8s-plus-27'),
        constructs: version('constructs'),
      },
    }),
  );
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], {
    cwd: project,
  });
  // one copy of cdk8s and constructs: the library takes the consumer's (peer dependencies)
  expect(fs.existsSync(path.join(project, 'node_modules', 'cdk8s-stateful-service', 'node_modules'))).toBe(false);
  // only the compiled library ships: no sources, tests or tools
  const shipped = fs.readdirSync(path.join(project, 'node_modules', 'cdk8s-stateful-service')).sort();
  expect(shipped).toEqual(['API.md', 'CHANGELOG.md', 'LICENSE', 'README.md', 'lib', 'package.json']);

  fs.copyFileSync(path.join(root, 'examples', 'database-with-peers.ts'), path.join(project, 'main.ts'));
  fs.writeFileSync(
    path.join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'commonjs',
        strict: true,
        esModuleInterop: true,
        skipLibCheck: true,
        typeRoots: [path.join(root, 'node_modules', '@types')],
        types: ['node'],
      },
      files: ['main.ts'],
    }),
  );
  run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project], { cwd: project });

  const out = path.join(work, 'dist');
  run(process.execPath, ['main.js'], { cwd: project, env: { ...process.env, CDK8S_OUTDIR: out } });
  const { manifests } = loadManifests(manifestFiles([out]));
  expect(manifests.filter((m) => m.object.kind === 'StatefulSet').map((m) => m.object.metadata.name)).toEqual([
    'db',
    'api',
  ]);
  const problems = validate(manifests);
  expect(problems.map(formatProblem)).toEqual([]);
});
