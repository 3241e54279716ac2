// One in-process measurement, printed as JSON: `in-process.ts <n> <workload> <builder> <layout>`.
// bench/bench.ts runs it in a fresh process per measurement (with --expose-gc, so that
// memory starts from a clean heap). Timed: building the constructs, then `app.synthYaml()`
// (what a synth costs), twice in the same process: `first` is a synth as `cdk8s synth`
// runs it (JIT and inline caches cold), `second` the same work with the code warm. The
// YAML's share is timed apart afterwards, by writing the same manifests again with cdk8s's
// `Yaml.stringify`.
import { createHash } from 'crypto';
import { ApiObject, Chart, DependencyGraph, Yaml } from 'cdk8s';
import { build, Builder, Layout, Workload } from './workload';

const [n, workload, builder, layout] = [
  Number(process.argv[2] ?? '1'),
  (process.argv[3] ?? 'plain') as Workload,
  (process.argv[4] ?? 'construct') as Builder,
  (process.argv[5] ?? 'one-chart') as Layout,
];
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const now = () => Number(process.hrtime.bigint()) / 1e6;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** The manifests of a chart in the order App writes them (cdk8s's chartToKube, by its public API). */
const manifestsOf = (chart: Chart) =>
  new DependencyGraph(chart.node)
    .topology()
    .filter((c): c is ApiObject => ApiObject.isApiObject(c) && Chart.of(c) === chart)
    .map((o) => o.toJson());

function run() {
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const [t0, c0] = [now(), cpu()];
  const app = build(n, workload, builder, layout);
  const t1 = now();
  const yaml = app.synthYaml();
  const [t2, c2] = [now(), cpu()];
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  const docs = app.charts.flatMap(manifestsOf);
  const t3 = now();
  const again = Yaml.stringify(...docs);
  const t4 = now();
  if (again !== yaml) throw new Error('the YAML written twice differs');
  return {
    buildMs: t1 - t0,
    synthMs: t2 - t1,
    yamlMs: t4 - t3,
    totalMs: t2 - t0,
    cpuMs: c2 - c0,
    heapMb,
    objects: docs.length,
    sha1: createHash('sha1').update(yaml).digest('hex'),
  };
}

const first = run();
const second = run();
console.log(JSON.stringify({ n, workload, builder, layout, first, second }));
