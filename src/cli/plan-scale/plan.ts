import { parseQuantity } from '../k8s-syntax';
import { describeVolumeSource, Manifest, startOrdinal } from '../manifests';

/**
 * A model of what the StatefulSet controller and the PersistentVolume binder do when a
 * set is scaled, computed from manifests alone:
 *
 * - the pods of a set with n replicas have the ordinals start .. start+n-1, where start is
 *   `spec.ordinals.start` (0 when unset; kubernetes `pkg/controller/statefulset`
 *   `getStartOrdinal`, `getEndOrdinal`);
 * - the controller names the claim of ordinal k from template t `<t>-<set>-<k>` and
 *   creates it when pod k is first created; it never renames or resizes one;
 * - on scale-down it removes the highest ordinals; their claims stay unless
 *   `persistentVolumeClaimRetentionPolicy.whenScaled` is Delete;
 * - a new claim binds the volume pre-bound to it (`claimRef`), else the smallest
 *   available unclaimed volume that matches class, access modes and size, else a volume
 *   provisioned dynamically when the claim names a class (or none: the cluster default),
 *   else it stays Pending; a deleted claim leaves its volume Released (Retain) or
 *   deleted (Delete), and a Released volume is never bound again by itself.
 */

export interface VolumeState {
  readonly name: string;
  /** Where the data lives: `hostPath /tmp/example/1`, `dynamic (class standard)`, ... */
  readonly where: string;
  readonly storageClassName: string;
  readonly accessModes: readonly string[];
  readonly capacity: number;
  readonly reclaimPolicy: string;
  claimRef?: { namespace: string; name: string };
  phase: 'Available' | 'Bound' | 'Released';
}

export interface PlanRow {
  /** The pod that mounts the claim, or undefined for a claim kept without a pod. */
  readonly pod?: string;
  readonly claim: string;
  readonly volume?: string;
  readonly where: string;
  readonly note: string;
}

export interface PlanStep {
  readonly replicas: number;
  readonly rows: readonly PlanRow[];
  /** Claims deleted in this step (retention Delete), with what happened to their volume. */
  readonly deleted: readonly string[];
}

export interface ScalePlan {
  readonly statefulSet: string;
  readonly namespace: string;
  readonly templates: readonly string[];
  readonly whenScaled: string;
  readonly steps: readonly PlanStep[];
}

interface ClaimState {
  readonly name: string;
  volume?: string;
  since: number;
}

const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);

function volumesOf(manifests: readonly Manifest[]): VolumeState[] {
  return manifests
    .map((m) => m.object)
    .filter((o) => o?.kind === 'PersistentVolume')
    .map((o) => ({
      name: o.metadata.name,
      where: describeVolumeSource(o.spec ?? {}),
      storageClassName: o.spec?.storageClassName ?? '',
      accessModes: list(o.spec?.accessModes),
      capacity: parseQuantity(String(o.spec?.capacity?.storage ?? '0')) ?? 0,
      reclaimPolicy: o.spec?.persistentVolumeReclaimPolicy ?? 'Retain',
      claimRef: o.spec?.claimRef
        ? { namespace: o.spec.claimRef.namespace ?? 'default', name: o.spec.claimRef.name }
        : undefined,
      phase: 'Available' as const,
    }));
}

/** The StatefulSets in the manifests, as `namespace/name`. */
export function statefulSets(manifests: readonly Manifest[]): string[] {
  return manifests
    .map((m) => m.object)
    .filter((o) => o?.kind === 'StatefulSet')
    .map((o) => `${o.metadata?.namespace ?? 'default'}/${o.metadata?.name}`);
}

/** Plans the given sequence of replica counts for one StatefulSet (`name` or `namespace/name`). */
export function planScale(manifests: readonly Manifest[], set: string, sequence: readonly number[]): ScalePlan {
  const sts = manifests
    .map((m) => m.object)
    .find(
      (o) =>
        o?.kind === 'StatefulSet' &&
        [o.metadata?.name, `${o.metadata?.namespace ?? 'default'}/${o.metadata?.name}`].includes(set),
    );
  if (!sts)
    throw new Error(
      `no StatefulSet ${JSON.stringify(set)} in the manifests (there are: ${statefulSets(manifests).join(', ') || 'none'})`,
    );
  for (const n of sequence) {
    if (!Number.isInteger(n) || n < 0)
      throw new Error(`replica counts must be non-negative integers, got ${JSON.stringify(n)}`);
  }
  const namespace: string = sts.metadata.namespace ?? 'default';
  const name: string = sts.metadata.name;
  const templates = list(sts.spec?.volumeClaimTemplates);
  const whenScaled: string = sts.spec?.persistentVolumeClaimRetentionPolicy?.whenScaled ?? 'Retain';
  const start = startOrdinal(sts);
  // Indexed, so that each pod costs the same however many there are: by name, by the
  // claim a volume is bound or pre-bound to, and the free ones (static volumes only:
  // a provisioned one is bound from the start).
  const volumes = volumesOf(manifests);
  const byName = new Map(volumes.map((v) => [v.name, v]));
  const claimKey = (ns: string, claim: string) => `${ns}/${claim}`;
  const byClaim = new Map<string, VolumeState>();
  for (const v of volumes) if (v.claimRef) byClaim.set(claimKey(v.claimRef.namespace, v.claimRef.name), v);
  let free = volumes.filter((v) => !v.claimRef).sort((a, b) => a.capacity - b.capacity || a.name.localeCompare(b.name));
  const claims = new Map<string, ClaimState>();
  let running = 0;
  let dynamicCount = 0;

  function bind(claimName: string, template: any): { volume?: string; note: string } {
    const spec = template.spec ?? {};
    const cls: string | undefined = spec.storageClassName;
    const modes = list(spec.accessModes);
    const request = parseQuantity(String(spec.resources?.requests?.storage ?? '0')) ?? 0;
    const fits = (v: VolumeState) =>
      v.storageClassName === (cls ?? '') && modes.every((m) => v.accessModes.includes(m)) && v.capacity >= request;
    const preBound = byClaim.get(claimKey(namespace, claimName));
    if (preBound) {
      if (preBound.phase !== 'Available')
        return { note: `Pending: its pre-bound volume ${preBound.name} is ${preBound.phase}` };
      if (!fits(preBound)) return { note: `Pending: its pre-bound volume ${preBound.name} does not match the claim` };
      preBound.phase = 'Bound';
      return { volume: preBound.name, note: 'new claim, bound to the volume pre-bound to it' };
    }
    const match = free.find((v) => v.phase === 'Available' && fits(v));
    if (match) {
      match.phase = 'Bound';
      match.claimRef = { namespace, name: claimName };
      byClaim.set(claimKey(namespace, claimName), match);
      free = free.filter((v) => v !== match);
      return { volume: match.name, note: 'new claim, bound to a free matching volume (the binder picks it)' };
    }
    if (cls !== '') {
      const v: VolumeState = {
        name: `pvc-${++dynamicCount}`,
        where: `dynamic (${cls === undefined ? 'default class' : `class ${cls}`})`,
        storageClassName: cls ?? '',
        accessModes: modes,
        capacity: request,
        reclaimPolicy: 'Delete',
        claimRef: { namespace, name: claimName },
        phase: 'Bound',
      };
      byName.set(v.name, v);
      byClaim.set(claimKey(namespace, claimName), v);
      return { volume: v.name, note: 'new claim, volume provisioned dynamically (new and empty)' };
    }
    return { note: 'Pending: no volume matches and the class "" provisions none' };
  }

  const steps: PlanStep[] = [];
  sequence.forEach((replicas, stepIndex) => {
    const deleted: string[] = [];
    const notes = new Map<string, string>();
    // Scale down: the highest ordinals go first; their claims follow whenScaled.
    for (let k = start + running - 1; k >= start + replicas; k--) {
      for (const t of templates) {
        const claimName = `${t.metadata?.name}-${name}-${k}`;
        const claim = claims.get(claimName);
        if (!claim || whenScaled !== 'Delete') continue;
        claims.delete(claimName);
        const v = claim.volume !== undefined ? byName.get(claim.volume) : undefined;
        if (v?.reclaimPolicy === 'Delete') {
          byName.delete(v.name);
          if (byClaim.get(claimKey(namespace, claimName)) === v) byClaim.delete(claimKey(namespace, claimName));
          deleted.push(`${claimName} (its volume ${v.name} and the data on it deleted)`);
        } else {
          if (v) v.phase = 'Released';
          deleted.push(`${claimName} (its volume ${v?.name ?? '-'} Released: data kept, not bound again by itself)`);
        }
      }
    }
    // Scale up (or stay): every ordinal below replicas has its pod and claims.
    for (let k = start; k < start + replicas; k++) {
      for (const t of templates) {
        const claimName = `${t.metadata?.name}-${name}-${k}`;
        const existing = claims.get(claimName);
        if (existing) {
          notes.set(
            claimName,
            k < start + running
              ? 'same claim as before'
              : `kept claim mounted again (made in step ${existing.since}): its old data`,
          );
          continue;
        }
        const result = bind(claimName, t);
        claims.set(claimName, { name: claimName, volume: result.volume, since: stepIndex + 1 });
        notes.set(claimName, result.note);
      }
    }
    running = replicas;
    const rows: PlanRow[] = [];
    let maxOrdinal = start + replicas - 1;
    for (const c of claims.keys()) maxOrdinal = Math.max(maxOrdinal, Number(c.slice(c.lastIndexOf('-') + 1)));
    for (let k = start; k <= maxOrdinal; k++) {
      for (const t of templates) {
        const claimName = `${t.metadata?.name}-${name}-${k}`;
        const claim = claims.get(claimName);
        if (!claim) continue;
        const v = claim.volume !== undefined ? byName.get(claim.volume) : undefined;
        rows.push({
          pod: k < start + replicas ? `${name}-${k}` : undefined,
          claim: claimName,
          volume: claim.volume,
          where: v?.where ?? '-',
          note: k < start + replicas ? notes.get(claimName)! : `kept (whenScaled ${whenScaled}), not mounted`,
        });
      }
    }
    steps.push({ replicas, rows, deleted });
  });
  return { statefulSet: name, namespace, templates: templates.map((t) => t.metadata?.name), whenScaled, steps };
}

/** The plan as a table. */
export function formatPlan(plan: ScalePlan): string {
  const lines = [
    `StatefulSet ${plan.namespace}/${plan.statefulSet}: claim templates ${plan.templates.join(', ')}; claims on scale-down: ${plan.whenScaled}`,
  ];
  const header = ['step', 'replicas', 'pod', 'claim', 'volume', 'where', 'what happens'];
  const table: string[][] = [];
  plan.steps.forEach((step, i) => {
    if (step.rows.length === 0)
      table.push([String(i + 1), String(step.replicas), '-', '-', '-', '-', 'no pod, no claim']);
    step.rows.forEach((r, j) =>
      table.push([
        j === 0 ? String(i + 1) : '',
        j === 0 ? String(step.replicas) : '',
        r.pod ?? '-',
        r.claim,
        r.volume ?? '-',
        r.where,
        r.note,
      ]),
    );
    for (const d of step.deleted) table.push(['', '', '-', d, '', '', 'claim deleted (whenScaled Delete)']);
  });
  const widths = header.map((h, c) => Math.max(h.length, ...table.map((row) => row[c].length)));
  const render = (row: string[]) =>
    row
      .map((cell, c) => (c === row.length - 1 ? cell : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  lines.push(render(header), ...table.map(render));
  const deleted = plan.steps.flatMap((s) => s.deleted);
  lines.push(deleted.length === 0 ? 'No claim is deleted.' : `Claims deleted: ${deleted.length}.`);
  return lines.join('\n');
}
