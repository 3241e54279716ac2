// Vendors' own StatefulSet manifests, written with the construct (examples/vendor-manifests/). Each test
// pins what the upstream file sets, field by field, as the file writes it; the sources (repository, path,
// commit) are named in docs/upstream-manifests.md.
import { Testing } from 'cdk8s';
import { CockroachDbChart, START_COCKROACH } from '../examples/vendor-manifests/cockroachdb';
import { MinioChart } from '../examples/vendor-manifests/minio';
import { NATS_CONF, NatsChart } from '../examples/vendor-manifests/nats';
import { kinds, synth, testWithTheProjectTools } from './fixtures/upstream-examples';
import { find } from './helpers';

describe('NATS (examples/vendor-manifests/nats.ts, nats-io/k8s nats-server/simple-nats.yml)', () => {
  const manifests = synth(new NatsChart(Testing.app(), 'nats'));
  const sts = find(manifests, 'StatefulSet', 'nats');
  const pod = sts.spec.template.spec;
  const nats = pod.containers[0];
  const probe = {
    httpGet: { path: '/', port: 8222 },
    initialDelaySeconds: 10,
    timeoutSeconds: 5,
    // Kubernetes's defaults, which the file relies on.
    periodSeconds: 10,
    failureThreshold: 3,
    successThreshold: 1,
  };

  test('makes what the file makes: ConfigMap nats-config, the headless Service nats, the StatefulSet nats', () => {
    expect(kinds(manifests)).toEqual(['ConfigMap/nats-config', 'Service/nats', 'StatefulSet/nats']);
  });

  test('ConfigMap nats-config: nats.conf as in the file', () => {
    expect(find(manifests, 'ConfigMap', 'nats-config').data).toEqual({ 'nats.conf': NATS_CONF });
    expect(NATS_CONF).toContain('nats://nats-2.nats.default.svc:6222');
    expect(NATS_CONF).toContain('cluster_advertise: $CLUSTER_ADVERTISE');
  });

  test('Service nats: headless, six ports in the file order, gateways 7522 although no container declares it', () => {
    const svc = find(manifests, 'Service', 'nats');
    expect(svc.spec.clusterIP).toBe('None');
    expect(svc.spec.ports.map((p: any) => [p.name, p.port, p.targetPort])).toEqual([
      ['client', 4222, 4222],
      ['cluster', 6222, 6222],
      ['monitor', 8222, 8222],
      ['metrics', 7777, 7777],
      ['leafnodes', 7422, 7422],
      ['gateways', 7522, 7522],
    ]);
    expect(svc.metadata.labels.app).toBe('nats');
  });

  test('StatefulSet nats: 3 replicas governed by nats, no claim templates, no retention policy', () => {
    expect([sts.spec.replicas, sts.spec.serviceName]).toEqual([3, 'nats']);
    expect(sts.spec.volumeClaimTemplates).toBeUndefined();
    expect(sts.spec.persistentVolumeClaimRetentionPolicy).toBeUndefined();
    expect(sts.spec.template.metadata.labels.app).toBe('nats');
  });

  test('pod: config-volume and pid, a shared process namespace, 60 s grace', () => {
    expect(pod.volumes).toEqual([
      { name: 'config-volume', configMap: { name: 'nats-config' } },
      { name: 'pid', emptyDir: {} },
    ]);
    expect(pod.shareProcessNamespace).toBe(true);
    expect(pod.terminationGracePeriodSeconds).toBe(60);
    expect(pod.topologySpreadConstraints).toBeUndefined();
    expect(pod.affinity).toBeUndefined();
  });

  test('container nats: image, ports with the two host ports, command, env, mounts', () => {
    expect(pod.containers.map((c: any) => c.name)).toEqual(['nats']);
    expect(nats.image).toBe('nats:2.6.5-alpine');
    expect(nats.ports).toEqual([
      { name: 'client', containerPort: 4222, hostPort: 4222, protocol: 'TCP' },
      { name: 'leafnodes', containerPort: 7422, hostPort: 7422, protocol: 'TCP' },
      { name: 'cluster', containerPort: 6222, protocol: 'TCP' },
      { name: 'monitor', containerPort: 8222, protocol: 'TCP' },
      { name: 'metrics', containerPort: 7777, protocol: 'TCP' },
    ]);
    expect(nats.command).toEqual(['nats-server', '--config', '/etc/nats-config/nats.conf']);
    expect(nats.env).toEqual([
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
      { name: 'CLUSTER_ADVERTISE', value: '$(POD_NAME).nats.$(POD_NAMESPACE).svc' },
    ]);
    expect(nats.volumeMounts).toEqual([
      { name: 'config-volume', mountPath: '/etc/nats-config' },
      { name: 'pid', mountPath: '/var/run/nats' },
    ]);
  });

  test('probes on port 8222 by number, 10 s delay, 5 s timeout; no startup probe; the preStop hook', () => {
    expect(nats.livenessProbe).toEqual(probe);
    expect(nats.readinessProbe).toEqual(probe);
    expect(nats.startupProbe).toBeUndefined();
    expect(nats.lifecycle).toEqual({
      preStop: {
        exec: { command: ['/bin/sh', '-c', '/nats-server -sl=ldm=/var/run/nats/nats.pid && /bin/sleep 60'] },
      },
    });
  });

  test('no resources, no user: the image runs as root, as in the file', () => {
    expect(nats.resources ?? {}).toEqual({});
    expect(pod.securityContext.runAsUser).toBeUndefined();
    expect(nats.securityContext.runAsNonRoot).toBeUndefined();
    expect(nats.securityContext.capabilities).toBeUndefined();
  });

  testWithTheProjectTools(manifests, [
    'container-resources',
    'disruption-budget',
    'host-ports',
    'privilege',
    'read-only-root-filesystem',
    'run-as-root',
  ]);
});

describe('CockroachDB (examples/vendor-manifests/cockroachdb.ts, cockroachdb/cockroach cloud/kubernetes/cockroachdb-statefulset.yaml)', () => {
  const manifests = synth(new CockroachDbChart(Testing.app(), 'cockroachdb'));
  const sts = find(manifests, 'StatefulSet', 'cockroachdb');
  const pod = sts.spec.template.spec;
  const crdb = pod.containers[0];
  const ports = [
    { name: 'grpc', port: 26257, targetPort: 26257, protocol: 'TCP' },
    { name: 'http', port: 8080, targetPort: 8080, protocol: 'TCP' },
  ];

  test('makes what the file makes: two Services, the budget and the StatefulSet', () => {
    expect(kinds(manifests)).toEqual([
      'PodDisruptionBudget/cockroachdb-budget',
      'Service/cockroachdb',
      'Service/cockroachdb-public',
      'StatefulSet/cockroachdb',
    ]);
  });

  test('Service cockroachdb-public: ClusterIP, grpc 26257 and http 8080', () => {
    const svc = find(manifests, 'Service', 'cockroachdb-public');
    expect([svc.spec.type ?? 'ClusterIP', svc.spec.ports, svc.metadata.labels.app]).toEqual([
      'ClusterIP',
      ports,
      'cockroachdb',
    ]);
  });

  test('Service cockroachdb: headless, not-ready pods published, the four annotations', () => {
    const svc = find(manifests, 'Service', 'cockroachdb');
    expect([svc.spec.clusterIP, svc.spec.publishNotReadyAddresses, svc.spec.ports]).toEqual(['None', true, ports]);
    expect(svc.metadata.annotations).toEqual({
      'service.alpha.kubernetes.io/tolerate-unready-endpoints': 'true',
      'prometheus.io/scrape': 'true',
      'prometheus.io/path': '_status/vars',
      'prometheus.io/port': '8080',
    });
  });

  test('PodDisruptionBudget cockroachdb-budget: maxUnavailable 1', () => {
    expect(find(manifests, 'PodDisruptionBudget', 'cockroachdb-budget').spec.maxUnavailable).toBe(1);
  });

  test('StatefulSet cockroachdb: 3 replicas, Parallel, RollingUpdate, claim datadir 100Gi RWO', () => {
    expect([
      sts.spec.replicas,
      sts.spec.serviceName,
      sts.spec.podManagementPolicy,
      sts.spec.updateStrategy.type,
    ]).toEqual([3, 'cockroachdb', 'Parallel', 'RollingUpdate']);
    expect(sts.spec.volumeClaimTemplates).toEqual([
      {
        metadata: { name: 'datadir' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '100Gi' } } },
      },
    ]);
    expect(pod.terminationGracePeriodSeconds).toBe(60);
  });

  test('preferred anti-affinity on the hostname, weight 100', () => {
    const [rule] = pod.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution;
    expect([rule.weight, rule.podAffinityTerm.topologyKey]).toEqual([100, 'kubernetes.io/hostname']);
    expect(pod.topologySpreadConstraints).toBeUndefined();
  });

  test('container cockroachdb: image, pull policy, resources, ports, env, command, mount', () => {
    expect(crdb.image).toBe('cockroachdb/cockroach:v24.1.3');
    expect(crdb.imagePullPolicy).toBe('IfNotPresent');
    expect(crdb.resources).toEqual({ requests: { cpu: '2', memory: '8Gi' }, limits: { cpu: '2', memory: '8Gi' } });
    expect(crdb.ports).toEqual([
      { name: 'grpc', containerPort: 26257, protocol: 'TCP' },
      { name: 'http', containerPort: 8080, protocol: 'TCP' },
    ]);
    expect(crdb.env).toEqual([
      { name: 'COCKROACH_CHANNEL', value: 'kubernetes-insecure' },
      { name: 'GOMAXPROCS', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1' } } },
      { name: 'MEMORY_LIMIT_MIB', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
    ]);
    expect(crdb.command).toEqual(['/bin/bash', '-ecx', START_COCKROACH]);
    expect(START_COCKROACH).toBe(
      'exec /cockroach/cockroach start --logtostderr --insecure --advertise-host $(hostname -f) --http-addr 0.0.0.0 --join cockroachdb-0.cockroachdb,cockroachdb-1.cockroachdb,cockroachdb-2.cockroachdb --cache $(expr $MEMORY_LIMIT_MIB / 4)MiB --max-sql-memory $(expr $MEMORY_LIMIT_MIB / 4)MiB',
    );
    expect(crdb.volumeMounts).toEqual([{ name: 'datadir', mountPath: '/cockroach/cockroach-data' }]);
  });

  test('readiness: GET /health?ready=1 on http, 10 s delay, every 5 s, 2 failures; no liveness or startup probe', () => {
    expect(crdb.readinessProbe).toEqual({
      httpGet: { path: '/health?ready=1', port: 'http' },
      initialDelaySeconds: 10,
      periodSeconds: 5,
      failureThreshold: 2,
      timeoutSeconds: 1,
      successThreshold: 1,
    });
    expect([crdb.livenessProbe, crdb.startupProbe]).toEqual([undefined, undefined]);
  });

  testWithTheProjectTools(manifests, ['container-probes', 'privilege', 'read-only-root-filesystem', 'run-as-root']);
});

describe('MinIO (examples/vendor-manifests/minio.ts, minio/minio docs/orchestration/kubernetes/minio-distributed-*.yaml)', () => {
  const manifests = synth(new MinioChart(Testing.app(), 'minio'));
  const sts = find(manifests, 'StatefulSet', 'minio');
  const pod = sts.spec.template.spec;
  const minio = pod.containers[0];
  const probe = (path: string) => ({
    httpGet: { path, port: 9000 },
    initialDelaySeconds: 120,
    periodSeconds: 20,
    // Kubernetes's defaults, which the file relies on.
    timeoutSeconds: 1,
    failureThreshold: 3,
    successThreshold: 1,
  });

  test('makes what the files make: the headless Service minio and the StatefulSet minio', () => {
    expect(kinds(manifests)).toEqual(['Service/minio', 'StatefulSet/minio']);
  });

  test('Service minio: headless, not-ready pods published, port 9000 named minio', () => {
    const svc = find(manifests, 'Service', 'minio');
    expect([svc.spec.clusterIP, svc.spec.publishNotReadyAddresses, svc.metadata.labels.app]).toEqual([
      'None',
      true,
      'minio',
    ]);
    expect(svc.spec.ports).toEqual([{ name: 'minio', port: 9000, targetPort: 9000, protocol: 'TCP' }]);
  });

  test('StatefulSet minio: 4 replicas in parallel, claim data 10Gi RWO', () => {
    expect([sts.spec.replicas, sts.spec.serviceName, sts.spec.podManagementPolicy]).toEqual([4, 'minio', 'Parallel']);
    expect(sts.spec.volumeClaimTemplates).toEqual([
      {
        metadata: { name: 'data' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } },
      },
    ]);
    expect([pod.topologySpreadConstraints, pod.affinity]).toEqual([undefined, undefined]);
  });

  test('container minio: env, image, args, an unnamed port 9000, data at /data', () => {
    expect(minio.env).toEqual([
      { name: 'MINIO_ACCESS_KEY', value: 'minio' },
      { name: 'MINIO_SECRET_KEY', value: 'minio123' },
    ]);
    expect(minio.image).toBe('minio/minio:RELEASE.2020-04-04T05-39-31Z');
    expect(minio.args).toEqual(['server', 'http://minio-{0...3}.minio.default.svc.cluster.local/data']);
    expect(minio.ports).toEqual([{ containerPort: 9000, protocol: 'TCP' }]);
    expect(minio.volumeMounts).toEqual([{ name: 'data', mountPath: '/data' }]);
  });

  test('liveness and readiness on port 9000 by number, after 120 s, every 20 s; no startup probe', () => {
    expect(minio.livenessProbe).toEqual(probe('/minio/health/live'));
    expect(minio.readinessProbe).toEqual(probe('/minio/health/ready'));
    expect(minio.startupProbe).toBeUndefined();
  });

  testWithTheProjectTools(manifests, [
    'container-resources',
    'disruption-budget',
    'privilege',
    'read-only-root-filesystem',
    'run-as-root',
  ]);
});
