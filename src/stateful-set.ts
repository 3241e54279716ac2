import { Construct } from 'constructs';
import {
  IntOrString,
  KubeStatefulSet,
  KubePersistentVolumeClaimProps,
  Probe,
  Quantity,
  SecurityContext,
  TopologySpreadConstraint,
  Volume,
  VolumeDevice,
  VolumeMount,
} from '../imports/k8s';
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
 * Spread over nodes, and over zones where nodes have zone labels. Soft rules
 * (ScheduleAnyway) never block scheduling, so a single-node minikube runs every replica;
 * the hard rule keeps two pods of the set off one node. Zones stay soft: a cluster
 * without zone labels would otherwise schedule nothing.
 */
function spread(s: Settings): TopologySpreadConstraint[] | undefined {
  if (s.spread === 'none') return undefined;
  const rule = (topologyKey: string, hard: boolean): TopologySpreadConstraint => ({
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable: hard ? 'DoNotSchedule' : 'ScheduleAnyway',
    labelSelector: { matchLabels: { ...s.selector } },
  });
  return [rule('kubernetes.io/hostname', s.spread === 'hard'), rule('topology.kubernetes.io/zone', false)];
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
  const volumes: Volume[] = tmp
    ? [{ name: TMP_VOLUME, emptyDir: { sizeLimit: Quantity.fromString(s.tmpSizeLimit) } }]
    : [];
  const mounts: VolumeMount[] = [
    ...s.storage.filter((v) => v.volumeMode !== 'Block').map((v) => ({ name: v.name, mountPath: v.mountPath })),
    ...(tmp ? [{ name: TMP_VOLUME, mountPath: '/tmp' }] : []),
  ];
  const devices: VolumeDevice[] = s.storage
    .filter((v) => v.volumeMode === 'Block')
    .map((v) => ({ name: v.name, devicePath: v.mountPath }));
  const claimTemplates: KubePersistentVolumeClaimProps[] = s.storage.map((v) => ({
    // Only the name in the template's metadata: claim templates are immutable in a
    // live StatefulSet, and the controller labels each claim with the selector anyway.
    metadata: { name: v.name },
    spec: {
      accessModes: [...v.accessModes],
      storageClassName: v.storageClassName,
      volumeMode: v.volumeMode === 'Block' ? 'Block' : undefined,
      resources: { requests: { storage: Quantity.fromString(v.size) } },
    },
  }));
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
          serviceAccountName: s.serviceAccount?.name,
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
          topologySpreadConstraints: spread(s),
          nodeSelector: s.nodeSelector ? { ...s.nodeSelector } : undefined,
          tolerations: s.tolerations ? [...s.tolerations] : undefined,
          containers: [
            {
              name: s.containerName,
              image: s.image,
              imagePullPolicy: s.imagePullPolicy,
              env: s.env.length > 0 ? s.env.map(([name, value]) => ({ name, value })) : undefined,
              ports: s.ports.map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: p.protocol })),
              resources: {
                requests: {
                  cpu: Quantity.fromString(s.resources.cpu.request),
                  memory: Quantity.fromString(s.resources.memory.request),
                },
                limits: {
                  cpu: Quantity.fromString(s.resources.cpu.limit),
                  memory: Quantity.fromString(s.resources.memory.limit),
                },
              },
              securityContext: containerSecurity(s),
              startupProbe: probe(s.probes.startup),
              readinessProbe: probe(s.probes.readiness),
              livenessProbe: probe(s.probes.liveness),
              volumeMounts: mounts.length > 0 ? mounts : undefined,
              volumeDevices: devices.length > 0 ? devices : undefined,
            },
          ],
          volumes: volumes.length > 0 ? volumes : undefined,
        },
      },
      volumeClaimTemplates: claimTemplates,
    },
  });
}
