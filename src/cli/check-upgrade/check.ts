import { isDeepStrictEqual } from 'util';
import { Manifest, startOrdinal, volumeSources } from '../manifests';

/**
 * Compares the manifests last applied with new ones, object by object, and reports:
 * - errors: changes the API server rejects for an existing object (for a StatefulSet,
 *   any spec field but replicas, template, updateStrategy, minReadySeconds, ordinals,
 *   revisionHistoryLimit and persistentVolumeClaimRetentionPolicy, as kubernetes
 *   `pkg/apis/apps/validation/validation.go` `ValidateStatefulSetUpdate` lists them; a
 *   PersistentVolume's source; a Service's clusterIP set to another value), each with
 *   what to do instead;
 * - warnings: accepted changes that orphan or move data (a volume removed or moved to
 *   another claim, a claim template renamed or resized, a storage class changed, a
 *   reclaim policy set to Delete), or that the API server accepts without applying them
 *   (a headless Service's `clusterIP: None` left out).
 * The verdicts are held to a real API server by test/cluster/suites/tools.cluster-test.ts.
 * Both sides get the API server's defaults first, so spelling out a default (or leaving
 * it out) is not a change.
 */

export type Level = 'error' | 'warning';

export interface UpgradeFinding {
  readonly level: Level;
  /** `Kind/name` (with `namespace/` for namespaced objects). */
  readonly object: string;
  readonly path: string;
  readonly message: string;
  /** What to do instead. */
  readonly instead: string;
  /** The manifest it is about: the new one, or the old one for an object removed. */
  readonly file?: string;
  /** Its document in that file (0-based) and List item. */
  readonly index?: number;
  readonly item?: number;
}

const MUTABLE_STATEFULSET_FIELDS = new Set([
  'replicas',
  'template',
  'updateStrategy',
  'minReadySeconds',
  'ordinals',
  'revisionHistoryLimit',
  'persistentVolumeClaimRetentionPolicy',
]);
const CLUSTER_SCOPED = new Set(['PersistentVolume', 'Namespace', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding']);
// Plain JSON on both sides: parsed YAML and cloned objects may differ in prototype only.
const same = (a: unknown, b: unknown) =>
  isDeepStrictEqual(JSON.parse(JSON.stringify(a ?? null)), JSON.parse(JSON.stringify(b ?? null)));
const show = (v: unknown) => (v === undefined ? 'unset' : JSON.stringify(v));
const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);

function key(o: any): string {
  const ns = CLUSTER_SCOPED.has(o.kind) ? '' : `${o.metadata?.namespace ?? 'default'}/`;
  return `${o.kind}/${ns}${o.metadata?.name}`;
}

/** The StatefulSet spec as the API server stores it: its defaults filled in. */
function statefulSetSpec(o: any): Record<string, any> {
  const spec = structuredClone(o.spec ?? {});
  spec.podManagementPolicy ??= 'OrderedReady';
  spec.revisionHistoryLimit ??= 10;
  spec.updateStrategy ??= { type: 'RollingUpdate' };
  if (spec.updateStrategy.type === 'RollingUpdate') {
    spec.updateStrategy.rollingUpdate = { partition: 0, ...spec.updateStrategy.rollingUpdate };
  }
  spec.persistentVolumeClaimRetentionPolicy = {
    whenDeleted: 'Retain',
    whenScaled: 'Retain',
    ...spec.persistentVolumeClaimRetentionPolicy,
  };
  spec.minReadySeconds ??= 0;
  spec.volumeClaimTemplates = list(spec.volumeClaimTemplates).map((t) => ({
    ...t,
    apiVersion: t.apiVersion ?? 'v1',
    kind: t.kind ?? 'PersistentVolumeClaim',
    spec: { volumeMode: 'Filesystem', ...t.spec },
  }));
  return spec;
}

const RECREATE = (name: string) =>
  `delete the StatefulSet but not its pods and claims (\`kubectl delete statefulset ${name} --cascade=orphan\`), then apply: ` +
  'the new StatefulSet adopts the running pods and the existing claims by their labels and names';

function compareStatefulSets(id: string, before: any, after: any, out: UpgradeFinding[]): void {
  const a = statefulSetSpec(before);
  const b = statefulSetSpec(after);
  const name = after.metadata?.name;
  const add = (level: Level, path: string, message: string, instead: string) =>
    out.push({ level, object: id, path, message, instead });
  for (const field of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (MUTABLE_STATEFULSET_FIELDS.has(field) || same(a[field], b[field])) continue;
    const rejected = `the API server rejects changing spec.${field} of an existing StatefulSet`;
    if (field === 'selector') {
      add(
        'error',
        'spec.selector',
        `changed from ${show(a.selector)} to ${show(b.selector)}: ${rejected}`,
        `keep the selector (it comes from 'appName' and 'name'); if it must change, ${RECREATE(name)} — but pods with the old labels are not adopted: delete them one by one after the new set runs, their claims are kept`,
      );
    } else if (field === 'volumeClaimTemplates') {
      add(
        'error',
        'spec.volumeClaimTemplates',
        `changed: ${rejected}`,
        `${RECREATE(name)}; existing claims are never changed by it (see the warnings for what happens to their data)`,
      );
      compareClaimTemplates(
        id,
        list(a.volumeClaimTemplates),
        list(b.volumeClaimTemplates),
        name,
        startOrdinal({ spec: a }),
        out,
      );
    } else {
      add('error', `spec.${field}`, `changed from ${show(a[field])} to ${show(b[field])}: ${rejected}`, RECREATE(name));
    }
  }
  const retention = b.persistentVolumeClaimRetentionPolicy;
  for (const when of ['whenScaled', 'whenDeleted'] as const) {
    if (retention[when] === 'Delete' && a.persistentVolumeClaimRetentionPolicy[when] !== 'Delete') {
      add(
        'warning',
        `spec.persistentVolumeClaimRetentionPolicy.${when}`,
        `is now Delete: ${when === 'whenScaled' ? 'scaling down' : 'deleting the StatefulSet'} deletes claims, and with them dynamically provisioned data`,
        'keep Retain unless the data of removed pods is disposable',
      );
    }
  }
}

function compareClaimTemplates(
  id: string,
  before: any[],
  after: any[],
  setName: string,
  firstOrdinal: number,
  out: UpgradeFinding[],
): void {
  const add = (path: string, message: string, instead: string) =>
    out.push({ level: 'warning', object: id, path, message, instead });
  before.forEach((old, i) => {
    const name = old.metadata?.name;
    const now = after.find((t) => t.metadata?.name === name);
    if (!now) {
      const renamed = after.find((t) => !before.some((o) => o.metadata?.name === t.metadata?.name))?.metadata?.name;
      const what = renamed
        ? `renamed to ${show(renamed)}: pods get new, empty claims ${renamed}-${setName}-<k>`
        : 'removed: pods no longer mount it';
      add(
        `spec.volumeClaimTemplates[${i}]`,
        `claim template ${show(name)} ${what}, and the data stays in claims ${name}-${setName}-<k>, which no pod mounts any more`,
        'keep the template name; to move the data, copy it from the old claims to the new ones before deleting the old ones',
      );
      return;
    }
    const oldSize = old.spec?.resources?.requests?.storage;
    const newSize = now.spec?.resources?.requests?.storage;
    if (oldSize !== newSize) {
      add(
        `spec.volumeClaimTemplates[${i}].spec.resources.requests.storage`,
        `claim size changed from ${show(oldSize)} to ${show(newSize)}: existing claims keep their size, only claims of new ordinals get the new one`,
        `expand each existing claim instead (\`kubectl patch pvc ${name}-${setName}-${firstOrdinal} -p '{"spec":{"resources":{"requests":{"storage":"${newSize}"}}}}'\`, if its storage class allows expansion)`,
      );
    }
    if ((old.spec?.storageClassName ?? null) !== (now.spec?.storageClassName ?? null)) {
      add(
        `spec.volumeClaimTemplates[${i}].spec.storageClassName`,
        `storage class changed from ${show(old.spec?.storageClassName)} to ${show(now.spec?.storageClassName)}: existing claims keep their volumes and class, new ordinals get the new class`,
        'migrate the data claim by claim (copy into a claim of the new class), or keep the class',
      );
    }
  });
}

function compareVolumes(id: string, before: any, after: any | undefined, out: UpgradeFinding[]): void {
  const add = (level: Level, path: string, message: string, instead: string) =>
    out.push({ level, object: id, path, message, instead });
  const a = before.spec ?? {};
  const where = a.hostPath ? ` (hostPath ${a.hostPath.path})` : '';
  const bound = a.claimRef ? `, pre-bound to claim ${a.claimRef.namespace ?? 'default'}/${a.claimRef.name}` : '';
  if (!after) {
    add(
      'warning',
      '',
      `removed from the manifests${where}${bound}: \`kubectl apply\` leaves it in the cluster, but once deleted, a claim that needs it stays Pending or binds another volume, and the data${where ? ` in ${a.hostPath.path}` : ''} is no pod's any more`,
      'keep the volume while any claim may need it; delete it (and its directory) only after its claim is gone for good',
    );
    return;
  }
  const b = after.spec ?? {};
  const sourceOf = (s: any) => Object.fromEntries(volumeSources(s).map((k) => [k, s[k]]));
  if (!same(sourceOf(a), sourceOf(b))) {
    add(
      'error',
      'spec',
      `volume source changed from ${show(sourceOf(a))} to ${show(sourceOf(b))}: the API server rejects changing the source of an existing PersistentVolume, and the pod bound to it would find other data`,
      'add a volume with a new name for the new location and move the data; or delete the claim and the volume, then re-create both (the data at the old location stays)',
    );
  }
  const refA = a.claimRef ? `${a.claimRef.namespace ?? 'default'}/${a.claimRef.name}` : undefined;
  const refB = b.claimRef ? `${b.claimRef.namespace ?? 'default'}/${b.claimRef.name}` : undefined;
  if (refA !== refB) {
    add(
      'warning',
      'spec.claimRef',
      `pre-binding moved from claim ${refA ?? '(none)'} to ${refB ?? '(none)'}: the data on it${where} would be mounted by another pod, or the volume stays bound to the old claim`,
      'keep each volume bound to the same ordinal; if a volume must change hands, delete its old claim first and check that the data may move',
    );
  }
  if ((a.storageClassName ?? '') !== (b.storageClassName ?? '')) {
    add(
      'warning',
      'spec.storageClassName',
      `changed from ${show(a.storageClassName)} to ${show(b.storageClassName)}: claims of the old class no longer bind it`,
      'change the class of the volumes and the claim template together, and only for volumes not yet bound',
    );
  }
  if ((a.persistentVolumeReclaimPolicy ?? 'Retain') !== 'Delete' && b.persistentVolumeReclaimPolicy === 'Delete') {
    add(
      'warning',
      'spec.persistentVolumeReclaimPolicy',
      'is now Delete: deleting its claim deletes the volume and its data',
      'keep Retain for data you cannot rebuild',
    );
  }
}

function compareServices(id: string, before: any, after: any, out: UpgradeFinding[]): void {
  const a = before.spec?.clusterIP;
  const b = after.spec?.clusterIP;
  if (a === b) return;
  const recreate = `delete the Service (\`kubectl delete service ${after.metadata?.name}\`) and apply again; a StatefulSet's pods lose their DNS names until it is back`;
  if (b === undefined) {
    // An update without clusterIP keeps the one the Service has (kubernetes
    // pkg/registry/core/service/storage/storage.go, patchAllocatedValues).
    if (a === 'None') {
      out.push({
        level: 'warning',
        object: id,
        path: 'spec.clusterIP',
        message: `"None" left out: the API server accepts it and keeps the Service headless, so the change is not applied (an omitted clusterIP keeps the current one)`,
        instead: `keep \`clusterIP: None\`; to give the Service a cluster IP, ${recreate}`,
      });
    }
    return;
  }
  out.push({
    level: 'error',
    object: id,
    path: 'spec.clusterIP',
    message: `changed from ${show(a)} to ${show(b)}: the API server rejects changing spec.clusterIP of an existing Service`,
    instead: recreate,
  });
}

/** Compares previously applied manifests with new ones. */
export function checkUpgrade(before: readonly Manifest[], after: readonly Manifest[]): UpgradeFinding[] {
  const out: UpgradeFinding[] = [];
  const next = new Map(after.filter((m) => m.object?.kind).map((m) => [key(m.object), m]));
  for (const m of before) {
    const o = m.object;
    if (!o?.kind) continue;
    const id = key(o);
    const nowManifest = next.get(id);
    const now = nowManifest?.object;
    const first = out.length;
    if (o.kind === 'StatefulSet') {
      if (!now) {
        out.push({
          level: 'warning',
          object: id,
          path: '',
          message: `removed from the manifests: \`kubectl apply\` leaves it running; if you delete it, its claims follow whenDeleted (${o.spec?.persistentVolumeClaimRetentionPolicy?.whenDeleted ?? 'Retain'})`,
          instead:
            'delete it explicitly when you mean to, and keep the claims (Retain) until the data is no longer needed',
        });
      } else {
        compareStatefulSets(id, o, now, out);
      }
    } else if (o.kind === 'PersistentVolume') {
      compareVolumes(id, o, now, out);
    } else if (o.kind === 'Service' && now) {
      compareServices(id, o, now, out);
    }
    const at = nowManifest ?? m;
    for (let i = first; i < out.length; i++) {
      out[i] = { ...out[i], file: at.file, index: at.index, ...(at.item !== undefined ? { item: at.item } : {}) };
    }
  }
  return out;
}

export function formatFinding(f: UpgradeFinding): string {
  return `${f.level}: ${f.object}${f.path ? `: ${f.path}` : ''}: ${f.message}\n    instead: ${f.instead}`;
}
