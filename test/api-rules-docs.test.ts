// docs/rules.md has one row per rule id of the checker, with the same severity.
import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '../src/cli/validate/api-rules';

const doc = fs.readFileSync(path.join(__dirname, '..', 'docs', 'rules.md'), 'utf-8');
const rows = doc
  .split('\n')
  .filter((l) => /^\| `[a-z-]+` +\|/.test(l))
  .map((l) => l.split('|').map((cell) => cell.trim()));

test('docs/rules.md lists every rule once, with its severity and an upstream source', () => {
  const table = rows.filter((cells) => cells.length === 6);
  const documented = table.map(([, id, , , severity]) => `${id.replace(/`/g, '')} ${severity}`);
  expect(documented.sort()).toEqual(
    Object.entries(RULES)
      .map(([id, severity]) => `${id} ${severity}`)
      .sort(),
  );
  for (const [, id, what, upstream] of table) {
    expect(`${id}: ${what.length > 20 && upstream.length > 10}`).toBe(`${id}: true`);
  }
});
