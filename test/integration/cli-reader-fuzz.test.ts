// The reader fuzzed (slow: 5,000 runs, about half a minute): whatever the input — random
// bytes, random YAML, alias bombs, deep nesting, JSON streams — every command ends with
// exit 0, 1 or 2 and prints errors as single lines, never a stack trace or a caught bug.
// A fixed seed, so that a failure is reproducible.
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { runCli } from '../fixtures/run-cli';
import { tempDirs } from '../fixtures/temp-dir';

const temp = tempDirs('cli-reader-fuzz');
afterAll(() => temp.cleanup());

const KINDS = ['ConfigMap', 'Service', 'StatefulSet', 'Deployment', 'PersistentVolume', 'List', 'Pod', 'Widget'];
const TOKENS = [
  '---\n',
  '...\n',
  'a: ',
  'kind: ',
  'apiVersion: v1\n',
  'metadata:\n',
  '  name: x\n',
  '&x ',
  '*x ',
  '&y ',
  '*y ',
  '<<: *x\n',
  '[',
  ']',
  '{',
  '}',
  '- ',
  '\n',
  '  ',
  '"',
  "'",
  '# c\n',
  ':',
  ', ',
  '|\n',
  '>-\n',
  '!!str ',
  '!!binary ',
  '? ',
  '\t',
  '{"a":',
  '"b"}',
  '1',
  '1e400',
  '-0',
  'null',
  '~',
  'yes',
  '0x1F',
  '%YAML 1.1\n',
  '%TAG ! tag:x,2000:\n',
  '\ufeff',
  '\u0000',
  '\\u',
];

const bytes = fc.uint8Array({ maxLength: 3000 }).map((b) => Buffer.from(b));
const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 120 }).map((t) => t.join(''));
const object = fc.record({
  apiVersion: fc.constantFrom('v1', 'apps/v1', 'policy/v1', 'example.com/v1', ''),
  kind: fc.constantFrom(...KINDS),
  metadata: fc.record({ name: fc.string({ maxLength: 20 }) }, { requiredKeys: [] }),
  spec: fc.jsonValue({ maxDepth: 4 }),
  items: fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 3 }),
});
const k8sYaml = fc.array(object, { minLength: 1, maxLength: 4 }).map((os) => os.map((o) => stringify(o)).join('---\n'));
const jsonStream = fc
  .array(object, { minLength: 1, maxLength: 4 })
  .chain((os) => fc.constantFrom('', '\n', ' ').map((sep) => os.map((o) => JSON.stringify(o)).join(sep)));
const bomb = fc
  .record({ levels: fc.integer({ min: 1, max: 10 }), width: fc.integer({ min: 1, max: 12 }) })
  .map(({ levels, width }) => {
    const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: lol}', 'data:', '  l0: &l0 "lol"'];
    for (let i = 1; i <= levels; i++)
      lines.push(
        `  l${i}: &l${i} [${Array(width)
          .fill(`*l${i - 1}`)
          .join(', ')}]`,
      );
    return `${lines.join('\n')}\n`;
  });
const deep = fc
  .record({ depth: fc.integer({ min: 1, max: 3000 }), style: fc.constantFrom('seq', 'map', 'block', 'dash', 'json') })
  .map(({ depth, style }) => {
    switch (style) {
      case 'seq':
        return `a: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
      case 'map':
        return `a: ${'{b: '.repeat(depth)}1${'}'.repeat(depth)}\n`;
      case 'block':
        return Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + '\n';
      case 'dash':
        return `${'- '.repeat(depth)}x\n`;
      default:
        return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    }
  });

const input = fc.oneof(bytes, soup, k8sYaml, jsonStream, bomb, deep);
const COMMANDS = [
  ['validate'],
  ['lint'],
  ['validate', '--kubernetes-version', '1.29'],
  ['diagram'],
  ['plan-scale', '2', '1'],
];

test('no input makes any command print a stack trace or crash', () => {
  const dir = temp.make();
  const file = path.join(dir, 'input.yaml');
  let runs = 0;
  fc.assert(
    fc.property(input, fc.constantFrom(...COMMANDS), (text, command) => {
      fs.writeFileSync(file, text);
      const r = runCli(...command, file);
      runs++;
      expect([0, 1, 2]).toContain(r.status);
      for (const line of r.stderr.split('\n').filter(Boolean)) {
        expect(line).toMatch(/^(error|note): /);
        expect(line).not.toMatch(/a bug; please report it/);
      }
      expect(`${r.stdout}\n${r.stderr}`).not.toMatch(/^\s+at .*:\d+:\d+\)?$/m);
    }),
    { numRuns: 5000, seed: 20261206 },
  );
  expect(runs).toBe(5000);
}, 600_000);
