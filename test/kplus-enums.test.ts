// src/core/kplus-enums.ts mirrors cdk8s-plus-27's enums so that a synth need not load
// cdk8s-plus-27; each mirror must equal the real enum, member by member.
import { spawnSync } from 'child_process';
import * as path from 'path';
import * as kplus from 'cdk8s-plus-27';
import * as mirrors from '../src/core/kplus-enums';

const byName = (m: object) => m as unknown as Record<string, Record<string, string>>;

test.each(Object.keys(mirrors))('the mirror of %s equals the enum of cdk8s-plus-27', (name) => {
  const real = byName(kplus)[name];
  expect(real).toBeDefined();
  expect(Object.entries(byName(mirrors)[name])).toEqual(Object.entries(real));
});

test('the library does not load cdk8s-plus-27 at run time (only its types)', () => {
  // A fresh process: in this one, the test itself has loaded cdk8s-plus-27 above.
  const script = `
    require('./tools/run-ts').requireTs('src/index.ts');
    const loaded = Object.keys(require.cache);
    console.log(JSON.stringify({ cdk8s: loaded.some((f) => f.includes('/node_modules/cdk8s/')), plus: loaded.some((f) => f.includes('/node_modules/cdk8s-plus-27/')) }));`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: path.join(__dirname, '..'), encoding: 'utf-8' });
  expect(r.stderr).toBe('');
  expect(JSON.parse(r.stdout)).toEqual({ cdk8s: true, plus: false });
});
