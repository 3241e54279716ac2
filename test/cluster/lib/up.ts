// `up`: etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok (fake nodes and
// kubelets), a hostPath provisioner for the default StorageClass, and CoreDNS, all on
// 127.0.0.1 in a fresh temporary folder, with default feature gates. Each step waits until
// its component answers as ready; the first that does not stops the start: every process
// started so far is stopped, the folder and its logs are kept, and the error names the
// component and its log.
import * as dns from 'dns';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiTarget, probe, request, requestJson } from './api';
import { buildModule, Built } from './build';
import { CLUSTER_DOMAIN, writeCorefile, writeCredentials, writeKubeconfig, writeKwokStages } from './config';
import { ClusterError } from './errors';
import { KUBERNETES_MINORS, moduleSpec, NEWEST_MINOR } from './modules';
import { freePorts, tcpPortFree } from './ports';
import { logTail, ProcessRecord, release, start, Started, stopAll } from './processes';
import { ClusterState, readState, writeState } from './state';

export interface UpOptions {
  /** Kubernetes minor, e.g. '1.36'. Minors other than the newest run an API server alone. */
  readonly version: string;
  readonly nodes: number;
  /** A fixed port for the API server (default: any free one). */
  readonly apiPort?: number;
  /** Extra flags for kube-apiserver, after the harness's own (e.g. --feature-gates=...). */
  readonly apiserverArgs?: readonly string[];
  readonly log: (line: string) => void;
}

export const STORAGE_CLASS = 'standard';
export const PROVISIONER = 'cdk8s-stateful-service.test/hostpath';
export const SERVICE_CIDR = '10.96.0.0/16';
export const POD_CIDR = '10.244.0.0/16';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The zone of node i: nodes alternate between zone-a and zone-b (two zones whenever there are two nodes). */
export function nodeZone(i: number): string {
  return `zone-${'ab'[i % 2]}`;
}

export function nodeObject(name: string, i: number) {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      // kwok manages the nodes that carry this annotation (--manage-nodes-with-annotation-selector).
      annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'node.kubernetes.io/instance-type': 'kwok',
        'topology.kubernetes.io/region': 'region-1',
        'topology.kubernetes.io/zone': nodeZone(i),
        type: 'kwok',
      },
    },
    spec: {},
    status: {
      allocatable: { cpu: '8', memory: '32Gi', pods: '110', 'ephemeral-storage': '100Gi' },
      capacity: { cpu: '8', memory: '32Gi', pods: '110', 'ephemeral-storage': '100Gi' },
    },
  };
}

class Starter {
  readonly started: Started[] = [];
  constructor(
    readonly dir: string,
    readonly logDir: string,
    private readonly record: (processes: readonly ProcessRecord[]) => void,
  ) {}

  run(name: string, binary: string, args: readonly string[]): Started {
    const p = start(name, binary, args, this.logDir);
    this.started.push(p);
    this.record(this.started.map(({ name: n, pid, binary: b, log }) => ({ name: n, pid, binary: b, log })));
    return p;
  }

  /** Polls `ready` until it holds; fails when the process ends first or the time runs out. */
  async waitFor(p: Started, what: string, ready: () => Promise<boolean>, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (p.exit) {
        const how = p.exit.code !== null ? `exit code ${p.exit.code}` : `signal ${p.exit.signal}`;
        throw new ClusterError(`${p.name} stopped (${how}) before ${what}. Its log, ${p.log}, ends:\n${logTail(p.log)}`);
      }
      if (await ready().catch(() => false)) return;
      if (Date.now() > deadline) {
        throw new ClusterError(
          `${p.name} did not become ready (${what}) within ${timeoutMs / 1000} s. Its log, ${p.log}, ends:\n${logTail(p.log)}`,
        );
      }
      await sleep(250);
    }
  }
}

function binaries(minor: string, log: (line: string) => void): Record<string, Built> {
  const built: Record<string, Built> = {};
  const full = minor === NEWEST_MINOR;
  const dirs = [`k8s-${minor}`, 'etcd', ...(full ? ['kwok', 'provisioner', 'coredns'] : [])];
  for (const d of dirs) {
    const b = buildModule(moduleSpec(d), log);
    if (b.seconds > 0) log(`built ${d} (${b.version}) in ${b.seconds.toFixed(0)} s`);
    built[d] = b;
  }
  return built;
}

export async function up(options: UpOptions): Promise<ClusterState> {
  const { log } = options;
  if (!(KUBERNETES_MINORS as readonly string[]).includes(options.version)) {
    throw new ClusterError(
      `--version ${options.version} is not built here: the versions are ${KUBERNETES_MINORS.join(', ')} (test/cluster/modules/k8s-<minor>)`,
    );
  }
  const full = options.version === NEWEST_MINOR;
  if (!Number.isInteger(options.nodes) || options.nodes < 1 || options.nodes > 50) {
    throw new ClusterError(`--nodes must be a whole number from 1 to 50, got ${options.nodes}`);
  }
  const running = readState();
  if (running) {
    throw new ClusterError(`a cluster is already up (${running.dir}): run 'npm run cluster -- down' first`);
  }
  if (options.apiPort !== undefined && !(await tcpPortFree(options.apiPort))) {
    throw new ClusterError(`--api-port ${options.apiPort}: the port is already taken on 127.0.0.1; choose another or leave it out`);
  }

  const bins = binaries(options.version, log);
  const k8s = bins[`k8s-${options.version}`];
  const bin = (module: string, name: string) => path.join(bins[module].dir, name);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-ss-cluster-'));
  const logDir = path.join(dir, 'logs');
  fs.mkdirSync(logDir);
  const [etcdPort, etcdPeerPort, generatedApiPort, kcmPort, schedulerPort, kwokPort, dnsPort, dnsReadyPort] =
    await freePorts(8, 1).then((ps) => [ps[1], ps[2], ps[3], ps[4], ps[5], ps[6], ps[0], ps[7]]);
  const apiPort = options.apiPort ?? generatedApiPort;
  const server = `https://127.0.0.1:${apiPort}`;
  const caFile = path.join(dir, 'pki', 'apiserver.crt');
  const creds = writeCredentials(dir);
  const kubeconfig = (user: keyof typeof creds.tokens, file: string) =>
    writeKubeconfig(path.join(dir, file), server, caFile, creds.tokens[user]);
  const adminKubeconfig = kubeconfig('admin', 'kubeconfig');
  const target: ApiTarget = { server, token: creds.tokens.admin, caFile };
  const volumesDir = path.join(dir, 'volumes');
  const nodes = full ? Array.from({ length: options.nodes }, (_, i) => `kwok-node-${i}`) : [];

  const base = {
    dir,
    version: k8s.version,
    kubeconfig: adminKubeconfig,
    kubectl: bin(`k8s-${options.version}`, 'kubectl'),
    server,
    caFile,
    token: creds.tokens.admin,
    nodes,
    ...(full ? { dns: `127.0.0.1:${dnsPort}`, storageClass: STORAGE_CLASS, volumesDir } : {}),
  };
  const s = new Starter(dir, logDir, (processes) => writeState({ ...base, processes }));
  writeState({ ...base, processes: [] });

  try {
    log(`starting etcd ${bins.etcd.version}`);
    const etcd = s.run('etcd', bin('etcd', 'etcd'), [
      '--name=default',
      `--data-dir=${path.join(dir, 'etcd')}`,
      `--listen-client-urls=http://127.0.0.1:${etcdPort}`,
      `--advertise-client-urls=http://127.0.0.1:${etcdPort}`,
      `--listen-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
      `--initial-cluster=default=http://127.0.0.1:${etcdPeerPort}`,
      // A throw-away store: no fsync keeps a loaded 2-core machine responsive.
      '--unsafe-no-fsync',
    ]);
    await s.waitFor(etcd, '/health', async () => (await probe(`http://127.0.0.1:${etcdPort}/health`)) === 200, 30_000);

    log(`starting kube-apiserver ${k8s.version}`);
    const apiserver = s.run('kube-apiserver', bin(`k8s-${options.version}`, 'kube-apiserver'), [
      `--etcd-servers=http://127.0.0.1:${etcdPort}`,
      '--bind-address=127.0.0.1',
      // A host without a default route has no address to advertise but loopback, which the
      // lease endpoint reconciler refuses (kubernetes#138102): no endpoints are reconciled.
      '--advertise-address=127.0.0.1',
      '--endpoint-reconciler-type=none',
      `--secure-port=${apiPort}`,
      `--cert-dir=${path.join(dir, 'pki')}`,
      `--token-auth-file=${creds.tokenFile}`,
      '--authorization-mode=Node,RBAC',
      `--service-account-issuer=https://kubernetes.default.svc.${CLUSTER_DOMAIN}`,
      `--service-account-key-file=${creds.serviceAccountPub}`,
      `--service-account-signing-key-file=${creds.serviceAccountKey}`,
      `--service-cluster-ip-range=${SERVICE_CIDR}`,
      // As kubeadm and minikube start it: privileged containers are for Pod Security
      // admission to judge, per namespace.
      '--allow-privileged=true',
      '--profiling=false',
      ...(options.apiserverArgs ?? []),
    ]);
    await s.waitFor(
      apiserver,
      '/readyz',
      async () => fs.existsSync(caFile) && (await request(target, 'GET', '/readyz')).status === 200,
      180_000,
    );

    if (full) {
      const kcm = s.run('kube-controller-manager', bin(`k8s-${options.version}`, 'kube-controller-manager'), [
        `--kubeconfig=${kubeconfig('controllerManager', 'controller-manager.kubeconfig')}`,
        '--bind-address=127.0.0.1',
        `--secure-port=${kcmPort}`,
        `--cert-dir=${path.join(dir, 'controller-manager')}`,
        '--leader-elect=false',
        // As kubeadm runs it: each controller calls the API server as its own service
        // account (system:controller:persistent-volume-binder, ...), with the rights the
        // bootstrap policy gives it; the controller manager's own user has far fewer.
        '--use-service-account-credentials=true',
        `--service-account-private-key-file=${creds.serviceAccountKey}`,
        `--root-ca-file=${caFile}`,
        '--profiling=false',
      ]);
      const scheduler = s.run('kube-scheduler', bin(`k8s-${options.version}`, 'kube-scheduler'), [
        `--kubeconfig=${kubeconfig('scheduler', 'scheduler.kubeconfig')}`,
        '--bind-address=127.0.0.1',
        `--secure-port=${schedulerPort}`,
        `--cert-dir=${path.join(dir, 'scheduler')}`,
        '--leader-elect=false',
        '--profiling=false',
      ]);
      const kwok = s.run('kwok', bin('kwok', 'kwok'), [
        `--kubeconfig=${adminKubeconfig}`,
        '--manage-all-nodes=false',
        '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
        `--server-address=127.0.0.1:${kwokPort}`,
        `--cidr=${POD_CIDR}`,
        '--node-lease-duration-seconds=40',
        `--config=${writeKwokStages(path.join(bins.kwok.dir, 'assets'), path.join(dir, 'kwok-stages.yaml'))}`,
      ]);
      fs.mkdirSync(volumesDir);
      const provisioner = s.run('provisioner', bin('provisioner', 'provisioner'), [
        `--kubeconfig=${kubeconfig('provisioner', 'provisioner.kubeconfig')}`,
        `--name=${PROVISIONER}`,
        `--root=${volumesDir}`,
      ]);
      const coredns = s.run('coredns', bin('coredns', 'coredns'), [
        '-conf',
        writeCorefile(path.join(dir, 'Corefile'), dnsPort, dnsReadyPort, adminKubeconfig),
      ]);

      const healthz = (port: number) => async () => (await probe(`https://127.0.0.1:${port}/healthz`)) === 200;
      await s.waitFor(kcm, '/healthz', healthz(kcmPort), 60_000);
      await s.waitFor(scheduler, '/healthz', healthz(schedulerPort), 60_000);
      await s.waitFor(kwok, '/healthz', async () => (await probe(`http://127.0.0.1:${kwokPort}/healthz`)) === 200, 60_000);

      log(`creating ${nodes.length} kwok node(s)`);
      for (const [i, name] of nodes.entries()) await requestJson(target, 'POST', '/api/v1/nodes', nodeObject(name, i));
      await s.waitFor(kwok, `${nodes.length} node(s) Ready`, async () => allNodesReady(target, nodes), 60_000);

      // The ServiceAccount controller makes `default` in each namespace; pods need it.
      await s.waitFor(kcm, 'the default ServiceAccount', async () => {
        return (await request(target, 'GET', '/api/v1/namespaces/default/serviceaccounts/default')).status === 200;
      }, 60_000);

      await requestJson(target, 'POST', '/apis/storage.k8s.io/v1/storageclasses', storageClass());
      await s.waitFor(provisioner, 'a claim of the default class bound', async () => probeClaimBinds(target), 60_000);

      await s.waitFor(coredns, `/ready on ${dnsReadyPort} and an answer for kubernetes.default`, async () => {
        if ((await probe(`http://127.0.0.1:${dnsReadyPort}/ready`)) !== 200) return false;
        return (await resolve4(`kubernetes.default.svc.${CLUSTER_DOMAIN}`, `127.0.0.1:${dnsPort}`)).length > 0;
      }, 60_000);
    }
  } catch (e) {
    await stopAll(s.started);
    writeState({ ...base, processes: [] });
    if (e instanceof ClusterError) {
      throw new ClusterError(`${e.message}\nThe cluster did not start; everything it started is stopped. Logs kept in ${logDir}.`);
    }
    throw e;
  }
  s.started.forEach(release);
  const state: ClusterState = {
    ...base,
    processes: s.started.map(({ name, pid, binary, log: l }) => ({ name, pid, binary, log: l })),
  };
  writeState(state);
  return state;
}

async function allNodesReady(target: ApiTarget, names: readonly string[]): Promise<boolean> {
  const list = await requestJson<{ items: { metadata: { name: string }; status?: { conditions?: { type: string; status: string }[] } }[] }>(
    target,
    'GET',
    '/api/v1/nodes',
  );
  return names.every((n) =>
    list.items.some((node) => node.metadata.name === n && node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')),
  );
}

function storageClass() {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    // As minikube's default class: named standard, default, Immediate binding, Delete.
    metadata: { name: STORAGE_CLASS, annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    provisioner: PROVISIONER,
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
  };
}

/** A claim of the default class in kube-system binds, then is deleted (its volume goes with it). */
async function probeClaimBinds(target: ApiTarget): Promise<boolean> {
  const ns = '/api/v1/namespaces/kube-system/persistentvolumeclaims';
  const name = 'cluster-harness-probe';
  const existing = await request(target, 'GET', `${ns}/${name}`);
  if (existing.status === 404) {
    await requestJson(target, 'POST', ns, {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Mi' } } },
    });
    return false;
  }
  const claim = JSON.parse(existing.body) as { status?: { phase?: string } };
  if (claim.status?.phase !== 'Bound') return false;
  await requestJson(target, 'DELETE', `${ns}/${name}`);
  return true;
}

export function resolve4(name: string, server: string): Promise<string[]> {
  const r = new dns.promises.Resolver({ timeout: 2_000, tries: 1 });
  r.setServers([server]);
  return r.resolve4(name).catch(() => []);
}

