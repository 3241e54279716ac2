// The chart that `cdk8s synth --format helm` writes, held to Helm itself (built from its
// Go module, test/cluster/modules/helm): `helm lint` passes and `helm template` renders
// the same objects as the plain synth in dist/, which validate accepts; the chart of a
// failed synth has nothing in templates/ for Helm to render. No cluster is needed.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseYaml } from '../../../src/cli/input';
import { validate } from '../../../src/cli/validate';
import { builtDir } from '../lib/build';
import { moduleSpec } from '../lib/modules';
import { REPO_ROOT } from '../lib/repo';

const helmBinary = path.join(builtDir(moduleSpec('helm')), 'helm');
const cdk8s = path.join(
  path.dirname(require.resolve('cdk8s-cli/package.json', { paths: [REPO_ROOT] })),
  'bin',
  'cdk8s',
);
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'helm-suite-'));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

// Helm's own folders inside the temp dir: nothing read from or left in the home directory.
const helmEnv = {
  ...process.env,
  HELM_CACHE_HOME: path.join(temp, 'helm', 'cache'),
  HELM_CONFIG_HOME: path.join(temp, 'helm', 'config'),
  HELM_DATA_HOME: path.join(temp, 'helm', 'data'),
};
const helm = (...args: string[]) => spawnSync(helmBinary, args, { env: helmEnv, encoding: 'utf-8' });

function synthChart(name: string, app?: string) {
  const out = path.join(temp, name);
  const r = spawnSync(
    process.execPath,
    [
      cdk8s,
      'synth',
      '--no-check-upgrade',
      ...(app ? ['--app', app] : []),
      '--format',
      'helm',
      '--chart-version',
      '1.0.0',
      '--output',
      out,
    ],
    { cwd: REPO_ROOT, env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' }, encoding: 'utf-8' },
  );
  return { out, ...r };
}

const objectsOf = (yaml: string, file: string) => parseYaml(file, yaml).manifests;
const names = (ms: { object: any }[]) => ms.map((m) => `${m.object.kind}/${m.object.metadata.name}`).sort();

test('the helm built from its module is the version go.mod pins', () => {
  const r = helm('version', '--short');
  expect(r.status).toBe(0);
  expect(r.stdout.trim()).toMatch(/^v3\.21\.4\b/);
});

test('helm lint passes on the synthesized chart, and helm template renders the objects of dist/, valid', () => {
  const synth = synthChart('chart');
  expect(synth.status).toBe(0);
  const lint = helm('lint', synth.out);
  expect(lint.stderr).toBe('');
  expect(lint.status).toBe(0);
  expect(lint.stdout).toContain('1 chart(s) linted, 0 chart(s) failed');

  const rendered = helm('template', 'example', synth.out);
  expect(rendered.stderr).toBe('');
  expect(rendered.status).toBe(0);
  const objects = objectsOf(rendered.stdout, 'helm template');
  const dist = ['random-generator.k8s.yaml', 'production/random-generator.k8s.yaml'].flatMap((f) =>
    objectsOf(fs.readFileSync(path.join(REPO_ROOT, 'dist', f), 'utf-8'), f),
  );
  expect(names(objects)).toEqual(names(dist));
  expect(validate(objects, { kubernetesVersion: '1.27' }).filter((p) => p.severity !== 'warning')).toEqual([]);
});

test('the chart of a failed synth has nothing in templates/ for Helm to render', () => {
  const synth = synthChart('failed', 'node tools/run-ts.js test/fixtures/invalid-manifest-app.ts');
  expect(synth.status).toBe(2);
  expect(fs.readdirSync(path.join(synth.out, 'templates'))).toEqual([]);
  const rendered = helm('template', 'example', synth.out);
  expect(rendered.status).toBe(0);
  expect(objectsOf(rendered.stdout, 'helm template')).toEqual([]);
});
