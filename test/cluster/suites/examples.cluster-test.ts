// Every example chart on the control plane: applied in a namespace whose Pod Security level
// is the one its acknowledgements allow, every pod reaching kwok's Ready (no image runs, no
// probe is executed) and every claim Bound; the production chart spread over the zones;
// `whenDeleted` retention as the construct documents it. And the project's own Pod
// Security findings (`lint`) held to the API server's Pod Security admission: for each
// example's pod template and each level, lint's verdict equals admission's.
import { App, Chart, ChartProps, Size, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { BookExampleChart } from '../../../examples/book-example';
import { DatabaseWithPeersChart } from '../../../examples/database-with-peers';
import { MySqlChart } from '../../../examples/kubernetes-tutorials/mysql';
import { WebChart } from '../../../examples/kubernetes-tutorials/web';
import { ZooKeeperChart } from '../../../examples/kubernetes-tutorials/zookeeper';
import { CockroachDbChart } from '../../../examples/vendor-manifests/cockroachdb';
import { MinioChart } from '../../../examples/vendor-manifests/minio';
import { NatsChart } from '../../../examples/vendor-manifests/nats';
import { WithCdk8sPlusChart } from '../../../examples/with-cdk8s-plus';
import { ClaimRetention, StatefulService, Storage } from '../../../src';
import { RandomGeneratorProductionChart } from '../../../src/charts/random-generator-production-chart';
import { RandomGeneratorChart } from '../../../src/charts/random-generator-chart';
import { lint } from '../../../src/cli/validate';
import { cluster, Kubectl, until } from '../lib/kube';
import { PROVISIONER } from '../lib/up';

const state = cluster();
const kubectl = new Kubectl(state);

type Level = 'restricted' | 'baseline' | 'privileged';
const LEVELS: readonly Level[] = ['restricted', 'baseline', 'privileged'];

const WORKLOADS = new Set(['StatefulSet', 'Deployment', 'DaemonSet', 'Job', 'CronJob', 'Pod']);

/**
 * The strictest level a workload meets by lint's findings (acknowledged or not) on its pod
 * template. Baseline refuses host namespaces, host ports, hostPath volumes, privileged containers
 * and added capabilities outside its list; restricted also refuses root, privilege escalation,
 * capabilities not dropped and a missing seccomp profile.
 */
function levelByLint(objects: readonly any[], workload: any): Level {
  const id = `${workload.kind}/${workload.metadata.namespace ? `${workload.metadata.namespace}/` : ''}${workload.metadata.name}`;
  const findings = lint(objects.map((object, index) => ({ file: 'chart', index, object }))).filter(
    (f) => f.object === id || f.object === `${workload.kind}/${workload.metadata.name}`,
  );
  const ids = new Set(findings.map((f) => f.rule.id));
  const baselineBreaking =
    ids.has('host-namespaces') ||
    ids.has('host-ports') ||
    findings.some((f) => f.rule.id === 'host-path' && f.path.includes('volumes')) ||
    findings.some(
      (f) => f.rule.id === 'privilege' && /privileged is true|capability "(?!NET_BIND_SERVICE)/.test(f.message),
    );
  if (baselineBreaking) return 'privileged';
  if (ids.has('run-as-root') || ids.has('privilege') || ids.has('seccomp')) return 'baseline';
  return 'restricted';
}

interface Example {
  readonly name: string;
  readonly make: (scope: Construct, id: string, props: ChartProps) => Chart;
}

const EXAMPLES: readonly Example[] = [
  { name: 'random-generator', make: (s, id, p) => new RandomGeneratorChart(s, id, p) },
  { name: 'book-example', make: (s, id, p) => new BookExampleChart(s, id, p) },
  { name: 'production', make: (s, id, p) => new RandomGeneratorProductionChart(s, id, p) },
  { name: 'database-with-peers', make: (s, id, p) => new DatabaseWithPeersChart(s, id, p) },
  { name: 'with-cdk8s-plus', make: (s, id, p) => new WithCdk8sPlusChart(s, id, p) },
  { name: 'tutorial-web', make: (s, id, p) => new WebChart(s, id, p) },
  { name: 'tutorial-zookeeper', make: (s, id, p) => new ZooKeeperChart(s, id, p) },
  { name: 'tutorial-mysql', make: (s, id, p) => new MySqlChart(s, id, p) },
  { name: 'vendor-nats', make: (s, id, p) => new NatsChart(s, id, p) },
  { name: 'vendor-cockroachdb', make: (s, id, p) => new CockroachDbChart(s, id, p) },
  { name: 'vendor-minio', make: (s, id, p) => new MinioChart(s, id, p) },
];

/** The chart's objects in namespace `ns`, its volumes renamed so that examples do not meet. */
function synth(example: Example, ns: string): any[] {
  const objects = Testing.synth(example.make(new App(), example.name, { namespace: ns })) as any[];
  return objects.map((o) => {
    if (o.kind === 'PersistentVolume') o.metadata.name = `${ns}-${o.metadata.name}`;
    return o;
  });
}

function createNamespace(name: string, level?: Level) {
  kubectl.run(['create', 'namespace', name]);
  if (level) kubectl.run(['label', 'namespace', name, `pod-security.kubernetes.io/enforce=${level}`]);
}

/**
 * The storage classes the example's claims name that the cluster lacks (an example may ask
 * for `fast-ssd`), made with the test cluster's provisioner, as a cluster admin would.
 */
function provideClasses(objects: readonly any[]): string[] {
  const wanted = new Set<string>(
    objects
      .filter((o) => o.kind === 'StatefulSet')
      .flatMap((o) => (o.spec.volumeClaimTemplates ?? []).map((t: any) => t.spec.storageClassName))
      .filter((c: unknown): c is string => typeof c === 'string' && c !== ''),
  );
  const existing = new Set(kubectl.json<{ items: any[] }>(['get', 'storageclass']).items.map((c) => c.metadata.name));
  const made = [...wanted].filter((c) => !existing.has(c));
  for (const name of made) {
    kubectl.run(['apply', '-f', '-'], {
      input: JSON.stringify({
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        metadata: { name },
        provisioner: PROVISIONER,
        reclaimPolicy: 'Delete',
        volumeBindingMode: 'WaitForFirstConsumer',
      }),
    });
  }
  return made;
}

/** Every StatefulSet ready at its replica count, every pod kwok-Ready, every claim Bound. */
async function settled(ns: string, objects: readonly any[]): Promise<any[]> {
  const sets = objects.filter((o) => o.kind === 'StatefulSet');
  return until(
    `the pods of ${sets.map((s) => s.metadata.name).join(', ')} Ready in ${ns}`,
    () => {
      const live = kubectl.json<{ items: any[] }>(['get', 'statefulsets', '-n', ns]).items;
      const pods = kubectl.json<{ items: any[] }>(['get', 'pods', '-n', ns]).items;
      const claims = kubectl.json<{ items: any[] }>(['get', 'pvc', '-n', ns]).items;
      const setsReady = sets.every((s) => {
        const l = live.find((x) => x.metadata.name === s.metadata.name);
        return (l?.status?.readyReplicas ?? 0) === (s.spec.replicas ?? 1);
      });
      const podsReady = pods.every((p) =>
        p.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True'),
      );
      return setsReady && podsReady && pods.length > 0 && claims.every((c) => c.status?.phase === 'Bound')
        ? pods
        : undefined;
    },
    180_000,
  );
}

describe("every example applies and reaches kwok's Ready, in a namespace of the Pod Security level it acknowledges", () => {
  test.each(EXAMPLES.map((e) => [e.name, e] as const))('%s', async (_name, example) => {
    const ns = `ex-${example.name}`;
    const objects = synth(example, ns);
    const workloads = objects.filter((o) => WORKLOADS.has(o.kind));
    const levels = workloads.map((w) => levelByLint(objects, w));
    const level = LEVELS[Math.max(...levels.map((l) => LEVELS.indexOf(l)))];
    // The production chart brings its own Namespace, labelled restricted.
    const own = objects.find((o) => o.kind === 'Namespace');
    if (!own) createNamespace(ns, level);
    const classes = provideClasses(objects);
    try {
      const r = kubectl.applyObjects(objects, ['-n', ns]);
      expect({ status: r.status, out: r.status === 0 ? '' : r.stdout + r.stderr }).toEqual({ status: 0, out: '' });
      if (own) expect(own.metadata.labels['pod-security.kubernetes.io/enforce']).toBe(level);
      const pods = await settled(ns, objects);
      expect(pods.length).toBeGreaterThan(0);
      if (example.name === 'production') {
        // Spread over the zones: 3 replicas on nodes of zone-a and zone-b, skew at most 1.
        const nodes = kubectl.json<{ items: any[] }>(['get', 'nodes']).items;
        const zoneOf = (node: string) =>
          nodes.find((n) => n.metadata.name === node).metadata.labels['topology.kubernetes.io/zone'];
        const perZone = new Map<string, number>();
        for (const p of pods) perZone.set(zoneOf(p.spec.nodeName), (perZone.get(zoneOf(p.spec.nodeName)) ?? 0) + 1);
        expect(perZone.size).toBe(2);
        expect(Math.max(...perZone.values()) - Math.min(...perZone.values())).toBeLessThanOrEqual(1);
        expect(new Set(pods.map((p) => p.spec.nodeName)).size).toBe(pods.length);
      }
    } finally {
      kubectl.deleteNamespace(ns, objects);
      if (classes.length) kubectl.run(['delete', 'storageclass', ...classes, '--wait=false']);
    }
  });
});

describe("lint's Pod Security findings agree with the API server's Pod Security admission", () => {
  beforeAll(() => LEVELS.forEach((l) => createNamespace(`psa-${l}`, l)));
  afterAll(() => LEVELS.forEach((l) => kubectl.deleteNamespace(`psa-${l}`)));

  test.each(EXAMPLES.map((e) => [e.name, e] as const))('%s', (_name, example) => {
    const objects = synth(example, 'psa');
    for (const w of objects.filter((o) => WORKLOADS.has(o.kind) && o.kind !== 'Pod')) {
      const expected = levelByLint(objects, w);
      for (const level of LEVELS) {
        // The pod the controller would make: the claim templates become claim volumes.
        const claimVolumes = (w.spec.volumeClaimTemplates ?? []).map((t: any) => ({
          name: t.metadata.name,
          persistentVolumeClaim: { claimName: `${t.metadata.name}-${w.metadata.name}-0` },
        }));
        // References to other objects (a ServiceAccount, a PriorityClass) are left out: other
        // admission plugins would refuse them here, and Pod Security does not read them.
        const { serviceAccountName: _sa, serviceAccount: _sa2, priorityClassName: _pc, ...spec } = w.spec.template.spec;
        const pod = {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: `${w.metadata.name}-check`, labels: w.spec.template.metadata?.labels },
          spec: { ...spec, volumes: [...(spec.volumes ?? []), ...claimVolumes] },
        };
        const r = kubectl.run(['apply', '--dry-run=server', '-n', `psa-${level}`, '-f', '-'], {
          input: JSON.stringify(pod),
          check: false,
        });
        const admitted = r.status === 0;
        const lintAdmits = LEVELS.indexOf(level) >= LEVELS.indexOf(expected);
        const server = r.stderr.trim();
        expect({ workload: w.metadata.name, level, admitted, server }).toEqual({
          workload: w.metadata.name,
          level,
          admitted: lintAdmits,
          server: lintAdmits ? '' : expect.stringContaining('violates PodSecurity'),
        });
      }
    }
  });
});

describe('whenDeleted retention, as the construct documents it', () => {
  class RetentionChart extends Chart {
    constructor(scope: Construct, id: string, ns: string, whenDeleted?: ClaimRetention) {
      super(scope, id, { namespace: ns });
      new StatefulService(this, 'db', {
        name: 'db',
        replicas: 2,
        container: { image: 'example/db:1.2.3', ports: [{ name: 'db', number: 5432 }] },
        storage: [Storage.dynamic({ size: Size.gibibytes(1), mountPath: '/var/lib/data' })],
        ...(whenDeleted ? { claimRetention: { whenDeleted } } : {}),
      });
    }
  }

  test.each([
    ['the default (Retain): deleting the StatefulSet keeps the claims and their volumes', undefined, true],
    ['Delete: deleting the StatefulSet deletes the claims', ClaimRetention.DELETE, false],
  ] as const)('%s', async (_what, whenDeleted, kept) => {
    const ns = `retention-${whenDeleted ?? 'default'}`.toLowerCase();
    const objects = Testing.synth(new RetentionChart(new App(), 'r', ns, whenDeleted)) as any[];
    const sts = objects.find((o) => o.kind === 'StatefulSet');
    expect(sts.spec.persistentVolumeClaimRetentionPolicy.whenDeleted).toBe(whenDeleted ?? 'Retain');
    createNamespace(ns);
    try {
      expect(kubectl.applyObjects(objects, ['-n', ns]).status).toBe(0);
      await settled(ns, objects);
      kubectl.run(['delete', 'statefulset', 'db', '-n', ns, '--wait=true']);
      await until('the pods gone', () =>
        kubectl.json<{ items: any[] }>(['get', 'pods', '-n', ns]).items.length === 0 ? true : undefined,
      );
      const claims = await until(
        `the claims ${kept ? 'kept' : 'deleted'}`,
        () => {
          const names = kubectl
            .json<{ items: any[] }>(['get', 'pvc', '-n', ns])
            .items.filter((c) => !c.metadata.deletionTimestamp)
            .map((c) => c.metadata.name)
            .sort();
          return (kept ? names.length === 2 : names.length === 0) ? names : undefined;
        },
        60_000,
      );
      expect(claims).toEqual(kept ? ['data-db-0', 'data-db-1'] : []);
    } finally {
      kubectl.deleteNamespace(ns);
    }
  });
});
