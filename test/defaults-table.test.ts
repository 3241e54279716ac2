// docs/security.md's table of the defaults that differ from Kubernetes's, held to the
// output of the smallest chart: every row's value is what the construct writes, and every
// Kubernetes default the output departs from has a row (issue 23).
import * as fs from 'fs';
import * as path from 'path';
import { baseProps, find, Manifest, synthService } from './helpers';

const DOC = path.join(__dirname, '..', 'docs', 'security.md');

interface Row {
  readonly field: string;
  readonly kubernetes?: unknown;
  readonly construct: unknown;
}

function rows(): Row[] {
  const text = fs.readFileSync(DOC, 'utf8');
  const table = text.slice(text.indexOf('<!-- defaults-table -->')).split('\n\n')[1];
  return table
    .split('\n')
    .slice(2)
    .map((line) => line.split('|').map((c) => c.trim()))
    .map(([, field, kubernetes, construct]) => ({
      field: field.replace(/^`|`$/g, ''),
      kubernetes: kubernetes.startsWith('—') ? undefined : JSON.parse(kubernetes.replace(/^`|`$/g, '')),
      construct: JSON.parse(construct.replace(/^`|`$/g, '')),
    }));
}

/** The value at `field`: `Kind name path` in that object, else a path in the StatefulSet's pod spec. */
function valueAt(manifests: Manifest[], field: string): unknown {
  const m = /^([A-Z]\w+)(?: ([a-z0-9-]+))? (.+)$/.exec(field);
  const [object, p] = m
    ? [find(manifests, m[1], m[2]), m[3]]
    : [find(manifests, 'StatefulSet').spec.template.spec, field];
  return p
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .reduce<any>((o, key) => (o === undefined ? undefined : o[key]), object);
}

/** Kubernetes's own defaults (the API server's defaulters, the kubelet's) for fields the construct writes. */
const PROBE_DEFAULTS = {
  initialDelaySeconds: 0,
  periodSeconds: 10,
  timeoutSeconds: 1,
  failureThreshold: 3,
  successThreshold: 1,
};
const KUBERNETES_DEFAULTS: Record<string, unknown> = {
  ...Object.fromEntries(
    ['startupProbe', 'readinessProbe', 'livenessProbe'].flatMap((probe) =>
      Object.entries(PROBE_DEFAULTS).map(([k, v]) => [`containers[0].${probe}.${k}`, v]),
    ),
  ),
  'containers[0].imagePullPolicy': 'IfNotPresent',
  'containers[0].ports[0].protocol': 'TCP',
  'containers[0].securityContext.privileged': false,
  'containers[0].securityContext.allowPrivilegeEscalation': true,
  'containers[0].securityContext.readOnlyRootFilesystem': false,
  'securityContext.fsGroupChangePolicy': 'Always',
  automountServiceAccountToken: true,
  dnsPolicy: 'ClusterFirst',
  enableServiceLinks: true,
  terminationGracePeriodSeconds: 30,
  'StatefulSet spec.podManagementPolicy': 'OrderedReady',
  'StatefulSet spec.revisionHistoryLimit': 10,
  'StatefulSet spec.minReadySeconds': 0,
  'StatefulSet spec.updateStrategy.type': 'RollingUpdate',
  'StatefulSet spec.updateStrategy.rollingUpdate.partition': 0,
  'StatefulSet spec.persistentVolumeClaimRetentionPolicy.whenDeleted': 'Retain',
  'StatefulSet spec.persistentVolumeClaimRetentionPolicy.whenScaled': 'Retain',
  'Service db-client spec.ports[0].protocol': 'TCP',
};

describe("docs/security.md: the defaults that differ from Kubernetes's", () => {
  const { manifests } = synthService(baseProps());
  const table = rows();

  test('the table has rows', () => {
    expect(table.length).toBeGreaterThanOrEqual(20);
  });

  test.each(table.map((r) => [r.field, r] as const))('%s is what the construct writes', (_field, row) => {
    expect(valueAt(manifests, row.field)).toEqual(row.construct);
    expect(row.construct).not.toEqual(row.kubernetes);
    if (row.field in KUBERNETES_DEFAULTS) expect(row.kubernetes).toEqual(KUBERNETES_DEFAULTS[row.field]);
  });

  test('every Kubernetes default the output departs from has a row', () => {
    const inTable = new Set(table.map((r) => r.field));
    const departures = Object.entries(KUBERNETES_DEFAULTS)
      .filter(([field, value]) => {
        const written = valueAt(manifests, field);
        return written !== undefined && JSON.stringify(written) !== JSON.stringify(value);
      })
      .map(([field]) => field);
    expect(departures.filter((f) => !inTable.has(f))).toEqual([]);
  });

  test("the readiness probe runs at Kubernetes's period, 10 s (0.2.0: 5 s)", () => {
    expect(valueAt(manifests, 'containers[0].readinessProbe.periodSeconds')).toBe(10);
  });
});
