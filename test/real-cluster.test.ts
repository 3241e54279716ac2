import { Chart, Size, Testing } from 'cdk8s';
import * as api from '../src';
import { KubeNetworkPolicy, KubeServiceAccount } from '../imports/k8s';
import { RandomGeneratorProductionChart } from '../src/charts/random-generator-production-chart';
import {
  EnvValue,
  ExternalAccess,
  ExternalTrafficPolicy,
  NetworkAccess,
  PersistentVolumeSource,
  PodServiceAccount,
  Spread,
  StatefulService,
  StatefulServiceProps,
  Storage,
  Toleration,
} from '../src';
import { lint } from '../src/cli/validate';
import {
  BASE_CONTAINER,
  BASE_STORAGE,
  baseProps,
  find,
  mainContainerOf,
  Manifest,
  ofKind,
  openRules,
  podSpecOf,
  synthService,
  testApp,
  testChart,
  volumeIds,
} from './helpers';

const SELECTOR = { 'app.kubernetes.io/name': 'db', 'app.kubernetes.io/instance': 'db' };
const sts = (m: Manifest[]) => find(m, 'StatefulSet');

// The whole expected manifest of the production variant has one source of truth: the
// committed dist/production/random-generator.k8s.yaml, compared byte for byte with a fresh
// synth by test/dist.test.ts. Here: what each part of it is for.
describe('the production variant', () => {
  const chart = new RandomGeneratorProductionChart(testApp(), 'random-generator');
  const manifests = Testing.synth(chart) as Manifest[];

  test('contains no hostPath, no NodePort, no PersistentVolume', () => {
    const text = JSON.stringify(manifests);
    expect(text).not.toContain('hostPath');
    expect(text).not.toContain('NodePort');
    expect(ofKind(manifests, 'PersistentVolume')).toEqual([]);
  });

  test('claims are provisioned by the cluster default class', () => {
    expect(sts(manifests).spec.volumeClaimTemplates).toEqual([
      {
        metadata: { name: 'logs' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      },
    ]);
  });

  test('spreads replicas with a rule that does not block a single-node cluster', () => {
    const rules = podSpecOf(manifests).topologySpreadConstraints;
    expect(rules.map((r: any) => [r.topologyKey, r.whenUnsatisfiable])).toEqual([
      ['kubernetes.io/hostname', 'ScheduleAnyway'],
      ['topology.kubernetes.io/zone', 'ScheduleAnyway'],
    ]);
    expect(rules[0].labelSelector.matchLabels).toEqual({
      'app.kubernetes.io/name': 'random-generator',
      'app.kubernetes.io/instance': 'rg',
    });
  });

  test('3 replicas behind a ClusterIP Service, with a PodDisruptionBudget', () => {
    expect(sts(manifests).spec.replicas).toBe(3);
    expect(find(manifests, 'Service', 'random-generator-http').spec.type).toBe('ClusterIP');
    expect(find(manifests, 'PodDisruptionBudget').spec.maxUnavailable).toBe(1);
  });

  test('its own namespace, which enforces the restricted Pod Security Standard', () => {
    const ns = find(manifests, 'Namespace');
    expect(ns.metadata).toEqual({
      name: 'random-generator',
      labels: {
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/enforce-version': 'v1.27',
      },
    });
    const namespaced = manifests.filter((x) => x.kind !== 'Namespace');
    expect(namespaced).toHaveLength(6);
    for (const m of namespaced) expect(m.metadata.namespace).toBe('random-generator');
  });

  test('a ServiceAccount of its own and a NetworkPolicy', () => {
    expect(podSpecOf(manifests).serviceAccountName).toBe('rg');
    expect(find(manifests, 'ServiceAccount', 'rg').automountServiceAccountToken).toBe(false);
    const np = find(manifests, 'NetworkPolicy', 'rg');
    expect(np.spec.ingress[0].from).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } },
      { podSelector: { matchLabels: { 'random-generator/client': 'true' } } },
    ]);
  });

  test('passes the policy checks with nothing to acknowledge', () => {
    expect(lint(manifests.map((object, index) => ({ file: 't', index, object })))).toEqual([]);
  });
});

describe('storage modes', () => {
  test('pre-made volumes of another source (NFS), pre-bound per ordinal', () => {
    const { manifests, service } = synthService(
      baseProps({
        replicas: 2,
        storage: [
          Storage.preMade({
            size: Size.gibibytes(5),
            mountPath: '/data',
            accessModes: [api.PersistentVolumeAccessMode.READ_WRITE_MANY],
            storageClassName: 'nfs',
            volumeName: 'db-nfs-{ordinal}',
            source: PersistentVolumeSource.nfs({ server: 'nfs.example.com', path: '/exports/db-{ordinal}' }),
            mountOptions: ['nfsvers=4.1'],
          }),
        ],
      }),
      { namespace: 'data' },
    );
    const pvs = ofKind(manifests, 'PersistentVolume');
    expect(
      pvs.map((pv) => [pv.metadata.name, pv.spec.nfs.path, pv.spec.claimRef.name, pv.spec.claimRef.namespace]),
    ).toEqual([
      ['db-nfs-0', '/exports/db-0', 'data-db-0', 'data'],
      ['db-nfs-1', '/exports/db-1', 'data-db-1', 'data'],
    ]);
    const first = find(manifests, 'PersistentVolume', 'db-nfs-0');
    expect(first.spec.nfs).toEqual({ server: 'nfs.example.com', path: '/exports/db-0' });
    expect(first.spec.mountOptions).toEqual(['nfsvers=4.1']);
    expect(first.spec.persistentVolumeReclaimPolicy).toBe('Retain');
    expect(first.metadata.annotations).toBeUndefined();
    expect(service.persistentVolumes).toHaveLength(2);
    // no hostPath finding to acknowledge (and the default client Service is a ClusterIP)
    expect(openRules(manifests)).toEqual([]);
  });

  test('CSI volumes, one handle per ordinal, reclaim Delete', () => {
    const { manifests } = synthService(
      baseProps({
        storage: [
          Storage.preMade({
            size: Size.gibibytes(10),
            mountPath: '/data',
            storageClassName: 'ebs',
            source: PersistentVolumeSource.csi({
              driver: 'ebs.csi.aws.com',
              volumeHandle: 'vol-{ordinal}',
              fsType: 'ext4',
              volumeAttributes: { tier: 'gp3' },
            }),
            reclaimPolicy: api.PersistentVolumeReclaimPolicy.DELETE,
          }),
        ],
      }),
    );
    const pv = find(manifests, 'PersistentVolume', 'data-db-0');
    expect(pv.spec.csi).toEqual({
      driver: 'ebs.csi.aws.com',
      volumeHandle: 'vol-0',
      fsType: 'ext4',
      volumeAttributes: { tier: 'gp3' },
    });
    expect(pv.spec.persistentVolumeReclaimPolicy).toBe('Delete');
  });

  test('local disks get node affinity to their node', () => {
    const { manifests } = synthService(
      baseProps({
        replicas: 2,
        storage: [
          Storage.preMade({
            size: Size.gibibytes(10),
            mountPath: '/data',
            storageClassName: 'local-nvme',
            source: PersistentVolumeSource.local({ path: '/mnt/nvme0', nodeName: 'node-{ordinal}' }),
          }),
        ],
      }),
    );
    const pvs = ofKind(manifests, 'PersistentVolume');
    expect(pvs.map((pv) => [pv.metadata.name, pv.spec.local.path, pv.spec.nodeAffinity])).toEqual(
      [0, 1].map((k) => [
        `data-db-${k}`,
        '/mnt/nvme0',
        {
          required: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [`node-${k}`] }] },
            ],
          },
        },
      ]),
    );
  });

  test('two claim templates (data and logs), each with its own volumes and mount', () => {
    const { manifests, service } = synthService(
      baseProps({
        replicas: 1,
        storage: [
          Storage.dynamic({ name: 'data', size: Size.gibibytes(10), mountPath: '/var/lib/db' }),
          Storage.hostPath({ name: 'logs', ...BASE_STORAGE, mountPath: '/var/log/db', path: '/mnt/logs/{ordinal}' }),
        ],
      }),
    );
    expect(
      sts(manifests).spec.volumeClaimTemplates.map((t: any) => [t.metadata.name, t.spec.storageClassName]),
    ).toEqual([
      ['data', undefined],
      ['logs', ''],
    ]);
    expect(mainContainerOf(manifests).volumeMounts).toEqual([
      { name: 'data', mountPath: '/var/lib/db' },
      { name: 'logs', mountPath: '/var/log/db' },
      { name: 'tmp', mountPath: '/tmp' },
    ]);
    expect(ofKind(manifests, 'PersistentVolume').map((pv) => pv.spec.claimRef.name)).toEqual(['logs-db-0']);
    expect(service.claimTemplateNames).toEqual(['data', 'logs']);
    expect(service.claimName(0, 'logs')).toBe('logs-db-0');
    expect(volumeIds(service, 'logs')).toEqual(['0']);
  });

  test('a raw block device', () => {
    const { manifests } = synthService(
      baseProps({
        storage: [
          Storage.dynamic({
            size: Size.gibibytes(10),
            mountPath: '/dev/xvda',
            volumeMode: api.PersistentVolumeMode.BLOCK,
            accessModes: [api.PersistentVolumeAccessMode.READ_WRITE_ONCE_POD],
          }),
        ],
      }),
    );
    expect(mainContainerOf(manifests).volumeDevices).toEqual([{ name: 'data', devicePath: '/dev/xvda' }]);
    expect(mainContainerOf(manifests).volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
    expect(sts(manifests).spec.volumeClaimTemplates[0].spec.volumeMode).toBe('Block');
  });
});

describe('exposure', () => {
  const fourPorts = {
    ...BASE_CONTAINER,
    ports: [
      { name: 'http', number: 5432 },
      { name: 'metrics', number: 9187 },
      { name: 'gossip', number: 7946, protocol: api.Protocol.UDP },
      { name: 'admin', number: 8443 },
    ],
  };

  test('named ports on the container and the headless Service; the external Service picks and maps some', () => {
    const { manifests } = synthService(
      baseProps({
        container: fourPorts,
        externalAccess: ExternalAccess.nodePort({
          ports: [{ name: 'http' }, { name: 'metrics' }, { name: 'admin', port: 443 }],
        }),
      }),
    );
    expect(mainContainerOf(manifests).ports.map((p: any) => `${p.name}:${p.containerPort}/${p.protocol}`)).toEqual([
      'http:5432/TCP',
      'metrics:9187/TCP',
      'gossip:7946/UDP',
      'admin:8443/TCP',
    ]);
    const ports = (name: string) =>
      find(manifests, 'Service', name).spec.ports.map((p: any) => `${p.name}:${p.port}->${p.targetPort}/${p.protocol}`);
    expect(ports('db')).toEqual([
      'http:5432->5432/TCP',
      'metrics:9187->9187/TCP',
      'gossip:7946->7946/UDP',
      'admin:8443->8443/TCP',
    ]);
    expect(ports('db-np')).toEqual(['http:5432->5432/TCP', 'metrics:9187->9187/TCP', 'admin:443->8443/TCP']);
  });

  test('the headless Service may publish only some ports', () => {
    const { manifests } = synthService(
      baseProps({ container: fourPorts, headlessService: { ports: [{ name: 'gossip' }] } }),
    );
    expect(find(manifests, 'Service', 'db').spec.ports).toEqual([
      { name: 'gossip', port: 7946, targetPort: 7946, protocol: 'UDP' },
    ]);
  });

  test('a LoadBalancer with source ranges, local traffic policy and cloud annotations', () => {
    const { manifests } = synthService(
      baseProps({
        externalAccess: ExternalAccess.loadBalancer({
          name: 'db-lb',
          sourceRanges: ['203.0.113.0/24', '2001:db8::/32'],
          externalTrafficPolicy: ExternalTrafficPolicy.LOCAL,
          annotations: { 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' },
        }),
      }),
    );
    const lb = find(manifests, 'Service', 'db-lb');
    expect(lb.spec.type).toBe('LoadBalancer');
    expect(lb.spec.loadBalancerSourceRanges).toEqual(['203.0.113.0/24', '2001:db8::/32']);
    expect(lb.spec.externalTrafficPolicy).toBe('Local');
    expect(lb.metadata.annotations).toEqual({ 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' });
  });

  test('extra client Services next to the external one', () => {
    const { manifests, service } = synthService(
      baseProps({ extraServices: [ExternalAccess.clusterIp({ name: 'db-read' })] }),
    );
    expect(ofKind(manifests, 'Service').map((s) => `${s.metadata.name} ${s.spec.type ?? 'headless'}`)).toEqual([
      'db headless',
      'db-client ClusterIP',
      'db-read ClusterIP',
    ]);
    expect(service.extraServices.map((s) => s.node.path)).toEqual(['test/svc/ExtraServices/db-read']);
  });

  test('the headless Service can publish not-ready addresses, and stays the serviceName', () => {
    const { manifests } = synthService(baseProps({ headlessService: { publishNotReadyAddresses: true } }));
    expect(find(manifests, 'Service', 'db').spec.publishNotReadyAddresses).toBe(true);
    expect(sts(manifests).spec.serviceName).toBe('db');
  });
});

describe('placement', () => {
  const rules = (props: Partial<StatefulServiceProps>) =>
    podSpecOf(synthService(baseProps(props)).manifests).topologySpreadConstraints;

  test('soft by default', () => {
    expect(rules({}).map((r: any) => r.whenUnsatisfiable)).toEqual(['ScheduleAnyway', 'ScheduleAnyway']);
  });

  test('hard on request: never two pods on one node; zones stay soft', () => {
    expect(
      rules({ placement: { spread: Spread.hard() } }).map((r: any) => `${r.topologyKey}=${r.whenUnsatisfiable}`),
    ).toEqual(['kubernetes.io/hostname=DoNotSchedule', 'topology.kubernetes.io/zone=ScheduleAnyway']);
  });

  test('none', () => {
    expect(rules({ placement: { spread: Spread.none() } })).toBeUndefined();
  });

  test('node selector and tolerations', () => {
    const spec = podSpecOf(
      synthService(
        baseProps({
          placement: {
            nodeSelector: { 'node.example.com/pool': 'storage' },
            tolerations: [Toleration.equal('dedicated', 'db', { effect: api.TaintEffect.NO_SCHEDULE })],
          },
        }),
      ).manifests,
    );
    expect(spec.nodeSelector).toEqual({ 'node.example.com/pool': 'storage' });
    expect(spec.tolerations).toEqual([{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' }]);
  });
});

describe('identity', () => {
  test('a ServiceAccount named after the set; or an existing one, not made', () => {
    const made = synthService(baseProps({ serviceAccount: PodServiceAccount.create() }));
    expect(find(made.manifests, 'ServiceAccount', 'db').automountServiceAccountToken).toBe(false);
    expect(made.service.serviceAccount).toBeInstanceOf(KubeServiceAccount);
    expect(podSpecOf(made.manifests).serviceAccountName).toBe('db');

    const existing = synthService(baseProps({ serviceAccount: PodServiceAccount.existing('shared') }));
    expect(ofKind(existing.manifests, 'ServiceAccount')).toEqual([]);
    expect(existing.service.serviceAccount).toBeUndefined();
    expect(podSpecOf(existing.manifests).serviceAccountName).toBe('shared');
  });

  test('a NetworkPolicy from everywhere to the service ports, and between the set pods', () => {
    const { manifests, service } = synthService(
      baseProps({
        container: { ...BASE_CONTAINER, ports: [...BASE_CONTAINER.ports!, { name: 'metrics', number: 9187 }] },
        networkAccess: NetworkAccess.everywhere(),
      }),
    );
    const np = find(manifests, 'NetworkPolicy', 'db');
    expect(service.networkPolicy).toBeInstanceOf(KubeNetworkPolicy);
    expect(np.spec).toEqual({
      podSelector: { matchLabels: SELECTOR },
      policyTypes: ['Ingress'],
      ingress: [
        {
          ports: [
            { port: 5432, protocol: 'TCP' },
            { port: 9187, protocol: 'TCP' },
          ],
        },
        { from: [{ podSelector: { matchLabels: SELECTOR } }] },
      ],
    });
  });

  test('objects go into the chart namespace, and claimRefs follow it', () => {
    const { manifests } = synthService(
      baseProps({
        serviceAccount: PodServiceAccount.create(),
        networkAccess: NetworkAccess.everywhere(),
        storage: [Storage.hostPath({ ...BASE_STORAGE, mountPath: '/d', path: '/m/{ordinal}' })],
      }),
      { namespace: 'team-a' },
    );
    expect(manifests.map((m) => m.kind).sort()).toEqual([
      'NetworkPolicy',
      'PersistentVolume',
      'PodDisruptionBudget',
      'Service',
      'Service',
      'ServiceAccount',
      'StatefulSet',
    ]);
    for (const m of manifests) expect(m.metadata.namespace).toBe(m.kind === 'PersistentVolume' ? undefined : 'team-a');
    expect(find(manifests, 'PersistentVolume').spec.claimRef.namespace).toBe('team-a');
  });
});

describe('stable addressing for peers', () => {
  test('pod, Service and SRV names', () => {
    const chart = new Chart(testApp(), 'c', { namespace: 'data' });
    const db = new StatefulService(
      chart,
      'db',
      baseProps({ name: 'rg', serviceName: 'random-generator', replicas: 3 }),
    );
    expect(db.headlessServiceDnsName).toBe('random-generator.data.svc.cluster.local');
    expect(db.srvRecordName()).toBe('_http._tcp.random-generator.data.svc.cluster.local');
    expect(db.podDnsName(0)).toBe('rg-0.random-generator.data.svc.cluster.local');
    expect(db.peerDnsNames()).toEqual([0, 1, 2].map((k) => `rg-${k}.random-generator.data.svc.cluster.local`));
    expect(db.peerDnsNames(1)).toEqual(['rg-0.random-generator.data.svc.cluster.local']);
  });

  test('an SRV record of another port, and a clear error for a port the container does not have', () => {
    const { service } = synthService(
      baseProps({
        container: {
          ...BASE_CONTAINER,
          ports: [...BASE_CONTAINER.ports!, { name: 'gossip', number: 7946, protocol: api.Protocol.UDP }],
        },
      }),
    );
    expect(service.srvRecordName('gossip')).toBe('_gossip._udp.db.default.svc.cluster.local');
    expect(() => service.srvRecordName('admin')).toThrow(
      `StatefulService at 'test/svc': the main container has no port "admin", so no SRV record`,
    );
  });

  test('the cluster domain is a prop', () => {
    const { service } = synthService(baseProps({ clusterDomain: 'corp.internal' }));
    expect(service.podDnsName(1)).toBe('db-1.db.default.svc.corp.internal');
  });

  test('another service configured with the peers of the first', () => {
    const chart = testChart();
    const db = new StatefulService(chart, 'db', baseProps({ replicas: 2 }));
    new StatefulService(
      chart,
      'app',
      baseProps({
        name: 'app',
        container: { ...BASE_CONTAINER, env: { DB_PEERS: EnvValue.literal(db.peerDnsNames().join(',')) } },
      }),
    );
    expect(mainContainerOf(Testing.synth(chart) as Manifest[], 'app').env).toEqual([
      { name: 'DB_PEERS', value: 'db-0.db.default.svc.cluster.local,db-1.db.default.svc.cluster.local' },
    ]);
  });
});
