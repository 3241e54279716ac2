import { Construct } from 'constructs';
import { IntOrString, KubeStatefulSet, Probe, Quantity, SecurityContext, Volume, VolumeMount } from '../imports/k8s';
import { annotations } from './labels';
import type { ProbeSettings, Settings } from './settings';

const TMP_VOLUME = 'tmp';
const RUNTIME_DEFAULT_SECCOMP = { type: 'RuntimeDefault' };

function probe(p: ProbeSettings | undefined): Probe | undefined {
  if (!p) return undefined;
  const port = IntOrString.fromString('http');
  return {
    ...(p.httpPath !== undefined ? { httpGet: { path: p.httpPath, port } } : { tcpSocket: { port } }),
    initialDelaySeconds: p.initialDelaySeconds,
    periodSeconds: p.periodSeconds,
    timeoutSeconds: p.timeoutSeconds,
    failureThreshold: p.failureThreshold,
    successThreshold: 1,
  };
}

/**
 * The container-level security context. The pod-level one already carries the user and
 * seccomp settings; they are repeated here because several policy tools read only the
 * container level, and a container-level value wins if someone edits one of them.
 */
function containerSecurity(s: Settings): SecurityContext {
  return {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    privileged: false,
    readOnlyRootFilesystem: s.security.readOnlyRootFilesystem,
    runAsNonRoot: s.security.user !== 0,
    runAsUser: s.security.user,
    runAsGroup: s.security.group,
    seccompProfile: RUNTIME_DEFAULT_SECCOMP,
  };
}

/**
 * The StatefulSet, as the typed L1 object rather than cdk8s-plus's `StatefulSet`:
 * cdk8s-plus-27 cannot declare volumeClaimTemplates, selects pods by a label derived
 * from the construct path (`cdk8s.io/metadata.addr`, which a refactor changes while a
 * live StatefulSet's selector is immutable), and adds resource and security defaults
 * of its own that would change our output whenever cdk8s-plus changes them (its
 * 1000m CPU request leaves no room for a third replica on a default minikube). Here
 * every field comes from the settings, and sizes go through the k8s `Quantity` type.
 */
export function makeStatefulSet(scope: Construct, id: string, s: Settings): KubeStatefulSet {
  // A read-only root filesystem still needs a writable /tmp (the JVM and Tomcat use it).
  const tmp = s.security.readOnlyRootFilesystem;
  const volumes: Volume[] = tmp ? [{ name: TMP_VOLUME, emptyDir: { sizeLimit: Quantity.fromString(s.tmpSizeLimit) } }] : [];
  const mounts: VolumeMount[] = [
    { name: s.storage.name, mountPath: s.storage.mountPath },
    ...(tmp ? [{ name: TMP_VOLUME, mountPath: '/tmp' }] : []),
  ];
  return new KubeStatefulSet(scope, id, {
    metadata: { name: s.name, labels: { ...s.labels }, annotations: annotations(s.acknowledgements.statefulSet) },
    spec: {
      serviceName: s.serviceName,
      replicas: s.replicas,
      podManagementPolicy: s.podManagementPolicy,
      updateStrategy:
        s.updateStrategy.type === 'RollingUpdate'
          ? { type: 'RollingUpdate', rollingUpdate: { partition: s.updateStrategy.partition } }
          : { type: 'OnDelete' },
      minReadySeconds: s.minReadySeconds,
      // Explicit, and Retain by default: a scale-down or a delete never takes the claims.
      persistentVolumeClaimRetentionPolicy: { ...s.claimRetention },
      // Explicit because the API server rejects changing it later (it is not one of the
      // fields a StatefulSet update may change), so its default must never move.
      revisionHistoryLimit: 10,
      selector: { matchLabels: { ...s.selector } },
      template: {
        metadata: { labels: { ...s.labels } },
        spec: {
          automountServiceAccountToken: s.automountServiceAccountToken,
          securityContext: {
            runAsNonRoot: s.security.user !== 0,
            runAsUser: s.security.user,
            runAsGroup: s.security.group,
            fsGroup: s.security.fsGroup,
            // Only chown a volume whose root is not already owned by fsGroup: fast restarts on big volumes.
            fsGroupChangePolicy: 'OnRootMismatch',
            seccompProfile: RUNTIME_DEFAULT_SECCOMP,
          },
          containers: [
            {
              name: s.containerName,
              image: s.image,
              imagePullPolicy: s.imagePullPolicy,
              env: s.env.length > 0 ? s.env.map(([name, value]) => ({ name, value })) : undefined,
              ports: [{ name: 'http', containerPort: s.port, protocol: 'TCP' }],
              resources: {
                requests: { cpu: Quantity.fromString(s.resources.cpu.request), memory: Quantity.fromString(s.resources.memory.request) },
                limits: { cpu: Quantity.fromString(s.resources.cpu.limit), memory: Quantity.fromString(s.resources.memory.limit) },
              },
              securityContext: containerSecurity(s),
              startupProbe: probe(s.probes.startup),
              readinessProbe: probe(s.probes.readiness),
              livenessProbe: probe(s.probes.liveness),
              volumeMounts: mounts,
            },
          ],
          volumes: volumes.length > 0 ? volumes : undefined,
        },
      },
      // Only the name in the template's metadata: claim templates are immutable in a
      // live StatefulSet, and the controller labels each claim with the selector anyway.
      volumeClaimTemplates: [
        {
          metadata: { name: s.storage.name },
          spec: {
            accessModes: [...s.storage.accessModes],
            storageClassName: s.storage.storageClassName,
            resources: { requests: { storage: Quantity.fromString(s.storage.size) } },
          },
        },
      ],
    },
  });
}
