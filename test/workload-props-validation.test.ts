import { RestartPolicy } from '../src';
import {
  ContainerProps,
  EnvValue,
  LifecycleHandler,
  PodAntiAffinity,
  PodVolume,
  Probe,
  StatefulServiceProps,
} from '../src';
import { BASE_CONTAINER, baseProps, problemsOf, withContainer } from './helpers';

// The bad workload props of issue 12 (init containers, sidecars, volumes, env, probes,
// hooks, anti-affinity, ConfigMaps), each refused by the construct with one message that
// names the prop and the value, and each next to the nearest props it accepts, so that a
// check that refused everything would fail too. The validator's side of the same mistakes,
// on manifests, is in test/fixtures/api-rules/cases/.

const helper = (props: Partial<ContainerProps> = {}): ContainerProps => ({
  name: 'helper',
  image: 'busybox:1.36',
  ...props,
});
const withCache = (mount: { subPath?: string; volume?: string }) =>
  baseProps({
    volumes: [PodVolume.emptyDir('cache')],
    container: { ...BASE_CONTAINER, volumeMounts: [{ volume: 'cache', mountPath: '/cache', ...mount }] },
  });
const KEY_RULE = `must be a ConfigMap or Secret key (letters, digits, '-', '_' and '.', not "." or "..", at most 253 characters)`;
const SUB_PATH_RULE = `must be a relative path inside the volume (not starting with '/', no '..' parts, no ':' or white space)`;

const cases: Array<[string, StatefulServiceProps, StatefulServiceProps, string]> = [
  [
    'two containers with one name',
    baseProps({ initContainers: [helper({ name: 'setup' })], sidecars: [helper({ name: 'setup' })] }),
    baseProps({ initContainers: [helper({ name: 'setup' })], sidecars: [helper({ name: 'agent' })] }),
    `'container, sidecars and initContainers' must not repeat a container name, "setup" is used more than once`,
  ],
  [
    'a sidecar named as the main container',
    baseProps({ sidecars: [helper({ name: 'db' })] }),
    baseProps({ sidecars: [helper({ name: 'db-agent' })] }),
    `'container, sidecars and initContainers' must not repeat a container name, "db" is used more than once`,
  ],
  [
    'a mount of an undeclared volume',
    withCache({ volume: 'kache' }),
    withCache({}),
    `'container.volumeMounts[0].volume' must name a claim template of 'storage' or a volume of 'volumes' ("data", "cache", "tmp"), got "kache"`,
  ],
  [
    'two volumes with one name',
    baseProps({ volumes: [PodVolume.emptyDir('cache'), PodVolume.configMap('cache', 'settings')] }),
    baseProps({ volumes: [PodVolume.emptyDir('cache'), PodVolume.configMap('settings', 'settings')] }),
    `'volumes' must not repeat a name, "cache" is used more than once`,
  ],
  [
    'an absolute subPath',
    withCache({ subPath: '/logs' }),
    withCache({ subPath: 'logs' }),
    `'container.volumeMounts[0].subPath' ${SUB_PATH_RULE}, got "/logs"`,
  ],
  [
    'a subPath with ..',
    withCache({ subPath: 'logs/../etc' }),
    withCache({ subPath: 'logs/..etc' }),
    `'container.volumeMounts[0].subPath' ${SUB_PATH_RULE}, got "logs/../etc"`,
  ],
  [
    'an env var from a Secret without a key',
    withContainer({ env: { PASSWORD: EnvValue.secret('db-secret', '') } }),
    withContainer({ env: { PASSWORD: EnvValue.secret('db-secret', 'password') } }),
    `'container.env.PASSWORD (key)' ${KEY_RULE}, got ""`,
  ],
  [
    'an exec probe with an empty command',
    withContainer({ livenessProbe: Probe.exec([]) }),
    withContainer({ livenessProbe: Probe.exec(['pg_isready']) }),
    `'container.livenessProbe command' must be a non-empty list of strings, got []`,
  ],
  [
    'an exec hook with an empty command',
    withContainer({ lifecycle: { preStop: LifecycleHandler.exec([]) } }),
    withContainer({ lifecycle: { preStop: LifecycleHandler.exec(['pg_ctl', 'stop']) } }),
    `'container.lifecycle.preStop command' must be a non-empty list of strings, got []`,
  ],
  [
    'an HTTP probe with a relative path',
    withContainer({ livenessProbe: Probe.httpGet('healthz') }),
    withContainer({ livenessProbe: Probe.httpGet('/healthz') }),
    `'container.livenessProbe' must have an absolute URL path such as "/healthz", got "healthz"`,
  ],
  [
    'an HTTP hook with a relative path',
    withContainer({ lifecycle: { postStart: LifecycleHandler.httpGet('warm-up') } }),
    withContainer({ lifecycle: { postStart: LifecycleHandler.httpGet('/warm-up') } }),
    `'container.lifecycle.postStart' must have an absolute URL path such as "/healthz", got "warm-up"`,
  ],
  [
    'a port name longer than 15 characters',
    withContainer({
      ports: [
        { name: 'http', number: 5432 },
        { name: 'replication-port', number: 5433 },
      ],
    }),
    withContainer({
      ports: [
        { name: 'http', number: 5432 },
        { name: 'replication', number: 5433 },
      ],
    }),
    `'container.ports[1].name' must be a port name (an IANA service name: at most 15 lowercase letters, digits and '-', with at least one letter, no "--"), got "replication-port"`,
  ],
  [
    'two ports with one name',
    withContainer({
      ports: [
        { name: 'http', number: 5432 },
        { name: 'http', number: 5433 },
      ],
    }),
    withContainer({
      ports: [
        { name: 'http', number: 5432 },
        { name: 'admin', number: 5433 },
      ],
    }),
    `'container.ports' must not repeat a name, "http" is used more than once`,
  ],
  [
    'anti-affinity with an empty topology key',
    baseProps({ placement: { podAntiAffinity: [PodAntiAffinity.required({ topologyKey: '' })] } }),
    baseProps({
      placement: { podAntiAffinity: [PodAntiAffinity.required({ topologyKey: 'topology.kubernetes.io/zone' })] },
    }),
    `'placement.podAntiAffinity[0].topologyKey' must not be empty: it names the node label whose values are the domains`,
  ],
  [
    'a ConfigMap key that is not a key',
    baseProps({ configMaps: [{ name: 'settings', data: { 'my.cnf ': '[mysqld]' } }] }),
    baseProps({ configMaps: [{ name: 'settings', data: { 'my.cnf': '[mysqld]' } }] }),
    `'configMaps[0].data' ${KEY_RULE}, got "my.cnf "`,
  ],
  [
    'a probe threshold of 0',
    withContainer({ readinessProbe: Probe.tcpSocket({ failureThreshold: 0 }) }),
    withContainer({ readinessProbe: Probe.tcpSocket({ failureThreshold: 1 }) }),
    `'container.readinessProbe.failureThreshold' must be an integer from 1 to 2147483647, got 0`,
  ],
  [
    'an init container with a readiness probe (a sidecar may have one)',
    baseProps({ initContainers: [helper({ readinessProbe: Probe.exec(['true']) })] }),
    baseProps({
      initContainers: [helper({ readinessProbe: Probe.exec(['true']), restartPolicy: RestartPolicy.ALWAYS })],
    }),
    `'initContainers[0].readinessProbe' is not allowed on an init container that runs to completion (the API rejects it); make it a native sidecar with restartPolicy: RestartPolicy.ALWAYS, or drop it`,
  ],
];

describe.each(cases)('%s', (_what, bad, good, message) => {
  test('is refused with one message naming the prop and the value', () => {
    expect(problemsOf(bad)).toEqual([message]);
  });
  test('the nearest valid props are accepted', () => {
    expect(problemsOf(good)).toEqual([]);
  });
});
