// What the peers of bench/workload.ts write alike: a service's labels, ports and
// StatefulSet spec with the construct's defaults, either as plain values (for plain
// `ApiObject`s) or as the typed L1 values of imports/k8s.ts (IntOrString, Quantity).
import { IntOrString, Quantity } from '../imports/k8s';

/** How a peer writes the values that the typed L1 classes wrap. */
export interface Values {
  intOrString(value: number | string): any;
  quantity(value: string): any;
}

export const PLAIN: Values = { intOrString: (value) => value, quantity: (value) => value };

export const TYPED: Values = {
  intOrString: (value) => (typeof value === 'number' ? IntOrString.fromNumber(value) : IntOrString.fromString(value)),
  quantity: (value) => Quantity.fromString(value),
};

export function labelsOf(name: string) {
  const selector = { 'app.kubernetes.io/instance': name, 'app.kubernetes.io/name': name };
  return { selector, labels: { ...selector, 'app.kubernetes.io/managed-by': 'cdk8s' } };
}

export function servicePorts(v: Values) {
  return [{ name: 'http', port: 8080, protocol: 'TCP', targetPort: v.intOrString(8080) }];
}

/** The StatefulSet spec of a service with one container, port `http` 8080 and one claim `data` of 1Gi. */
export function statefulSetSpec(
  name: string,
  v: Values,
  options: { replicas: number; env?: Array<{ name: string; value: string }>; storageClassName?: string },
): any {
  const { selector, labels } = labelsOf(name);
  const probe = (periodSeconds: number, failureThreshold: number) => ({
    failureThreshold,
    initialDelaySeconds: 0,
    periodSeconds,
    successThreshold: 1,
    tcpSocket: { port: v.intOrString('http') },
    timeoutSeconds: 1,
  });
  const seccompProfile = { type: 'RuntimeDefault' };
  const spread = (topologyKey: string) => ({
    labelSelector: { matchLabels: selector },
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable: 'ScheduleAnyway',
  });
  return {
    minReadySeconds: 0,
    persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    podManagementPolicy: 'OrderedReady',
    replicas: options.replicas,
    revisionHistoryLimit: 10,
    selector: { matchLabels: selector },
    serviceName: name,
    template: {
      metadata: { labels },
      spec: {
        automountServiceAccountToken: false,
        containers: [
          {
            env: options.env,
            image: 'example/app:1.0.0',
            imagePullPolicy: 'IfNotPresent',
            livenessProbe: probe(10, 3),
            name,
            ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
            readinessProbe: probe(10, 3),
            resources: {
              limits: { cpu: v.quantity('1'), memory: v.quantity('512Mi') },
              requests: { cpu: v.quantity('100m'), memory: v.quantity('256Mi') },
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
        volumes: [{ emptyDir: { sizeLimit: v.quantity('100Mi') }, name: 'tmp' }],
      },
    },
    updateStrategy: { rollingUpdate: { partition: 0 }, type: 'RollingUpdate' },
    volumeClaimTemplates: [
      {
        metadata: { name: 'data' },
        spec: {
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: v.quantity('1Gi') } },
          storageClassName: options.storageClassName,
        },
      },
    ],
  };
}
