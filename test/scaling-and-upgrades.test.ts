import { spawnSync } from 'child_process';
import * as path from 'path';
import { Size, Testing } from 'cdk8s';
import { ClaimRetention, StatefulService, StatefulServiceProps, Storage } from '../src';
import { checkUpgrade, formatFinding, UpgradeFinding } from '../src/cli/check-upgrade/check';
import { manifestFiles } from '../src/cli/input';
import { loadManifests } from './fixtures/load-manifests';
import { Manifest } from '../src/cli/manifests';
import { formatPlan, planScale, ScalePlan } from '../src/cli/plan-scale/plan';
import { BASE_CONTAINER, BASE_STORAGE, baseProps, testChart } from './helpers';
import { applyCase, UPGRADE_CASES } from './upgrade-cases';

const root = path.resolve(__dirname, '..');
// The minikube example (dist/production/ holds the production variant, also a StatefulSet rg).
const dist = loadManifests(manifestFiles([path.join(root, 'dist', 'random-generator.k8s.yaml')])).manifests;

const asManifests = (objects: any[]): Manifest[] => objects.map((object, index) => ({ file: 'x', index, object }));
const synth = (props: StatefulServiceProps) => {
  const chart = testChart();
  new StatefulService(chart, 's', props);
  return asManifests(Testing.synth(chart));
};
const rowsOf = (plan: ScalePlan, step: number) =>
  plan.steps[step].rows.map((r) => `${r.pod ?? '-'} ${r.claim} ${r.volume ?? '-'}`);

describe("the book's questions, answered for the default app (2 → 1 → 3)", () => {
  const plan = planScale(dist, 'rg', [2, 1, 3]);

  test('claims are named <template>-<statefulset>-<ordinal>, and each pod gets its pre-bound volume', () => {
    expect(rowsOf(plan, 0)).toEqual(['rg-0 logs-rg-0 log-1', 'rg-1 logs-rg-1 log-2']);
  });

  test('after scaling down to 1, the claim of rg-1 remains, still bound to log-2', () => {
    expect(rowsOf(plan, 1)).toEqual(['rg-0 logs-rg-0 log-1', '- logs-rg-1 log-2']);
    expect(plan.steps[1].rows[1].note).toBe('kept (whenScaled Retain), not mounted');
  });

  test('after scaling up to 3, rg-1 is back on log-2 with its old data, and rg-2 gets the pre-made log-3', () => {
    expect(rowsOf(plan, 2)).toEqual(['rg-0 logs-rg-0 log-1', 'rg-1 logs-rg-1 log-2', 'rg-2 logs-rg-2 log-3']);
    expect(plan.steps[2].rows[1].note).toBe('kept claim mounted again (made in step 1): its old data');
    expect(plan.steps[2].rows[2].where).toBe('hostPath /tmp/example/3');
    expect(plan.steps[2].rows[2].note).toBe('new claim, bound to the volume pre-bound to it');
  });

  test('no claim is ever deleted', () => {
    expect(plan.steps.flatMap((s) => s.deleted)).toEqual([]);
    expect(formatPlan(plan)).toContain('No claim is deleted.');
  });

  test('beyond the 3 pre-made volumes, minikube\'s "standard" class provisions new empty volumes', () => {
    const more = planScale(dist, 'rg', [5]);
    expect(more.steps[0].rows.slice(3).map((r) => [r.claim, r.where])).toEqual([
      ['logs-rg-3', 'dynamic (class standard)'],
      ['logs-rg-4', 'dynamic (class standard)'],
    ]);
  });
});

describe('a set whose ordinals start at 1, with two claim templates (2 -> 1 -> 3)', () => {
  const template = (name: string) => ({
    metadata: { name },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  });
  const sts = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'prod' },
    spec: {
      replicas: 2,
      ordinals: { start: 1 },
      serviceName: 'db',
      selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'db' }] } },
      volumeClaimTemplates: [template('data'), template('wal')],
    },
  };
  const plan = planScale(asManifests([sts]), 'prod/db', [2, 1, 3]);

  test('pods and claims are numbered from spec.ordinals.start, each pod with one claim per template', () => {
    expect(rowsOf(plan, 0)).toEqual([
      'db-1 data-db-1 pvc-1',
      'db-1 wal-db-1 pvc-2',
      'db-2 data-db-2 pvc-3',
      'db-2 wal-db-2 pvc-4',
    ]);
  });

  test('scale-down removes the highest ordinal (db-2), whose claims stay', () => {
    expect(rowsOf(plan, 1)).toEqual([
      'db-1 data-db-1 pvc-1',
      'db-1 wal-db-1 pvc-2',
      '- data-db-2 pvc-3',
      '- wal-db-2 pvc-4',
    ]);
  });

  test('scale-up brings db-2 back on its claims and adds db-3, never a db-0', () => {
    expect(rowsOf(plan, 2)).toEqual([
      'db-1 data-db-1 pvc-1',
      'db-1 wal-db-1 pvc-2',
      'db-2 data-db-2 pvc-3',
      'db-2 wal-db-2 pvc-4',
      'db-3 data-db-3 pvc-5',
      'db-3 wal-db-3 pvc-6',
    ]);
    expect(plan.steps[2].rows[2].note).toBe('kept claim mounted again (made in step 1): its old data');
  });

  test("check-upgrade's expansion hint names the set's first claim (data-db-1, not data-db-0)", () => {
    const bigger = structuredClone(sts);
    bigger.spec.volumeClaimTemplates[0].spec.resources.requests.storage = '2Gi';
    const hints = checkUpgrade(asManifests([sts]), asManifests([bigger])).map((f) => f.instead ?? '');
    expect(hints.some((h) => h.includes('kubectl patch pvc data-db-1 '))).toBe(true);
    expect(hints.some((h) => h.includes('data-db-0'))).toBe(false);
  });
});

describe('the model', () => {
  test('without pre-binding, the binder takes the smallest free matching volume: pods may swap data', () => {
    const objects = dist.map((m) => structuredClone(m.object));
    for (const o of objects) if (o.kind === 'PersistentVolume') delete o.spec.claimRef;
    // log-1 is made larger: the binder prefers the smallest, so logs-rg-0 gets log-2
    objects.find((o) => o.metadata.name === 'log-1').spec.capacity.storage = '20Mi';
    const plan = planScale(asManifests(objects), 'rg', [2]);
    expect(rowsOf(plan, 0)).toEqual(['rg-0 logs-rg-0 log-2', 'rg-1 logs-rg-1 log-3']);
    expect(plan.steps[0].rows[0].note).toBe('new claim, bound to a free matching volume (the binder picks it)');
  });

  test('whenScaled Delete: scale-down deletes the claims; a Retain volume is Released and not bound again', () => {
    const m = synth(
      baseProps({
        replicas: 2,
        claimRetention: { whenScaled: ClaimRetention.DELETE },
        storage: [
          Storage.hostPath({
            ...BASE_STORAGE,
            mountPath: '/d',
            storageClassName: 'local',
            count: 2,
            path: '/mnt/{ordinal}',
          }),
        ],
      }),
    );
    const plan = planScale(m, 'db', [2, 1, 2]);
    expect(plan.steps[1].deleted).toEqual([
      'data-db-1 (its volume data-db-1 Released: data kept, not bound again by itself)',
    ]);
    expect(plan.steps[2].rows[1].note).toBe('Pending: its pre-bound volume data-db-1 is Released');
  });

  test('dynamic provisioning with whenScaled Delete loses the data of removed pods', () => {
    const plan = planScale(synth(baseProps({ claimRetention: { whenScaled: ClaimRetention.DELETE } })), 'db', [2, 1]);
    expect(plan.steps[0].rows.map((r) => r.where)).toEqual(['dynamic (default class)', 'dynamic (default class)']);
    expect(plan.steps[1].deleted).toEqual(['data-db-1 (its volume pvc-2 and the data on it deleted)']);
  });

  test('class "" without a matching volume stays Pending', () => {
    // one volume, so a fixed path (no {ordinal}) is enough
    const m = synth(
      baseProps({ storage: [Storage.hostPath({ ...BASE_STORAGE, mountPath: '/d', count: 1, path: '/mnt/0' })] }),
    );
    const plan = planScale(m, 'db', [2]);
    expect(plan.steps[0].rows[1].note).toBe('Pending: no volume matches and the class "" provisions none');
  });

  test('bad input is a clear error', () => {
    expect(() => planScale(dist, 'nope', [1])).toThrow(
      'no StatefulSet "nope" in the manifests (there are: default/rg)',
    );
    expect(() => planScale(dist, 'rg', [-1])).toThrow('replica counts must be non-negative integers, got -1');
  });
});

describe('check-upgrade', () => {
  const before = dist;
  /** The committed manifests with `mutate` applied, as the "after" side. */
  const after = (mutate: (get: (kind: string, name?: string) => any, all: any[]) => void): Manifest[] => {
    const all = dist.map((m) => structuredClone(m.object));
    mutate((kind, name) => all.find((o) => o.kind === kind && (!name || o.metadata.name === name)), all);
    return asManifests(all);
  };
  const sts = (g: (k: string, n?: string) => any) => g('StatefulSet', 'rg');
  const summary = (fs: UpgradeFinding[]) => fs.map((f) => `${f.level} ${f.object} ${f.path}`);

  test.each(UPGRADE_CASES.map((c) => [c.what, c] as const))('a change of %s', (_what, c) => {
    const findings = checkUpgrade(
      before,
      asManifests(
        applyCase(
          before.map((m) => m.object),
          c,
        ),
      ),
    );
    expect(summary(findings)).toEqual(c.findings);
    for (const f of findings) expect(f.instead.length).toBeGreaterThan(20);
  });

  test('a removed volume and a removed StatefulSet are warnings that say where the data is', () => {
    const findings = checkUpgrade(
      before,
      after((_g, all) =>
        all.splice(0, all.length, ...all.filter((o) => o.metadata.name !== 'log-3' && o.kind !== 'StatefulSet')),
      ),
    );
    expect(summary(findings)).toEqual(['warning PersistentVolume/log-3 ', 'warning StatefulSet/default/rg ']);
    expect(findings[0].message).toContain("the data in /tmp/example/3 is no pod's any more");
  });

  test('messages say what is rejected and what to do instead', () => {
    const [f] = checkUpgrade(
      before,
      after((g) => (sts(g).spec.serviceName = 'rg-peers')),
    );
    expect(formatFinding(f)).toBe(
      'error: StatefulSet/default/rg: spec.serviceName: changed from "random-generator" to "rg-peers": the API server rejects changing spec.serviceName of an existing StatefulSet\n' +
        '    instead: delete the StatefulSet but not its pods and claims (`kubectl delete statefulset rg --cascade=orphan`), then apply: the new StatefulSet adopts the running pods and the existing claims by their labels and names',
    );
  });

  test('props changes map to the same verdicts: image and replicas pass, a renamed claim template fails', () => {
    const base = baseProps({ replicas: 2 });
    const old = synth(base);
    const newImage = { ...BASE_CONTAINER, image: 'example/db:1.3.0' };
    expect(checkUpgrade(old, synth({ ...base, replicas: 4, container: newImage }))).toEqual([]);
    const renamed = [Storage.dynamic({ ...BASE_STORAGE, name: 'pgdata' })];
    expect(summary(checkUpgrade(old, synth({ ...base, storage: renamed })))).toEqual([
      'error StatefulSet/default/db spec.volumeClaimTemplates',
      'warning StatefulSet/default/db spec.volumeClaimTemplates[0]',
    ]);
    expect(summary(checkUpgrade(old, synth({ ...base, appName: 'postgres' })))).toEqual([
      'error StatefulSet/default/db spec.selector',
    ]);
  });
});

// `stateful-service plan-scale` and `check-upgrade` as commands are tested in
// test/cli-commands.test.ts; here only the repository's own `npm run check-upgrade`.
describe('npm run check-upgrade (tools/check-upgrade.ts)', () => {
  const run = (script: string, args: string[]) =>
    spawnSync(process.execPath, ['tools/run-ts.js', script, ...args], { cwd: root, encoding: 'utf-8' });

  test('the committed dist/ against a fresh synth passes', () => {
    const r = run('tools/check-upgrade.ts', ['--from', 'dist']);
    expect(r.stdout).toBe('check-upgrade: 14 objects before (dist), 14 after (a fresh synth): 0 errors, 0 warnings\n');
    expect(r.status).toBe(0);
  });
});

test('several claim templates: each pod gets one claim per template, all kept on scale-down', () => {
  const m = synth(
    baseProps({
      replicas: 2,
      storage: [
        Storage.dynamic({ name: 'data', size: Size.gibibytes(10), mountPath: '/data' }),
        Storage.dynamic({ name: 'wal', size: Size.gibibytes(1), mountPath: '/wal' }),
      ],
    }),
  );
  const plan = planScale(m, 'db', [2, 1]);
  expect(rowsOf(plan, 0)).toEqual([
    'db-0 data-db-0 pvc-1',
    'db-0 wal-db-0 pvc-2',
    'db-1 data-db-1 pvc-3',
    'db-1 wal-db-1 pvc-4',
  ]);
  expect(rowsOf(plan, 1)).toEqual([
    'db-0 data-db-0 pvc-1',
    'db-0 wal-db-0 pvc-2',
    '- data-db-1 pvc-3',
    '- wal-db-1 pvc-4',
  ]);
});
