import * as fs from 'fs';
import * as path from 'path';
import { ManifestValidation, ValidationContext } from '../src/cli/plugin';
import { RULES } from '../src/cli/validate';
import { PolicyRule } from '../src/policy/policy-rule';
import { tempDirs } from './fixtures/temp-dir';

// The cdk8s validation plugin with a stand-in for cdk8s-cli's ValidationContext; the real
// CLI runs it in test/cli.test.ts and test/consumer.test.ts.
const root = path.resolve(__dirname, '..');
const temp = tempDirs('cli-plugin');
afterAll(() => temp.cleanup());

function context(files: string[]) {
  const violations: any[] = [];
  const logged: string[] = [];
  let submitted: { status: string; metadata?: Record<string, string> } | undefined;
  const ctx: ValidationContext = {
    manifests: files,
    stdout: false,
    report: {
      addViolation: (v) => violations.push(v),
      submit: (status, metadata) => (submitted = { status, metadata }),
    },
    logger: { log: (m) => logged.push(m) },
  };
  return { ctx, violations, logged, submitted: () => submitted };
}

function manifest(text: string): string {
  const file = path.join(temp.make(), 'app.k8s.yaml');
  fs.writeFileSync(file, text);
  return file;
}

// keepInvalidOutput: the rename happens when the process exits, which a test worker does
// long after its temporary files are gone; test/cli.test.ts checks the rename end to end.
const plugin = (props: object = {}) => new ManifestValidation({ keepInvalidOutput: true, ...props });

test('the committed manifests: one successful report, acknowledged findings logged with their reasons', async () => {
  const c = context(
    ['random-generator.k8s.yaml', 'production/random-generator.k8s.yaml'].map((f) => path.join(root, 'dist', f)),
  );
  await plugin().validate(c.ctx);
  expect(c.violations).toEqual([]);
  expect(c.submitted()).toEqual({
    status: 'success',
    metadata: { 'Kubernetes version': '1.36', Objects: '14', Errors: '0', Warnings: '0', Acknowledged: '4' },
  });
  expect(c.logged).toContain(
    'acknowledged [node-port] Service/random-generator-np: the book example is reached from outside minikube through `minikube service random-generator-np`',
  );
});

test('validation and lint findings in one report, each with the resource name cdk8s maps to its construct', async () => {
  const file = manifest(
    'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 80}], clusterIp: None}\n---\n' +
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: "nginx"}]}\n',
  );
  const c = context([file]);
  await plugin().validate(c.ctx);
  expect(c.submitted()!.status).toBe('failure');
  const unknown = c.violations.find((v) => v.ruleName === 'unknown-field');
  expect(unknown).toEqual({
    ruleName: 'unknown-field',
    recommendation: 'Service/web spec: unknown field "clusterIp"',
    fix: expect.stringContaining('Remove the field or correct its spelling'),
    violatingResources: [{ resourceName: 'web', locations: ['spec'], manifestPath: file }],
  });
  const tag = c.violations.find((v) => v.ruleName === 'image-tag');
  expect(tag.recommendation).toBe(
    'Pod/p spec.containers[0].image: image "nginx" is not pinned to a tag other than "latest" or a digest',
  );
  // The fix names the construct's prop first, then the annotation for other manifests.
  expect(tag.fix).toContain(
    "acknowledge it: in a StatefulService with the prop acknowledgements: [{ rule: PolicyRule.IMAGE_TAG, reason: '...' }], elsewhere on the object with the annotation acknowledged.lint.stateful-service/image-tag: <reason>",
  );
});

test('the fix text names a PolicyRule member that exists, for every lint rule', () => {
  // The plugin derives the member from the rule id ('node-port' -> NODE_PORT) without
  // importing the construct, so the two naming schemes are held together here.
  for (const { id } of Object.values(RULES)) {
    expect([id, PolicyRule[id.toUpperCase().replace(/-/g, '_') as keyof typeof PolicyRule]]).toEqual([id, id]);
  }
});

test('warnings are in the report but do not fail it; lint can be left out', async () => {
  const file = manifest('apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n');
  const c = context([file]);
  await plugin({ lint: false, kubernetesVersion: '1.36' }).validate(c.ctx);
  expect(c.violations.map((v) => v.ruleName)).toEqual(['custom-resource (warning)']);
  expect(c.submitted()).toMatchObject({ status: 'success', metadata: { 'Kubernetes version': '1.36', Warnings: '1' } });
});

test('wrong properties in cdk8s.yaml are one finding that fails the synth, never an exception', async () => {
  const file = manifest('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n');
  const cases: [object, string][] = [
    [
      { kubernetesVersion: '1.26' },
      'unknown Kubernetes version "1.26": the known versions are 1.27, 1.28, 1.29, 1.30, 1.31, 1.32, 1.33, 1.34, 1.35, 1.36 (a patch version such as 1.33.2 counts as its minor version)',
    ],
    [{ kubernetes: '1.33' }, 'unknown property "kubernetes" (known: kubernetesVersion, lint, keepInvalidOutput)'],
    [
      { kubernetesVersion: 1.3 },
      "'kubernetesVersion' must be a string such as '1.31' (quoted: YAML reads 1.30 as the number 1.3), got 1.3",
    ],
    [{ lint: 'false' }, '\'lint\' must be true or false (a YAML boolean, unquoted), got "false"'],
    [{ keepInvalidOutput: 'yes' }, '\'keepInvalidOutput\' must be true or false (a YAML boolean, unquoted), got "yes"'],
  ];
  for (const [properties, message] of cases) {
    const c = context([file]);
    await new ManifestValidation(properties as object).validate(c.ctx);
    expect(c.violations).toEqual([
      {
        ruleName: 'plugin-properties',
        recommendation: `stateful-service plugin: ${message}`,
        fix: expect.stringContaining(
          'Correct the properties of the stateful-service entry under validations: in cdk8s.yaml',
        ),
        violatingResources: [],
      },
    ]);
    expect(c.submitted()).toEqual({ status: 'failure', metadata: { Errors: '1' } });
  }
  // every problem at once, in one finding
  const c = context([file]);
  await new ManifestValidation({ kubernetesVersion: 'latest', lint: 'no', colour: 'red' } as object).validate(c.ctx);
  expect(c.violations).toHaveLength(1);
  expect(c.violations[0].recommendation.split('; ')).toHaveLength(3);
});

test('a StatefulSet finding is not attributed to the PodDisruptionBudget of the same name', async () => {
  // cdk8s records one construct path per name, the last object's: here the budget's.
  const file = manifest(
    'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec: {serviceName: db, selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: "i:1"}]}}, bogusSet: 1}\n---\n' +
      'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: db}\nspec: {maxUnavailable: 1, selector: {matchLabels: {a: b}}, bogus: 1}\n',
  );
  const c = context([file]);
  await plugin({ lint: false }).validate(c.ctx);
  const resources = Object.fromEntries(
    c.violations.map((v) => [v.recommendation.split(' ')[0], v.violatingResources.map((r: any) => r.resourceName)]),
  );
  expect(resources).toEqual({ 'StatefulSet/db': ['StatefulSet/db'], 'PodDisruptionBudget/db': ['db'] });
});

test('the same finding about many objects is one violation naming them', async () => {
  const docs = Array.from(
    { length: 50 },
    (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\ndata: {a: 1}\n`,
  );
  const c = context([manifest(docs.join('---\n'))]);
  await plugin({ lint: false }).validate(c.ctx);
  expect(c.violations).toHaveLength(1);
  expect(c.violations[0].recommendation).toBe(
    'ConfigMap/c0 data.a: must be of type string, got 1 (and 49 more objects with the same finding: ConfigMap/c1, ConfigMap/c2, ConfigMap/c3, ...)',
  );
  expect(c.violations[0].violatingResources.map((r: any) => r.resourceName)).toEqual(['c0', 'c1', 'c2', 'c3']);
  expect(c.submitted()).toMatchObject({ status: 'failure', metadata: { Errors: '50' } });
});

test('unreadable YAML fails the report, with its line', async () => {
  const file = manifest('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\nkind: Service\n  metadata: [\n');
  const c = context([file]);
  await plugin().validate(c.ctx);
  expect(c.submitted()!.status).toBe('failure');
  expect(c.violations.map((v) => [v.ruleName, v.recommendation])).toEqual([
    ['yaml', 'document 2: invalid YAML at line 5, column 7: Nested mappings are not allowed in compact mappings'],
  ]);
});
