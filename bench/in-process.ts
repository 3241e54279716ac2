// One in-process measurement, printed as JSON: build N StatefulServices (in one chart,
// or one chart each) and synthesize them to YAML, timing each phase. bench/bench.ts runs
// it in a fresh process per measurement, with --expose-gc so memory starts from a clean heap.
import { App, Chart, Size, Yaml } from 'cdk8s';
import { EnvValue, StatefulService, Storage } from '../src';

const n = Number(process.argv[2] ?? '1');
const layout = process.argv[3] ?? 'one-chart';
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const now = () => Number(process.hrtime.bigint()) / 1e6;

function run() {
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = now();
  const app = new App({ outdir: '/dev/null' });
  let chart = new Chart(app, 'c0');
  for (let i = 0; i < n; i++) {
    if (layout === 'many-charts' && i > 0) chart = new Chart(app, `c${i}`);
    new StatefulService(chart, `s${i}`, {
      name: `svc-${i}`,
      replicas: 2,
      container: {
        image: 'example/app:1.0.0',
        ports: [{ name: 'http', number: 8080 }],
        env: { LOG_FILE: EnvValue.fromValue('/data/app.log') },
      },
      storage: [
        Storage.hostPath({
          name: 'data',
          size: Size.gibibytes(1),
          mountPath: '/data',
          count: 3,
          path: `/mnt/svc-${i}/{ordinal}`,
        }),
      ],
    });
  }
  const t1 = now();
  // The work of app.synthYaml(), in its two phases: manifests per chart, then YAML.
  const docs = app.charts.flatMap((c) => c.toJson());
  const t2 = now();
  const yaml = Yaml.stringify(...docs);
  const t3 = now();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  return {
    buildMs: t1 - t0,
    manifestsMs: t2 - t1,
    yamlMs: t3 - t2,
    totalMs: t3 - t0,
    heapMb,
    objects: docs.length,
    bytes: yaml.length,
  };
}

run(); // warm-up: module loading and JIT belong to the whole-process benchmark
console.log(JSON.stringify({ n, layout, ...run() }));
