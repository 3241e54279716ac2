// The rules that differ between the Kubernetes versions the checker mirrors: the same
// manifest, judged for 1.27 and for a later version.
import { checkApiRules } from '../src/cli/validate/api-rules';
import { App, app, asManifests } from './fixtures/api-rules/app';

const problems = (version: string, mutate: (a: App) => void) => {
  const a = app();
  mutate(a);
  return checkApiRules(asManifests(a.objects), { version }).map((p) => `[${p.rule}] ${p.path}: ${p.message}`);
};
const pod = (a: App) => a.get('StatefulSet', 'db').spec.template.spec;
const db = (a: App) => pod(a).containers[0];
const ranges = (a: App) => a.get('Service', 'db-public').spec.loadBalancerSourceRanges;

// [what, mutation, versions that reject it, versions that accept it]
const cases: Array<[string, (a: App) => void, string[], string[]]> = [
  ['an env name with a space', (a) => (db(a).env[0].name = 'LOG FILE'), ['1.27'], ['1.33', '1.36']],
  ['an env prefix starting with a digit', (a) => (db(a).envFrom[0].prefix = '1_'), ['1.27'], ['1.33']],
  ['an env name with "="', (a) => (db(a).env[0].name = 'A=B'), ['1.27', '1.33', '1.36'], []],
  [
    'the status.hostIPs field',
    (a) => (db(a).env[1].valueFrom.fieldRef.fieldPath = 'status.hostIPs'),
    ['1.27'],
    ['1.33'],
  ],
  [
    'a sidecar with a readiness probe',
    (a) =>
      Object.assign(pod(a).initContainers[0], {
        restartPolicy: 'Always',
        readinessProbe: { exec: { command: ['true'] } },
      }),
    ['1.27'],
    ['1.33', '1.36'],
  ],
  ['a sleep hook', (a) => (db(a).lifecycle.preStop = { sleep: { seconds: 5 } }), ['1.27'], ['1.33']],
  // ProcMountType is off before 1.33: the API server resets any procMount to "Default".
  [
    'an unmasked /proc without hostUsers: false',
    (a) => (db(a).securityContext.procMount = 'Unmasked'),
    ['1.33', '1.36'],
    ['1.27'],
  ],
  ['an unknown procMount', (a) => (db(a).securityContext.procMount = 'Masked'), ['1.33'], ['1.27']],
  ['a sleep of zero seconds', (a) => (db(a).lifecycle.preStop = { sleep: { seconds: 0 } }), ['1.27'], ['1.33']],
  ['a search domain with an underscore', (a) => (pod(a).dnsConfig.searches = ['_tcp.example.com']), ['1.27'], ['1.33']],
  ['the search domain "."', (a) => (pod(a).dnsConfig.searches = ['.']), ['1.27'], ['1.33']],
  [
    'a required node term value that is not a label value',
    (a) =>
      (pod(
        a,
      ).affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values =
        ['linux os']),
    ['1.33', '1.36'],
    ['1.27'],
  ],
  [
    'an IPv4-mapped IPv6 source range',
    (a) => (ranges(a)[0] = '::ffff:1.2.3.0/120'),
    ['1.36'],
    ['1.27', '1.33', '1.35'],
  ],
  ['a source range with leading zeros', (a) => (ranges(a)[0] = '010.0.0.0/8'), ['1.36'], ['1.27', '1.35']],
  ['a zero-padded prefix length', (a) => (ranges(a)[1] = '2001:db8::/064'), ['1.36'], ['1.27', '1.35']],
  ['a source range with host bits', (a) => (ranges(a)[0] = '10.1.2.3/8'), ['1.36'], ['1.27', '1.35']],
  [
    'an ipBlock except with host bits',
    (a) => (a.get('NetworkPolicy').spec.ingress[0].from[1].ipBlock.except = ['10.1.0.1/16']),
    ['1.36'],
    ['1.27'],
  ],
];

test.each(cases)('%s', (_what, mutate, rejecting, accepting) => {
  for (const v of rejecting) expect({ v, found: problems(v, mutate).length > 0 }).toEqual({ v, found: true });
  for (const v of accepting) expect({ v, problems: problems(v, mutate) }).toEqual({ v, problems: [] });
});

test('a sidecar is an error before 1.29 with a message that says so', () => {
  expect(problems('1.27', (a) => (pod(a).initContainers[0].restartPolicy = 'Always'))).toEqual([
    '[init-container] spec.template.spec.initContainers[0].restartPolicy: is not available before Kubernetes 1.29, got "Always"',
  ]);
});

test('versions are read as minor versions, and anything else is refused', () => {
  expect(problems('v1.36.2', (a) => (ranges(a)[0] = '010.0.0.0/8'))).toHaveLength(1);
  expect(() => checkApiRules([], { version: 'latest' })).toThrow(
    `'version' must be a Kubernetes version such as "1.27" or "v1.33.0", got "latest"`,
  );
});
