import type { VolumeNodeAffinity } from '../imports/k8s';
import { claimName, podName } from './labels';
import type { Problems } from './problems';
import type {
  AccessMode,
  HostPathType,
  PersistentVolumeSource,
  StorageProps,
  VolumeMode,
} from './stateful-service-props';
import {
  checkAbsolutePath,
  checkDnsLabel,
  checkDnsSubdomain,
  checkInteger,
  checkOneOf,
  checkStorageSize,
  show,
} from './validation';

/** A pre-made PersistentVolume, bound to the claim of one ordinal. */
export interface VolumeSettings {
  readonly ordinal: number;
  readonly name: string;
  readonly claimName: string;
  readonly source: PersistentVolumeSource;
  readonly nodeAffinity?: VolumeNodeAffinity;
}

/** One claim template, and the volumes made for it. */
export interface StorageSettings {
  readonly name: string;
  readonly size: string;
  readonly mountPath: string;
  readonly accessModes: readonly AccessMode[];
  readonly storageClassName?: string;
  readonly volumeMode: VolumeMode;
  readonly volumes: readonly VolumeSettings[];
  readonly reclaimPolicy: 'Retain' | 'Delete';
  readonly mountOptions?: readonly string[];
}

const ACCESS_MODES: readonly AccessMode[] = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];
const VOLUME_MODES: readonly VolumeMode[] = ['Filesystem', 'Block'];
const HOST_PATH_TYPES: readonly HostPathType[] = [
  '',
  'DirectoryOrCreate',
  'Directory',
  'FileOrCreate',
  'File',
  'Socket',
  'CharDevice',
  'BlockDevice',
];
/** Names the pod itself uses: a claim template may not take them. */
const RESERVED = { volume: 'tmp', mountPath: '/tmp' };

/** Validates the `storage` prop (one entry or several) and resolves its defaults. */
export function resolveStorage(
  given: StorageProps | readonly StorageProps[] | undefined,
  set: { name: string; replicas?: number; tmpMounted: boolean },
  p: Problems,
): StorageSettings[] {
  if (
    given === undefined ||
    given === null ||
    typeof given !== 'object' ||
    (Array.isArray(given) && given.length === 0)
  ) {
    p.add(`'storage' must be an object with 'size' and 'mountPath' (or a non-empty list of them), got ${show(given)}`);
    return [];
  }
  const many = Array.isArray(given);
  const list: readonly StorageProps[] = many ? given : [given as StorageProps];
  const storages = list.map((s, i) => resolveOne(s, many ? `storage[${i}]` : 'storage', set, p));
  for (const [what, values] of [
    ['name', storages.map((s) => s.name)],
    ['mountPath', storages.map((s) => s.mountPath)],
  ] as const) {
    const dup = values.find((v, i) => values.indexOf(v) !== i);
    if (dup !== undefined)
      p.add(`'storage' entries must have different '${what}' values, ${show(dup)} is used more than once`);
  }
  return storages;
}

function resolveOne(
  s: StorageProps,
  prop: string,
  set: { name: string; replicas?: number; tmpMounted: boolean },
  p: Problems,
): StorageSettings {
  if (typeof s !== 'object' || s === null) {
    p.add(`'${prop}' must be an object with 'size' and 'mountPath', got ${show(s)}`);
    return {
      name: 'data',
      size: '1',
      mountPath: '/',
      accessModes: [],
      volumeMode: 'Filesystem',
      volumes: [],
      reclaimPolicy: 'Retain',
    };
  }
  const name = s.name ?? 'data';
  if (p.check(checkDnsLabel(`${prop}.name`, name)) && set.tmpMounted && name === RESERVED.volume) {
    p.add(`'${prop}.name' must not be "tmp": the pod's writable /tmp volume has that name`);
  }
  p.check(checkStorageSize(`${prop}.size`, s.size));
  if (
    p.check(checkAbsolutePath(`${prop}.mountPath`, s.mountPath)) &&
    set.tmpMounted &&
    s.mountPath === RESERVED.mountPath
  ) {
    p.add(
      `'${prop}.mountPath' must not be "/tmp" while the root filesystem is read-only: the pod mounts its writable /tmp there`,
    );
  }
  const accessModes = s.accessModes ?? ['ReadWriteOnce'];
  if (!Array.isArray(accessModes) || accessModes.length === 0) {
    p.add(`'${prop}.accessModes' must name at least one access mode, got ${show(accessModes)}`);
  } else {
    accessModes.forEach((m) => p.check(checkOneOf(`${prop}.accessModes`, m, ACCESS_MODES)));
    if (accessModes.includes('ReadWriteOncePod') && accessModes.length > 1) {
      p.add(`'${prop}.accessModes' cannot combine "ReadWriteOncePod" with other modes, got ${show(accessModes)}`);
    }
  }
  const volumeMode = s.volumeMode ?? 'Filesystem';
  p.check(checkOneOf(`${prop}.volumeMode`, volumeMode, VOLUME_MODES));

  if (s.hostPathVolumes !== undefined && s.preMadeVolumes !== undefined) {
    p.add(`'${prop}.hostPathVolumes' and '${prop}.preMadeVolumes' are exclusive: give one kind of pre-made volumes`);
  }
  const hp = s.hostPathVolumes;
  const pre = s.preMadeVolumes ?? hp;
  const preProp = s.hostPathVolumes !== undefined ? `${prop}.hostPathVolumes` : `${prop}.preMadeVolumes`;

  let storageClassName = s.storageClassName;
  if (storageClassName !== undefined && storageClassName !== '')
    p.check(checkDnsSubdomain(`${prop}.storageClassName`, storageClassName));
  // Pre-made volumes bind only claims of their own class; "" means no dynamic provisioning at all.
  if (pre !== undefined && storageClassName === undefined) storageClassName = '';

  const volumes: VolumeSettings[] = [];
  if (pre !== undefined) {
    const sourceOf = hp ? (k: number) => ({ hostPath: { path: hp.path(k), type: hp.type } }) : s.preMadeVolumes?.source;
    const count = pre.count ?? set.replicas ?? 1;
    if (p.check(checkInteger(`${preProp}.count`, count, 1, 10_000))) {
      if (set.replicas !== undefined && count < set.replicas && pre.provisionBeyondCount !== true) {
        p.add(
          `'${preProp}.count' (${count}) must be at least 'replicas' (${set.replicas}): ` +
            `the claim of pod ${podName(set.name, count)} would have no volume to bind; ` +
            `make more volumes, or set '${preProp}.provisionBeyondCount' to provision the rest dynamically`,
        );
      }
      if (pre.provisionBeyondCount === true && !storageClassName) {
        p.add(
          `'${preProp}.provisionBeyondCount' needs '${prop}.storageClassName' to name a class with a provisioner, got ${show(storageClassName ?? '')}`,
        );
      }
      const fn = hp ? 'path' : 'source';
      if (typeof (hp ? hp.path : s.preMadeVolumes?.source) !== 'function') {
        p.add(
          `'${preProp}.${fn}' must be a function from ordinal to ${hp ? 'directory' : 'volume source'}, got ${show(hp ? hp.path : s.preMadeVolumes?.source)}`,
        );
      } else if (pre.name !== undefined && typeof pre.name !== 'function') {
        p.add(`'${preProp}.name' must be a function from ordinal to volume name, got ${show(pre.name)}`);
      } else {
        for (let ordinal = 0; ordinal < count; ordinal++) {
          const claim = claimName(name, set.name, ordinal);
          const volumeName = pre.name ? pre.name(ordinal) : claim;
          const source = sourceOf!(ordinal);
          p.check(checkDnsSubdomain(`${preProp}.name(${ordinal})`, volumeName));
          if (hp) p.check(checkAbsolutePath(`${preProp}.path(${ordinal})`, source.hostPath?.path));
          else checkSource(`${preProp}.source(${ordinal})`, source, p);
          volumes.push({
            ordinal,
            name: volumeName,
            claimName: claim,
            source,
            nodeAffinity: s.preMadeVolumes?.nodeAffinity?.(ordinal),
          });
        }
        duplicates(
          `${preProp}.name`,
          volumes.map((v) => v.name),
          p,
        );
        if (hp)
          duplicates(
            `${preProp}.path`,
            volumes.map((v) => v.source.hostPath!.path),
            p,
          );
      }
    }
    if (hp?.type !== undefined) p.check(checkOneOf(`${preProp}.type`, hp.type, HOST_PATH_TYPES));
    if (s.preMadeVolumes?.reclaimPolicy !== undefined)
      p.check(checkOneOf(`${preProp}.reclaimPolicy`, s.preMadeVolumes.reclaimPolicy, ['Retain', 'Delete']));
  }
  return {
    name,
    size: s.size,
    mountPath: s.mountPath,
    accessModes: Array.isArray(accessModes) ? [...accessModes] : [],
    storageClassName,
    volumeMode,
    volumes,
    reclaimPolicy: s.preMadeVolumes?.reclaimPolicy ?? 'Retain',
    mountOptions: s.preMadeVolumes?.mountOptions,
  };
}

function checkSource(prop: string, source: unknown, p: Problems): void {
  const keys =
    source && typeof source === 'object'
      ? Object.entries(source)
          .filter(([, v]) => v !== undefined)
          .map(([k]) => k)
      : [];
  if (keys.length !== 1) {
    p.add(
      `'${prop}' must give exactly one volume source (such as { nfs: {...} } or { csi: {...} }), got ${keys.length === 0 ? show(source) : keys.join(', ')}`,
    );
  }
}

function duplicates(prop: string, values: string[], p: Problems): void {
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const v of values) (seen.has(v) ? dups : seen).add(v);
  for (const d of dups) p.add(`'${prop}' must give each ordinal its own value, ${show(d)} is used more than once`);
}
