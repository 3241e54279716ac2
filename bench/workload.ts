// What the benchmark builds: N services, in one chart or one chart each, either with the
// StatefulService construct or as the plain L1 peer of bench/peer.ts, on cdk8s's App or on
// this package's SinglePassApp. Every variant writes the same manifests.
import { App, Chart, Size } from 'cdk8s';
import { EnvValue, SinglePassApp, StatefulService, Storage } from '../src';
import { peerService } from './peer';

export type Builder = 'construct' | 'peer';
export type Layout = 'one-chart' | 'one-chart-each';
export type AppKind = 'App' | 'SinglePassApp';

export function serviceProps(i: number) {
  return {
    name: `svc-${i}`,
    replicas: 2,
    container: {
      image: 'example/app:1.0.0',
      ports: [{ name: 'http', number: 8080 }],
      env: { LOG_FILE: EnvValue.literal('/data/app.log') },
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
  };
}

export function build(n: number, builder: Builder, layout: Layout, appKind: AppKind, outdir = 'never-written'): App {
  const app = appKind === 'App' ? new App({ outdir }) : new SinglePassApp({ outdir });
  let chart = new Chart(app, 'c0', { namespace: 'bench' });
  for (let i = 0; i < n; i++) {
    if (layout === 'one-chart-each' && i > 0) chart = new Chart(app, `c${i}`, { namespace: 'bench' });
    if (builder === 'construct') new StatefulService(chart, `s${i}`, serviceProps(i));
    else peerService(chart, i);
  }
  return app;
}
