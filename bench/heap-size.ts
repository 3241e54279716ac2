// `node tools/run-ts.js bench/heap-size.ts [others]`: the same synth (1000 charts of one
// StatefulService each, to JSON) timed alone, beside N charts of another app that is never
// synthesized, and beside N plain objects each given a first property name of its own
// before any service is built. The last case shows what made 10,000 charts slow: not the
// size of the heap but V8's limit of transitions per object shape, which
// src/app/shape-warm-up.ts works around and cannot when the limit is reached before the
// first service (docs/performance.md, "10,000 charts"). Prints a table; asserts nothing.
import { spawnSync } from 'child_process';
import { chartJson } from '../src/app/single-pass-app';
import { build } from './workload';

const others = Number(process.argv[2] ?? '9000');
const k = 1000;

function time(label: string, prepare: () => unknown): void {
  const ballast = prepare();
  const app = build(k, 'construct', 'one-chart-each', 'SinglePassApp');
  const t0 = process.hrtime.bigint();
  const out: unknown[] = [];
  for (const c of app.charts) out.push(...chartJson(c));
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const heap = process.memoryUsage().heapUsed / 2 ** 20;
  console.log(`| ${label} | ${ms.toFixed(0)} | ${heap.toFixed(0)} | ${out.length} | ${ballast ? 'yes' : 'no'} |`);
}

const mode = process.argv[3];
if (mode === undefined) {
  // Each case in a fresh process, so that no case inherits another's heap.
  console.log(`| ${k} charts to JSON | ms | heap MiB after | objects | others kept |`);
  console.log('| --- | ---: | ---: | ---: | --- |');
  for (const m of ['alone', 'beside', 'names']) {
    const r = spawnSync(process.execPath, [process.argv[1], String(others), m], { encoding: 'utf-8' });
    process.stdout.write(r.stdout + r.stderr);
  }
} else if (mode === 'alone') {
  time('alone', () => undefined);
} else if (mode === 'beside') {
  time(`beside ${others} charts of an app never synthesized`, () =>
    build(others, 'construct', 'one-chart-each', 'SinglePassApp'),
  );
} else {
  time(`beside ${others} objects \`{}\`, each given a first name of its own, made first`, () =>
    Array.from({ length: others }, (_, i) => ({ [`name-${i}`]: i })),
  );
}
