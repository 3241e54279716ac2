import * as fs from 'fs';
import * as path from 'path';
import { runCli as run } from './fixtures/run-cli';
import { tempDirs } from './fixtures/temp-dir';

// What `kubectl apply -f` reads, the tools read; what it refuses (alias bombs, nesting
// beyond 10000 levels), they refuse on one line, exit 2. Output stays proportional to
// the findings that differ, not to the number of objects (test/integration/cli-scale.test.ts,
// with the plan of 100,000 replicas).
const root = path.resolve(__dirname, '..');
const temp = tempDirs('cli-reader');
afterAll(() => temp.cleanup());

function file(name: string, text: string): string {
  const f = path.join(temp.make(), name);
  fs.writeFileSync(f, text);
  return f;
}
const configMap = (name: string, data = '{a: "1"}') =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\ndata: ${data}\n`;
const json = (name: string, data: object = { a: '1' }) =>
  JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });

describe('streams of JSON objects, as kubectl reads a file that starts with {', () => {
  test('concatenated or one per line, each a document', () => {
    const f = file('stream.json', `${json('a')}${json('b', { x: 1 })}\n${json('c')}\n\n  ${json('d')}`);
    expect(run('validate', f)).toEqual({
      status: 1,
      stdout: `${f}:2 ConfigMap/b: data.x: must be of type string, got 1 [type]\nvalidate: 4 objects in 1 file (Kubernetes 1.36): 1 error, 0 warnings`,
      stderr: '',
    });
  });

  test('invalid JSON names the document, line and column; the others are still checked', () => {
    const f = file('bad.json', `${json('a')}\n{"apiVersion": "v1",}\n`);
    const r = run('validate', f);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^error: ${f}:2:\\d+: invalid JSON \\(document 2\\): [^\\n]+$`));
    expect(r.stdout).toBe('validate: 1 object in 1 file (Kubernetes 1.36): 0 errors, 0 warnings');
  });
});

describe('aliases', () => {
  test('a document with 120 aliases (yaml would stop at 100) is read', () => {
    const anchors = Array.from({ length: 120 }, (_, i) => `    k${i}: &v${i} "x${i}"`).join('\n');
    const aliases = Array.from({ length: 120 }, (_, i) => `  d${i}: *v${i}`).join('\n');
    const f = file(
      'aliases.yaml',
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: al\n  annotations:\n${anchors}\ndata:\n${aliases}\n`,
    );
    expect(run('validate', f)).toEqual({
      status: 0,
      stdout: 'validate: 1 object in 1 file (Kubernetes 1.36): 0 errors, 0 warnings',
      stderr: '',
    });
  });

  test('an alias bomb (billion laughs) is refused on one line, exit 2, at once', () => {
    const levels = 'abcdefghi'.split('');
    const lines = levels.map((l, i) =>
      i === 0
        ? `${l}: &${l} ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]`
        : `${l}: &${l} [${Array(9)
            .fill(`*${levels[i - 1]}`)
            .join(',')}]`,
    );
    const f = file(
      'bomb.yaml',
      `${configMap('ok')}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\n${lines.join('\n')}\n`,
    );
    // The count in the message is made without expanding the aliases (expanding them would
    // not end); no time is asserted, the test's timeout bounds it.
    for (const command of ['validate', 'lint', 'diagram']) {
      const r = run(command, f);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(
        `error: ${f}:6:1: invalid YAML (document 2): its aliases expand it to 490329085 nodes, 100% of them copies (a "billion laughs" document: kubectl refuses it too)`,
      );
    }
  });

  test('an alias inside the node it names is refused, not followed forever', () => {
    const f = file('cycle.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: &m {name: c, labels: {a: *m}}\n');
    expect(run('validate', f)).toMatchObject({
      status: 2,
      stderr: `error: ${f}:1:1: invalid YAML (document 1): the alias *m is inside the node its anchor names (a cycle, which kubectl refuses too)`,
    });
  });
});

describe('nesting', () => {
  // In-process (as the plugin runs) the default stack reads 500 levels; the command runs
  // with a larger stack and reads kubectl's 10000 (test/cli.test.ts).
  test('deep nesting is read up to what the stack allows, and refused beyond it on one line', () => {
    const deep = (n: number) => `${configMap('d').trimEnd()}\nmetadata2: ${'['.repeat(n)}${']'.repeat(n)}\n`;
    const ok = run('validate', file('ok.yaml', deep(490)));
    expect(ok.status).toBe(1);
    expect(ok.stdout).toContain('unknown field "metadata2"');
    const f = file('deep.yaml', deep(5000));
    expect(run('validate', f)).toEqual({
      status: 2,
      stdout: 'validate: 0 objects in 1 file (Kubernetes 1.36): 0 errors, 0 warnings',
      stderr: `error: ${f}:5:511: invalid YAML (document 1): nested more than 500 levels deep, more than can be read here (the stateful-service command reads 10000 levels, as kubectl does)`,
    });
  });
});

describe('output', () => {
  test('SARIF artifact URIs are percent-encoded', () => {
    const dir = path.join(temp.make(), 'my app #1');
    fs.mkdirSync(dir);
    const f = path.join(dir, 'cm 100%.yaml');
    fs.writeFileSync(f, configMap('c', '{a: 1}'));
    const sarif = JSON.parse(run('validate', '--format', 'sarif', f).stdout);
    const uri = sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
    expect(uri).toBe(
      `file://${path.dirname(dir).split('/').map(encodeURIComponent).join('/')}/my%20app%20%231/cm%20100%25.yaml`,
    );
    expect(decodeURIComponent(new URL(uri).pathname)).toBe(f);
  });
});

describe('plan-scale', () => {
  const example = path.join(root, 'dist', 'random-generator.k8s.yaml');

  test('refuses counts above the int32 range, and plans too long to read, on one line', () => {
    expect(run('plan-scale', '2147483648', example)).toEqual({
      status: 2,
      stdout: '',
      stderr:
        'error: replica count 2147483648 is out of range: spec.replicas is an int32, at most 2147483647 (see stateful-service plan-scale --help)',
    });
    expect(run('plan-scale', '2147483647', example).stderr).toBe(
      'error: the plan of 2147483647 would list 2147483647 pods in all, more than the 250000 it lists at most: plan smaller counts (see stateful-service plan-scale --help)',
    );
  });
});

test('a Helm chart folder: its templates/ are judged, Chart.yaml and values.yaml skipped with a note', () => {
  const chart = temp.make();
  fs.writeFileSync(path.join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: app\nversion: 1.0.0\n');
  fs.writeFileSync(path.join(chart, 'values.yaml'), 'replicas: 3\n');
  fs.mkdirSync(path.join(chart, 'templates', 'production'), { recursive: true });
  fs.writeFileSync(path.join(chart, 'templates', 'a.k8s.yaml'), configMap('a'));
  fs.writeFileSync(path.join(chart, 'templates', 'production', 'b.k8s.yaml'), configMap('b'));
  fs.writeFileSync(path.join(chart, 'templates', '_helpers.yaml'), '{{- define "x" -}}{{- end -}}\n');
  expect(run('validate', chart)).toEqual({
    status: 0,
    stdout: 'validate: 2 objects in 2 files (Kubernetes 1.36): 0 errors, 0 warnings',
    stderr: `note: ${chart} is a Helm chart: reading its templates/ only, not Chart.yaml or values.yaml (for a chart with template directives, validate the output of helm template instead)`,
  });
});
