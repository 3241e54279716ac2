import * as fs from 'fs';
import * as path from 'path';
import type { ValidationContext } from '../src/cli/plugin';
import { tempDirs } from './fixtures/temp-dir';

// A check that crashes (here an API rule, replaced by one that throws as a bug would) is
// one finding in the report and fails the synth: no stack trace, no manifest trusted.
jest.mock('../src/cli/validate/api-rules', () => ({
  ...jest.requireActual('../src/cli/validate/api-rules'),
  checkApiRules: () => {
    throw new TypeError("Cannot read properties of undefined (reading 'ports')");
  },
}));

// Required after the mock, from a fresh registry: this repository's transform does not
// hoist jest.mock, and the setup file has already loaded the validator.
jest.resetModules();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ManifestValidation } = require('../src/cli/plugin') as typeof import('../src/cli/plugin');

const temp = tempDirs('cli-plugin-crash');
afterAll(() => temp.cleanup());

test('a crash inside a rule is one internal-error finding, and the synth fails', async () => {
  const file = path.join(temp.make(), 'app.k8s.yaml');
  fs.writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n');
  const violations: any[] = [];
  let submitted: unknown;
  const ctx: ValidationContext = {
    manifests: [file],
    stdout: false,
    report: {
      addViolation: (v) => violations.push(v),
      submit: (status, metadata) => (submitted = { status, metadata }),
    },
    logger: { log: () => undefined },
  };
  await new ManifestValidation({ keepInvalidOutput: true }).validate(ctx);
  expect(violations).toEqual([
    {
      ruleName: 'internal-error',
      recommendation: expect.stringMatching(
        /^stateful-service \S+ failed on these manifests \(TypeError: Cannot read properties of undefined \(reading 'ports'\)\), so they are not validated$/,
      ),
      fix: expect.stringContaining('A bug of stateful-service, not of the manifests'),
      violatingResources: [{ resourceName: 'app.k8s.yaml', locations: ['.'], manifestPath: file }],
    },
  ]);
  expect(JSON.stringify(violations)).not.toMatch(/\n\s+at /);
  expect(submitted).toEqual({ status: 'failure', metadata: { 'Kubernetes version': '1.36', Errors: '1' } });
});
