// What the benchmark builds: N services, in one chart or one chart each, on cdk8s's App,
// either with the StatefulService construct or as its peer, for two workloads:
// - "plain": the default props of a plain service (3 replicas, one port, one 1 GiB
//   dynamic claim); its peer writes plain `ApiObject`s (bench/plain-service-peer.ts), its
//   nested peer the same inside a bare construct per service, its typed peer the same
//   objects with the typed L1 classes (the same file);
// - "book": the book example's shape (2 replicas, an env value, 3 pre-bound hostPath
//   volumes); its peer writes the typed L1 classes of imports/k8s.ts
//   (bench/book-service-peer.ts).
// The construct and the peers of a workload write the same manifests, byte for byte.
/** The builders each workload has (the book workload's one peer is already typed). */
export const BUILDERS: Record<Workload, readonly Builder[]> = {
  plain: ['construct', 'peer', 'nested-peer', 'typed-peer'],
  book: ['construct', 'peer'],
};
import { App, Chart, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { EnvValue, StatefulService, StatefulServiceProps, Storage } from '../src';
import { bookServicePeer } from './book-service-peer';
import { plainServiceNestedPeer, plainServicePeer, plainServiceTypedPeer } from './plain-service-peer';

export type Workload = 'plain' | 'book';
export type Builder = 'construct' | 'peer' | 'nested-peer' | 'typed-peer';
export type Layout = 'one-chart' | 'one-chart-each';

function plainServiceProps(i: number): StatefulServiceProps {
  return {
    name: `svc-${i}`,
    replicas: 3,
    container: { image: 'example/app:1.0.0', ports: [{ name: 'http', number: 8080 }] },
    storage: [Storage.dynamic({ size: Size.gibibytes(1), mountPath: '/data' })],
  };
}

function bookServiceProps(i: number): StatefulServiceProps {
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

const workloads: Record<Workload, Partial<Record<Builder, (scope: Construct, i: number) => void>>> = {
  plain: {
    construct: (scope, i) => new StatefulService(scope, `s${i}`, plainServiceProps(i)),
    peer: plainServicePeer,
    'nested-peer': plainServiceNestedPeer,
    'typed-peer': plainServiceTypedPeer,
  },
  book: {
    construct: (scope, i) => new StatefulService(scope, `s${i}`, bookServiceProps(i)),
    peer: bookServicePeer,
  },
};

export function build(n: number, workload: Workload, builder: Builder, layout: Layout): App {
  const make = workloads[workload][builder];
  if (!make) throw new Error(`the ${workload} workload has no ${builder}`);
  const app = new App({ outdir: 'never-written' });
  let chart = new Chart(app, 'c0', { namespace: 'bench' });
  for (let i = 0; i < n; i++) {
    if (layout === 'one-chart-each' && i > 0) chart = new Chart(app, `c${i}`, { namespace: 'bench' });
    make(chart, i);
  }
  return app;
}
