// One in-process measurement, printed as JSON: `in-process.ts <n> <builder> <layout> <app>`.
// bench/bench.ts runs it in a fresh process per measurement (with --expose-gc, so that
// memory starts from a clean heap). Phases: build the constructs; validate them (one
// pass, as SinglePassApp does); resolve them to manifests (as each app does it); write
// the YAML (cdk8s's writer for App, the package's for SinglePassApp).
import { Yaml } from 'cdk8s';
import { chartJson } from '../src/app/single-pass-app';
import { YamlWriter } from '../src/app/yaml-writer';
import { AppKind, build, Builder, Layout } from './workload';

const [n, builder, layout, appKind] = [
  Number(process.argv[2] ?? '1'),
  (process.argv[3] ?? 'construct') as Builder,
  (process.argv[4] ?? 'one-chart') as Layout,
  (process.argv[5] ?? 'App') as AppKind,
];
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const now = () => Number(process.hrtime.bigint()) / 1e6;

function run() {
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = now();
  const app = build(n, builder, layout, appKind);
  const t1 = now();
  const problems = app.node.findAll().flatMap((c) => c.node.validate());
  if (problems.length > 0) throw new Error(problems.join('\n'));
  const t2 = now();
  // The manifests as each app makes them: App per chart (validating and resolving the whole
  // app each time), SinglePassApp once. synthYaml() minus its YAML is that work.
  const yaml = app.synthYaml();
  const t3 = now();
  // The same manifests again, in one pass (App's own way would repeat its per-chart work).
  const docs = app.charts.flatMap((c) => chartJson(c));
  const t4 = now();
  const again = appKind === 'App' ? Yaml.stringify(...docs) : new YamlWriter().stringify(docs);
  const t5 = now();
  if (again !== yaml) throw new Error('the YAML written twice differs');
  return {
    buildMs: t1 - t0,
    validateMs: t2 - t1,
    objectsMs: t3 - t2 - (t5 - t4),
    yamlMs: t5 - t4,
    // What a synth costs: the constructs, then synthYaml() (the extra validation pass above is not part of it).
    totalMs: t1 - t0 + (t3 - t2),
    heapMb: (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20,
    objects: docs.length,
    bytes: yaml.length,
  };
}

run(); // warm-up: module loading and JIT belong to the whole-process measurements
console.log(JSON.stringify({ n, builder, layout, appKind, ...run() }));
