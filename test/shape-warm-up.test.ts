import { spawnSync } from 'child_process';
import * as path from 'path';

// src/app/shape-warm-up.ts: once per process, at the WARM_UP_AFTER-th StatefulService, a
// representative service is resolved in an app of its own and kept, so that its manifests'
// object shapes keep V8 transitions that a large app's construct ids would otherwise use up.
// Its effect on time is measured by `npm run bench` (10,000 charts against 1000); these
// tests pin what it must and must not do.
const root = path.resolve(__dirname, '..');

/** A fresh copy of the library (module state included) with `n` services in one app, as YAML. */
function synthInFreshModules(n: number, before = 0): { yaml: string; warmedUp: boolean } {
  let result = { yaml: '', warmedUp: false };
  jest.isolateModules(() => {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { Chart, Testing } = require('cdk8s') as typeof import('cdk8s');
    const lib = require('../src') as typeof import('../src');
    const warmUp = require('../src/app/shape-warm-up') as typeof import('../src/app/shape-warm-up');
    const { serviceProps } = require('../bench/workload') as typeof import('../bench/workload');
    /* eslint-enable @typescript-eslint/no-require-imports */
    const other = Testing.app();
    for (let i = 0; i < before; i++)
      new lib.StatefulService(new Chart(other, `o${i}`, { namespace: 'o' }), 's', serviceProps(i));
    const app = new lib.SinglePassApp({ outdir: 'never-written', recordConstructMetadata: false });
    for (let i = 0; i < n; i++)
      new lib.StatefulService(new Chart(app, `c${i}`, { namespace: 'bench' }), `s${i}`, serviceProps(i));
    result = { yaml: app.synthYaml(), warmedUp: warmUp.warmedUp() };
  });
  return result;
}

test('runs at the WARM_UP_AFTER-th service of the process, not before', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { WARM_UP_AFTER } = require('../src/app/shape-warm-up') as typeof import('../src/app/shape-warm-up');
  expect(WARM_UP_AFTER).toBe(50);
  expect(synthInFreshModules(WARM_UP_AFTER - 1).warmedUp).toBe(false);
  expect(synthInFreshModules(WARM_UP_AFTER).warmedUp).toBe(true);
});

test("leaves the user's app alone: the same YAML whether it ran before, during or never", () => {
  const small = 3;
  const never = synthInFreshModules(small);
  const before = synthInFreshModules(small, 60);
  expect(never.warmedUp).toBe(false);
  expect(before.warmedUp).toBe(true);
  expect(before.yaml).toBe(never.yaml);
  expect(never.yaml.split('\n---\n')).toHaveLength(small * 7);
  // During: the warm-up runs inside the 50th service's constructor; the app's objects and
  // their order are those of 60 services built after it ran.
  const during = synthInFreshModules(60);
  expect(during.warmedUp).toBe(true);
  expect(during.yaml).toBe(synthInFreshModules(60, 60).yaml);
  expect(during.yaml).not.toContain('warm-up');
});

test('the premise, in V8: 1700 charts with distinct first children use up the root shape; 40 do not', () => {
  const probe = (charts: number) => {
    const r = spawnSync(
      process.execPath,
      ['--allow-natives-syntax', 'tools/run-ts.js', 'test/fixtures/shape-warm-up-probe.ts', String(charts)],
      { cwd: root, encoding: 'utf-8' },
    );
    if (r.status !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout);
  };
  expect(probe(40)).toEqual({ warmedUp: false, documents: 40 * 7, unsharedFirstKeys: [], newKeyShared: true });
  // newKeyShared false: two `{}` given the same new first name now get a shape each. If a
  // Node release lifts the limit this fails, and the warm-up can go.
  expect(probe(1700)).toEqual({ warmedUp: true, documents: 1700 * 7, unsharedFirstKeys: [], newKeyShared: false });
});
