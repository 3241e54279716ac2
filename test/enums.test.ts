// The package's own enums (src/core/enums.ts) carry cdk8s-plus's member names and wire
// values, so that code written for cdk8s-plus reads the same; the package itself needs no
// cdk8s-plus at all.
import * as fs from 'fs';
import * as path from 'path';
import * as plus27 from 'cdk8s-plus-27';
import * as plus33 from 'cdk8s-plus-33';
import * as enums from '../src/core/enums';

const root = path.join(__dirname, '..');
const byName = (m: object) => m as unknown as Record<string, Record<string, string>>;

describe.each([
  ['cdk8s-plus-27', plus27],
  ['cdk8s-plus-33', plus33],
])('the same names and wire values as %s', (_name, plus) => {
  test.each(Object.keys(enums))('%s', (name) => {
    const theirs = byName(plus)[name];
    expect(theirs).toBeDefined();
    // Every member of ours is one of theirs, with the same value.
    for (const [member, value] of Object.entries(byName(enums)[name]))
      expect([member, theirs[member]]).toEqual([member, value]);
  });
});

test('the package declares no cdk8s-plus dependency of any kind, and its source imports none', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf-8'));
  for (const field of ['dependencies', 'peerDependencies', 'bundledDependencies', 'optionalDependencies']) {
    expect(Object.keys(pkg[field] ?? {}).filter((d) => d.startsWith('cdk8s-plus'))).toEqual([]);
  }
  const sources = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const f = path.join(dir, e.name);
      return e.isDirectory() ? (e.name === 'charts' ? [] : sources(f)) : f.endsWith('.ts') ? [f] : [];
    });
  const importing = sources(path.join(root, 'src')).filter((f) =>
    /from 'cdk8s-plus|require\('cdk8s-plus/.test(fs.readFileSync(f, 'utf-8')),
  );
  expect(importing).toEqual([]);
});
