import { Chart, Testing } from 'cdk8s';
import { StatefulService, StatefulServiceError, StatefulServiceProps } from '../src';
import { baseProps } from './helpers';

function errorOf(props: StatefulServiceProps, namespace?: string): StatefulServiceError {
  const chart = new Chart(Testing.app(), 'test', { namespace });
  try {
    new StatefulService(chart, 'svc', props);
  } catch (e) {
    expect(e).toBeInstanceOf(StatefulServiceError);
    // nothing half-made stays in the chart
    expect(chart.node.findAll().filter((c) => c !== chart && c.node.id !== 'svc')).toEqual([]);
    return e as StatefulServiceError;
  }
  throw new Error('expected a StatefulServiceError');
}

const hostPath = (overrides: object = {}) => ({
  size: '1Gi',
  mountPath: '/data',
  hostPathVolumes: { path: (k: number) => `/mnt/${k}`, ...overrides },
});

// Each row: props that are wrong in one way, and the exact message naming prop and value.
const cases: Array<[string, Partial<StatefulServiceProps> | any, string]> = [
  ['negative replicas', { replicas: -1 }, `'replicas' must be an integer from 0 to 2147483647, got -1`],
  ['fractional replicas', { replicas: 1.5 }, `'replicas' must be an integer from 0 to 2147483647, got 1.5`],
  ['replicas as a string', { replicas: '2' }, `'replicas' must be an integer from 0 to 2147483647, got "2"`],
  [
    'upper-case name',
    { name: 'RG' },
    `'name' must be a DNS label (lowercase letters, digits and '-', starting and ending with a letter or digit, at most 52 characters, since pods get revision labels "<name>-<hash>"), got "RG"`,
  ],
  ['name with a dot', { name: 'rg.1' }, `'name' must be a DNS label`],
  ['name of 53 characters', { name: 'a'.repeat(53) }, `at most 52 characters`],
  ['empty name', { name: '' }, `'name' must be a DNS label`],
  [
    'service name starting with a digit',
    { serviceName: '1rg' },
    `'serviceName' must be a Service name: a DNS-1035 label (lowercase letters, digits and '-', starting with a letter, ending with a letter or digit, at most 63 characters), got "1rg"`,
  ],
  ['service name ending in -', { serviceName: 'rg-' }, `'serviceName' must be a Service name`],
  ['port 0', { port: 0 }, `'port' must be an integer from 1 to 65535, got 0`],
  ['port 65536', { port: 65536 }, `'port' must be an integer from 1 to 65535, got 65536`],
  [
    'empty image',
    { image: '' },
    `'image' must be a container image reference such as "k8spatterns/random-generator:1.0" (lowercase repository, optional registry, tag and digest, no spaces), got ""`,
  ],
  ['image with a space', { image: 'nginx latest' }, `'image' must be a container image reference`],
  ['image with upper case repository', { image: 'K8sPatterns/rg:1.0' }, `'image' must be a container image reference`],
  [
    'size that is not a quantity',
    { storage: { size: '10MB', mountPath: '/d' } },
    `'storage.size' must be a positive Kubernetes quantity of bytes such as "10Mi", "1Gi" or "500M", got "10MB"`,
  ],
  [
    'size zero',
    { storage: { size: '0', mountPath: '/d' } },
    `'storage.size' must be a positive Kubernetes quantity of bytes`,
  ],
  ['negative size', { storage: { size: '-1Gi', mountPath: '/d' } }, `got "-1Gi"`],
  [
    'size as a number',
    { storage: { size: 10, mountPath: '/d' } },
    `'storage.size' must be a positive Kubernetes quantity of bytes such as "10Mi", "1Gi" or "500M", got 10`,
  ],
  [
    'relative mount path',
    { storage: { size: '1Gi', mountPath: 'opt/logs' } },
    `'storage.mountPath' must be an absolute path other than "/" (no '.' or '..' parts, no ':' or white space), got "opt/logs"`,
  ],
  [
    'mount path with ..',
    { storage: { size: '1Gi', mountPath: '/opt/../etc' } },
    `'storage.mountPath' must be an absolute path`,
  ],
  [
    'mount at /',
    { storage: { size: '1Gi', mountPath: '/' } },
    `'storage.mountPath' must be an absolute path other than "/"`,
  ],
  [
    'missing storage',
    { storage: undefined },
    `'storage' must be an object with 'size' and 'mountPath' (or a non-empty list of them), got undefined`,
  ],
  [
    'bad claim template name',
    { storage: { name: 'Logs', size: '1Gi', mountPath: '/d' } },
    `'storage.name' must be a DNS label`,
  ],
  [
    'unknown access mode',
    { storage: { size: '1Gi', mountPath: '/d', accessModes: ['ReadWriteSometimes'] } },
    `'storage.accessModes' must be one of "ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod", got "ReadWriteSometimes"`,
  ],
  [
    'no access modes',
    { storage: { size: '1Gi', mountPath: '/d', accessModes: [] } },
    `'storage.accessModes' must name at least one access mode, got []`,
  ],
  [
    'ReadWriteOncePod with others',
    { storage: { size: '1Gi', mountPath: '/d', accessModes: ['ReadWriteOncePod', 'ReadWriteOnce'] } },
    `'storage.accessModes' cannot combine "ReadWriteOncePod" with other modes`,
  ],
  [
    'bad storage class',
    { storage: { size: '1Gi', mountPath: '/d', storageClassName: 'Fast SSD' } },
    `'storage.storageClassName' must be a DNS subdomain`,
  ],
  [
    'env name with a space',
    { env: { 'LOG FILE': 'x' } },
    `'env' has an invalid environment variable name "LOG FILE": names must consist of letters, digits, '_', '-' and '.', and must not start with a digit`,
  ],
  ['env name starting with a digit', { env: { '1X': 'x' } }, `invalid environment variable name "1X"`],
  ['env value not a string', { env: { X: 1 } }, `'env.X' must be a string, got 1`],
  ['bad label key', { labels: { 'bad key': 'x' } }, `'labels' has an invalid label key "bad key"`],
  [
    'bad label value',
    { labels: { team: 'a b' } },
    `'labels.team' must be a label value (empty, or at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit), got "a b"`,
  ],
  [
    'label overriding the selector',
    { labels: { 'app.kubernetes.io/instance': 'x' } },
    `'labels' must not set "app.kubernetes.io/instance": it is a selector label, made from 'appName' and 'name'; set those instead`,
  ],
  ['bad app name', { appName: 'a b' }, `'appName' must be a label value`],
  [
    'app name that cannot be the default container name',
    { appName: 'My_App' },
    `'containerName' must be a DNS label (lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters), got "My_App" (the default, from 'appName'; set 'containerName' explicitly)`,
  ],
  [
    'service name too long for the default external name',
    { serviceName: 'a'.repeat(61) },
    `'externalService.name' must be a Service name: a DNS-1035 label (lowercase letters, digits and '-', starting with a letter, ending with a letter or digit, at most 63 characters), got "${'a'.repeat(61)}-np" (the default, from 'serviceName'; set 'externalService.name' explicitly)`,
  ],
  ['bad container name', { containerName: 'My_Container' }, `'containerName' must be a DNS label`],
  [
    'external service named like the headless one',
    { externalService: { name: 'db' } },
    `'externalService.name' must differ from 'serviceName' (the headless Service), both are "db"`,
  ],
  ['bad external service name', { externalService: { name: '9np' } }, `'externalService.name' must be a Service name`],
  [
    'external service of type ExternalName',
    { externalService: { type: 'ExternalName' } },
    `'externalService.type' must be one of "NodePort", "LoadBalancer", "ClusterIP", got "ExternalName"`,
  ],
  [
    'node port out of range',
    { externalService: { nodePort: 8080 } },
    `'externalService.nodePort' must be an integer from 30000 to 32767, got 8080`,
  ],
  [
    'node port on ClusterIP',
    { externalService: { type: 'ClusterIP', nodePort: 30080 } },
    `'externalService.nodePort' needs type "NodePort" or "LoadBalancer", got type "ClusterIP"`,
  ],
  [
    'fewer volumes than replicas',
    { replicas: 3, storage: hostPath({ count: 2 }) },
    `'storage.hostPathVolumes.count' (2) must be at least 'replicas' (3): the claim of pod db-2 would have no volume to bind; make more volumes, or set 'storage.hostPathVolumes.provisionBeyondCount' to provision the rest dynamically`,
  ],
  [
    'zero volumes',
    { storage: hostPath({ count: 0 }) },
    `'storage.hostPathVolumes.count' must be an integer from 1 to 10000, got 0`,
  ],
  [
    'relative host path',
    { storage: hostPath({ path: (k: number) => `mnt/${k}` }) },
    `'storage.hostPathVolumes.path(0)' must be an absolute path other than "/" (no '.' or '..' parts, no ':' or white space), got "mnt/0"`,
  ],
  [
    'same host path for every ordinal',
    { replicas: 2, storage: hostPath({ path: () => '/mnt/shared' }) },
    `'storage.hostPathVolumes.path' must give each ordinal its own value, "/mnt/shared" is used more than once`,
  ],
  [
    'same volume name for every ordinal',
    { replicas: 2, storage: hostPath({ name: () => 'pv' }) },
    `'storage.hostPathVolumes.name' must give each ordinal its own value, "pv" is used more than once`,
  ],
  [
    'invalid volume name',
    { storage: hostPath({ name: (k: number) => `PV_${k}` }) },
    `'storage.hostPathVolumes.name(0)' must be a DNS subdomain (lowercase letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit, at most 253 characters), got "PV_0"`,
  ],
  [
    'path that is not a function',
    { storage: hostPath({ path: '/mnt' }) },
    `'storage.hostPathVolumes.path' must be a function from ordinal to directory, got "/mnt"`,
  ],
  [
    'unknown hostPath type',
    { storage: hostPath({ type: 'Folder' }) },
    `'storage.hostPathVolumes.type' must be one of "", "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket", "CharDevice", "BlockDevice", got "Folder"`,
  ],
  [
    'negative user',
    { securityContext: { user: -1 } },
    `'securityContext.user' must be an integer from 0 to 2147483647, got -1`,
  ],
  [
    'root without allowRoot',
    { securityContext: { user: 0 } },
    `'securityContext.user' is 0 (root), which the Pod Security Standards "restricted" profile forbids; use a non-root UID, or set 'securityContext.allowRoot: true' and give the reason in 'acknowledge["run-as-root"]'`,
  ],
  [
    'fractional group',
    { securityContext: { group: 1.5 } },
    `'securityContext.group' must be an integer from 0 to 2147483647, got 1.5`,
  ],
  [
    'bad fsGroup',
    { securityContext: { fsGroup: -5 } },
    `'securityContext.fsGroup' must be an integer from 0 to 2147483647, got -5`,
  ],
  [
    'CPU that is not a quantity',
    { resources: { cpu: { request: '1 core' } } },
    `'resources.cpu.request' must be a positive Kubernetes quantity such as "250m", got "1 core"`,
  ],
  [
    'memory request above the limit',
    { resources: { memory: { request: '1Gi', limit: '512Mi' } } },
    `'resources.memory.request' ("1Gi") must be less than or equal to 'resources.memory.limit' ("512Mi")`,
  ],
  [
    'zero memory limit',
    { resources: { memory: { limit: '0' } } },
    `'resources.memory.limit' must be a positive Kubernetes quantity such as "256Mi", got "0"`,
  ],
  [
    'relative probe path',
    { probes: { readiness: { httpPath: 'health' } } },
    `'probes.readiness.httpPath' must be an absolute URL path such as "/actuator/health", got "health"`,
  ],
  [
    'zero probe period',
    { probes: { liveness: { periodSeconds: 0 } } },
    `'probes.liveness.periodSeconds' must be an integer from 1 to 3600, got 0`,
  ],
  [
    'negative initial delay',
    { probes: { startup: { initialDelaySeconds: -1 } } },
    `'probes.startup.initialDelaySeconds' must be an integer from 0 to 3600, got -1`,
  ],
  [
    'unknown pull policy',
    { imagePullPolicy: 'Sometimes' },
    `'imagePullPolicy' must be one of "Always", "IfNotPresent", "Never", got "Sometimes"`,
  ],
  [
    'bad tmp size',
    { tmpSizeLimit: 'lots' },
    `'tmpSizeLimit' must be a positive Kubernetes quantity of bytes such as "10Mi", "1Gi" or "500M", got "lots"`,
  ],
  [
    'maxUnavailable 0',
    { disruptionBudget: { maxUnavailable: 0 } },
    `'disruptionBudget.maxUnavailable' must be an integer >= 1 or a percentage from "1%" to "100%" (0 would block every node drain), got 0`,
  ],
  [
    'maxUnavailable 0%',
    { disruptionBudget: { maxUnavailable: '0%' } },
    `'disruptionBudget.maxUnavailable' must be an integer >= 1 or a percentage`,
  ],
  [
    'unknown policy rule',
    { acknowledge: { 'no-such-rule': 'x' } },
    `'acknowledge' names an unknown policy rule "no-such-rule"; the rules are "container-resources", "container-probes", "image-tag", "privilege", "run-as-root", "seccomp", "read-only-root-filesystem", "host-namespaces", "service-account-token", "disruption-budget", "host-path", "node-port"`,
  ],
  [
    'empty reason',
    { acknowledge: { 'image-tag': ' ' } },
    `'acknowledge.image-tag' must give the reason as a non-empty string, got " "`,
  ],
  [
    'acknowledging a finding the service does not have',
    { acknowledge: { 'host-path': 'x' } },
    `'acknowledge.host-path' acknowledges a finding this service does not have (no hostPath volumes)`,
  ],
  [
    'unknown retention',
    { claimRetention: { whenScaled: 'Keep' } },
    `'claimRetention.whenScaled' must be one of "Retain", "Delete", got "Keep"`,
  ],
  [
    'unknown pod management policy',
    { podManagementPolicy: 'Random' },
    `'podManagementPolicy' must be one of "OrderedReady", "Parallel", got "Random"`,
  ],
  [
    'unknown update strategy',
    { updateStrategy: { type: 'Recreate' } },
    `'updateStrategy.type' must be one of "RollingUpdate", "OnDelete", got "Recreate"`,
  ],
  [
    'partition above replicas',
    { replicas: 2, updateStrategy: { partition: 3 } },
    `'updateStrategy.partition' (3) must be at most 'replicas' (2): a larger partition updates no pod`,
  ],
  [
    'negative partition',
    { updateStrategy: { partition: -1 } },
    `'updateStrategy.partition' must be an integer from 0 to 2147483647, got -1`,
  ],
  [
    'partition with OnDelete',
    { updateStrategy: { type: 'OnDelete', partition: 1 } },
    `'updateStrategy.partition' applies to type "RollingUpdate" only, got type "OnDelete"`,
  ],
  [
    'negative minReadySeconds',
    { minReadySeconds: -5 },
    `'minReadySeconds' must be an integer from 0 to 2147483647, got -5`,
  ],
  [
    'dynamic beyond count without a class',
    { replicas: 3, storage: hostPath({ count: 2, provisionBeyondCount: true }) },
    `'storage.hostPathVolumes.provisionBeyondCount' needs 'storage.storageClassName' to name a class with a provisioner, got ""`,
  ],
  [
    'an empty storage list',
    { storage: [] },
    `'storage' must be an object with 'size' and 'mountPath' (or a non-empty list of them), got []`,
  ],
  [
    'two claim templates of one name',
    {
      storage: [
        { size: '1Gi', mountPath: '/a' },
        { size: '1Gi', mountPath: '/b' },
      ],
    },
    `'storage' entries must have different 'name' values, "data" is used more than once`,
  ],
  [
    'two claim templates at one mount path',
    {
      storage: [
        { name: 'a', size: '1Gi', mountPath: '/d' },
        { name: 'b', size: '1Gi', mountPath: '/d' },
      ],
    },
    `'storage' entries must have different 'mountPath' values, "/d" is used more than once`,
  ],
  [
    'an invalid second claim template',
    {
      storage: [
        { size: '1Gi', mountPath: '/a' },
        { name: 'logs', size: 'big', mountPath: '/b' },
      ],
    },
    `'storage[1].size' must be a positive Kubernetes quantity of bytes`,
  ],
  [
    'a claim template named tmp',
    { storage: { name: 'tmp', size: '1Gi', mountPath: '/d' } },
    `'storage.name' must not be "tmp": the pod's writable /tmp volume has that name`,
  ],
  [
    'a volume mounted at /tmp',
    { storage: { size: '1Gi', mountPath: '/tmp' } },
    `'storage.mountPath' must not be "/tmp" while the root filesystem is read-only: the pod mounts its writable /tmp there`,
  ],
  [
    'an unknown volume mode',
    { storage: { size: '1Gi', mountPath: '/d', volumeMode: 'Raw' } },
    `'storage.volumeMode' must be one of "Filesystem", "Block", got "Raw"`,
  ],
  [
    'hostPath and other pre-made volumes together',
    { storage: { ...hostPath(), preMadeVolumes: { source: () => ({ nfs: { server: 's', path: '/' } }) } } },
    `'storage.hostPathVolumes' and 'storage.preMadeVolumes' are exclusive: give one kind of pre-made volumes`,
  ],
  [
    'a pre-made source with two sources',
    {
      storage: {
        size: '1Gi',
        mountPath: '/d',
        preMadeVolumes: {
          source: () => ({ nfs: { server: 's', path: '/' }, csi: { driver: 'd', volumeHandle: 'h' } }),
        },
      },
    },
    `'storage.preMadeVolumes.source(0)' must give exactly one volume source (such as { nfs: {...} } or { csi: {...} }), got nfs, csi`,
  ],
  [
    'a pre-made source with none',
    { storage: { size: '1Gi', mountPath: '/d', preMadeVolumes: { source: () => ({}) } } },
    `'storage.preMadeVolumes.source(0)' must give exactly one volume source (such as { nfs: {...} } or { csi: {...} }), got {}`,
  ],
  [
    'an extra port with a bad name',
    { extraPorts: [{ name: 'Metrics_Port', port: 9000 }] },
    `'extraPorts[0].name' must be a port name (an IANA service name: at most 15 lowercase letters, digits and '-', with a letter, no "--"), got "Metrics_Port"`,
  ],
  [
    'an extra port named http',
    { extraPorts: [{ name: 'http', port: 9000 }] },
    `'extraPorts' must not repeat a name (including 'port', named "http"), "http" is used more than once`,
  ],
  [
    'an extra container port on the same number',
    { extraPorts: [{ name: 'alt', port: 80, containerPort: 5432 }] },
    `'extraPorts' must not repeat a containerPort and protocol (including 'port', named "http"), "5432/TCP" is used more than once`,
  ],
  [
    'an extra service port on the same number',
    { extraPorts: [{ name: 'alt', port: 5432, containerPort: 9000 }] },
    `'extraPorts' must not repeat a port and protocol (including 'port', named "http"), "5432/TCP" is used more than once`,
  ],
  [
    'an extra port out of range',
    { extraPorts: [{ name: 'm', port: 70000 }] },
    `'extraPorts[0].port' must be an integer from 1 to 65535, got 70000`,
  ],
  [
    'an unknown protocol',
    { extraPorts: [{ name: 'm', port: 9000, protocol: 'QUIC' }] },
    `'extraPorts[0].protocol' must be one of "TCP", "UDP", "SCTP", got "QUIC"`,
  ],
  [
    'source ranges on a NodePort',
    { externalService: { loadBalancerSourceRanges: ['10.0.0.0/8'] } },
    `'externalService.loadBalancerSourceRanges' needs type "LoadBalancer", got type "NodePort"`,
  ],
  [
    'a bad CIDR',
    { externalService: { type: 'LoadBalancer', loadBalancerSourceRanges: ['10.0.0.0/33'] } },
    `'externalService.loadBalancerSourceRanges' must list CIDRs such as "203.0.113.0/24", got "10.0.0.0/33"`,
  ],
  [
    'a traffic policy on ClusterIP',
    { externalService: { type: 'ClusterIP', externalTrafficPolicy: 'Local' } },
    `'externalService.externalTrafficPolicy' needs type "NodePort" or "LoadBalancer", got type "ClusterIP"`,
  ],
  [
    'an unknown spread',
    { placement: { spread: 'strict' } },
    `'placement.spread' must be one of "soft", "hard", "none", got "strict"`,
  ],
  [
    'a bad node selector',
    { placement: { nodeSelector: { pool: 'a b' } } },
    `'placement.nodeSelector.pool' must be a label value`,
  ],
  [
    'a toleration with value and Exists',
    { placement: { tolerations: [{ key: 'k', operator: 'Exists', value: 'v' }] } },
    `'placement.tolerations[0].value' must be empty with operator "Exists", got "v"`,
  ],
  [
    'a toleration with an unknown effect',
    { placement: { tolerations: [{ key: 'k', effect: 'NoWay' }] } },
    `'placement.tolerations[0].effect' must be one of "NoSchedule", "PreferNoSchedule", "NoExecute", got "NoWay"`,
  ],
  [
    'a bad service account name',
    { serviceAccount: { name: 'My SA' } },
    `'serviceAccount.name' must be a DNS subdomain`,
  ],
  [
    'a network policy admitting no one',
    { networkPolicy: { allowFrom: {} } },
    `'networkPolicy.allowFrom' must name namespaces or pod labels (or be "everywhere"); an empty list would admit no client`,
  ],
  [
    'a bad namespace in the network policy',
    { networkPolicy: { allowFrom: { namespaces: ['Ingress'] } } },
    `'networkPolicy.allowFrom.namespaces[0]' must be a DNS label`,
  ],
  ['a bad cluster domain', { clusterDomain: 'cluster local' }, `'clusterDomain' must be a DNS subdomain`],
];

test.each(cases)('%s', (_title, overrides, message) => {
  const error = errorOf(baseProps(overrides));
  expect(error.problems).toHaveLength(1);
  expect(error.problems[0]).toContain(message);
  expect(error.message).toContain(message);
});

test('the message names the construct and lists every problem at once', () => {
  const error = errorOf(baseProps({ replicas: -1, port: 0, image: '' }));
  expect(error.message).toBe(
    [
      "Invalid props for StatefulService at 'test/svc':",
      `  - 'image' must be a container image reference such as "k8spatterns/random-generator:1.0" (lowercase repository, optional registry, tag and digest, no spaces), got ""`,
      "  - 'replicas' must be an integer from 0 to 2147483647, got -1",
      "  - 'port' must be an integer from 1 to 65535, got 0",
    ].join('\n'),
  );
});

test('an invalid chart namespace is reported, since claimRefs would carry it', () => {
  expect(errorOf(baseProps(), 'Prod').problems).toEqual([
    `'namespace (of the chart)' must be a DNS label (lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters), got "Prod"`,
  ]);
});

test('props that are not an object', () => {
  expect(errorOf(undefined as any).problems).toEqual(['props must be an object, got undefined']);
});

describe('valid edge values are accepted', () => {
  test.each<[string, Partial<StatefulServiceProps>]>([
    ['replicas 0', { replicas: 0 }],
    ['port 1 and 65535', { port: 65535 }],
    ['a 52-character name', { name: 'a'.repeat(52) }],
    ['a 63-character service name', { serviceName: 'a'.repeat(63), externalService: { name: 'ext' } }],
    ['a 60-character service name with the default external name', { serviceName: 'a'.repeat(60) }],
    ['decimal and exponent sizes', { storage: { size: '1.5e9', mountPath: '/d' } }],
    ['a size in k', { storage: { size: '500k', mountPath: '/d' } }],
    [
      'an image with registry, port and digest',
      { image: `registry.example.com:5000/team/app:v1.2@sha256:${'a'.repeat(64)}` },
    ],
    ['env names with dots and dashes', { env: { 'spring.profiles-active': 'x', _UNDER: 'y' } }],
    ['node port at the range ends', { externalService: { nodePort: 32767 } }],
    ['an empty storage class', { storage: { size: '1Gi', mountPath: '/d', storageClassName: '' } }],
  ])('%s', (_title, overrides) => {
    const chart = Testing.chart();
    expect(() => new StatefulService(chart, 'svc', baseProps(overrides))).not.toThrow();
  });
});

test('outside a chart', () => {
  expect(() => new StatefulService(Testing.app(), 'svc', baseProps())).toThrow(
    "Invalid props for StatefulService at 'svc':\n  - a StatefulService must be defined inside a cdk8s Chart (scope is not in one)",
  );
});
