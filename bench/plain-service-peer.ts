// The peer of the "plain service" workload (bench/workload.ts): the objects of a
// StatefulService with the default props of a plain service (3 replicas, one port, one
// 1 GiB dynamic claim), written as plain cdk8s `ApiObject`s with their final wire content,
// nothing to check, default or convert. bench/bench.ts checks that its YAML equals the
// construct's, byte for byte, before it compares their times.
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

export function plainServicePeer(scope: Construct, i: number): void {
  const name = `svc-${i}`;
  const selector = { 'app.kubernetes.io/instance': name, 'app.kubernetes.io/name': name };
  const labels = { ...selector, 'app.kubernetes.io/managed-by': 'cdk8s' };
  const ports = [{ name: 'http', port: 8080, protocol: 'TCP', targetPort: 8080 }];
  const probe = (periodSeconds: number, failureThreshold: number) => ({
    failureThreshold,
    initialDelaySeconds: 0,
    periodSeconds,
    successThreshold: 1,
    tcpSocket: { port: 'http' },
    timeoutSeconds: 1,
  });
  const seccompProfile = { type: 'RuntimeDefault' };
  const spread = (topologyKey: string) => ({
    labelSelector: { matchLabels: selector },
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable: 'ScheduleAnyway',
  });
  new ApiObject(scope, `s${i}-headless`, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, labels },
    spec: { clusterIP: 'None', ports, selector },
  });
  new ApiObject(scope, `s${i}-set`, {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
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
              resources: { limits: { cpu: '1', memory: '512Mi' }, requests: { cpu: '100m', memory: '256Mi' } },
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
          volumes: [{ emptyDir: { sizeLimit: '100Mi' }, name: 'tmp' }],
        },
      },
      updateStrategy: { rollingUpdate: { partition: 0 }, type: 'RollingUpdate' },
      volumeClaimTemplates: [
        {
          metadata: { name: 'data' },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
        },
      ],
    },
  });
  new ApiObject(scope, `s${i}-np`, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: `${name}-np`, labels },
    spec: { ports, selector, type: 'NodePort' },
  });
  new ApiObject(scope, `s${i}-budget`, {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, labels },
    spec: { maxUnavailable: 1, selector: { matchLabels: selector } },
  });
}
