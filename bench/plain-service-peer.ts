// The peers of the "plain service" workload (bench/workload.ts): the objects of a
// StatefulService with the default props of a plain service (3 replicas, one port, one
// 1 GiB dynamic claim), with nothing to check or default:
// - plainServicePeer: plain cdk8s `ApiObject`s with their final wire content;
// - plainServiceNestedPeer: the same plain objects one level down, inside a bare
//   `Construct` per service, as any construct's children sit: what that level costs in
//   cdk8s (which walks the whole app once per chart), with nothing else of the library;
// - plainServiceTypedPeer: the typed L1 classes of imports/k8s.ts, as the construct made
//   them before 0.3.0, which shows what those classes cost by themselves.
// bench/bench.ts checks that their YAML equals the construct's, byte for byte.
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { KubePodDisruptionBudget, KubeService, KubeStatefulSet } from '../imports/k8s';
import { labelsOf, PLAIN, servicePorts, statefulSetSpec, TYPED } from './peer-parts';

export function plainServicePeer(scope: Construct, i: number): void {
  const name = `svc-${i}`;
  const { selector, labels } = labelsOf(name);
  const ports = servicePorts(PLAIN);
  const metadata = { name, labels };
  new ApiObject(scope, `s${i}-headless`, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata,
    spec: { clusterIP: 'None', ports, selector },
  });
  new ApiObject(scope, `s${i}-set`, {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata,
    spec: statefulSetSpec(name, PLAIN, { replicas: 3 }),
  });
  new ApiObject(scope, `s${i}-client`, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: `${name}-client`, labels },
    spec: { ports, selector, type: 'ClusterIP' },
  });
  new ApiObject(scope, `s${i}-budget`, {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata,
    spec: { maxUnavailable: 1, selector: { matchLabels: selector } },
  });
}

export function plainServiceNestedPeer(scope: Construct, i: number): void {
  plainServicePeer(new Construct(scope, `s${i}`), i);
}

export function plainServiceTypedPeer(scope: Construct, i: number): void {
  const name = `svc-${i}`;
  const { selector, labels } = labelsOf(name);
  const ports = servicePorts(TYPED);
  const metadata = { name, labels };
  new KubeService(scope, `s${i}-headless`, { metadata, spec: { clusterIp: 'None', ports, selector } });
  new KubeStatefulSet(scope, `s${i}-set`, { metadata, spec: statefulSetSpec(name, TYPED, { replicas: 3 }) });
  new KubeService(scope, `s${i}-client`, {
    metadata: { name: `${name}-client`, labels },
    spec: { ports, selector, type: 'ClusterIP' },
  });
  new KubePodDisruptionBudget(scope, `s${i}-budget`, {
    metadata,
    spec: { maxUnavailable: TYPED.intOrString(1), selector: { matchLabels: selector } },
  });
}
