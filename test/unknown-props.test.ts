// Unknown keys are refused: JavaScript (and objects TypeScript's excess property check
// does not see) would otherwise have a misspelt prop silently ignored. Every props struct
// is checked, nested ones and factory options too; each message names the key, where it
// is, and the nearest known prop (or the known ones), and all come at once.
import { Duration, Size } from 'cdk8s';
import {
  ClaimRetention,
  DisruptionBudget,
  EnvFrom,
  EnvValue,
  ExternalAccess,
  LifecycleHandler,
  NetworkAccess,
  PersistentVolumeSource,
  PodAntiAffinity,
  PodSecurity,
  PodServiceAccount,
  PodVolume,
  PolicyRule,
  Probe,
  ProbePort,
  ProjectedSource,
  Spread,
  Storage,
  Toleration,
  UpdateStrategy,
} from '../src';
import { BASE_CONTAINER, BASE_STORAGE, baseProps, problemsOf, withContainer } from './helpers';

// Props as JavaScript passes them: anything goes past the compiler.
const js = (o: object): any => o;

test.each<[string, unknown, string]>([
  [
    'a misspelt top-level prop',
    js({ ...baseProps(), replica: 3 }),
    `'replica' is not a known prop (did you mean 'replicas'?), got 3`,
  ],
  [
    'a prop of another case',
    js({ ...baseProps(), ServiceName: 'x' }),
    `'ServiceName' is not a known prop (did you mean 'serviceName'?), got "x"`,
  ],
  [
    'a prop nothing is near',
    js({ ...baseProps(), hostIPC: true }),
    `'hostIPC' is not a known prop (no known prop is near it), got true`,
  ],
  [
    'Storage.dynamic',
    baseProps({ storage: [Storage.dynamic(js({ size: Size.gibibytes(1), mountpath: '/data' }))] }),
    `'storage[0].mountpath' is not a known prop (did you mean 'mountPath'?), got "/data"`,
  ],
  [
    'Storage.hostPath',
    baseProps({ storage: [Storage.hostPath(js({ ...BASE_STORAGE, path: '/mnt/{ordinal}', hostpathType: 'x' }))] }),
    `'storage[0].hostpathType' is not a known prop (did you mean 'hostPathType'?), got "x"`,
  ],
  [
    'a PersistentVolumeSource',
    baseProps({
      storage: [
        Storage.preMade({
          ...BASE_STORAGE,
          source: PersistentVolumeSource.nfs(js({ server: 's', path: '/{ordinal}', readonly: true })),
        }),
      ],
    }),
    `'storage[0].source.readonly' is not a known prop (did you mean 'readOnly'?), got true`,
  ],
  [
    'the container',
    withContainer(js({ imagePullpolicy: 'Always' })),
    `'container.imagePullpolicy' is not a known prop (did you mean 'imagePullPolicy'?), got "Always"`,
  ],
  [
    'a container port (containerPort would disappear)',
    withContainer({ ports: [js({ name: 'http', number: 8080, containerPort: 80 })] }),
    `'container.ports[0].containerPort' is not a known prop (known: name, number, protocol, hostPort), got 80`,
  ],
  [
    'a volume mount',
    withContainer({ volumeMounts: [js({ volume: 'data', mountPath: '/x', readonly: true })] }),
    `'container.volumeMounts[0].readonly' is not a known prop (did you mean 'readOnly'?), got true`,
  ],
  [
    'resources',
    withContainer({ resources: js({ cpus: {} }) }),
    `'container.resources.cpus' is not a known prop (did you mean 'cpu'?), got {}`,
  ],
  [
    'a resource',
    withContainer({ resources: { memory: js({ request: Size.mebibytes(64), limits: Size.mebibytes(128) }) } }),
    `'container.resources.memory.limits' is not a known prop (did you mean 'limit'?), got a Size`,
  ],
  [
    'a container security context',
    withContainer({ securityContext: js({ runAsUser: 5 }) }),
    `'container.securityContext.runAsUser' is not a known prop (known: readOnlyRootFilesystem, capabilitiesDrop, capabilitiesAdd, user, group), got 5`,
  ],
  [
    'lifecycle hooks',
    withContainer({ lifecycle: js({ preStart: LifecycleHandler.exec(['x']) }) }),
    `'container.lifecycle.preStart' is not a known prop (did you mean 'postStart'?), got a LifecycleHandler`,
  ],
  [
    'a hook',
    withContainer({
      lifecycle: { preStop: LifecycleHandler.httpGet('/stop', js({ port: ProbePort.named('http'), path: '/x' })) },
    }),
    `'container.lifecycle.preStop.path' is not a known prop (known: port, scheme), got "/x"`,
  ],
  [
    'probe options',
    withContainer({ readinessProbe: Probe.tcpSocket(js({ periods: Duration.seconds(5) })) }),
    `'container.readinessProbe.periods' is not a known prop (did you mean 'period'?), got a Duration`,
  ],
  [
    'an option of another probe',
    withContainer({ readinessProbe: Probe.exec(['true'], js({ scheme: 'HTTPS' })) }),
    `'container.readinessProbe.scheme' is not a known prop (known: initialDelay, period, timeout, failureThreshold, successThreshold), got "HTTPS"`,
  ],
  [
    'env options',
    withContainer({ env: { A: EnvValue.secret('s', 'k', js({ optinal: true })) } }),
    `'container.env.A.optinal' is not a known prop (did you mean 'optional'?), got true`,
  ],
  [
    'envFrom options',
    withContainer({ envFrom: [EnvFrom.configMap('c', js({ prefx: 'A_' }))] }),
    `'container.envFrom[0].prefx' is not a known prop (did you mean 'prefix'?), got "A_"`,
  ],
  [
    'a pod volume',
    baseProps({ volumes: [PodVolume.emptyDir('scratch', js({ sizelimit: Size.mebibytes(1) }))] }),
    `'volumes[0].sizelimit' is not a known prop (did you mean 'sizeLimit'?), got a Size`,
  ],
  [
    'a projected source',
    baseProps({
      volumes: [PodVolume.projected('p', [ProjectedSource.serviceAccountToken(js({ path: 't', audiences: ['x'] }))])],
    }),
    `'volumes[0] sources[0].audiences' is not a known prop (did you mean 'audience'?), got ["x"]`,
  ],
  [
    'pod security',
    baseProps({ security: PodSecurity.restricted(js({ uid: 1000 })) }),
    `'security.uid' is not a known prop (known: fsGroup, fsGroupChangePolicy, user, group, supplementalGroups), got 1000`,
  ],
  [
    'a new ServiceAccount',
    baseProps({ serviceAccount: PodServiceAccount.create(js({ names: 'x' })) }),
    `'serviceAccount.names' is not a known prop (did you mean 'name'?), got "x"`,
  ],
  [
    'a ConfigMap',
    baseProps({ configMaps: [js({ name: 'c', date: {} })] }),
    `'configMaps[0].date' is not a known prop (did you mean 'data'?), got {}`,
  ],
  [
    'dnsConfig',
    baseProps({ dnsConfig: js({ nameserver: ['1.1.1.1'] }) }),
    `'dnsConfig.nameserver' is not a known prop (did you mean 'nameservers'?), got ["1.1.1.1"]`,
  ],
  [
    'the headless Service',
    baseProps({ headlessService: js({ publishNotReady: true }) }),
    `'headlessService.publishNotReady' is not a known prop (known: ports, publishNotReadyAddresses, annotations, labels), got true`,
  ],
  [
    'a client Service',
    baseProps({ externalAccess: ExternalAccess.clusterIp(js({ nodePort: 30080 })) }),
    `'externalAccess.nodePort' is not a known prop (known: name, ports, annotations, labels, publishNotReadyAddresses, externalTrafficPolicy, sourceRanges, loadBalancerClass, sessionAffinity, sessionAffinityTimeout), got 30080`,
  ],
  [
    'a Service port',
    baseProps({ externalAccess: ExternalAccess.nodePort({ ports: [js({ name: 'http', nodeport: 30080 })] }) }),
    `'externalAccess.ports[0].nodeport' is not a known prop (did you mean 'nodePort'?), got 30080`,
  ],
  [
    'network peers',
    baseProps({ networkAccess: NetworkAccess.peers(js({ namespace: ['a'], podLabels: { app: 'a' } })) }),
    `'networkAccess peers.namespace' is not a known prop (did you mean 'namespaces'?), got ["a"]`,
  ],
  [
    'placement',
    baseProps({ placement: js({ affinity: [] }) }),
    `'placement.affinity' is not a known prop (known: spread, podAntiAffinity, nodeAffinity, nodeSelector, tolerations), got []`,
  ],
  [
    'a spread constraint',
    baseProps({ placement: { spread: Spread.custom([js({ topologyKey: 'k', skew: 2 })]) } }),
    `'placement.spread constraint 0.skew' is not a known prop (known: topologyKey, maxSkew, whenUnsatisfiable, minDomains, matchLabelKeys), got 2`,
  ],
  [
    'a weight on a required anti-affinity',
    baseProps({ placement: { podAntiAffinity: [PodAntiAffinity.required(js({ weight: 50 }))] } }),
    `'placement.podAntiAffinity[0].weight' applies to PodAntiAffinity.preferred() only, got 50`,
  ],
  [
    'a toleration',
    baseProps({ placement: { tolerations: [Toleration.exists('k', js({ effects: 'NoSchedule' }))] } }),
    `'placement.tolerations[0].effects' is not a known prop (did you mean 'effect'?), got "NoSchedule"`,
  ],
  [
    'a rolling update',
    baseProps({ updateStrategy: UpdateStrategy.rollingUpdate(js({ partitions: 1 })) }),
    `'updateStrategy.partitions' is not a known prop (did you mean 'partition'?), got 1`,
  ],
  [
    'claim retention',
    baseProps({ claimRetention: js({ whenDelete: ClaimRetention.DELETE }) }),
    `'claimRetention.whenDelete' is not a known prop (did you mean 'whenDeleted'?), got "Delete"`,
  ],
  [
    'a disruption budget',
    baseProps({ disruptionBudget: DisruptionBudget.maxUnavailable(1, js({ nam: 'b' })) }),
    `'disruptionBudget options.nam' is not a known prop (did you mean 'name'?), got "b"`,
  ],
  [
    'an acknowledgement',
    baseProps({
      externalAccess: ExternalAccess.nodePort(),
      acknowledgements: [js({ rule: PolicyRule.NODE_PORT, reason: 'r', reasons: 'x' })],
    }),
    `'acknowledgements[0].reasons' is not a known prop (did you mean 'reason'?), got "x"`,
  ],
])('%s', (_title, props, message) => {
  expect(problemsOf(props)).toEqual([message]);
});

test('every unknown key is reported, with the other problems, at once', () => {
  const props = js({
    ...baseProps({ replicas: -1 }),
    replica: 3,
    container: { ...BASE_CONTAINER, ports: [{ name: 'http', number: 8080, containerPort: 80 }] },
    storage: [Storage.dynamic(js({ size: '1Gi', mountpath: '/data' }))],
  });
  expect(problemsOf(props)).toEqual([
    `'replica' is not a known prop (did you mean 'replicas'?), got 3`,
    `'replicas' must be an integer from 0 to 2147483647, got -1`,
    `'storage[0].mountpath' is not a known prop (did you mean 'mountPath'?), got "/data"`,
    `'storage[0].size' must be a Size such as Size.mebibytes(10) or Size.gibibytes(1), got "1Gi"`,
    `'container.ports[0].containerPort' is not a known prop (known: name, number, protocol, hostPort), got 80`,
  ]);
});

test('a key whose value is undefined is refused too: it is still a misspelling', () => {
  expect(problemsOf(js({ ...baseProps(), replica: undefined }))).toEqual([
    `'replica' is not a known prop (did you mean 'replicas'?), got undefined`,
  ]);
});

test("a prop of the other factory's props is refused: PodSecurity.imageUser() takes no user", () => {
  const props = baseProps({ security: PodSecurity.imageUser(js({ user: 1000 })) });
  expect(problemsOf(props)).toContain(
    `'security.user' is not a known prop (known: fsGroup, fsGroupChangePolicy), got 1000`,
  );
});
