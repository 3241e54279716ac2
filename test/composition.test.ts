import { Chart, Testing } from 'cdk8s';
import { DisruptionBudget, ExternalAccess, StatefulService, Storage } from '../src';
import { BASE_STORAGE, baseProps, find, Manifest, ofKind, testApp, testChart } from './helpers';

const hostPathStorage = (dir: string) => [
  Storage.hostPath({ ...BASE_STORAGE, mountPath: '/data', count: 2, path: `/mnt/${dir}/{ordinal}` }),
];

test('several services in one chart: distinct objects, selectors and volumes', () => {
  const chart = testChart();
  new StatefulService(chart, 'a', baseProps({ name: 'a', storage: hostPathStorage('a') }));
  new StatefulService(chart, 'b', baseProps({ name: 'b', storage: hostPathStorage('b') }));
  // same app name, different instance: selectors still differ
  new StatefulService(chart, 'c', baseProps({ name: 'c', appName: 'a' }));
  const manifests = Testing.synth(chart) as Manifest[];

  const keys = manifests.map((m) => `${m.kind}/${m.metadata.name}`);
  expect(new Set(keys).size).toBe(keys.length);
  expect(ofKind(manifests, 'StatefulSet')).toHaveLength(3);
  expect(ofKind(manifests, 'PersistentVolume').map((pv) => pv.spec.claimRef.name)).toEqual([
    'data-a-0',
    'data-a-1',
    'data-b-0',
    'data-b-1',
  ]);
  const selectors = ofKind(manifests, 'StatefulSet').map((s) => JSON.stringify(s.spec.selector));
  expect(new Set(selectors).size).toBe(3);
  for (const name of ['a', 'b', 'c']) {
    const sts = find(manifests, 'StatefulSet', name);
    expect(find(manifests, 'Service', name).spec.selector).toEqual(sts.spec.selector.matchLabels);
    expect(find(manifests, 'Service', `${name}-client`).spec.selector).toEqual(sts.spec.selector.matchLabels);
  }
});

test('the same service in two charts of different namespaces', () => {
  const app = testApp();
  const prod = new Chart(app, 'prod', { namespace: 'prod' });
  const stage = new Chart(app, 'stage', { namespace: 'stage' });
  new StatefulService(prod, 'db', baseProps());
  new StatefulService(stage, 'db', baseProps());
  const [p, s] = [Testing.synth(prod), Testing.synth(stage)] as Manifest[][];
  expect(p.map((m) => m.metadata.namespace)).toEqual(['prod', 'prod', 'prod', 'prod']);
  expect(s.map((m) => m.metadata.namespace)).toEqual(['stage', 'stage', 'stage', 'stage']);
});

describe('clashes within one app are problems of the second service, naming both places', () => {
  test('the same StatefulSet and Service names in one namespace, across charts', () => {
    const app = testApp();
    new StatefulService(new Chart(app, 'one'), 'db', baseProps());
    const second = new StatefulService(new Chart(app, 'two'), 'db', baseProps());
    expect(second.node.validate()).toEqual([
      `StatefulSet "default/db" is already used by the StatefulService at 'one/db'`,
      `Service "default/db" is already used by the StatefulService at 'one/db'`,
      `Service "default/db-client" is already used by the StatefulService at 'one/db'`,
      `PodDisruptionBudget "default/db" is already used by the StatefulService at 'one/db'`,
    ]);
    expect(() => app.synthYaml()).toThrow(
      `[two/db] StatefulSet "default/db" is already used by the StatefulService at 'one/db'`,
    );
  });

  test('a PodDisruptionBudget named like another one', () => {
    const chart = testChart();
    new StatefulService(chart, 'a', baseProps({ name: 'a' }));
    const b = new StatefulService(
      chart,
      'b',
      baseProps({ name: 'b', disruptionBudget: DisruptionBudget.maxUnavailable(1, { name: 'a' }) }),
    );
    expect(b.node.validate()).toEqual([
      `PodDisruptionBudget "default/a" is already used by the StatefulService at 'test/a'`,
    ]);
  });

  test('an external Service named like another service', () => {
    const chart = testChart();
    const a = new StatefulService(chart, 'a', baseProps({ name: 'a' }));
    const b = new StatefulService(
      chart,
      'b',
      baseProps({ name: 'b', externalAccess: ExternalAccess.nodePort({ name: 'a' }) }),
    );
    expect(a.node.validate()).toEqual([]);
    expect(b.node.validate()).toEqual([`Service "default/a" is already used by the StatefulService at 'test/a'`]);
  });

  test('PersistentVolume names and host directories are cluster-wide, whatever the namespace', () => {
    const app = testApp();
    const storage = [
      Storage.hostPath({ ...BASE_STORAGE, mountPath: '/d', volumeName: 'pv-{ordinal}', path: '/mnt/x{ordinal}' }),
    ];
    new StatefulService(new Chart(app, 'one', { namespace: 'one' }), 'db', baseProps({ storage }));
    const second = new StatefulService(new Chart(app, 'two', { namespace: 'two' }), 'db', baseProps({ storage }));
    expect(second.node.validate()).toEqual([
      `PersistentVolume "pv-0" is already used by the StatefulService at 'one/db'`,
      `hostPath directory "/mnt/x0" is already used by the StatefulService at 'one/db'`,
    ]);
  });

  test('node ports are cluster-wide', () => {
    const app = testApp();
    const externalAccess = ExternalAccess.nodePort({ ports: [{ name: 'http', nodePort: 30080 }] });
    new StatefulService(new Chart(app, 'one', { namespace: 'one' }), 'db', baseProps({ externalAccess }));
    const second = new StatefulService(
      new Chart(app, 'two', { namespace: 'two' }),
      'db',
      baseProps({ externalAccess }),
    );
    expect(second.node.validate()).toEqual([`node port 30080 is already used by the StatefulService at 'one/db'`]);
  });

  test('separate apps do not clash (e.g. one per target cluster)', () => {
    new StatefulService(new Chart(testApp(), 'c'), 'db', baseProps());
    const other = new StatefulService(new Chart(testApp(), 'c'), 'db', baseProps());
    expect(other.node.validate()).toEqual([]);
  });
});

test('a chart nested in another: the nearest chart gives the namespace', () => {
  const outer = new Chart(testApp(), 'outer', { namespace: 'outer' });
  const inner = new Chart(outer, 'inner', { namespace: 'inner' });
  const service = new StatefulService(inner, 'db', baseProps());
  expect(service.namespaceName).toBe('inner');
  expect(Testing.synth(inner).map((m: any) => m.metadata.namespace)).toEqual(['inner', 'inner', 'inner', 'inner']);
});
