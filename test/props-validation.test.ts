import { Chart, Duration, Size, Testing } from 'cdk8s';
import * as api from '../src';
import {
  ClaimRetention,
  DisruptionBudget,
  EnvValue,
  ExternalAccess,
  ExternalTrafficPolicy,
  NetworkAccess,
  PodSecurity,
  PodServiceAccount,
  PolicyRule,
  Probe,
  ProbePort,
  StatefulService,
  StatefulServiceProps,
  Storage,
  Toleration,
  UpdateStrategy,
} from '../src';
import { BASE_CONTAINER, BASE_STORAGE, baseProps, problemsOf, testApp, testChart, withContainer } from './helpers';

// Props problems are collected and registered as the construct's validation: they are
// read here with `node.validate()`; test/runtime-checks.test.ts covers how they surface.

const dynamic = (props: object) => Storage.dynamic({ ...BASE_STORAGE, ...props });
const hostPath = (props: object = {}) =>
  Storage.hostPath({ ...BASE_STORAGE, mountPath: '/data', path: '/mnt/{ordinal}', ...props });
/** The main container with these ports after "http" (5432). */
const ports = (...more: Array<{ name: string; number: number; protocol?: api.Protocol }>) =>
  withContainer({ ports: [{ name: 'http', number: 5432 }, ...more] });

const DNS_LABEL = `must be a DNS label (lowercase letters, digits and '-', starting and ending with a letter or digit, at most`;
const SERVICE_NAME = `must be a Service name: a DNS-1035 label (lowercase letters, digits and '-', starting with a letter, ending with a letter or digit, at most 63 characters)`;
const DNS_SUBDOMAIN = `must be a DNS subdomain (lowercase letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit, at most 253 characters)`;
const ABSOLUTE_PATH = `must be an absolute path other than "/" (no '.' or '..' parts, no empty parts or trailing '/', no ':' or white space)`;
const IMAGE = `must be a container image reference such as "k8spatterns/random-generator:1.0" (lowercase repository, optional registry, tag and digest, no spaces)`;
const LABEL_VALUE = `must be a label value (empty, or at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)`;

// Each row: props that are wrong in one way, and the one message, naming prop and value.
const cases: Array<[string, StatefulServiceProps, string]> = [
  ['negative replicas', baseProps({ replicas: -1 }), `'replicas' must be an integer from 0 to 2147483647, got -1`],
  ['fractional replicas', baseProps({ replicas: 1.5 }), `'replicas' must be an integer from 0 to 2147483647, got 1.5`],
  [
    'replicas as a string',
    baseProps({ replicas: '2' as any }),
    `'replicas' must be an integer from 0 to 2147483647, got "2"`,
  ],
  [
    'upper-case name',
    baseProps({ name: 'RG', serviceName: 'db' }),
    `'name' ${DNS_LABEL} 52 characters, since pods get revision labels "<name>-<hash>"), got "RG"`,
  ],
  [
    'name with a dot',
    baseProps({ name: 'rg.1', serviceName: 'db' }),
    `'name' ${DNS_LABEL} 52 characters, since pods get revision labels "<name>-<hash>"), got "rg.1"`,
  ],
  [
    'name of 53 characters',
    baseProps({ name: 'a'.repeat(53), serviceName: 'db' }),
    `'name' ${DNS_LABEL} 52 characters, since pods get revision labels "<name>-<hash>"), got "${'a'.repeat(53)}"`,
  ],
  [
    'empty name',
    baseProps({ name: '', serviceName: 'db' }),
    `'name' ${DNS_LABEL} 52 characters, since pods get revision labels "<name>-<hash>"), got ""`,
  ],
  ['service name starting with a digit', baseProps({ serviceName: '1rg' }), `'serviceName' ${SERVICE_NAME}, got "1rg"`],
  [
    'service name ending in -',
    withContainer({ name: 'db' }, { serviceName: 'rg-', appName: 'db' }),
    `'serviceName' ${SERVICE_NAME}, got "rg-"`,
  ],
  [
    'a name that cannot be the default service name',
    baseProps({ name: '1db' }),
    `'serviceName (the default, from name)' ${SERVICE_NAME}, got "1db"`,
  ],
  [
    'port 0',
    withContainer({ ports: [{ name: 'http', number: 0 }] }),
    `'container.ports[0].number' must be an integer from 1 to 65535, got 0`,
  ],
  [
    'port 65536',
    withContainer({ ports: [{ name: 'http', number: 65536 }] }),
    `'container.ports[0].number' must be an integer from 1 to 65535, got 65536`,
  ],
  ['empty image', withContainer({ image: '' }), `'container.image' ${IMAGE}, got ""`],
  ['image with a space', withContainer({ image: 'nginx latest' }), `'container.image' ${IMAGE}, got "nginx latest"`],
  [
    'image with upper case repository',
    withContainer({ image: 'K8sPatterns/rg:1.0' }),
    `'container.image' ${IMAGE}, got "K8sPatterns/rg:1.0"`,
  ],
  [
    'size zero',
    baseProps({ storage: [dynamic({ size: Size.mebibytes(0) })] }),
    `'storage[0].size' must be a whole number of bytes, at least 1, got 0 bytes (0Mi)`,
  ],
  [
    'relative mount path',
    baseProps({ storage: [dynamic({ mountPath: 'opt/logs' })] }),
    `'storage[0].mountPath' ${ABSOLUTE_PATH}, got "opt/logs"`,
  ],
  [
    'mount path with ..',
    baseProps({ storage: [dynamic({ mountPath: '/opt/../etc' })] }),
    `'storage[0].mountPath' ${ABSOLUTE_PATH}, got "/opt/../etc"`,
  ],
  [
    'mount at /',
    baseProps({ storage: [dynamic({ mountPath: '/' })] }),
    `'storage[0].mountPath' ${ABSOLUTE_PATH}, got "/"`,
  ],
  [
    'missing storage',
    baseProps({ storage: undefined as any }),
    `'storage' must list the per-pod volumes (Storage.dynamic(...), .hostPath(...) or .preMade(...)), or be [] for a set without claim templates, got undefined`,
  ],
  [
    'claim retention without claims',
    baseProps({ storage: [], claimRetention: { whenDeleted: ClaimRetention.DELETE } }),
    `'claimRetention' applies to the claims of 'storage', and 'storage' is [] (no claim templates)`,
  ],
  [
    'bad claim template name',
    baseProps({ storage: [dynamic({ name: 'Logs' })] }),
    `'storage[0].name' ${DNS_LABEL} 63 characters), got "Logs"`,
  ],
  [
    'unknown access mode',
    baseProps({ storage: [dynamic({ accessModes: ['ReadWriteSometimes'] })] }),
    `'storage[0].accessModes[0]' must be one of PersistentVolumeAccessMode.READ_WRITE_ONCE ("ReadWriteOnce"), PersistentVolumeAccessMode.READ_ONLY_MANY ("ReadOnlyMany"), PersistentVolumeAccessMode.READ_WRITE_MANY ("ReadWriteMany"), PersistentVolumeAccessMode.READ_WRITE_ONCE_POD ("ReadWriteOncePod"), got "ReadWriteSometimes"`,
  ],
  [
    'no access modes',
    baseProps({ storage: [dynamic({ accessModes: [] })] }),
    `'storage[0].accessModes' must name at least one access mode, got []`,
  ],
  [
    'ReadWriteOncePod with others',
    baseProps({
      storage: [
        dynamic({
          accessModes: [
            api.PersistentVolumeAccessMode.READ_WRITE_ONCE_POD,
            api.PersistentVolumeAccessMode.READ_WRITE_ONCE,
          ],
        }),
      ],
    }),
    `'storage[0].accessModes' cannot combine READ_WRITE_ONCE_POD with other modes, got ["ReadWriteOncePod","ReadWriteOnce"]`,
  ],
  [
    'bad storage class',
    baseProps({ storage: [dynamic({ storageClassName: 'Fast SSD' })] }),
    `'storage[0].storageClassName' ${DNS_SUBDOMAIN}, got "Fast SSD"`,
  ],
  [
    'an unknown volume mode',
    baseProps({ storage: [dynamic({ volumeMode: 'Raw' })] }),
    `'storage[0].volumeMode' must be one of PersistentVolumeMode.FILE_SYSTEM ("Filesystem"), PersistentVolumeMode.BLOCK ("Block"), got "Raw"`,
  ],
  [
    'env name with a space',
    withContainer({ env: { 'LOG FILE': EnvValue.literal('x') } }),
    `'container.env' has an invalid environment variable name "LOG FILE": names consist of letters, digits, '_', '-' and '.', and do not start with a digit`,
  ],
  [
    'env name starting with a digit',
    withContainer({ env: { '1X': EnvValue.literal('x') } }),
    `'container.env' has an invalid environment variable name "1X": names consist of letters, digits, '_', '-' and '.', and do not start with a digit`,
  ],
  [
    'env value not a string',
    withContainer({ env: { X: EnvValue.literal(1 as any) } }),
    `'container.env.X' must be a string value, got 1`,
  ],
  [
    'bad label key',
    baseProps({ labels: { 'bad key': 'x' } }),
    `'labels' has an invalid key "bad key": a key is an optional DNS subdomain prefix and '/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
  ],
  ['bad label value', baseProps({ labels: { team: 'a b' } }), `'labels.team' ${LABEL_VALUE}, got "a b"`],
  [
    'label overriding the selector',
    baseProps({ labels: { 'app.kubernetes.io/instance': 'x' } }),
    `'labels' must not set "app.kubernetes.io/instance": it is a selector label, made from 'appName' and 'name'; set those instead`,
  ],
  [
    'bad app name',
    baseProps({ appName: 'a b', container: { ...BASE_CONTAINER, name: 'db' } }),
    `'appName' ${LABEL_VALUE}, got "a b"`,
  ],
  [
    'app name that cannot be the default container name',
    baseProps({ appName: 'My_App' }),
    `'container.name' ${DNS_LABEL} 63 characters), got "My_App" (the default, from 'appName'; set 'container.name')`,
  ],
  [
    'service name too long for the default external name',
    baseProps({ serviceName: 'a'.repeat(57) }),
    `'externalAccess.name' ${SERVICE_NAME}, got "${'a'.repeat(57)}-client" (the default, from 'serviceName'; set 'externalAccess.name')`,
  ],
  [
    'bad container name',
    withContainer({ name: 'My_Container' }),
    `'container.name' ${DNS_LABEL} 63 characters), got "My_Container"`,
  ],
  [
    'external Service named like the headless one',
    baseProps({ externalAccess: ExternalAccess.nodePort({ name: 'db' }) }),
    `'serviceName, externalAccess and extraServices' must not repeat a Service name, "db" is used more than once`,
  ],
  [
    'bad external Service name',
    baseProps({ externalAccess: ExternalAccess.nodePort({ name: '9np' }) }),
    `'externalAccess.name' ${SERVICE_NAME}, got "9np"`,
  ],
  [
    'node port out of range',
    baseProps({ externalAccess: ExternalAccess.nodePort({ ports: [{ name: 'http', nodePort: 8080 }] }) }),
    `'externalAccess.ports[0].nodePort' must be an integer from 30000 to 32767, got 8080`,
  ],
  [
    'node port on ClusterIP',
    baseProps({ externalAccess: ExternalAccess.clusterIp({ ports: [{ name: 'http', nodePort: 30080 }] }) }),
    `'externalAccess.ports[0].nodePort' needs a NodePort or LoadBalancer Service, got ExternalAccess.clusterIp()`,
  ],
  [
    'fewer volumes than replicas',
    baseProps({ replicas: 3, storage: [hostPath({ count: 2 })] }),
    `'storage[0].count' (2) must be at least 'replicas' (3): the claim of pod db-2 would have no volume to bind; make more volumes, or set 'storage[0].provisionBeyondCount' to provision the rest dynamically`,
  ],
  [
    'zero volumes',
    baseProps({ storage: [hostPath({ count: 0 })] }),
    `'storage[0].count' must be an integer from 1 to 10000, got 0`,
  ],
  [
    'relative host path',
    baseProps({ storage: [hostPath({ path: 'mnt/{ordinal}' })] }),
    `'storage[0].path (ordinal 0)' ${ABSOLUTE_PATH}, got "mnt/0"`,
  ],
  [
    'same host path for every ordinal',
    baseProps({ replicas: 2, storage: [hostPath({ path: '/mnt/shared' })] }),
    `'storage[0].path' must contain {ordinal} (or {ordinal+N}) so that each of the 2 ordinals gets its own value, got "/mnt/shared"`,
  ],
  [
    'same volume name for every ordinal',
    baseProps({ replicas: 2, storage: [hostPath({ volumeName: 'pv' })] }),
    `'storage[0].volumeName' must contain {ordinal} (or {ordinal+N}) so that each of the 2 ordinals gets its own value, got "pv"`,
  ],
  [
    'invalid volume name',
    baseProps({ storage: [hostPath({ volumeName: 'PV_{ordinal}' })] }),
    `'storage[0].volumeName (ordinal 0)' ${DNS_SUBDOMAIN}, got "PV_0"`,
  ],
  [
    'a path that is not a pattern',
    baseProps({ storage: [hostPath({ path: 42 })] }),
    `'storage[0].path' must be a string pattern such as "log-{ordinal+1}", got 42`,
  ],
  [
    'unknown hostPath type',
    baseProps({ storage: [hostPath({ hostPathType: 'Folder' })] }),
    `'storage[0].hostPathType' must be one of HostPathVolumeType.DEFAULT (""), HostPathVolumeType.DIRECTORY_OR_CREATE ("DirectoryOrCreate"), HostPathVolumeType.DIRECTORY ("Directory"), HostPathVolumeType.FILE_OR_CREATE ("FileOrCreate"), HostPathVolumeType.FILE ("File"), HostPathVolumeType.SOCKET ("Socket"), HostPathVolumeType.CHAR_DEVICE ("CharDevice"), HostPathVolumeType.BLOCK_DEVICE ("BlockDevice"), got "Folder"`,
  ],
  [
    'dynamic beyond count without a class',
    baseProps({ replicas: 3, storage: [hostPath({ count: 2, provisionBeyondCount: true })] }),
    `'storage[0].provisionBeyondCount' needs 'storage[0].storageClassName' to name a class with a provisioner, got ""`,
  ],
  [
    'a pre-made volume without a source made by a factory',
    baseProps({ storage: [Storage.preMade({ ...BASE_STORAGE, source: {} as any })] }),
    `'storage[0].source' must be made with PersistentVolumeSource.nfs(...), .csi(...) or .local(...), got {}`,
  ],
  [
    'a claim template named tmp',
    baseProps({ storage: [dynamic({ name: 'tmp' })] }),
    `'storage' or 'volumes' must not name a volume "tmp": the pod mounts its writable /tmp (for read-only root filesystems) under that name`,
  ],
  [
    'negative user',
    baseProps({ security: PodSecurity.restricted({ user: -1 }) }),
    `'security.user' must be an integer from 1 to 2147483647, got -1`,
  ],
  [
    'bad fsGroup',
    baseProps({ security: PodSecurity.restricted({ fsGroup: -5 }) }),
    `'security.fsGroup' must be an integer from 0 to 2147483647, got -5`,
  ],
  [
    'memory request above the limit',
    withContainer({ resources: { memory: { request: Size.gibibytes(1), limit: Size.mebibytes(512) } } }),
    `'container.resources.memory.request' (1Gi) must be less than or equal to 'container.resources.memory.limit' (512Mi)`,
  ],
  [
    'CPU request above the limit',
    withContainer({ resources: { cpu: { request: api.Cpu.units(2), limit: api.Cpu.millis(500) } } }),
    `'container.resources.cpu.request' (2) must be less than or equal to 'container.resources.cpu.limit' (500m)`,
  ],
  [
    'zero memory limit',
    withContainer({ resources: { memory: { limit: Size.mebibytes(0) } } }),
    `'container.resources.memory.limit' must be a whole number of bytes, at least 1, got 0 bytes (0Mi)`,
  ],
  [
    'relative probe path',
    withContainer({ readinessProbe: Probe.httpGet('health') }),
    `'container.readinessProbe' must have an absolute URL path such as "/healthz", got "health"`,
  ],
  [
    'zero probe period',
    withContainer({ livenessProbe: Probe.tcpSocket({ period: Duration.seconds(0) }) }),
    `'container.livenessProbe.period' must be a whole number of seconds from 1 to 2147483647, got 0 seconds (0 s)`,
  ],
  [
    'a probe of a port the container does not have',
    withContainer({ readinessProbe: Probe.tcpSocket({ port: ProbePort.named('admin') }) }),
    `'container.readinessProbe.port' must name a port of container "db" ("http"), got "admin"`,
  ],
  [
    'a liveness probe with a success threshold',
    withContainer({ livenessProbe: Probe.tcpSocket({ successThreshold: 2 }) }),
    `'container.livenessProbe.successThreshold' must be 1 for a liveness probe, got 2`,
  ],
  [
    'unknown pull policy',
    withContainer({ imagePullPolicy: 'Sometimes' as any }),
    `'container.imagePullPolicy' must be one of ImagePullPolicy.ALWAYS ("Always"), ImagePullPolicy.IF_NOT_PRESENT ("IfNotPresent"), ImagePullPolicy.NEVER ("Never"), got "Sometimes"`,
  ],
  [
    'zero tmp size',
    baseProps({ tmpSize: Size.mebibytes(0) }),
    `'tmpSize' must be a whole number of bytes, at least 1, got 0 bytes (0Mi)`,
  ],
  [
    'maxUnavailable 0',
    baseProps({ disruptionBudget: DisruptionBudget.maxUnavailable(0) }),
    `'disruptionBudget (maxUnavailable)' must be an integer from 1 to 2147483647, got 0`,
  ],
  [
    'maxUnavailable 0%',
    baseProps({ disruptionBudget: DisruptionBudget.maxUnavailablePercent(0) }),
    `'disruptionBudget (percent)' must be an integer from 1 to 100, got 0`,
  ],
  [
    'minAvailable of every replica',
    baseProps({ replicas: 3, disruptionBudget: DisruptionBudget.minAvailable(3) }),
    `'disruptionBudget' minAvailable 3 must be less than 'replicas' (3): otherwise no pod may ever be evicted and node drains block`,
  ],
  [
    'unknown policy rule',
    baseProps({ acknowledgements: [{ rule: 'no-such-rule' as any, reason: 'x' }] }),
    `'acknowledgements[0].rule' must be one of PolicyRule.CONTAINER_RESOURCES ("container-resources"), PolicyRule.CONTAINER_PROBES ("container-probes"), PolicyRule.IMAGE_TAG ("image-tag"), PolicyRule.PRIVILEGE ("privilege"), PolicyRule.RUN_AS_ROOT ("run-as-root"), PolicyRule.SECCOMP ("seccomp"), PolicyRule.READ_ONLY_ROOT_FILESYSTEM ("read-only-root-filesystem"), PolicyRule.HOST_NAMESPACES ("host-namespaces"), PolicyRule.SERVICE_ACCOUNT_TOKEN ("service-account-token"), PolicyRule.DISRUPTION_BUDGET ("disruption-budget"), PolicyRule.HOST_PATH ("host-path"), PolicyRule.NODE_PORT ("node-port"), PolicyRule.HOST_PORTS ("host-ports"), PolicyRule.PRIVILEGED_PORT ("privileged-port"), got "no-such-rule"`,
  ],
  [
    'empty reason',
    baseProps({ acknowledgements: [{ rule: PolicyRule.IMAGE_TAG, reason: ' ' }] }),
    `'acknowledgements[0].reason' must say why the finding is acceptable (a non-empty string), got " "`,
  ],
  [
    'acknowledging a finding the service does not have',
    baseProps({ acknowledgements: [{ rule: PolicyRule.HOST_PATH, reason: 'x' }] }),
    `'acknowledgements[0].rule' acknowledges PolicyRule.HOST_PATH, a finding this service does not have (it makes no hostPath PersistentVolumes)`,
  ],
  [
    'unknown retention',
    baseProps({ claimRetention: { whenScaled: 'Keep' as any } }),
    `'claimRetention.whenScaled' must be one of ClaimRetention.RETAIN ("Retain"), ClaimRetention.DELETE ("Delete"), got "Keep"`,
  ],
  [
    'unknown pod management policy',
    baseProps({ podManagementPolicy: 'Random' as any }),
    `'podManagementPolicy' must be one of PodManagementPolicy.ORDERED_READY ("OrderedReady"), PodManagementPolicy.PARALLEL ("Parallel"), got "Random"`,
  ],
  [
    'partition above replicas',
    baseProps({ replicas: 2, updateStrategy: UpdateStrategy.rollingUpdate({ partition: 3 }) }),
    `'updateStrategy.partition' (3) must be at most 'replicas' (2): a larger partition updates no pod`,
  ],
  [
    'negative partition',
    baseProps({ updateStrategy: UpdateStrategy.rollingUpdate({ partition: -1 }) }),
    `'updateStrategy.partition' must be an integer from 0 to 2147483647, got -1`,
  ],
  [
    'fractional minReady',
    baseProps({ minReady: Duration.millis(1500) }),
    `'minReady' must be a whole number of seconds from 0 to 2147483647, got 1 second 500 millis (1.5 s)`,
  ],
  [
    'a port with a bad name',
    ports({ name: 'Metrics_Port', number: 9000 }),
    `'container.ports[1].name' must be a port name (an IANA service name: at most 15 lowercase letters, digits and '-', with at least one letter, no "--"), got "Metrics_Port"`,
  ],
  [
    'two Service ports on the same number',
    baseProps({
      container: { ...BASE_CONTAINER, ports: [...BASE_CONTAINER.ports!, { name: 'alt', number: 9000 }] },
      externalAccess: ExternalAccess.nodePort({ ports: [{ name: 'http' }, { name: 'alt', port: 5432 }] }),
    }),
    `'externalAccess.ports' must not repeat a port number and protocol, "5432/TCP" is used more than once`,
  ],
  [
    'a port out of range',
    ports({ name: 'm', number: 70000 }),
    `'container.ports[1].number' must be an integer from 1 to 65535, got 70000`,
  ],
  [
    'an unknown protocol',
    ports({ name: 'm', number: 9000, protocol: 'QUIC' as any }),
    `'container.ports[1].protocol' must be one of Protocol.TCP ("TCP"), Protocol.UDP ("UDP"), Protocol.SCTP ("SCTP"), got "QUIC"`,
  ],
  [
    'a bad CIDR',
    baseProps({ externalAccess: ExternalAccess.loadBalancer({ sourceRanges: ['10.0.0.0/33'] }) }),
    `'externalAccess.sourceRanges[0]' must be a CIDR such as "203.0.113.0/24" or "2001:db8::/32", got "10.0.0.0/33"`,
  ],
  [
    'an unknown traffic policy',
    baseProps({ externalAccess: ExternalAccess.nodePort({ externalTrafficPolicy: 'Nearest' as any }) }),
    `'externalAccess.externalTrafficPolicy' must be one of ExternalTrafficPolicy.CLUSTER ("Cluster"), ExternalTrafficPolicy.LOCAL ("Local"), got "Nearest"`,
  ],
  [
    'a Service port of a port the container does not have',
    baseProps({ externalAccess: ExternalAccess.clusterIp({ ports: [{ name: 'http' }, { name: 'admin' }] }) }),
    `'externalAccess.ports[1].name' must name a port of the main container ("http"), got "admin"`,
  ],
  [
    'an extra Service without a name',
    baseProps({ externalAccess: ExternalAccess.none(), extraServices: [ExternalAccess.clusterIp()] }),
    `'extraServices[0].name' is required for an extra Service`,
  ],
  [
    'an extra Service that is none',
    baseProps({ extraServices: [ExternalAccess.none()] }),
    `'extraServices[0]' must be a Service, got ExternalAccess.none() (leave it out instead)`,
  ],
  [
    'a bad node selector',
    baseProps({ placement: { nodeSelector: { pool: 'a b' } } }),
    `'placement.nodeSelector.pool' ${LABEL_VALUE}, got "a b"`,
  ],
  [
    'a toleration with an unknown effect',
    baseProps({ placement: { tolerations: [Toleration.exists('k', { effect: 'NoWay' as any })] } }),
    `'placement.tolerations[0].effect' must be one of TaintEffect.NO_SCHEDULE ("NoSchedule"), TaintEffect.PREFER_NO_SCHEDULE ("PreferNoSchedule"), TaintEffect.NO_EXECUTE ("NoExecute"), got "NoWay"`,
  ],
  [
    'a toleration time without NoExecute',
    baseProps({
      placement: {
        tolerations: [
          Toleration.exists('k', { effect: api.TaintEffect.NO_SCHEDULE, tolerationSeconds: Duration.seconds(5) }),
        ],
      },
    }),
    `'placement.tolerations[0].tolerationSeconds' applies to effect TaintEffect.NO_EXECUTE only, got "NoSchedule"`,
  ],
  [
    'a bad service account name',
    baseProps({ serviceAccount: PodServiceAccount.create({ name: 'My SA' }) }),
    `'serviceAccount name' ${DNS_SUBDOMAIN}, got "My SA"`,
  ],
  [
    'a network policy admitting no one',
    baseProps({ networkAccess: NetworkAccess.peers({}) }),
    `'networkAccess' from peers must name namespaces or pod labels (NetworkAccess.everywhere() admits everyone)`,
  ],
  [
    'a bad namespace in the network policy',
    baseProps({ networkAccess: NetworkAccess.peers({ namespaces: ['Ingress'] }) }),
    `'networkAccess peers.namespaces[0]' ${DNS_LABEL} 63 characters), got "Ingress"`,
  ],
  [
    'a bad cluster domain',
    baseProps({ clusterDomain: 'cluster local' }),
    `'clusterDomain' ${DNS_SUBDOMAIN}, got "cluster local"`,
  ],
];

test.each(cases)('%s', (_title, props, message) => {
  expect(problemsOf(props)).toEqual([message]);
});

test('invalid props make no objects at all: nothing half-made stays in the chart', () => {
  const chart = new Chart(testApp(), 'test');
  const service = new StatefulService(chart, 'svc', baseProps({ replicas: -1 }));
  expect(service.node.children).toEqual([]);
  expect(chart.node.findAll().map((c) => c.node.path)).toEqual(['test', 'test/svc']);
});

test('every problem is listed at once, in the order of the props', () => {
  expect(problemsOf(withContainer({ image: '', ports: [{ name: 'http', number: 0 }] }, { replicas: -1 }))).toEqual([
    `'replicas' must be an integer from 0 to 2147483647, got -1`,
    `'container.image' ${IMAGE}, got ""`,
    `'container.ports[0].number' must be an integer from 1 to 65535, got 0`,
  ]);
});

test('an invalid chart namespace is reported, since claimRefs would carry it', () => {
  expect(problemsOf(baseProps(), { namespace: 'Prod' })).toEqual([
    `'namespace (of the chart)' ${DNS_LABEL} 63 characters), got "Prod"`,
  ]);
});

test('props that are not an object', () => {
  expect(problemsOf(undefined)).toContain('props must be an object, got undefined');
});

test('outside a chart', () => {
  const service = new StatefulService(testApp(), 'svc', baseProps());
  expect(service.node.validate()).toEqual([
    'a StatefulService must be defined inside a cdk8s Chart (scope is not in one)',
  ]);
});

describe('valid edge values are accepted', () => {
  test.each<[string, StatefulServiceProps]>([
    ['replicas 0', baseProps({ replicas: 0 })],
    ['ports 1 and 65535', ports({ name: 'low', number: 1 }, { name: 'high', number: 65535 })],
    ['a 52-character name', baseProps({ name: 'a'.repeat(52) })],
    [
      'a 63-character service name with the external name given',
      baseProps({ serviceName: 'a'.repeat(63), externalAccess: ExternalAccess.nodePort({ name: 'ext' }) }),
    ],
    ['a 56-character service name with the default external name', baseProps({ serviceName: 'a'.repeat(56) })],
    ['a size that is not a power of 1024', baseProps({ storage: [dynamic({ size: Size.mebibytes(1536) })] })],
    ['a size of half a kibibyte (512 bytes)', baseProps({ storage: [dynamic({ size: Size.kibibytes(0.5) })] })],
    [
      'an image with registry, port and digest',
      withContainer({ image: `registry.example.com:5000/team/app:v1.2@sha256:${'a'.repeat(64)}` }),
    ],
    [
      'env names with dots and dashes',
      withContainer({ env: { 'spring.profiles-active': EnvValue.literal('x'), _UNDER: EnvValue.literal('y') } }),
    ],
    [
      'node ports at the range ends',
      baseProps({
        container: { ...BASE_CONTAINER, ports: [...BASE_CONTAINER.ports!, { name: 'alt', number: 9000 }] },
        externalAccess: ExternalAccess.nodePort({
          ports: [
            { name: 'http', nodePort: 30000 },
            { name: 'alt', nodePort: 32767 },
          ],
        }),
      }),
    ],
    ['an empty storage class', baseProps({ storage: [dynamic({ storageClassName: '' })] })],
    ['a zero probe delay', withContainer({ startupProbe: Probe.tcpSocket({ initialDelay: Duration.seconds(0) }) })],
    ['minReady 0', baseProps({ minReady: Duration.seconds(0) })],
    [
      'partition equal to replicas',
      baseProps({ replicas: 2, updateStrategy: UpdateStrategy.rollingUpdate({ partition: 2 }) }),
    ],
    ['a claim retention of Delete', baseProps({ claimRetention: { whenDeleted: ClaimRetention.DELETE } })],
    [
      'a traffic policy on a LoadBalancer',
      baseProps({
        externalAccess: ExternalAccess.loadBalancer({ externalTrafficPolicy: ExternalTrafficPolicy.LOCAL }),
      }),
    ],
  ])('%s', (_title, props) => {
    expect(problemsOf(props)).toEqual([]);
  });

  test('a claim mounted at /tmp replaces the writable /tmp emptyDir (the container mounts something there itself)', () => {
    const chart = testChart();
    new StatefulService(chart, 'svc', baseProps({ storage: [dynamic({ mountPath: '/tmp' })] }));
    const sts = Testing.synth(chart).find((m: any) => m.kind === 'StatefulSet');
    expect(sts.spec.template.spec.volumes).toBeUndefined();
    expect(sts.spec.template.spec.containers[0].volumeMounts).toEqual([{ name: 'data', mountPath: '/tmp' }]);
  });
});

// The factories' TypeScript types leave these out where they do not apply; a JavaScript
// caller (or `as any`) must still get a clear refusal, as the API server would refuse them.
describe('options a factory does not take are refused', () => {
  test.each<[string, ExternalAccess, string]>([
    [
      'source ranges on a NodePort',
      ExternalAccess.nodePort({ sourceRanges: ['10.0.0.0/8'] } as any),
      `'externalAccess.sourceRanges'`,
    ],
    [
      'a load balancer class on a NodePort',
      ExternalAccess.nodePort({ loadBalancerClass: 'service.k8s.aws/nlb' } as any),
      `'externalAccess.loadBalancerClass'`,
    ],
    [
      'a traffic policy on ClusterIP',
      ExternalAccess.clusterIp({ externalTrafficPolicy: ExternalTrafficPolicy.LOCAL } as any),
      `'externalAccess.externalTrafficPolicy'`,
    ],
  ])('%s is refused', (_title, externalAccess, prop) => {
    const problems = problemsOf(baseProps({ externalAccess }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(prop);
  });
});

test('a bad name flows into the defaults made from it, each problem saying where its value came from', () => {
  expect(problemsOf(baseProps({ name: 'RG' }))).toEqual([
    `'name' ${DNS_LABEL} 52 characters, since pods get revision labels "<name>-<hash>"), got "RG"`,
    `'serviceName (the default, from name)' ${SERVICE_NAME}, got "RG"`,
    `'container.name' ${DNS_LABEL} 63 characters), got "RG" (the default, from 'appName'; set 'container.name')`,
  ]);
});

// One mistake, one message: a check made by one concern is not repeated by another.
describe('one mistake is reported once', () => {
  test.each<[string, StatefulServiceProps, string]>([
    [
      'two claim templates of one name',
      baseProps({ storage: [dynamic({ mountPath: '/a' }), dynamic({ mountPath: '/b' })] }),
      `'storage' must not repeat a name, "data" is used more than once`,
    ],
    [
      'two claim templates at one mount path',
      baseProps({ storage: [dynamic({ name: 'a', mountPath: '/d' }), dynamic({ name: 'b', mountPath: '/d' })] }),
      `'storage' must not repeat a mountPath, "/d" is used more than once`,
    ],
    [
      'fractional group',
      baseProps({ security: PodSecurity.restricted({ group: 1.5 }) }),
      `'security.group' must be an integer from 0 to 2147483647, got 1.5`,
    ],
    [
      'two ports named http',
      ports({ name: 'http', number: 9000 }),
      `'container.ports' must not repeat a name, "http" is used more than once`,
    ],
    [
      'two container ports on the same number',
      ports({ name: 'alt', number: 5432 }),
      `'container.ports' must not repeat a number and protocol, "5432/TCP" is used more than once`,
    ],
    [
      'root with the restricted profile',
      baseProps({ security: PodSecurity.restricted({ user: 0 }) }),
      `'security.user' must not be 0 (root) with PodSecurity.restricted(); for an image that needs root use PodSecurity.imageUser() and acknowledge PolicyRule.RUN_AS_ROOT`,
    ],
  ])('%s', (_title, props, message) => {
    expect(problemsOf(props)).toEqual([message]);
  });
});
