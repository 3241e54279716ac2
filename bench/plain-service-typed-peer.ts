// The typed peer of the "plain service" workload (bench/workload.ts): the objects of
// bench/plain-service-peer.ts, written with the typed L1 classes of imports/k8s.ts (as the
// construct writes them), with nothing to check or default. Set beside the plain peer, it
// shows what the typed classes cost by themselves.
import { IntOrString, KubePodDisruptionBudget, KubeService, KubeStatefulSet, Quantity } from '../imports/k8s';
import { Construct } from 'constructs';

export function plainServiceTypedPeer(scope: Construct, i: number): void {
  const name = `svc-${i}`;
  const selector = { 'app.kubernetes.io/instance': name, 'app.kubernetes.io/name': name };
  const labels = { ...selector, 'app.kubernetes.io/managed-by': 'cdk8s' };
  const ports = [{ name: 'http', port: 8080, protocol: 'TCP', targetPort: IntOrString.fromNumber(8080) }];
  const probe = (periodSeconds: number, failureThreshold: number) => ({
    failureThreshold,
    initialDelaySeconds: 0,
    periodSeconds,
    successThreshold: 1,
    tcpSocket: { port: IntOrString.fromString('http') },
    timeoutSeconds: 1,
  });
  const seccompProfile = { type: 'RuntimeDefault' };
  const spread = (topologyKey: string) => ({
    labelSelector: { matchLabels: selector },
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable: 'ScheduleAnyway',
  });
  new KubeService(scope, `s${i}-headless`, {
    metadata: { name, labels },
    spec: { clusterIp: 'None', ports, selector },
  });
  new KubeStatefulSet(scope, `s${i}-set`, {
    metadata: { name, labels },
    spec: {
      minReadySeconds: 0,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      podManagementPolicy: 'OrderedReady',
      replicas: 3,
      revisionHistoryLimit: 10,
      selector: { matchLabels: selector },
      serviceName: name,
      template: {
        metadata: { labels },
        spec: {
          automountServiceAccountToken: false,
          containers: [
            {
              image: 'example/app:1.0.0',
              imagePullPolicy: 'IfNotPresent',
              livenessProbe: probe(10, 3),
              name,
              ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
              readinessProbe: probe(5, 3),
              resources: {
                limits: { cpu: Quantity.fromString('1'), memory: Quantity.fromString('512Mi') },
                requests: { cpu: Quantity.fromString('100m'), memory: Quantity.fromString('256Mi') },
              },
              securityContext: {
                allowPrivilegeEscalation: false,
                capabilities: { drop: ['ALL'] },
                privileged: false,
                readOnlyRootFilesystem: true,
                runAsGroup: 1000,
                runAsNonRoot: true,
                runAsUser: 1000,
                seccompProfile,
              },
              startupProbe: probe(5, 60),
              volumeMounts: [
                { mountPath: '/data', name: 'data' },
                { mountPath: '/tmp', name: 'tmp' },
              ],
            },
          ],
          securityContext: {
            fsGroup: 1000,
            fsGroupChangePolicy: 'OnRootMismatch',
            runAsGroup: 1000,
            runAsNonRoot: true,
            runAsUser: 1000,
            seccompProfile,
          },
          topologySpreadConstraints: [spread('kubernetes.io/hostname'), spread('topology.kubernetes.io/zone')],
          volumes: [{ emptyDir: { sizeLimit: Quantity.fromString('100Mi') }, name: 'tmp' }],
        },
      },
      updateStrategy: { rollingUpdate: { partition: 0 }, type: 'RollingUpdate' },
      volumeClaimTemplates: [
        {
          metadata: { name: 'data' },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: Quantity.fromString('1Gi') } } },
        },
      ],
    },
  });
  new KubeService(scope, `s${i}-np`, {
    metadata: { name: `${name}-np`, labels },
    spec: { ports, selector, type: 'NodePort' },
  });
  new KubePodDisruptionBudget(scope, `s${i}-budget`, {
    metadata: { name, labels },
    spec: { maxUnavailable: IntOrString.fromNumber(1), selector: { matchLabels: selector } },
  });
}
