import { App, Chart, Testing } from 'cdk8s';
import { KubeNetworkPolicy, KubeServiceAccount } from '../imports/k8s';
import { RandomGeneratorProductionChart } from '../src/charts/random-generator-production-chart';
import { StatefulService, StatefulServiceProps } from '../src';
import { lint } from '../src/cli/validate';
import { baseProps, find, Manifest, ofKind, synthService } from './helpers';

const sts = (m: Manifest[]) => find(m, 'StatefulSet');
const podSpec = (m: Manifest[]) => sts(m).spec.template.spec;
const container = (m: Manifest[]) => podSpec(m).containers[0];
const openFindings = (m: Manifest[]) =>
  lint(m.map((object, index) => ({ file: 't', index, object }))).filter((f) => f.acknowledged === undefined);

describe('the production variant', () => {
  const chart = new RandomGeneratorProductionChart(new App(), 'random-generator');
  const manifests = Testing.synth(chart) as Manifest[];

  test('matches the snapshot', () => {
    expect(manifests).toMatchSnapshot();
  });

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
    const rules = podSpec(manifests).topologySpreadConstraints;
    expect(rules.map((r: any) => [r.topologyKey, r.whenUnsatisfiable])).toEqual([
      ['kubernetes.io/hostname', 'ScheduleAnyway'],
      ['topology.kubernetes.io/zone', 'ScheduleAnyway'],
    ]);
    expect(rules[0].labelSelector.matchLabels).toEqual(sts(manifests).spec.selector.matchLabels);
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
    for (const m of manifests.filter((x) => x.kind !== 'Namespace'))
      expect(m.metadata.namespace).toBe('random-generator');
  });

  test('a ServiceAccount of its own and a NetworkPolicy', () => {
    expect(podSpec(manifests).serviceAccountName).toBe('rg');
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
        storage: {
          size: '5Gi',
          mountPath: '/data',
          accessModes: ['ReadWriteMany'],
          storageClassName: 'nfs',
          preMadeVolumes: {
            name: (k) => `db-nfs-${k}`,
            source: (k) => ({ nfs: { server: 'nfs.example.com', path: `/exports/db-${k}` } }),
            mountOptions: ['nfsvers=4.1'],
          },
        },
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
    expect(pvs[0].spec.mountOptions).toEqual(['nfsvers=4.1']);
    expect(pvs[0].spec.persistentVolumeReclaimPolicy).toBe('Retain');
    expect(pvs[0].metadata.annotations).toBeUndefined();
    expect(service.persistentVolumes).toHaveLength(2);
    // no hostPath finding to acknowledge
    expect(openFindings(manifests).map((f) => f.rule.id)).toEqual(['node-port']);
  });

  test('CSI local volumes with node affinity, reclaim Delete', () => {
    const { manifests } = synthService(
      baseProps({
        storage: {
          size: '10Gi',
          mountPath: '/data',
          storageClassName: 'local-nvme',
          preMadeVolumes: {
            count: 1,
            source: () => ({ csi: { driver: 'local.csi.example.com', volumeHandle: 'disk-0' } }),
            nodeAffinity: () => ({
              required: {
                nodeSelectorTerms: [
                  { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node-a'] }] },
                ],
              },
            }),
            reclaimPolicy: 'Delete',
          },
        },
      }),
    );
    const pv = find(manifests, 'PersistentVolume');
    expect(pv.spec.csi).toEqual({ driver: 'local.csi.example.com', volumeHandle: 'disk-0' });
    expect(pv.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values).toEqual(['node-a']);
    expect(pv.spec.persistentVolumeReclaimPolicy).toBe('Delete');
  });

  test('two claim templates (data and logs), each with its own volumes and mount', () => {
    const { manifests, service } = synthService(
      baseProps({
        replicas: 1,
        storage: [
          { name: 'data', size: '10Gi', mountPath: '/var/lib/db' },
          { name: 'logs', size: '1Gi', mountPath: '/var/log/db', hostPathVolumes: { path: (k) => `/mnt/logs/${k}` } },
        ],
      }),
    );
    expect(
      sts(manifests).spec.volumeClaimTemplates.map((t: any) => [t.metadata.name, t.spec.storageClassName]),
    ).toEqual([
      ['data', undefined],
      ['logs', ''],
    ]);
    expect(container(manifests).volumeMounts).toEqual([
      { name: 'data', mountPath: '/var/lib/db' },
      { name: 'logs', mountPath: '/var/log/db' },
      { name: 'tmp', mountPath: '/tmp' },
    ]);
    expect(ofKind(manifests, 'PersistentVolume').map((pv) => pv.spec.claimRef.name)).toEqual(['logs-db-0']);
    expect(service.claimTemplateNames).toEqual(['data', 'logs']);
    expect(service.claimName(0, 'logs')).toBe('logs-db-0');
    expect(
      service.node
        .findChild('Volumes')
        .node.findChild('logs')
        .node.children.map((c) => c.node.id),
    ).toEqual(['0']);
  });

  test('a raw block device', () => {
    const { manifests } = synthService(
      baseProps({
        storage: { size: '10Gi', mountPath: '/dev/xvda', volumeMode: 'Block', accessModes: ['ReadWriteOncePod'] },
      }),
    );
    expect(container(manifests).volumeDevices).toEqual([{ name: 'data', devicePath: '/dev/xvda' }]);
    expect(container(manifests).volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
    expect(sts(manifests).spec.volumeClaimTemplates[0].spec.volumeMode).toBe('Block');
  });
});

describe('exposure', () => {
  test('extra named ports on the container and both Services; one kept internal', () => {
    const { manifests } = synthService(
      baseProps({
        extraPorts: [
          { name: 'metrics', port: 9187 },
          { name: 'gossip', port: 7946, protocol: 'UDP', external: false },
          { name: 'admin', port: 443, containerPort: 8443 },
        ],
      }),
    );
    expect(container(manifests).ports.map((p: any) => `${p.name}:${p.containerPort}/${p.protocol}`)).toEqual([
      'http:5432/TCP',
      'metrics:9187/TCP',
      'gossip:7946/UDP',
      'admin:8443/TCP',
    ]);
    expect(find(manifests, 'Service', 'db').spec.ports.map((p: any) => `${p.name}:${p.port}->${p.targetPort}`)).toEqual(
      ['http:5432->5432', 'metrics:9187->9187', 'gossip:7946->7946', 'admin:443->8443'],
    );
    expect(find(manifests, 'Service', 'db-np').spec.ports.map((p: any) => p.name)).toEqual([
      'http',
      'metrics',
      'admin',
    ]);
  });

  test('a LoadBalancer with source ranges, local traffic policy and cloud annotations', () => {
    const { manifests } = synthService(
      baseProps({
        externalService: {
          type: 'LoadBalancer',
          name: 'db-lb',
          loadBalancerSourceRanges: ['203.0.113.0/24', '2001:db8::/32'],
          externalTrafficPolicy: 'Local',
          annotations: { 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' },
        },
      }),
    );
    const lb = find(manifests, 'Service', 'db-lb');
    expect(lb.spec.type).toBe('LoadBalancer');
    expect(lb.spec.loadBalancerSourceRanges).toEqual(['203.0.113.0/24', '2001:db8::/32']);
    expect(lb.spec.externalTrafficPolicy).toBe('Local');
    expect(lb.metadata.annotations).toEqual({ 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' });
  });

  test('the headless Service can publish not-ready addresses, and stays the serviceName', () => {
    const { manifests } = synthService(baseProps({ headlessService: { publishNotReadyAddresses: true } }));
    expect(find(manifests, 'Service', 'db').spec.publishNotReadyAddresses).toBe(true);
    expect(sts(manifests).spec.serviceName).toBe('db');
  });
});

describe('placement', () => {
  const rules = (props: Partial<StatefulServiceProps>) =>
    podSpec(synthService(baseProps(props)).manifests).topologySpreadConstraints;

  test('soft by default', () => {
    expect(rules({}).map((r: any) => r.whenUnsatisfiable)).toEqual(['ScheduleAnyway', 'ScheduleAnyway']);
  });

  test('hard on request: never two pods on one node; zones stay soft', () => {
    expect(rules({ placement: { spread: 'hard' } }).map((r: any) => `${r.topologyKey}=${r.whenUnsatisfiable}`)).toEqual(
      ['kubernetes.io/hostname=DoNotSchedule', 'topology.kubernetes.io/zone=ScheduleAnyway'],
    );
  });

  test('none', () => {
    expect(rules({ placement: { spread: 'none' } })).toBeUndefined();
  });

  test('node selector and tolerations', () => {
    const spec = podSpec(
      synthService(
        baseProps({
          placement: {
            nodeSelector: { 'node.example.com/pool': 'storage' },
            tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' }],
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
    const made = synthService(baseProps({ serviceAccount: {} }));
    expect(find(made.manifests, 'ServiceAccount', 'db')).toBeDefined();
    expect(made.service.serviceAccount).toBeInstanceOf(KubeServiceAccount);
    expect(podSpec(made.manifests).serviceAccountName).toBe('db');

    const existing = synthService(baseProps({ serviceAccount: { name: 'shared', create: false } }));
    expect(ofKind(existing.manifests, 'ServiceAccount')).toEqual([]);
    expect(podSpec(existing.manifests).serviceAccountName).toBe('shared');
  });

  test('a NetworkPolicy from everywhere to the service ports, and between the set pods', () => {
    const { manifests, service } = synthService(
      baseProps({ extraPorts: [{ name: 'metrics', port: 9187 }], networkPolicy: {} }),
    );
    const np = find(manifests, 'NetworkPolicy', 'db');
    expect(service.networkPolicy).toBeInstanceOf(KubeNetworkPolicy);
    expect(np.spec).toEqual({
      podSelector: { matchLabels: service.selectorLabels },
      policyTypes: ['Ingress'],
      ingress: [
        {
          ports: [
            { port: 5432, protocol: 'TCP' },
            { port: 9187, protocol: 'TCP' },
          ],
        },
        { from: [{ podSelector: { matchLabels: service.selectorLabels } }] },
      ],
    });
  });

  test('objects go into the chart namespace, and claimRefs follow it', () => {
    const { manifests } = synthService(
      baseProps({
        serviceAccount: {},
        networkPolicy: {},
        storage: { size: '1Gi', mountPath: '/d', hostPathVolumes: { path: (k) => `/m/${k}` } },
      }),
      { namespace: 'team-a' },
    );
    for (const m of manifests) expect(m.metadata.namespace).toBe(m.kind === 'PersistentVolume' ? undefined : 'team-a');
    expect(find(manifests, 'PersistentVolume').spec.claimRef.namespace).toBe('team-a');
  });
});

describe('stable addressing for peers', () => {
  test('pod, Service and SRV names', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'data' });
    const db = new StatefulService(
      chart,
      'db',
      baseProps({ name: 'rg', serviceName: 'random-generator', replicas: 3 }),
    );
    expect(db.headlessServiceDnsName).toBe('random-generator.data.svc.cluster.local');
    expect(db.srvRecordName).toBe('_http._tcp.random-generator.data.svc.cluster.local');
    expect(db.podDnsName(0)).toBe('rg-0.random-generator.data.svc.cluster.local');
    expect(db.peerDnsNames()).toEqual([0, 1, 2].map((k) => `rg-${k}.random-generator.data.svc.cluster.local`));
    expect(db.peerDnsNames(1)).toEqual(['rg-0.random-generator.data.svc.cluster.local']);
  });

  test('the cluster domain is a prop', () => {
    const { service } = synthService(baseProps({ clusterDomain: 'corp.internal' }));
    expect(service.podDnsName(1)).toBe('db-1.db.default.svc.corp.internal');
  });

  test('another service configured with the peers of the first', () => {
    const chart = Testing.chart();
    const db = new StatefulService(chart, 'db', baseProps({ replicas: 2 }));
    new StatefulService(
      chart,
      'app',
      baseProps({ name: 'app', serviceName: 'app', env: { DB_PEERS: db.peerDnsNames().join(',') } }),
    );
    const app = (Testing.synth(chart) as Manifest[]).find(
      (m) => m.kind === 'StatefulSet' && m.metadata.name === 'app',
    )!;
    expect(app.spec.template.spec.containers[0].env).toEqual([
      { name: 'DB_PEERS', value: 'db-0.db.default.svc.cluster.local,db-1.db.default.svc.cluster.local' },
    ]);
  });
});
