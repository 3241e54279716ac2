// The peer of the "book service" workload (bench/workload.ts): the objects one such
// StatefulService makes, written by hand with the typed L1 classes of imports/k8s.ts, with
// no props, checks or defaults to resolve. bench/bench.ts checks that its YAML equals the
// construct's, byte for byte, before it compares their times.
import { JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { KubePersistentVolume, KubePodDisruptionBudget, KubeService, KubeStatefulSet, Quantity } from '../imports/k8s';
import { labelsOf, servicePorts, statefulSetSpec, TYPED } from './peer-parts';

const NAMESPACE = 'bench';

export function bookServicePeer(scope: Construct, i: number): void {
  const name = `svc-${i}`;
  const { selector, labels } = labelsOf(name);
  const volumes = new Construct(scope, `s${i}-volumes`);
  for (let k = 0; k < 3; k++) {
    const pv = new KubePersistentVolume(volumes, String(k), {
      metadata: { name: `data-${name}-${k}`, labels },
      spec: {
        accessModes: ['ReadWriteOnce'],
        capacity: { storage: Quantity.fromString('1Gi') },
        claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: `data-${name}-${k}`, namespace: NAMESPACE },
        hostPath: { path: `/mnt/${name}/${k}` },
        persistentVolumeReclaimPolicy: 'Retain',
        storageClassName: '',
      },
    });
    // A PersistentVolume is cluster-scoped: no namespace, whatever the chart's.
    pv.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  }
  const ports = servicePorts(TYPED);
  new KubeService(scope, `s${i}-headless`, {
    metadata: { name, labels },
    spec: { clusterIp: 'None', ports, selector },
  });
  new KubeStatefulSet(scope, `s${i}-set`, {
    metadata: { name, labels },
    spec: statefulSetSpec(name, TYPED, {
      replicas: 2,
      env: [{ name: 'LOG_FILE', value: '/data/app.log' }],
      storageClassName: '',
    }),
  });
  new KubeService(scope, `s${i}-client`, {
    metadata: { name: `${name}-client`, labels },
    spec: { ports, selector, type: 'ClusterIP' },
  });
  new KubePodDisruptionBudget(scope, `s${i}-budget`, {
    metadata: { name, labels },
    spec: { maxUnavailable: TYPED.intOrString(1), selector: { matchLabels: selector } },
  });
}
