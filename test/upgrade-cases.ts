// Changes to the committed example (dist/), each with the findings check-upgrade gives for
// it. The unit test holds check-upgrade to these findings; the cluster suite holds them to
// the API server (server-side apply of the changed manifests over the applied ones): a case
// with an error finding must be refused, every other case accepted.

/** Finds an object of the "after" side by kind (and name). */
export type Get = (kind: string, name?: string) => any;

export interface UpgradeCase {
  readonly what: string;
  readonly mutate: (get: Get, all: any[]) => void;
  /** `level object path` of each finding, in order; [] when check-upgrade passes it. */
  readonly findings: readonly string[];
}

const sts = (g: Get) => g('StatefulSet', 'rg');

export const UPGRADE_CASES: readonly UpgradeCase[] = [
  { what: 'the replica count', mutate: (g) => (sts(g).spec.replicas = 3), findings: [] },
  {
    what: 'the image',
    mutate: (g) => (sts(g).spec.template.spec.containers[0].image = 'k8spatterns/random-generator:2.0'),
    findings: [],
  },
  { what: 'the update strategy', mutate: (g) => (sts(g).spec.updateStrategy = { type: 'OnDelete' }), findings: [] },
  { what: 'minReadySeconds', mutate: (g) => (sts(g).spec.minReadySeconds = 10), findings: [] },
  {
    what: 'the claim retention to Retain',
    mutate: (g) => (sts(g).spec.persistentVolumeClaimRetentionPolicy.whenDeleted = 'Retain'),
    findings: [],
  },
  { what: 'a spelled-out default left out', mutate: (g) => delete sts(g).spec.revisionHistoryLimit, findings: [] },
  {
    what: 'a new volume for headroom',
    mutate: (_g, all) => all.push({ ...structuredClone(all[2]), metadata: { name: 'log-4' } }),
    findings: [],
  },
  {
    what: 'the selector',
    mutate: (g) => (sts(g).spec.selector.matchLabels['app.kubernetes.io/instance'] = 'rg2'),
    findings: ['error StatefulSet/default/rg spec.selector'],
  },
  {
    what: 'serviceName',
    mutate: (g) => (sts(g).spec.serviceName = 'rg-peers'),
    findings: ['error StatefulSet/default/rg spec.serviceName'],
  },
  {
    what: 'podManagementPolicy',
    mutate: (g) => (sts(g).spec.podManagementPolicy = 'Parallel'),
    findings: ['error StatefulSet/default/rg spec.podManagementPolicy'],
  },
  // Mutable (kubernetes ValidateStatefulSetUpdate); check-upgrade called it an error until
  // the API server showed otherwise.
  { what: 'revisionHistoryLimit', mutate: (g) => (sts(g).spec.revisionHistoryLimit = 3), findings: [] },
  {
    what: 'a claim template renamed',
    mutate: (g) => (sts(g).spec.volumeClaimTemplates[0].metadata.name = 'data'),
    findings: [
      'error StatefulSet/default/rg spec.volumeClaimTemplates',
      'warning StatefulSet/default/rg spec.volumeClaimTemplates[0]',
    ],
  },
  {
    what: 'a claim template resized',
    mutate: (g) => (sts(g).spec.volumeClaimTemplates[0].spec.resources.requests.storage = '1Gi'),
    findings: [
      'error StatefulSet/default/rg spec.volumeClaimTemplates',
      'warning StatefulSet/default/rg spec.volumeClaimTemplates[0].spec.resources.requests.storage',
    ],
  },
  {
    what: 'the claim storage class',
    mutate: (g) => (sts(g).spec.volumeClaimTemplates[0].spec.storageClassName = 'fast'),
    findings: [
      'error StatefulSet/default/rg spec.volumeClaimTemplates',
      'warning StatefulSet/default/rg spec.volumeClaimTemplates[0].spec.storageClassName',
    ],
  },
  {
    what: 'a hostPath moved',
    mutate: (g) => (g('PersistentVolume', 'log-2').spec.hostPath.path = '/data/2'),
    findings: ['error PersistentVolume/log-2 spec'],
  },
  {
    what: 'a volume pre-bound to another ordinal',
    mutate: (g) => (g('PersistentVolume', 'log-2').spec.claimRef.name = 'logs-rg-0'),
    findings: ['warning PersistentVolume/log-2 spec.claimRef'],
  },
  {
    what: 'a volume storage class',
    mutate: (g) => (g('PersistentVolume', 'log-3').spec.storageClassName = 'fast'),
    findings: ['warning PersistentVolume/log-3 spec.storageClassName'],
  },
  {
    what: 'a volume reclaim policy to Delete',
    mutate: (g) => (g('PersistentVolume', 'log-1').spec.persistentVolumeReclaimPolicy = 'Delete'),
    findings: ['warning PersistentVolume/log-1 spec.persistentVolumeReclaimPolicy'],
  },
  {
    what: 'claims deleted on scale-down',
    mutate: (g) => (sts(g).spec.persistentVolumeClaimRetentionPolicy.whenScaled = 'Delete'),
    findings: ['warning StatefulSet/default/rg spec.persistentVolumeClaimRetentionPolicy.whenScaled'],
  },
  {
    what: 'the headless Service given a cluster IP',
    mutate: (g) => (g('Service', 'random-generator').spec.clusterIP = '10.96.100.100'),
    findings: ['error Service/default/random-generator spec.clusterIP'],
  },
  {
    // Accepted, and the Service stays headless: an error here until the API server showed otherwise.
    what: "the headless Service's clusterIP None left out",
    mutate: (g) => delete g('Service', 'random-generator').spec.clusterIP,
    findings: ['warning Service/default/random-generator spec.clusterIP'],
  },
  {
    what: 'the NodePort Service made headless',
    mutate: (g) => (g('Service', 'random-generator-np').spec.clusterIP = 'None'),
    findings: ['error Service/default/random-generator-np spec.clusterIP'],
  },
];

/** The objects of `before` with one case's change applied (deep copies). */
export function applyCase(before: readonly any[], c: UpgradeCase): any[] {
  const all = before.map((o) => structuredClone(o));
  c.mutate((kind, name) => all.find((o) => o.kind === kind && (!name || o.metadata.name === name)), all);
  return all;
}
