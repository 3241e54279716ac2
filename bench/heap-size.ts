// `node tools/run-ts.js bench/heap-size.ts [charts]`: the same synth (1000 charts of one
// StatefulService each, to JSON) timed alone, beside 1000 other charts, and beside N other
// charts of another app that is never synthesized. It shows how much of the growth from
// 1000 to 10,000 charts comes from the size of the heap rather than from the work
// (docs/performance.md, "10,000 charts"). Prints a table; asserts nothing.
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
  console.log(`| ${k} charts to JSON | ms | heap MiB after | objects | another app kept |`);
  console.log('| --- | ---: | ---: | ---: | --- |');
  for (const m of ['alone', 'beside']) {
    const r = spawnSync(process.execPath, [process.argv[1], String(others), m], { encoding: 'utf-8' });
    process.stdout.write(r.stdout + r.stderr);
  }
} else if (mode === 'alone') {
  time('alone', () => undefined);
} else {
  time(`beside ${others} charts of an app never synthesized`, () =>
    build(others, 'construct', 'one-chart-each', 'SinglePassApp'),
  );
}
