import { Size } from 'cdk8s';
import {
  ConfigMapProps,
  ExternalAccess,
  NetworkAccess,
  PodServiceAccount,
  StatefulServiceProps,
  Storage,
} from '../src';
import { BASE_STORAGE, baseProps, find, Manifest, problemsOf, synthService } from './helpers';

const OWNER = { 'example.com/owner': 'team-a' };
const SCRAPE = { 'prometheus.io/scrape': 'true' };
const LABELS = {
  'app.kubernetes.io/managed-by': 'cdk8s',
  team: 'data',
  'app.kubernetes.io/name': 'db',
  'app.kubernetes.io/instance': 'db',
};
const CONFIG: ConfigMapProps = { name: 'db-config', data: { 'db.conf': 'max_connections=100' } };

/** A service that makes one object of every kind the construct can make. */
const everything = (overrides: Partial<StatefulServiceProps> = {}) =>
  baseProps({
    replicas: 2,
    storage: [
      Storage.hostPath({ ...BASE_STORAGE, path: '/mnt/db/{ordinal}' }),
      Storage.dynamic({ name: 'wal', size: Size.gibibytes(1), mountPath: '/wal' }),
    ],
    configMaps: [CONFIG],
    serviceAccount: PodServiceAccount.create({ annotations: { 'iam.example.com/role': 'db' } }),
    networkAccess: NetworkAccess.everywhere(),
    headlessService: { annotations: { 'example.com/headless': 'yes' } },
    externalAccess: ExternalAccess.nodePort({ annotations: { 'example.com/external': 'yes' } }),
    extraServices: [ExternalAccess.clusterIp({ name: 'db-read', annotations: { 'example.com/read': 'yes' } })],
    annotations: OWNER,
    podAnnotations: SCRAPE,
    labels: { team: 'data' },
    ...overrides,
  });

describe('annotations, podAnnotations and labels', () => {
  // GIVEN a service that makes every kind of object, with annotations, pod annotations and labels
  const { manifests } = synthService(everything());
  const sts = find(manifests, 'StatefulSet');
  const kinds = manifests.map((m) => `${m.kind}/${m.metadata.name}`);

  test('the service makes every kind of object', () => {
    expect(kinds.sort()).toEqual([
      'ConfigMap/db-config',
      'NetworkPolicy/db',
      'PersistentVolume/data-db-0',
      'PersistentVolume/data-db-1',
      'PodDisruptionBudget/db',
      'Service/db',
      'Service/db-np',
      'Service/db-read',
      'ServiceAccount/db',
      'StatefulSet/db',
    ]);
  });

  test.each(manifests.map((m): [string, Manifest] => [`${m.kind}/${m.metadata.name}`, m]))(
    '%s gets the annotations and the labels, not the pod annotations',
    (_name, m) => {
      expect(m.metadata.annotations).toMatchObject(OWNER);
      expect(Object.keys(m.metadata.annotations)).not.toContain('prometheus.io/scrape');
      expect(m.metadata.labels).toEqual(LABELS);
    },
  );

  test('the pod template gets the pod annotations (and the config checksum) and the labels, not the annotations', () => {
    expect(sts.spec.template.metadata.annotations).toEqual({
      ...SCRAPE,
      'checksum/config': expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(sts.spec.template.metadata.labels).toEqual(LABELS);
  });

  test('the claim templates get neither (they are immutable in a live StatefulSet)', () => {
    expect(sts.spec.volumeClaimTemplates.map((t: any) => t.metadata)).toEqual([{ name: 'data' }, { name: 'wal' }]);
  });

  test("each Service's and the ServiceAccount's own annotations go on that object only", () => {
    const own = (name: string) =>
      Object.keys(manifests.find((m) => `${m.kind}/${m.metadata.name}` === name)!.metadata.annotations).sort();
    expect(own('Service/db')).toEqual(['example.com/headless', 'example.com/owner']);
    expect(own('Service/db-np')).toEqual(['example.com/external', 'example.com/owner']);
    expect(own('Service/db-read')).toEqual(['example.com/owner', 'example.com/read']);
    expect(own('ServiceAccount/db')).toEqual(['example.com/owner', 'iam.example.com/role']);
    expect(own('StatefulSet/db')).toEqual(['example.com/owner']);
  });

  test('without annotations no object has an annotations field (no empty maps)', () => {
    const plain = synthService(baseProps({ configMaps: [CONFIG] })).manifests;
    expect(plain.map((m) => m.metadata.annotations)).toEqual(plain.map(() => undefined));
  });
});

describe("labels of one object: a Service's own, a claim template's own", () => {
  const { manifests } = synthService(
    everything({
      storage: [
        Storage.dynamic({ ...BASE_STORAGE, labels: { backup: 'daily' } }),
        Storage.dynamic({ name: 'wal', size: Size.gibibytes(1), mountPath: '/wal' }),
      ],
      headlessService: { labels: { 'example.com/dns': 'peers' } },
      externalAccess: ExternalAccess.nodePort({ labels: { 'example.com/exposed': 'yes' } }),
    }),
  );

  test("each Service's own labels go on that Service only, after the common ones", () => {
    expect(find(manifests, 'Service', 'db').metadata.labels).toEqual({ ...LABELS, 'example.com/dns': 'peers' });
    expect(find(manifests, 'Service', 'db-np').metadata.labels).toEqual({ ...LABELS, 'example.com/exposed': 'yes' });
    expect(find(manifests, 'Service', 'db-read').metadata.labels).toEqual(LABELS);
    expect(find(manifests, 'StatefulSet').metadata.labels).toEqual(LABELS);
  });

  test('a claim template gets the labels of its storage, and nothing else', () => {
    expect(find(manifests, 'StatefulSet').spec.volumeClaimTemplates.map((t: any) => t.metadata)).toEqual([
      { name: 'data', labels: { backup: 'daily' } },
      { name: 'wal' },
    ]);
    expect(manifests.filter((m) => m.metadata.labels.backup !== undefined)).toEqual([]);
  });

  test.each<[string, Partial<StatefulServiceProps>, string]>([
    [
      'headlessService.labels',
      { headlessService: { labels: { 'app.kubernetes.io/name': 'x' } } },
      `'headlessService.labels' must not set "app.kubernetes.io/name": it is a selector label, made from 'appName' and 'name'`,
    ],
    [
      'externalAccess.labels',
      { externalAccess: ExternalAccess.nodePort({ labels: { 'app.kubernetes.io/instance': 'x' } }) },
      `'externalAccess.labels' must not set "app.kubernetes.io/instance": it is a selector label, made from 'appName' and 'name'`,
    ],
  ])('%s cannot replace a selector label', (_title, overrides, message) => {
    expect(problemsOf(baseProps(overrides))).toEqual([message]);
  });
});

describe('the config checksum rolls the pods when, and only when, the ConfigMaps change', () => {
  const checksum = (configMaps: ConfigMapProps[]) =>
    find(synthService(baseProps({ configMaps })).manifests, 'StatefulSet').spec.template.metadata.annotations?.[
      'checksum/config'
    ];

  test('the same data gives the same checksum, whatever the order of keys', () => {
    const a = checksum([{ name: 'c', data: { x: '1', y: '2' } }]);
    expect(checksum([{ name: 'c', data: { y: '2', x: '1' } }])).toBe(a);
  });

  test('changed data gives another checksum', () => {
    expect(checksum([{ name: 'c', data: { x: '2' } }])).not.toBe(checksum([{ name: 'c', data: { x: '1' } }]));
  });

  test('no ConfigMaps, no checksum', () => {
    expect(checksum([])).toBeUndefined();
  });

  test('podAnnotations cannot set it', () => {
    expect(problemsOf(baseProps({ configMaps: [CONFIG], podAnnotations: { 'checksum/config': 'x' } }))).toEqual([
      `'podAnnotations' must not set "checksum/config": the construct sets it from 'configMaps'`,
    ]);
  });
});

describe('checks', () => {
  test.each<[string, Partial<StatefulServiceProps>, string]>([
    [
      'an invalid annotation key',
      { annotations: { 'bad key': 'x' } },
      `'annotations' has an invalid key "bad key": a key is an optional DNS subdomain prefix and '/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
    ],
    [
      'an invalid pod annotation key',
      { podAnnotations: { '/x': 'y' } },
      `'podAnnotations' has an invalid key "/x": a key is an optional DNS subdomain prefix and '/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
    ],
    [
      'an annotation value that is not a string',
      { annotations: { a: 1 as any } },
      `'annotations.a' must be a string, got 1`,
    ],
    [
      'annotations over 256 KiB',
      { annotations: { a: 'x'.repeat(256 * 1024) } },
      `'annotations' must total at most 256 KiB (keys and values), got 262145 bytes`,
    ],
  ])('%s', (_title, overrides, message) => {
    expect(problemsOf(baseProps(overrides))).toEqual([message]);
  });

  test('annotation values may be anything, even empty or multi-line', () => {
    const { manifests } = synthService(baseProps({ annotations: { a: '', b: 'line 1\nline 2' } }));
    expect(find(manifests, 'StatefulSet').metadata.annotations).toEqual({ a: '', b: 'line 1\nline 2' });
  });
});
