import * as fs from 'fs';
import * as path from 'path';
import { stringify } from 'yaml';
import { COMMANDS } from '../src/cli/main';
import { readInputs } from '../src/cli/input';
import { runCli } from './fixtures/run-cli';
import { tempDirs } from './fixtures/temp-dir';

// The subcommands in-process, through the same main() as the `stateful-service` binary.
const root = path.resolve(__dirname, '..');
const temp = tempDirs('cli-commands');
afterAll(() => temp.cleanup());

const run = runCli;

const example = path.join('dist', 'random-generator.k8s.yaml');
/** The committed example, changed by `mutate`, written to a temporary file. */
function broken(mutate: (get: (kind: string, name?: string) => any) => void): string {
  const all = readInputs([path.join(root, example)]).manifests.map((m) => structuredClone(m.object));
  mutate((kind, name) => all.find((o) => o.kind === kind && (!name || o.metadata.name === name)));
  const file = path.join(temp.make(), 'app.k8s.yaml');
  fs.writeFileSync(file, all.map((o) => stringify(o)).join('---\n'));
  return file;
}
const container = (get: (k: string, n?: string) => any) => get('StatefulSet', 'rg').spec.template.spec.containers[0];

describe('help and version', () => {
  test('--help lists every command; --version is the package version', () => {
    const help = run('--help');
    expect(help.status).toBe(0);
    for (const c of COMMANDS) expect(help.stdout).toContain(`\n  ${c.name.padEnd(14)} ${c.summary}\n`);
    expect(run().stdout).toBe(help.stdout);
    const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf-8')).version;
    expect(run('--version')).toEqual({ status: 0, stdout: version, stderr: '' });
  });

  test.each(COMMANDS.map((c) => c.name))('%s --help explains its usage, options and exit status', (name) => {
    const r = run(name, '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Usage: stateful-service ${name} `));
    expect(r.stdout).toContain('Exit status: 0');
    expect(run('help', name).stdout).toBe(r.stdout);
  });

  test('lint --help says how a StatefulService acknowledges a finding: its prop, not a raw annotation', () => {
    expect(run('lint', '--help').stdout.replace(/\n/g, ' ')).toContain(
      'A StatefulService writes the annotation from its acknowledgements prop: { rule: PolicyRule.<RULE>, reason }.',
    );
  });

  test('an unknown command or option is a usage error (exit 2) that says what is allowed', () => {
    expect(run('valdate')).toEqual({
      status: 2,
      stdout: '',
      stderr:
        'error: unknown command "valdate": the commands are validate, lint, plan-scale, check-upgrade, diagram (see stateful-service --help)',
    });
    expect(run('lint', '--kubernetes-version', '1.33')).toEqual({
      status: 2,
      stdout: '',
      stderr:
        'error: unknown option --kubernetes-version for lint (its options: --format, --max-file-size, --help) (see stateful-service lint --help)',
    });
    expect(run('validate', '--format', 'xml').stderr).toBe(
      'error: --format must be one of text, json, sarif, got "xml" (see stateful-service validate --help)',
    );
    expect(run('validate', '--format').stderr).toBe(
      'error: option --format needs a value (see stateful-service validate --help)',
    );
  });
});

describe('validate', () => {
  test('dist/ (the default) passes, against the newest version unless told', () => {
    expect(run('validate')).toEqual({
      status: 0,
      stdout: 'validate: 14 objects in 2 files (Kubernetes 1.36): 0 errors, 0 warnings',
      stderr: '',
    });
    for (const v of ['1.27', '1.28', '1.29', '1.30', '1.31', '1.32']) {
      expect(run('validate', '--kubernetes-version', v, 'dist').stdout).toBe(
        `validate: 14 objects in 2 files (Kubernetes ${v}): 0 errors, 0 warnings`,
      );
    }
  });

  test('a broken file: one line per finding (file:document Kind/name: field: message [rule]), exit 1', () => {
    const file = broken((g) => {
      g('Service', 'random-generator').spec.clusterIp = 'None';
      container(g).env[0].name = '1LOG';
      container(g).imagePullPolicy = 'Sometimes';
    });
    const r = run('validate', '--kubernetes-version', '1.27', file);
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      `${file}:4 Service/random-generator: spec: unknown field "clusterIp" [unknown-field]`,
      `${file}:5 StatefulSet/rg: spec.template.spec.containers[0].imagePullPolicy: must be one of "Always", "IfNotPresent", "Never", got "Sometimes" [enum]`,
      // the API server rules' own wording is theirs (src/cli/validate/api-rules.ts): only its place is checked here
      expect.stringMatching(
        /:5 StatefulSet\/rg: spec\.template\.spec\.containers\[0\]\.env\[0\]\.name: .*"1LOG".* \[[a-z-]+\]$/,
      ),
      'validate: 7 objects in 1 file (Kubernetes 1.27): 3 errors, 0 warnings',
    ]);
  });

  test('warnings are printed and counted, but do not fail', () => {
    const file = path.join(temp.make(), 'crd.yaml');
    fs.writeFileSync(file, 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: c}\n');
    expect(run('validate', file)).toEqual({
      status: 0,
      stdout: [
        `${file}:1 Certificate/c: warning: cert-manager.io/v1 is not an API group of Kubernetes 1.36 (a custom resource?): Certificate is not checked [custom-resource]`,
        'validate: 1 object in 1 file (Kubernetes 1.36): 0 errors, 1 warning',
      ].join('\n'),
      stderr: '',
    });
  });

  test('--format json: every finding with its location, and a summary', () => {
    const file = broken((g) => (g('Service', 'random-generator').spec.clusterIp = 'None'));
    const r = run('validate', '--format', 'json', '--kubernetes-version', '1.33', file);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({
      tool: 'stateful-service',
      command: 'validate',
      kubernetesVersion: '1.33',
      files: [file],
      objects: 7,
      summary: { errors: 1, warnings: 0, acknowledged: 0 },
      yamlErrors: [],
    });
    expect(report.results).toEqual([
      {
        file,
        document: 4,
        line: expect.any(Number),
        object: 'Service/random-generator',
        path: 'spec',
        message: 'unknown field "clusterIp"',
        rule: 'unknown-field',
        severity: 'error',
      },
    ]);
  });

  test('--format sarif: SARIF 2.1.0 with rules, levels and the line of each object', () => {
    const file = broken((g) => (g('Service', 'random-generator').spec.clusterIp = 'None'));
    const sarif = JSON.parse(run('validate', '--format', 'sarif', file).stdout);
    expect(sarif.version).toBe('2.1.0');
    const [runOf] = sarif.runs;
    expect(runOf.tool.driver).toMatchObject({ name: 'stateful-service', rules: [{ id: 'unknown-field' }] });
    expect(runOf.results).toHaveLength(1);
    expect(runOf.results[0]).toMatchObject({
      ruleId: 'unknown-field',
      level: 'error',
      message: { text: 'Service/random-generator spec: unknown field "clusterIp"' },
    });
    const line = runOf.results[0].locations[0].physicalLocation.region.startLine;
    expect(fs.readFileSync(file, 'utf-8').split('\n')[line - 1]).toBe('apiVersion: v1');
  });
});

describe('lint', () => {
  test('dist/ passes, its acknowledged findings listed with their reasons', () => {
    const r = run('lint', 'dist');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.filter((l) => l.includes('acknowledged: '))).toHaveLength(4);
    expect(lines).toContain(
      'dist/random-generator.k8s.yaml:6 Service/random-generator-np: spec.type: acknowledged: the book example is reached from outside minikube through `minikube service random-generator-np` [node-port]',
    );
    expect(lines[lines.length - 1]).toBe('lint: 14 objects in 2 files: 0 findings, 4 acknowledged');
  });

  test('a finding fails, and why its rule matters is said once', () => {
    const file = broken((g) => {
      delete container(g).resources.limits.cpu;
      container(g).image = 'k8spatterns/random-generator:latest';
    });
    const r = run('lint', file);
    expect(r.status).toBe(1);
    const lines = r.stdout.split('\n').filter((l) => !l.includes('acknowledged: '));
    expect(lines).toEqual([
      `${file}:5 StatefulSet/rg: spec.template.spec.containers[0].resources: container "random-generator" sets no limits.cpu [container-resources]`,
      `${file}:5 StatefulSet/rg: spec.template.spec.containers[0].image: image "k8spatterns/random-generator:latest" is not pinned to a tag other than "latest" or a digest [image-tag]`,
      expect.stringMatching(/^why \[container-resources\]: without CPU and memory requests/),
      expect.stringMatching(/^why \[image-tag\]: an image without a tag/),
      'lint: 7 objects in 1 file: 2 findings, 4 acknowledged',
    ]);
  });
});

describe('plan-scale', () => {
  test('prints which volume each pod gets', () => {
    const r = run('plan-scale', '2', '1', '3', example);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      'StatefulSet default/rg: claim templates logs; claims on scale-down: Retain',
      'step  replicas  pod   claim      volume  where                    what happens',
      '1     2         rg-0  logs-rg-0  log-1   hostPath /tmp/example/1  new claim, bound to the volume pre-bound to it',
    ]);
    expect(run('plan-scale', '2', '--from', example).stdout).toBe(run('plan-scale', '2', example).stdout);
    expect(JSON.parse(run('plan-scale', '1', '--format', 'json', example).stdout)[0]).toMatchObject({
      statefulSet: 'rg',
      namespace: 'default',
    });
  });

  test('without counts, or for a StatefulSet not there, a usage error (exit 2)', () => {
    expect(run('plan-scale', example)).toMatchObject({
      status: 2,
      stderr:
        'error: give the replica counts to plan, e.g. `stateful-service plan-scale 2 1 3 dist/` (see stateful-service plan-scale --help)',
    });
    expect(run('plan-scale', '2', '--statefulset', 'db', example).stderr).toBe(
      `error: no StatefulSet "db" in ${example} (there are: default/rg) (see stateful-service plan-scale --help)`,
    );
  });
});

describe('check-upgrade', () => {
  test('an immutable change is an error, data at risk a warning, each with what to do instead', () => {
    const renamed = broken((g) => {
      g('StatefulSet', 'rg').spec.volumeClaimTemplates[0].metadata.name = 'data';
      container(g).volumeMounts[0].name = 'data';
    });
    const r = run('check-upgrade', '--from', example, '--to', renamed);
    expect(r.status).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(
      new RegExp(
        `^${renamed.replace(/[.]/g, '\\.')}:5 StatefulSet/default/rg: spec\\.volumeClaimTemplates: changed: the API server rejects .*; instead: delete the StatefulSet but not its pods .* \\[rejected-change\\]$`,
      ),
    );
    expect(lines[1]).toMatch(
      /StatefulSet\/default\/rg: spec\.volumeClaimTemplates\[0\]: warning: claim template "logs" renamed to "data".* \[data-at-risk\]$/,
    );
    expect(lines[2]).toBe(`check-upgrade: 7 objects before (${example}), 7 after (${renamed}): 1 error, 1 warning`);
  });

  test('the same manifests pass; both sides are required', () => {
    expect(run('check-upgrade', '--from', 'dist', '--to', 'dist')).toMatchObject({
      status: 0,
      stdout: 'check-upgrade: 14 objects before (dist), 14 after (dist): 0 errors, 0 warnings',
    });
    expect(run('check-upgrade', '--from', 'dist').stderr).toBe(
      'error: give both the applied manifests (--from <path>) and the new ones (--to <path>) (see stateful-service check-upgrade --help)',
    );
  });
});

describe('diagram', () => {
  test('writes Markdown with a Mermaid chart to standard output, or to --out', () => {
    const r = run('diagram', example);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('```mermaid\nflowchart LR\n');
    expect(run('diagram', '--format', 'mermaid', example).stdout).toMatch(/^flowchart LR\n/);
    const out = path.join(temp.make(), 'docs', 'diagram.md');
    expect(run('diagram', '--out', out, example).stdout).toBe(`diagram: 7 objects in ${example} → ${out}`);
    expect(fs.readFileSync(out, 'utf-8')).toBe(`${r.stdout}\n`);
  });
});
