import { Testing } from 'cdk8s';
import { RandomGeneratorChart } from '../src/charts/random-generator-chart';
import { find, Manifest, ofKind, openFindings, testApp } from './helpers';

// The whole expected manifest has one source of truth: the committed
// dist/random-generator.k8s.yaml, which test/dist.test.ts compares byte for byte with a
// fresh synth of this chart. Here: what each part of it is for, one behaviour at a time.

// GIVEN the book's example chart
const chart = new RandomGeneratorChart(testApp(), 'random-generator');
const manifests = Testing.synth(chart) as Manifest[];
const sts = find(manifests, 'StatefulSet', 'rg');
const pod = sts.spec.template.spec;
const claimTemplate = sts.spec.volumeClaimTemplates[0];
const headless = find(manifests, 'Service', 'random-generator');
const nodePort = find(manifests, 'Service', 'random-generator-np');
const volumes = ofKind(manifests, 'PersistentVolume');

const selector = {
  'app.kubernetes.io/name': 'random-generator',
  'app.kubernetes.io/instance': 'rg',
};

test('makes the book objects (3 PersistentVolumes, 2 Services, 1 StatefulSet) and a PodDisruptionBudget', () => {
  expect(manifests.map((m) => `${m.kind}/${m.metadata.name}`)).toEqual([
    'PersistentVolume/log-1',
    'PersistentVolume/log-2',
    'PersistentVolume/log-3',
    'Service/random-generator',
    'StatefulSet/rg',
    'Service/random-generator-np',
    'PodDisruptionBudget/rg',
  ]);
});

describe('StatefulSet rg', () => {
  test('runs 2 replicas of the image, governed by the headless Service', () => {
    expect(sts.apiVersion).toBe('apps/v1');
    expect(sts.spec.replicas).toBe(2);
    expect(sts.spec.serviceName).toBe('random-generator');
    expect(pod.containers).toHaveLength(1);
    expect(pod.containers[0].name).toBe('random-generator');
    expect(pod.containers[0].image).toBe('k8spatterns/random-generator:1.0');
  });

  test('writes its log on the claimed volume', () => {
    const c = pod.containers[0];
    expect(c.env).toEqual([{ name: 'LOG_FILE', value: '/opt/logs/random.log' }]);
    expect(c.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    expect(c.volumeMounts).toEqual([
      { name: 'logs', mountPath: '/opt/logs' },
      { name: 'tmp', mountPath: '/tmp' },
    ]);
    expect(c.env[0].value.startsWith(`${c.volumeMounts[0].mountPath}/`)).toBe(true);
  });

  test('claims 10Mi ReadWriteOnce of class standard per pod, as a quantity string', () => {
    expect(sts.spec.volumeClaimTemplates).toHaveLength(1);
    expect(claimTemplate).toEqual({
      metadata: { name: 'logs' },
      spec: {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '10Mi' } },
        storageClassName: 'standard',
      },
    });
  });

  test('selects its pods by the stable app.kubernetes.io labels only', () => {
    expect(sts.spec.selector).toEqual({ matchLabels: selector });
    expect(sts.spec.template.metadata.labels).toMatchObject(selector);
    const all = JSON.stringify(manifests);
    expect(all).not.toContain('cdk8s.io/metadata.addr');
    expect(all).not.toMatch(/-c8[0-9a-f]{6}/); // no cdk8s hashed names
  });
});

describe('PersistentVolumes', () => {
  test.each([
    [0, 'log-1', '/tmp/example/1', 'logs-rg-0'],
    [1, 'log-2', '/tmp/example/2', 'logs-rg-1'],
    [2, 'log-3', '/tmp/example/3', 'logs-rg-2'],
  ])('ordinal %i: %s at %s, pre-bound to claim %s', (ordinal, name, path, claim) => {
    const pv = find(manifests, 'PersistentVolume', name);
    expect(chart.service.persistentVolumes[ordinal].name).toBe(name);
    expect(pv.spec.hostPath).toEqual({ path });
    expect(pv.spec.claimRef).toEqual({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      name: claim,
      namespace: 'default',
    });
  });

  test('each satisfies the claim template, so the claims bind them', () => {
    expect(volumes).toHaveLength(3);
    for (const pv of volumes) {
      expect(pv.spec.storageClassName).toBe(claimTemplate.spec.storageClassName);
      expect(pv.spec.accessModes).toEqual(claimTemplate.spec.accessModes);
      expect(pv.spec.capacity.storage).toBe(claimTemplate.spec.resources.requests.storage);
    }
  });

  test('claimRef names are the ones the StatefulSet controller gives the claims', () => {
    const claims = volumes.map((pv) => pv.spec.claimRef.name);
    expect(claims).toEqual([0, 1, 2].map((k) => `${claimTemplate.metadata.name}-${sts.metadata.name}-${k}`));
  });

  test('are cluster-scoped (no namespace) and keep their data (Retain)', () => {
    expect(volumes).toHaveLength(3);
    for (const pv of volumes) {
      expect(pv.metadata.namespace).toBeUndefined();
      expect(pv.spec.persistentVolumeReclaimPolicy).toBe('Retain');
    }
  });
});

describe('Services', () => {
  test('the headless Service has no cluster IP and serves http on 8080', () => {
    expect(headless.spec.clusterIP).toBe('None');
    expect(headless.spec.type).toBeUndefined();
    expect(headless.spec.ports).toEqual([{ name: 'http', port: 8080, targetPort: 8080, protocol: 'TCP' }]);
  });

  test('the NodePort Service forwards 8080 to 8080', () => {
    expect(nodePort.spec.type).toBe('NodePort');
    expect(nodePort.spec.ports).toEqual([{ name: 'http', port: 8080, targetPort: 8080, protocol: 'TCP' }]);
    expect(nodePort.spec.clusterIP).toBeUndefined();
  });

  test('both select exactly the StatefulSet pods', () => {
    expect(headless.spec.selector).toEqual(sts.spec.selector.matchLabels);
    expect(nodePort.spec.selector).toEqual(sts.spec.selector.matchLabels);
  });
});

test('every object carries the recommended labels', () => {
  expect(manifests).toHaveLength(7);
  for (const m of manifests) {
    expect(m.metadata.labels).toEqual({ ...selector, 'app.kubernetes.io/managed-by': 'cdk8s' });
  }
});

describe('policy', () => {
  const hostPathReason =
    'the book example runs on single-node minikube, where a hostPath volume is a directory of the one node';

  test('the hostPath volumes and the NodePort Service are acknowledged on those objects, with the reasons', () => {
    for (const name of ['log-1', 'log-2', 'log-3']) {
      expect(find(manifests, 'PersistentVolume', name).metadata.annotations).toEqual({
        'acknowledged.lint.stateful-service/host-path': hostPathReason,
      });
    }
    expect(nodePort.metadata.annotations).toEqual({
      'acknowledged.lint.stateful-service/node-port':
        'the book example is reached from outside minikube through `minikube service random-generator-np`',
    });
    expect(sts.metadata.annotations).toBeUndefined();
    expect(headless.metadata.annotations).toBeUndefined();
  });

  test('nothing else is found', () => {
    expect(openFindings(manifests)).toEqual([]);
  });
});

test('the chart exposes its StatefulService and the names the book uses', () => {
  expect(chart.service.name).toBe('rg');
  expect(chart.service.persistentVolumes).toHaveLength(3);
  expect(chart.service.claimName(1)).toBe('logs-rg-1');
  expect(chart.service.srvRecordName()).toBe('_http._tcp.random-generator.default.svc.cluster.local');
  expect(chart.service.peerDnsNames()).toEqual([
    'rg-0.random-generator.default.svc.cluster.local',
    'rg-1.random-generator.default.svc.cluster.local',
  ]);
});
