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

test('unknown properties or versions in cdk8s.yaml are clear errors', () => {
  expect(() => new ManifestValidation({ kubernetesVersion: '1.30' })).toThrow(
    'unknown Kubernetes version "1.30": the known versions are 1.27, 1.33, 1.34, 1.35, 1.36',
  );
  expect(() => new ManifestValidation({ kubernetes: '1.33' } as object)).toThrow(
    'stateful-service plugin: unknown properties "kubernetes" in cdk8s.yaml (known: kubernetesVersion, lint, keepInvalidOutput)',
  );
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
