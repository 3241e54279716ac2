import { Chart, Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import type { StatefulServiceProps } from '../stateful-service-props';
import { DisruptionBudget } from '../lifecycle/disruption-budget';
import { PodAntiAffinity } from '../placement/affinity';
import { EnvValue } from '../pod/env';
import { Probe } from '../pod/probe';
import { Storage } from '../storage/storage';
import { chartJson, SinglePassApp } from './single-pass-app';

// Why a large app synthesizes one small service once, early, and keeps the result.
//
// V8 gives every object shape (hidden class, "map") at most 1536 transitions to the shapes
// one more property makes (kMaxNumberOfTransitions, v8 src/objects/transitions.h). An
// empty `{}` whose first property has a name no `{}` had first takes one transition of the
// root shape of plain objects. Once they are all taken, each such object gets a new shape
// of its own that no other object shares (the transition cannot be recorded): every
// object allocates a map, every property access site that sees them goes megamorphic, and
// the old generation fills with maps that GC has to trace.
// constructs keeps a construct's children in a plain object keyed by id (Node.addChild in
// constructs/lib/construct.js), so charts whose first children have distinct ids take one
// root transition each: after about 1500 such charts, every `{}` cdk8s fills while it
// resolves a manifest (resolve, sanitizeValue, the toJson_* of imports/k8s.ts) whose first
// name found no room gets a shape of its own. Measured (bench/heap-size.ts, npm run bench):
// 10,000 charts took 18x the time of 1000 without this, 11x with it.
//
// So, once per process, when an app has grown to WARM_UP_AFTER services (long before the
// root shape fills), a representative service is built and resolved in an app of its own,
// and kept: its manifests' shapes take their transitions while there is room, and stay
// alive so that a full GC does not clear them again. The user's app and output are not
// touched; small apps (the default example) never pay for it.

/** The number of StatefulServices built in this process after which the warm-up runs. */
export const WARM_UP_AFTER = 50;

let built = 0;
const kept: unknown[] = [];

/** Called by every StatefulService that built its objects. */
export function countService(): void {
  built += 1;
  if (built === WARM_UP_AFTER) warmUp();
}

/** True once the warm-up has run in this process (for tests). */
export function warmedUp(): boolean {
  return kept.length > 0;
}

function warmUp(): void {
  const app = new SinglePassApp({ outdir: 'never-written', recordConstructMetadata: false });
  const chart = new Chart(app, 'shape-warm-up', { namespace: 'shape-warm-up' });
  // Required here, not imported at the top: stateful-service.ts imports this file.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { StatefulService } = require('../stateful-service') as typeof import('../stateful-service');
  for (const props of representativeProps()) new StatefulService(new Construct(chart, props.name), 'service', props);
  kept.push(app, chartJson(chart));
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
        env: { LOG_FILE: EnvValue.fromValue('/data/app.log') },
        readinessProbe: Probe.httpGet('/health', { port: 'http', period: Duration.seconds(5) }),
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
