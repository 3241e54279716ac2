import { Chart, Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import type { StatefulServiceProps } from '../stateful-service-props';
import { DisruptionBudget } from '../lifecycle/disruption-budget';
import { PodAntiAffinity } from '../placement/affinity';
import { EnvValue } from '../pod/env';
import { Probe, ProbePort } from '../pod/probe';
import { Storage } from '../storage/storage';
import { chartJson, SinglePassApp } from './single-pass-app';

// Why a large app resolves one small service once, early, and keeps its manifests.
//
// V8 gives every object shape (hidden class, "map") at most 1536 transitions to the shapes
// one more property makes (kMaxNumberOfTransitions, v8 src/objects/transitions.h). An
// empty `{}` whose first property has a name no `{}` had first takes one transition of the
// root shape of plain objects. Once they are all taken, each such object gets a new shape
// of its own that no other object shares (the transition cannot be recorded): a map is
// allocated per object, the property accesses that see them go megamorphic, and the maps
// fill the heap (the bench saw the extra time as garbage collection).
// constructs keeps a construct's children in a plain object keyed by id (Node.addChild in
// constructs/lib/construct.js), so charts whose first children have distinct ids take one
// root transition each: after about 1500 such charts, the objects cdk8s fills while it
// resolves a manifest (resolve, sanitizeValue, the toJson_* of imports/k8s.ts) find no
// room for the shapes they need. Measured by `npm run bench`: 10,000 charts took 19.9x the
// time of 1000 without this, 11.3x with it.
//
// So, once per process, when WARM_UP_AFTER StatefulServices have been built (in apps made
// of this package's services, long before the root shape fills; an app whose charts start
// with 1500 other constructs fills it first, and gains nothing), two representative
// services are resolved in an app of their own, and their manifests are kept. Keeping
// them is measured, not a guess: with the manifests collected, 10,000 charts took 12.7 s
// instead of 7.5 s (V8 drops the transitions of shapes no live object has at its next
// full GC, and the charts' ids take the freed room). The user's app and output are not
// touched; small apps (the default example) never pay for it.

/** The number of StatefulServices built in this process after which the warm-up runs. */
export const WARM_UP_AFTER = 50;

/** What the warm-up builds its services with: the StatefulService class (passed in, as it imports this file). */
export type ServiceClass = new (scope: Construct, id: string, props: StatefulServiceProps) => unknown;

let built = 0;
let kept: readonly unknown[] = [];

/** Called by every StatefulService that built its objects. */
export function countService(serviceClass: ServiceClass): void {
  built += 1;
  if (built !== WARM_UP_AFTER) return;
  try {
    kept = warmUp(serviceClass);
  } catch {
    // Only a speed-up: a failure here must not fail the user's construct. The tests check
    // that it runs (warmedUp()).
  }
}

/** True once the warm-up has run in this process (for tests). */
export function warmedUp(): boolean {
  return kept.length > 0;
}

function warmUp(serviceClass: ServiceClass): readonly unknown[] {
  const app = new SinglePassApp({ outdir: 'never-written', recordConstructMetadata: false });
  const chart = new Chart(app, 'shape-warm-up', { namespace: 'shape-warm-up' });
  for (const props of representativeProps()) new serviceClass(new Construct(chart, props.name), 'service', props);
  return chartJson(chart);
}

/** The shapes most manifests of this package have: pre-bound and provisioned storage, probes, placement. */
function representativeProps(): StatefulServiceProps[] {
  return [
    {
      name: 'warm-up-host-path',
      replicas: 2,
      container: {
        image: 'example/app:1.0.0',
        ports: [{ name: 'http', number: 8080 }],
        env: { LOG_FILE: EnvValue.literal('/data/app.log') },
        readinessProbe: Probe.httpGet('/health', { port: ProbePort.named('http'), period: Duration.seconds(5) }),
      },
      storage: [
        Storage.hostPath({
          name: 'data',
          size: Size.gibibytes(1),
          mountPath: '/data',
          count: 2,
          path: '/mnt/shape-warm-up/{ordinal}',
        }),
      ],
    },
    {
      name: 'warm-up-dynamic',
      replicas: 3,
      container: {
        image: 'example/db:1.0.0',
        command: ['sh', '-c', 'exec db'],
        ports: [{ name: 'client', number: 2181 }],
        livenessProbe: Probe.exec(['db-ready']),
      },
      storage: [Storage.dynamic({ name: 'data', size: Size.gibibytes(10), mountPath: '/var/lib/db' })],
      disruptionBudget: DisruptionBudget.maxUnavailable(1),
      placement: { podAntiAffinity: [PodAntiAffinity.required({ topologyKey: 'kubernetes.io/hostname' })] },
    },
  ];
}
