import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { runCli } from './fixtures/run-cli';
import { tempDirs } from './fixtures/temp-dir';

// Input the tools must survive: each case is made in a temporary directory, removed after.
const root = path.resolve(__dirname, '..');
const temp = tempDirs('cli-input');
afterAll(() => temp.cleanup());

const run = runCli;

const service = (name: string) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  ports:\n  - port: 80\n`;

test('a directory without manifests is a clear error (exit 2)', () => {
  const dir = temp.make();
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a manifest');
  expect(run('validate', dir)).toEqual({
    status: 2,
    stdout: '',
    stderr: `error: no manifests (*.yaml, *.yml or *.json files) in ${dir}`,
  });
});

test('files with only empty documents are a clear error (exit 2)', () => {
  const dir = temp.make();
  fs.writeFileSync(path.join(dir, 'empty.yaml'), '---\n# nothing\n---\n');
  expect(run('lint', dir)).toMatchObject({
    status: 2,
    stderr: `error: no Kubernetes objects in ${dir} (only empty documents)`,
  });
});

test('a missing path is a clear error (exit 2)', () => {
  expect(run('validate', 'no/such/dir')).toEqual({
    status: 2,
    stdout: '',
    stderr: 'error: no such file or directory: no/such/dir',
  });
});

test('YAML that is not a Kubernetes object is a finding, not a crash', () => {
  const file = path.join(temp.make(), 'mixed.yaml');
  fs.writeFileSync(file, `${service('ok')}---\nfoo: bar\n---\nhello\n---\n- a\n- b\n`);
  const r = run('validate', file);
  expect(r.stdout.split('\n')).toEqual([
    `${file}:2 document 2: not a Kubernetes object: it has no apiVersion and no kind [not-an-object]`,
    `${file}:3 document 3: must be a Kubernetes object (a mapping with apiVersion and kind), got "hello" [not-an-object]`,
    `${file}:4 document 4: must be a Kubernetes object (a mapping with apiVersion and kind), got ["a","b"] [not-an-object]`,
    'validate: 4 objects in 1 file (Kubernetes 1.36): 3 errors, 0 warnings',
  ]);
  expect(r.status).toBe(1);
  // lint judges Kubernetes objects only: the Service passes, the rest is validate's to report
  expect(run('lint', file)).toMatchObject({
    status: 0,
    stdout: 'lint: 4 objects in 1 file: 0 findings, 0 acknowledged',
  });
});

test('unreadable YAML exits 2 naming the file, line and column; the readable documents are still checked', () => {
  const file = path.join(temp.make(), 'broken.yaml');
  fs.writeFileSync(file, `${service('Bad_Name')}---\nkind: Service\n  metadata: [\n`);
  const r = run('validate', file);
  expect(r.status).toBe(2);
  expect(r.stderr).toBe(
    `error: ${file}:9:7: invalid YAML (document 2): Nested mappings are not allowed in compact mappings`,
  );
  expect(r.stdout).toContain(`${file}:1 Service/Bad_Name: metadata.name: a Service name must be a DNS label`);
});

describe('size limit', () => {
  test('a 50 MB file is refused before it is read, with the limit and how to raise it', () => {
    const file = path.join(temp.make(), 'huge.yaml');
    fs.closeSync(fs.openSync(file, 'w'));
    fs.truncateSync(file, 50 * 2 ** 20); // sparse: takes no disk, and nothing is read
    const before = process.memoryUsage().rss;
    const r = run('validate', file);
    expect(r).toEqual({
      status: 2,
      stdout: '',
      stderr: `error: ${file}: 50.0 MiB is more than the 16 MiB read from one file (--max-file-size <MiB> raises the limit)`,
    });
    expect(process.memoryUsage().rss - before).toBeLessThan(20 * 2 ** 20);
  });

  test('--max-file-size sets the limit, for files and for standard input', () => {
    const file = path.join(temp.make(), 'svc.yaml');
    fs.writeFileSync(file, service('s').repeat(1).padEnd(3000, '\n'));
    expect(run('validate', '--max-file-size', '0.001', file).stderr).toBe(
      `error: ${file}: 0.0 MiB is more than the 0.001 MiB read from one file (--max-file-size <MiB> raises the limit)`,
    );
    expect(run('validate', '--max-file-size', '1', file).status).toBe(0);
    expect(run('validate', '--max-file-size', 'lots', file)).toMatchObject({
      status: 2,
      stderr: 'error: --max-file-size must be a positive number, got "lots" (see stateful-service validate --help)',
    });
    const piped = spawnSync(
      process.execPath,
      ['tools/run-ts.js', 'src/cli/main.ts', 'validate', '--max-file-size', '1', '-'],
      { cwd: root, input: '#'.repeat(2 * 2 ** 20), encoding: 'utf-8' },
    );
    expect(piped.status).toBe(2);
    expect(piped.stderr).toMatch(/^error: <stdin>: 1\.\d MiB is more than the 1 MiB read from one file/);
  });
});

describe('symbolic links', () => {
  test('a link to itself is a clear error, not a hang', () => {
    const dir = temp.make();
    fs.symlinkSync('loop.yaml', path.join(dir, 'loop.yaml'));
    expect(run('validate', path.join(dir, 'loop.yaml'))).toMatchObject({
      status: 2,
      stderr: `error: ${path.join(dir, 'loop.yaml')}: symbolic link loop (the link leads back to itself)`,
    });
    expect(run('validate', dir).stderr).toBe(
      `error: ${path.join(dir, 'loop.yaml')}: symbolic link loop (the link leads back to itself)`,
    );
  });

  test('a link back to a directory being read is a clear error, not an endless walk', () => {
    const dir = temp.make();
    fs.mkdirSync(path.join(dir, 'app'));
    fs.writeFileSync(path.join(dir, 'app', 'svc.yaml'), service('s'));
    fs.symlinkSync('..', path.join(dir, 'app', 'up'));
    expect(run('validate', dir)).toMatchObject({
      status: 2,
      stderr: `error: ${path.join(dir, 'app', 'up')}: symbolic link loop (it leads back to ${dir})`,
    });
  });

  test('a broken link says where it points; a file reached twice is read once', () => {
    const dir = temp.make();
    fs.symlinkSync('gone.yaml', path.join(dir, 'dangling.yaml'));
    expect(run('validate', dir).stderr).toBe(
      `error: ${path.join(dir, 'dangling.yaml')}: broken symbolic link (it points to "gone.yaml", which does not exist)`,
    );
    const twice = temp.make();
    fs.writeFileSync(path.join(twice, 'a.yaml'), service('s'));
    fs.symlinkSync('a.yaml', path.join(twice, 'b.yaml'));
    expect(run('validate', twice).stdout).toBe('validate: 1 object in 1 file (Kubernetes 1.36): 0 errors, 0 warnings');
  });
});

test('an unknown --kubernetes-version lists the known ones (exit 2)', () => {
  expect(run('validate', '--kubernetes-version', '1.26', 'dist')).toEqual({
    status: 2,
    stdout: '',
    stderr:
      'error: unknown Kubernetes version "1.26": the known versions are 1.27, 1.28, 1.29, 1.30, 1.31, 1.32, 1.33, 1.34, 1.35, 1.36 (a patch version such as 1.33.2 counts as its minor version)',
  });
});

test('a kind: List is expanded, and each item is checked with its own path', () => {
  const file = path.join(temp.make(), 'list.yaml');
  fs.writeFileSync(
    file,
    [
      service('first'),
      '---',
      'apiVersion: v1',
      'kind: List',
      'items:',
      '- {apiVersion: v1, kind: Service, metadata: {name: ok}, spec: {ports: [{port: 80}]}}',
      '- {apiVersion: v1, kind: Service, metadata: {name: bad}, spec: {ports: [{port: 80}], clusterIp: None}}',
      '- {apiVersion: v1, kind: ConfigMap, metadata: {name: cm}, data: {a: 1}}',
      '- just a string',
      '',
    ].join('\n'),
  );
  const r = run('validate', file);
  expect(r.stdout.split('\n')).toEqual([
    `${file}:2 Service/bad: items[1].spec: unknown field "clusterIp" [unknown-field]`,
    `${file}:2 ConfigMap/cm: items[2].data.a: must be of type string, got 1 [type]`,
    `${file}:2 document 2: items[3]: must be a Kubernetes object (a mapping with apiVersion and kind), got "just a string" [not-an-object]`,
    'validate: 5 objects in 1 file (Kubernetes 1.36): 3 errors, 0 warnings',
  ]);
  const json = JSON.parse(run('validate', '--format', 'json', file).stdout);
  expect(json.results[0]).toMatchObject({ document: 2, item: 1, line: 10, path: 'items[1].spec' });
});

test('YAML is read as kubectl reads it (YAML 1.1): an unquoted yes is a boolean', () => {
  const file = path.join(temp.make(), 'cm.yaml');
  fs.writeFileSync(
    file,
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\ndata:\n  enabled: yes\n  quoted: "yes"\n',
  );
  expect(run('validate', file).stdout.split('\n')[0]).toBe(
    `${file}:1 ConfigMap/cm: data.enabled: must be of type string, got true [type]`,
  );
});
