// The harness itself, as a user meets it: the cluster it started is what it says (nodes,
// zones, the default StorageClass, DNS, kwok's Ready), and each fault gives one clear
// message, a non-zero exit, kept logs and nothing left running. The fault cases start a
// second, separate harness (its own pointer file) beside the suites' cluster.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { buildModule } from '../lib/build';
import { ClusterError } from '../lib/errors';
import { cluster, Kubectl, REPO_ROOT, until } from '../lib/kube';
import { resolve4 } from '../lib/up';

const state = cluster();
const kubectl = new Kubectl(state);

describe('the running cluster', () => {
  test('has the nodes it announced, Ready, untainted, with hostname, two zones and a region', () => {
    const nodes = kubectl.json<{ items: any[] }>(['get', 'nodes']).items;
    expect(nodes.map((n) => n.metadata.name).sort()).toEqual([...state.nodes].sort());
    for (const n of nodes) {
      expect(n.spec.taints ?? []).toEqual([]);
      expect(n.status.conditions.find((c: any) => c.type === 'Ready').status).toBe('True');
      expect(n.metadata.labels['kubernetes.io/hostname']).toBe(n.metadata.name);
      expect(n.metadata.labels['topology.kubernetes.io/region']).toBe('region-1');
    }
    expect(new Set(nodes.map((n) => n.metadata.labels['topology.kubernetes.io/zone'])).size).toBeGreaterThanOrEqual(2);
  });

  test('runs the Kubernetes version it was built from, and the built kubectl matches it', () => {
    const v = JSON.parse(kubectl.run(['version', '-o', 'json'], { quiet: true }).stdout);
    expect(v.serverVersion.gitVersion).toBe(state.version);
    expect(v.clientVersion.gitVersion).toBe(state.version);
  });

  test('binds a claim of the default class (dynamic provisioning by the hostPath provisioner)', async () => {
    const ns = 'harness-storage';
    kubectl.run(['create', 'namespace', ns]);
    try {
      kubectl.run(['apply', '-n', ns, '-f', '-'], {
        input: JSON.stringify({
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: { name: 'c' },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
        }),
      });
      const claim = await until('the claim Bound', () => {
        const c = kubectl.json(['get', 'pvc', 'c', '-n', ns]);
        return c.status?.phase === 'Bound' ? c : undefined;
      });
      expect(claim.spec.storageClassName).toBe(state.storageClass);
      const pv = kubectl.json(['get', 'pv', claim.spec.volumeName]);
      expect(pv.spec.hostPath.path.startsWith(state.volumesDir!)).toBe(true);
      expect(fs.existsSync(pv.spec.hostPath.path)).toBe(true);
    } finally {
      kubectl.run(['delete', 'namespace', ns, '--wait=true']);
    }
  });

  test('answers DNS for the cluster domain on its loopback port', async () => {
    const svc = kubectl.json(['get', 'service', 'kubernetes', '-n', 'default']);
    expect(await resolve4('kubernetes.default.svc.cluster.local', state.dns!)).toEqual([svc.spec.clusterIP]);
  });

  test('every process the harness started runs as the binary it recorded', () => {
    for (const p of state.processes) {
      expect(fs.readFileSync(`/proc/${p.pid}/cmdline`, 'utf-8').split('\0')[0]).toBe(p.binary);
    }
    expect(state.processes.map((p) => p.name).sort()).toEqual(
      ['coredns', 'etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kwok', 'provisioner'].sort(),
    );
  });
});

describe('faults: one clear message, a non-zero exit, nothing left running', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-faults-'));
  const pointer = path.join(scratch, 'pointer.json');
  const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    spawnSync(
      process.execPath,
      [path.join(REPO_ROOT, 'tools', 'run-ts.js'), path.join(REPO_ROOT, 'test', 'cluster', 'cli.ts'), ...args],
      {
        cwd: REPO_ROOT,
        encoding: 'utf-8',
        env: { ...process.env, CLUSTER_POINTER: pointer, ...env },
        timeout: 300_000,
      },
    );

  afterAll(() => {
    cli(['down']);
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  test('down without up, and twice, is harmless', () => {
    for (let i = 0; i < 2; i++) {
      const r = cli(['down']);
      expect(r.status).toBe(0);
      expect(r.stderr).toContain('nothing is up');
    }
  });

  test('a port already taken is named before anything starts', async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const r = cli(['up', '--version', '1.35', '--api-port', String(port)]);
      expect(r.status).toBe(1);
      expect(r.stderr.trim().split('\n').pop()).toBe(
        `cluster: --api-port ${port}: the port is already taken on 127.0.0.1; choose another or leave it out`,
      );
    } finally {
      server.close();
    }
  });

  test('a component that never becomes ready: named, with its log kept, and every process stopped', () => {
    const r = cli(['up', '--version', '1.35', '--apiserver-arg=--no-such-flag']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /\ncluster: kube-apiserver stopped \(exit code 1\) before \/readyz\. Its log, (\S+kube-apiserver\.log), ends:/,
    );
    expect(r.stderr).toContain('unknown flag: --no-such-flag');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const log = /Its log, (\S+), ends/.exec(r.stderr)![1];
    expect(fs.existsSync(log)).toBe(true);
    const statePath = path.join(path.dirname(path.dirname(log)), 'state.json');
    expect(JSON.parse(fs.readFileSync(statePath, 'utf-8')).processes).toEqual([]);
    // etcd had started first: no process of that cluster's folder runs any more.
    expect(fs.existsSync(path.join(path.dirname(log), 'etcd.log'))).toBe(true);
    const running = spawnSync('pgrep', ['-f', path.dirname(path.dirname(log))], { encoding: 'utf-8' }).stdout.trim();
    expect(running).toBe('');
    // down removes the failed start's folder and its logs.
    expect(cli(['down']).status).toBe(0);
    expect(fs.existsSync(log)).toBe(false);
  });

  test('a module that does not build: the command, the compiler output and the log', () => {
    const dir = fs.mkdtempSync(path.join(scratch, 'broken-'));
    fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.test/broken\n\ngo 1.26.0\n');
    fs.writeFileSync(path.join(dir, 'main.go'), 'package main\n\nfunc main() { undefinedThing() }\n');
    const spec = {
      dir: path.basename(dir),
      upstream: 'example.test/broken',
      commands: [{ pkg: '.', binary: 'broken' }],
    };
    let error: unknown;
    try {
      buildModule(spec, () => undefined, {
        modulesDir: scratch,
        version: 'v0.0.0',
        cacheDir: path.join(scratch, 'cache'),
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ClusterError);
    expect((error as Error).message).toMatch(
      /^building broken from example\.test\/broken v0\.0\.0 \(test\/cluster\/modules\/broken-\w+\) failed:/,
    );
    expect((error as Error).message).toContain('undefined: undefinedThing');
    expect((error as Error).message).toMatch(/full log: \S+\.log$/);
  });

  test('no Go on PATH: the build says what is missing', () => {
    const r = cli(['build', 'etcd'], { PATH: path.dirname(process.execPath) });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(
      'cluster: Go is not installed (no working `go` on PATH): the control plane is built from upstream Go modules. ' +
        'Install Go 1.26 or newer and make sure the Go module proxy is reachable, then run again.',
    );
  });
});
