import { Duration, JsonPatch, Size, Testing } from 'cdk8s';
import * as api from '../src';
import { KubePersistentVolume, KubeService, KubeStatefulSet } from '../imports/k8s';
import { ClaimRetention, EnvValue, ExternalAccess, StatefulService, Storage, UpdateStrategy } from '../src';
import { lint } from '../src/cli/validate';
import { BASE_STORAGE, baseProps, find, ofKind, synthService, testChart, volumeIds, withContainer } from './helpers';

const hostPath = (props: Partial<Parameters<typeof Storage.hostPath>[0]> = {}) =>
  Storage.hostPath({ ...BASE_STORAGE, mountPath: '/d', path: '/mnt/{ordinal}', ...props });

describe('defaults (dynamic provisioning, ClusterIP)', () => {
  // A chart without a namespace: the objects carry none, as cdk8s writes them by default.
  const { service, manifests } = synthService(baseProps(), {});
  const sts = find(manifests, 'StatefulSet', 'db');

  test('matches the snapshot', () => {
    expect(manifests).toMatchSnapshot();
  });

  test('makes no PersistentVolume and names no storage class, so the default class provisions', () => {
    expect(ofKind(manifests, 'PersistentVolume')).toHaveLength(0);
    expect(service.persistentVolumes).toEqual([]);
    expect(sts.spec.volumeClaimTemplates[0].spec.storageClassName).toBeUndefined();
  });

  test('the claim template is named "data", ReadWriteOnce', () => {
    expect(sts.spec.volumeClaimTemplates[0].metadata.name).toBe('data');
    expect(sts.spec.volumeClaimTemplates[0].spec.accessModes).toEqual(['ReadWriteOnce']);
    expect(sts.spec.template.spec.containers[0].volumeMounts).toEqual([
      { name: 'data', mountPath: '/var/lib/data' },
      { name: 'tmp', mountPath: '/tmp' },
    ]);
  });

  test('leaves replicas out, so kubectl scale or an autoscaler owns the count', () => {
    expect('replicas' in sts.spec).toBe(false);
    expect(service.replicas).toBeUndefined();
  });

  test('the headless Service is named like the StatefulSet when serviceName is not given', () => {
    expect(sts.spec.serviceName).toBe('db');
    expect(find(manifests, 'Service', 'db').spec.clusterIP).toBe('None');
  });

  test('the external Service is a ClusterIP Service named <serviceName>-client: a NodePort is asked for', () => {
    const client = find(manifests, 'Service', 'db-client');
    expect(client.spec.type).toBe('ClusterIP');
    expect(client.spec.ports).toEqual([{ name: 'http', port: 5432, targetPort: 5432, protocol: 'TCP' }]);
  });

  test("the defaults pass the package's own lint: no finding to acknowledge (a NodePort would be one)", () => {
    const findings = lint(manifests.map((object, index) => ({ file: 'test', index, object })));
    expect(findings.map((f) => `${f.rule.id} ${f.object}`)).toEqual([]);
  });

  test('container name defaults to the app name, and no env is rendered', () => {
    const c = sts.spec.template.spec.containers[0];
    expect(c.name).toBe('db');
    expect(c.env).toBeUndefined();
  });

  test('children are typed L1 objects with stable construct ids', () => {
    expect(service.statefulSet).toBeInstanceOf(KubeStatefulSet);
    expect(service.headlessService).toBeInstanceOf(KubeService);
    expect(service.externalService).toBeInstanceOf(KubeService);
    expect(service.node.findChild('Resource')).toBe(service.statefulSet);
    expect(service.node.findChild('HeadlessService')).toBe(service.headlessService);
    expect(service.node.findChild('ExternalService')).toBe(service.externalService);
    expect(service.node.tryFindChild('Volumes')).toBeUndefined();
    expect(service.extraServices).toEqual([]);
    expect(service.configMaps).toEqual([]);
  });

  test('derived facts: names, claim templates, selector, SRV record', () => {
    expect(service.name).toBe('db');
    expect(service.serviceName).toBe('db');
    expect(service.namespaceName).toBe('default');
    expect(service.claimTemplateNames).toEqual(['data']);
    expect(service.podName(3)).toBe('db-3');
    expect(service.claimName(3)).toBe('data-db-3');
    expect(service.selectorLabels).toEqual({ 'app.kubernetes.io/name': 'db', 'app.kubernetes.io/instance': 'db' });
    expect(service.srvRecordName()).toBe('_http._tcp.db.default.svc.cluster.local');
    expect(service.srvRecordName('http')).toBe(service.srvRecordName());
  });
});

test('replicas 0 is kept in the manifest', () => {
  const { manifests } = synthService(baseProps({ replicas: 0 }));
  expect(find(manifests, 'StatefulSet').spec.replicas).toBe(0);
});

test('env keeps the given order (later entries may refer to earlier ones)', () => {
  const env = { B: EnvValue.literal('1'), A: EnvValue.literal('$(B)'), 'x.y-z': EnvValue.literal('') };
  const { manifests } = synthService(withContainer({ env }));
  expect(find(manifests, 'StatefulSet').spec.template.spec.containers[0].env).toEqual([
    { name: 'B', value: '1' },
    { name: 'A', value: '$(B)' },
    { name: 'x.y-z', value: '' },
  ]);
});

describe('labels', () => {
  const { manifests } = synthService(
    baseProps({ appName: 'postgres', labels: { team: 'data', 'example.com/tier': 'db' } }),
  );

  test('user labels go on every object and the pods, never into the selector', () => {
    for (const m of manifests) {
      expect(m.metadata.labels).toEqual({
        'app.kubernetes.io/managed-by': 'cdk8s',
        team: 'data',
        'example.com/tier': 'db',
        'app.kubernetes.io/name': 'postgres',
        'app.kubernetes.io/instance': 'db',
      });
    }
    const sts = find(manifests, 'StatefulSet');
    expect(sts.spec.template.metadata.labels.team).toBe('data');
    expect(sts.spec.selector.matchLabels).toEqual({
      'app.kubernetes.io/name': 'postgres',
      'app.kubernetes.io/instance': 'db',
    });
  });

  test('user labels may replace managed-by', () => {
    const { manifests: m } = synthService(baseProps({ labels: { 'app.kubernetes.io/managed-by': 'me' } }));
    expect(find(m, 'StatefulSet').metadata.labels['app.kubernetes.io/managed-by']).toBe('me');
  });

  test('the selector does not depend on the construct id or tree', () => {
    const a = synthService(baseProps()).manifests;
    const chart = testChart();
    new StatefulService(new StatefulService(chart, 'Other', baseProps({ name: 'x' })), 'Nested', baseProps());
    const b = Testing.synth(chart).filter((m: any) => m.metadata.name === 'db' || m.metadata.name === 'db-client');
    expect(b).toEqual(a);
  });
});

describe('hostPath volumes', () => {
  test('default names are the claim names; count defaults to replicas; claimRef in the chart namespace', () => {
    const { manifests, service } = synthService(
      baseProps({
        replicas: 2,
        storage: [
          Storage.hostPath({
            name: 'pgdata',
            size: Size.gibibytes(2),
            mountPath: '/data',
            path: '/mnt/db/{ordinal}',
            hostPathType: api.HostPathVolumeType.DIRECTORY_OR_CREATE,
          }),
        ],
      }),
      { namespace: 'prod' },
    );
    const pvs = ofKind(manifests, 'PersistentVolume');
    expect(pvs.map((pv) => pv.metadata.name)).toEqual(['pgdata-db-0', 'pgdata-db-1']);
    expect(pvs.map((pv) => pv.spec.hostPath)).toEqual([
      { path: '/mnt/db/0', type: 'DirectoryOrCreate' },
      { path: '/mnt/db/1', type: 'DirectoryOrCreate' },
    ]);
    expect(pvs.map((pv) => pv.spec.claimRef.namespace)).toEqual(['prod', 'prod']);
    expect(pvs.map((pv) => pv.spec.capacity.storage)).toEqual(['2Gi', '2Gi']);
    expect(service.persistentVolumes.every((pv) => pv instanceof KubePersistentVolume)).toBe(true);
    expect(volumeIds(service, 'pgdata')).toEqual(['0', '1']);
  });

  test('replicas 0 still makes one volume, for the first pod of a later scale-up', () => {
    const { manifests } = synthService(baseProps({ replicas: 0, storage: [hostPath()] }));
    expect(ofKind(manifests, 'PersistentVolume').map((pv) => pv.spec.claimRef.name)).toEqual(['data-db-0']);
  });

  test('namespaced objects get the chart namespace; PersistentVolumes never do', () => {
    const { manifests } = synthService(baseProps({ storage: [hostPath()] }), { namespace: 'prod' });
    for (const m of manifests) {
      expect(m.metadata.namespace).toBe(m.kind === 'PersistentVolume' ? undefined : 'prod');
    }
  });

  test('without a storage class, volumes and claims use "" so claims never provision dynamically', () => {
    const { manifests } = synthService(baseProps({ storage: [hostPath()] }));
    expect(find(manifests, 'PersistentVolume').spec.storageClassName).toBe('');
    expect(find(manifests, 'StatefulSet').spec.volumeClaimTemplates[0].spec.storageClassName).toBe('');
  });

  test('access modes apply to both the volumes and the claims', () => {
    const { manifests } = synthService(
      baseProps({ storage: [hostPath({ accessModes: [api.PersistentVolumeAccessMode.READ_WRITE_ONCE_POD] })] }),
    );
    expect(find(manifests, 'PersistentVolume').spec.accessModes).toEqual(['ReadWriteOncePod']);
    expect(find(manifests, 'StatefulSet').spec.volumeClaimTemplates[0].spec.accessModes).toEqual(['ReadWriteOncePod']);
  });
});

describe('external Service', () => {
  test.each<[string, string, ExternalAccess]>([
    ['loadBalancer', 'LoadBalancer', ExternalAccess.loadBalancer({ name: 'db-ext' })],
    ['clusterIp', 'ClusterIP', ExternalAccess.clusterIp({ name: 'db-ext' })],
    ['nodePort', 'NodePort', ExternalAccess.nodePort({ name: 'db-ext' })],
  ])('ExternalAccess.%s() makes a Service of type %s', (_factory, wire, externalAccess) => {
    const { manifests } = synthService(baseProps({ externalAccess }));
    expect(find(manifests, 'Service', 'db-ext').spec.type).toBe(wire);
  });

  test.each<[string, string, ExternalAccess]>([
    ['nodePort', 'db-np', ExternalAccess.nodePort()],
    ['loadBalancer', 'db-lb', ExternalAccess.loadBalancer()],
    ['clusterIp', 'db-client', ExternalAccess.clusterIp()],
  ])('ExternalAccess.%s() without a name is named %s (<serviceName>-<suffix by type>)', (_f, name, externalAccess) => {
    const { manifests, service } = synthService(baseProps({ externalAccess }));
    expect(ofKind(manifests, 'Service').map((s) => s.metadata.name)).toEqual(['db', name]);
    expect(service.externalService?.name).toBe(name);
  });

  test('a fixed nodePort', () => {
    const externalAccess = ExternalAccess.nodePort({ ports: [{ name: 'http', nodePort: 30080 }] });
    const { manifests } = synthService(baseProps({ externalAccess }));
    expect(find(manifests, 'Service', 'db-np').spec.ports[0].nodePort).toBe(30080);
  });

  test('can be turned off', () => {
    const { manifests, service } = synthService(baseProps({ externalAccess: ExternalAccess.none() }));
    expect(ofKind(manifests, 'Service').map((s) => s.metadata.name)).toEqual(['db']);
    expect(service.externalService).toBeUndefined();
  });
});

test('escape hatch: children can be changed after construction', () => {
  const { service } = synthService(baseProps());
  service.statefulSet.addJsonPatch(JsonPatch.add('/spec/minReadySeconds', 5));
  const json = service.statefulSet.toJson();
  expect(json.spec.minReadySeconds).toBe(5);
});

describe('rollout and retention', () => {
  test('defaults are explicit: Retain claims, OrderedReady, rolling update of every pod', () => {
    const spec = find(synthService(baseProps()).manifests, 'StatefulSet').spec;
    expect(spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect(spec.podManagementPolicy).toBe('OrderedReady');
    expect(spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    expect(spec.minReadySeconds).toBe(0);
    expect(spec.revisionHistoryLimit).toBe(10);
  });

  test('all configurable', () => {
    const spec = find(
      synthService(
        baseProps({
          replicas: 5,
          claimRetention: { whenScaled: ClaimRetention.DELETE },
          podManagementPolicy: api.PodManagementPolicy.PARALLEL,
          updateStrategy: UpdateStrategy.rollingUpdate({ partition: 3 }),
          minReady: Duration.seconds(15),
        }),
      ).manifests,
      'StatefulSet',
    ).spec;
    expect(spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Delete' });
    expect(spec.podManagementPolicy).toBe('Parallel');
    expect(spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 3 } });
    expect(spec.minReadySeconds).toBe(15);
  });

  test('OnDelete has no rollingUpdate block', () => {
    const props = baseProps({ updateStrategy: UpdateStrategy.onDelete() });
    expect(find(synthService(props).manifests, 'StatefulSet').spec.updateStrategy).toEqual({ type: 'OnDelete' });
  });

  test('hostPath volumes beyond count may be provisioned dynamically when allowed', () => {
    const { manifests } = synthService(
      baseProps({
        replicas: 4,
        storage: [hostPath({ storageClassName: 'standard', count: 2, provisionBeyondCount: true })],
      }),
    );
    expect(ofKind(manifests, 'PersistentVolume')).toHaveLength(2);
    expect(find(manifests, 'StatefulSet').spec.replicas).toBe(4);
  });
});

test('pre-bound volumes need the chart to have a namespace (their claimRefs name it)', () => {
  const problems = new StatefulService(testChart({}), 'svc', baseProps({ storage: [hostPath()] })).node.validate();
  expect(problems).toEqual([
    `'storage[0]' makes PersistentVolumes pre-bound to the claims by namespace and name, so the claims' namespace must be known: give the chart a namespace (new Chart(app, id, { namespace: 'default' }))`,
  ]);
});

test("pre-bound volumes' claimRefs name the chart's namespace", () => {
  const { manifests } = synthService(baseProps({ storage: [hostPath()] }), { namespace: 'team-a' });
  expect(ofKind(manifests, 'PersistentVolume').map((pv) => pv.spec.claimRef.namespace)).toEqual(['team-a']);
  expect(find(manifests, 'StatefulSet').metadata.namespace).toBe('team-a');
});
