// Vendors' own StatefulSet manifests, written with the construct (examples/vendor-manifests/). Each test
// pins what the upstream file sets, field by field, as the file writes it; the sources (repository, path,
// commit) are named in docs/upstream-manifests.md.
import { spawnSync } from 'child_process';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { NATS_CONF, NatsChart } from '../examples/vendor-manifests/nats';
import { manifestFiles } from '../src/cli/input';
import { lint, validate } from '../src/cli/validate';
import { loadManifests } from './fixtures/load-manifests';
import { tempDirs } from './fixtures/temp-dir';
import { find, Manifest } from './helpers';

const root = path.resolve(__dirname, '..');
const synth = (chart: Chart) => Testing.synth(chart) as Manifest[];
const kinds = (m: Manifest[]) => m.map((o) => `${o.kind}/${o.metadata.name}`).sort();
const asManifests = (m: Manifest[]) => m.map((object, index) => ({ file: 'chart', index, object }));

/** Validated for Kubernetes 1.27 and 1.33; the policy check finds only the acknowledged rules given. */
function testWithTheProjectTools(manifests: Manifest[], acknowledgedRules: readonly string[]) {
  test.each(['1.27', '1.33'])('valid for Kubernetes %s', (kubernetesVersion) => {
    expect(validate(asManifests(manifests), { kubernetesVersion })).toEqual([]);
  });

  test(`the policy check finds only acknowledged choices: ${acknowledgedRules.join(', ')}`, () => {
    const findings = lint(asManifests(manifests));
    expect(findings.filter((f) => f.acknowledged === undefined)).toEqual([]);
    expect([...new Set(findings.map((f) => f.rule.id))].sort()).toEqual([...acknowledgedRules].sort());
  });
}

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

describe('each example is a runnable cdk8s app', () => {
  const dirs = tempDirs('vendor-manifests');
  afterAll(() => dirs.cleanup());

  test.each([['nats.ts', () => new NatsChart(Testing.app(), 'nats')]])(
    'node tools/run-ts.js examples/vendor-manifests/%s writes what its chart synthesizes',
    (file, chart) => {
      const outdir = dirs.make();
      const run = spawnSync(process.execPath, ['tools/run-ts.js', `examples/vendor-manifests/${file}`], {
        cwd: root,
        encoding: 'utf-8',
        env: { ...process.env, CDK8S_OUTDIR: outdir },
      });
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
      const written = loadManifests(manifestFiles([outdir])).manifests.map((m) => m.object);
      expect(written).toEqual(synth(chart()));
    },
  );
});
