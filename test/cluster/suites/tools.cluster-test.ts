// The shipped tools held to the real controllers and API server:
// - plan-scale's prediction of pods, claims and volumes equals the bindings the StatefulSet
//   controller, the PV controller and the provisioner make, step by step;
// - check-upgrade's verdict equals the API server's: what it calls blocked (an error
//   finding) server-side apply refuses, what it passes the server accepts.
import * as path from 'path';
import { checkUpgrade } from '../../../src/cli/check-upgrade/check';
import type { Manifest } from '../../../src/cli/manifests';
import { planScale, ScalePlan } from '../../../src/cli/plan-scale/plan';
import { loadManifests } from '../../fixtures/load-manifests';
import { applyCase, UPGRADE_CASES } from '../../upgrade-cases';
import { cluster, Kubectl, REPO_ROOT, until } from '../lib/kube';

const state = cluster();
const kubectl = new Kubectl(state);
const asManifests = (objects: any[]): Manifest[] => objects.map((object, index) => ({ file: 'x', index, object }));
const example = loadManifests([path.join(REPO_ROOT, 'dist', 'random-generator.k8s.yaml')]).manifests.map(
  (m) => m.object,
);

/** The example moved to its own namespace, its volumes renamed, so that suites do not meet. */
function isolate(objects: readonly any[], ns: string, prefix: string): any[] {
  return objects.map((o) => {
    const c = structuredClone(o);
    if (c.kind === 'PersistentVolume') {
      c.metadata.name = `${prefix}-${c.metadata.name}`;
      if (c.spec.claimRef) c.spec.claimRef.namespace = ns;
    } else {
      c.metadata.namespace = ns;
    }
    return c;
  });
}

interface Observed {
  /** `pod claim volume` rows, as rowsOf(plan) prints them; dynamic volumes as `dynamic`. */
  readonly rows: string[];
  readonly claims: string[];
}

/** The plan of a step in the same shape: pvc-N (a dynamically provisioned volume) as `dynamic`. */
function predicted(plan: ScalePlan, step: number): Observed {
  const rows = plan.steps[step].rows.map(
    (r) => `${r.pod ?? '-'} ${r.claim} ${r.volume?.startsWith('pvc-') ? 'dynamic' : (r.volume ?? '-')}`,
  );
  return { rows, claims: plan.steps[step].rows.map((r) => r.claim) };
}

/** What the cluster holds once the set has settled at `replicas`: every claim Bound, the pods Ready. */
async function observed(
  ns: string,
  set: string,
  replicas: number,
  start: number,
  templates: string[],
): Promise<Observed> {
  return until(`${ns}/${set} settled at ${replicas}`, () => {
    const sts = kubectl.json(['get', 'statefulset', set, '-n', ns]);
    const pods = kubectl
      .json<{ items: any[] }>(['get', 'pods', '-n', ns])
      .items.filter((p) => !p.metadata.deletionTimestamp);
    const claims = kubectl
      .json<{ items: any[] }>(['get', 'pvc', '-n', ns])
      .items.filter((c) => !c.metadata.deletionTimestamp);
    const volumes = kubectl.json<{ items: any[] }>(['get', 'pv']).items;
    const podNames = pods.map((p) => p.metadata.name).sort();
    const wanted = Array.from({ length: replicas }, (_, i) => `${set}-${start + i}`).sort();
    const ready = pods.every((p) => p.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True'));
    if (
      JSON.stringify(podNames) !== JSON.stringify(wanted) ||
      !ready ||
      sts.status?.readyReplicas !== (replicas || undefined)
    ) {
      return undefined;
    }
    if (claims.some((c) => c.status?.phase !== 'Bound')) return undefined;
    const ordinal = (claim: string) => Number(claim.slice(claim.lastIndexOf('-') + 1));
    const sorted = [...claims].sort(
      (a, b) =>
        ordinal(a.metadata.name) - ordinal(b.metadata.name) ||
        templates.indexOf(a.metadata.name.split('-')[0]) - templates.indexOf(b.metadata.name.split('-')[0]),
    );
    const rows = sorted.map((c) => {
      const k = ordinal(c.metadata.name);
      const pv = volumes.find((v) => v.metadata.name === c.spec.volumeName);
      const dynamic = pv?.metadata.annotations?.['pv.kubernetes.io/provisioned-by'] !== undefined;
      const pod = podNames.includes(`${set}-${k}`) ? `${set}-${k}` : '-';
      return `${pod} ${c.metadata.name} ${dynamic ? 'dynamic' : c.spec.volumeName}`;
    });
    return { rows, claims: sorted.map((c) => c.metadata.name) };
  });
}

async function compareScaling(
  objects: any[],
  ns: string,
  set: string,
  sequence: number[],
  templates: string[],
  start = 0,
) {
  const plan = planScale(asManifests(objects), `${ns}/${set}`, sequence);
  kubectl.run(['create', 'namespace', ns]);
  try {
    const sts = objects.find((o) => o.kind === 'StatefulSet');
    sts.spec.replicas = sequence[0];
    expect(kubectl.applyObjects(objects).status).toBe(0);
    for (const [i, replicas] of sequence.entries()) {
      if (i > 0) kubectl.run(['scale', 'statefulset', set, '-n', ns, `--replicas=${replicas}`]);
      const real = await observed(ns, set, replicas, start, templates);
      expect({ step: i + 1, replicas, ...real }).toEqual({ step: i + 1, replicas, ...predicted(plan, i) });
    }
  } finally {
    kubectl.deleteNamespace(ns, objects);
  }
}

describe('plan-scale predicts the bindings the controllers make', () => {
  test("the book's example, 2 -> 1 -> 3 -> 5 (pre-bound volumes, then dynamic ones of class standard)", async () => {
    await compareScaling(isolate(example, 'plan-example', 'plan'), 'plan-example', 'rg', [2, 1, 3, 5], ['logs']);
  });

  const set = (name: string, extra: Record<string, unknown>) => ({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace: name },
    spec: {
      replicas: 2,
      serviceName: name,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'db', image: 'example/db:1' }] } },
      volumeClaimTemplates: ['data', 'wal'].map((t) => ({
        metadata: { name: t },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      })),
      ...extra,
    },
  });

  test('a set whose ordinals start at 1, with two claim templates, 2 -> 1 -> 3', async () => {
    await compareScaling(
      [set('ordinals', { ordinals: { start: 1 } })],
      'ordinals',
      'ordinals',
      [2, 1, 3],
      ['data', 'wal'],
      1,
    );
  });

  test('whenScaled Delete: the claims of removed pods are deleted, 3 -> 1 -> 2', async () => {
    await compareScaling(
      [set('scaled-delete', { persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete', whenDeleted: 'Retain' } })],
      'scaled-delete',
      'scaled-delete',
      [3, 1, 2],
      ['data', 'wal'],
    );
  });
});

describe("check-upgrade's verdicts agree with the API server (server-side apply of the new manifests over the old)", () => {
  test.each(UPGRADE_CASES.map((c, i) => [c.what, c, i] as const))('a change of %s', (_what, c, i) => {
    const ns = `upgrade-${i}`;
    const before = isolate(example, ns, `u${i}`);
    const after = isolate(applyCase(example, c), ns, `u${i}`);
    const blocked = checkUpgrade(asManifests(before), asManifests(after)).some((f) => f.level === 'error');
    kubectl.run(['create', 'namespace', ns]);
    try {
      expect(kubectl.applyObjects(before).status).toBe(0);
      const r = kubectl.applyObjects(after, ['--dry-run=server']);
      expect({
        change: c.what,
        refused: r.status !== 0,
        server: (r.stdout + r.stderr).trim().split('\n').slice(-3),
      }).toEqual({
        change: c.what,
        refused: blocked,
        server: expect.any(Array),
      });
    } finally {
      kubectl.deleteNamespace(ns, before);
    }
  });
});
