// The three severities of validate (error, runtime, warning) and the messages that follow the
// API server where a schema and the server disagree (issue 22).
import { isError, validate } from '../src/cli/validate';
import { formatResult, fromProblem, summarize } from '../src/cli/results';

const pod = (spec: Record<string, unknown>) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'shop' },
  spec: { containers: [{ name: 'a', image: 'registry.example.com/a:1.0.0' }], ...spec },
});
const run = (object: unknown, version: string) =>
  validate([{ file: 'app.yaml', index: 0, object }], { kubernetesVersion: version });

describe('a Gt toleration', () => {
  test.each(['1.33', '1.35', '1.36'])('is refused at %s, naming the feature gate it needs', (version) => {
    const problems = run(pod({ tolerations: [{ key: 'k', operator: 'Gt', value: '5' }] }), version);
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      expect.stringMatching(/^spec\.tolerations\[0\]\.operator: .*TaintTolerationComparisonOperators feature gate/),
    ]);
    expect(problems[0].message).not.toMatch(/allow it/);
  });

  test('an empty operator or effect is the default, not a value outside the list', () => {
    expect(run(pod({ tolerations: [{ key: 'k', operator: '', value: 'v', effect: '' }] }), '1.36')).toEqual([]);
  });
});

describe('runtime: accepted by the API server, never run', () => {
  const longName = 'a'.repeat(53);
  const sts = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: longName, namespace: 'shop' },
    spec: {
      serviceName: 'db',
      selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: pod({}).spec },
    },
  };

  test('fails validation as an error does, and says so in its line and its summary', () => {
    const problems = run(sts, '1.36');
    expect(problems.map((p) => [p.rule, p.severity])).toEqual([['statefulset-name-length', 'runtime']]);
    expect(problems.every(isError)).toBe(true);
    const result = fromProblem(problems[0]);
    expect(formatResult(result)).toMatch(/metadata\.name: runtime: a StatefulSet name must be/);
    expect(summarize([result])).toEqual({ errors: 1, warnings: 0, acknowledged: 0 });
  });

  test('an image with spaces is an error in a Pod and runtime in a template', () => {
    const spaced = { containers: [{ name: 'a', image: 'postgres:16.2 ' }] };
    expect(run(pod(spaced), '1.36').map((p) => p.severity)).toEqual(['error']);
    const template = { ...sts, metadata: { name: 'db', namespace: 'shop' } };
    template.spec = { ...sts.spec, template: { ...sts.spec.template, spec: spaced } } as any;
    expect(run(template, '1.36').map((p) => p.severity)).toEqual(['runtime']);
  });
});

test('RBAC names are path segments: system: names are valid', () => {
  const role = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'system:aggregated-metrics-reader' },
    rules: [{ apiGroups: ['metrics.k8s.io'], resources: ['pods'], verbs: ['get'] }],
  };
  expect(run(role, '1.36')).toEqual([]);
});
