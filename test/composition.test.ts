import { App, Chart, Testing } from 'cdk8s';
import { StatefulService, StatefulServiceError } from '../src';
import { baseProps, find, Manifest, ofKind } from './helpers';

const hostPathStorage = (dir: string) => ({
  size: '1Gi',
  mountPath: '/data',
  hostPathVolumes: { count: 2, path: (k: number) => `/mnt/${dir}/${k}` },
});

test('several services in one chart: distinct objects, selectors and volumes', () => {
  const chart = Testing.chart();
  new StatefulService(chart, 'a', baseProps({ name: 'a', serviceName: 'a', storage: hostPathStorage('a') }));
  new StatefulService(chart, 'b', baseProps({ name: 'b', serviceName: 'b', storage: hostPathStorage('b') }));
  // same app name, different instance: selectors still differ
  new StatefulService(chart, 'c', baseProps({ name: 'c', serviceName: 'c', appName: 'a' }));
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
    expect(find(manifests, 'Service', `${name}-np`).spec.selector).toEqual(sts.spec.selector.matchLabels);
  }
});

test('the same service in two charts of different namespaces', () => {
  const app = Testing.app();
  const prod = new Chart(app, 'prod', { namespace: 'prod' });
  const stage = new Chart(app, 'stage', { namespace: 'stage' });
  new StatefulService(prod, 'db', baseProps());
  new StatefulService(stage, 'db', baseProps());
  const [p, s] = [Testing.synth(prod), Testing.synth(stage)] as Manifest[][];
  expect(p.map((m) => m.metadata.namespace)).toEqual(['prod', 'prod', 'prod', 'prod']);
  expect(s.map((m) => m.metadata.namespace)).toEqual(['stage', 'stage', 'stage', 'stage']);
});

describe('clashes within one app are errors, naming both places', () => {
  test('the same StatefulSet and Service names in one namespace, across charts', () => {
    const app = Testing.app();
    new StatefulService(new Chart(app, 'one'), 'db', baseProps());
    expect(() => new StatefulService(new Chart(app, 'two'), 'db', baseProps())).toThrow(
      `StatefulSet "default/db" is already used by the StatefulService at 'one/db'`,
    );
  });

  test('an external Service named like another service', () => {
    const chart = Testing.chart();
    new StatefulService(chart, 'a', baseProps({ name: 'a', serviceName: 'a' }));
    expect(
      () => new StatefulService(chart, 'b', baseProps({ name: 'b', serviceName: 'b', externalService: { name: 'a' } })),
    ).toThrow(`Service "default/a" is already used by the StatefulService at 'test/a'`);
  });

  test('PersistentVolume names are cluster-wide, whatever the namespace', () => {
    const app = Testing.app();
    const storage = {
      size: '1Gi',
      mountPath: '/d',
      hostPathVolumes: { name: (k: number) => `pv-${k}`, path: (k: number) => `/mnt/x${k}` },
    };
    new StatefulService(new Chart(app, 'one', { namespace: 'one' }), 'db', baseProps({ storage }));
    let error: unknown;
    try {
      new StatefulService(new Chart(app, 'two', { namespace: 'two' }), 'db', baseProps({ storage }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StatefulServiceError);
    expect((error as StatefulServiceError).problems).toEqual([
      `PersistentVolume "pv-0" is already used by the StatefulService at 'one/db'`,
      `hostPath directory "/mnt/x0" is already used by the StatefulService at 'one/db'`,
    ]);
  });

  test('separate apps do not clash (e.g. one per target cluster)', () => {
    new StatefulService(new Chart(new App(), 'c'), 'db', baseProps());
    expect(() => new StatefulService(new Chart(new App(), 'c'), 'db', baseProps())).not.toThrow();
  });
});

test('a chart nested in another: the nearest chart gives the namespace', () => {
  const outer = new Chart(Testing.app(), 'outer', { namespace: 'outer' });
  const inner = new Chart(outer, 'inner', { namespace: 'inner' });
  const service = new StatefulService(inner, 'db', baseProps());
  expect(service.namespace).toBe('inner');
  expect(Testing.synth(inner).map((m: any) => m.metadata.namespace)).toEqual(['inner', 'inner', 'inner', 'inner']);
});
