import {
  HostPathVolumeType,
  PersistentVolumeAccessMode,
  PersistentVolumeMode,
  PersistentVolumeReclaimPolicy,
} from '../core/enums';
import type * as k8s from '../../imports/k8s';
import type { Wire } from '../core/wire';
import {
  checkAbsolutePath,
  checkDnsLabel,
  checkDnsSubdomain,
  checkInteger,
  checkLabels,
  checkRelativePath,
  checkString,
  entriesOf,
} from '../core/checks';
import type { ClaimFact } from '../core/facts';
import { claimName, podName } from '../core/names';
import { checkPattern, expandOrdinal } from '../core/ordinal-pattern';
import { Problems, checkUnique, show } from '../core/problems';
import { propNames } from '../core/prop-names';
import { checkBoolean, enumValue, isInstance, listOf, sizeQuantity, structOf } from '../core/values';
import {
  CsiVolumeSourceProps,
  LocalVolumeSourceProps,
  NfsVolumeSourceProps,
  PersistentVolumeSource,
  PersistentVolumeSourceSpec,
} from './persistent-volume-source';
import {
  ClaimOptions,
  HostPathStorageProps,
  PreMadeStorageProps,
  PreMadeVolumeOptions,
  Storage,
  StorageOptions,
  StorageSpec,
} from './storage';

type PersistentVolumeSpec = Wire<k8s.PersistentVolumeSpec>;
type VolumeNodeAffinity = Wire<k8s.VolumeNodeAffinity>;

/** The source fields of a PersistentVolume (exactly one of them is set). */
export type VolumeSource = Pick<PersistentVolumeSpec, 'hostPath' | 'nfs' | 'csi' | 'local'>;

/** A pre-made PersistentVolume, pre-bound to the claim of one ordinal. */
export interface VolumeSettings {
  readonly ordinal: number;
  readonly name: string;
  readonly claimName: string;
  readonly source: VolumeSource;
  readonly nodeAffinity?: VolumeNodeAffinity;
}

/** One claim template, and the volumes made for it. */
export interface ClaimSettings extends ClaimFact {
  readonly labels?: Readonly<Record<string, string>>;
  readonly size: string;
  readonly accessModes: readonly string[];
  readonly storageClassName?: string;
  readonly volumes: readonly VolumeSettings[];
  readonly reclaimPolicy: string;
  readonly mountOptions?: readonly string[];
}

export interface StorageContext {
  readonly statefulSetName: string;
  readonly replicas?: number;
  readonly ordinalsStart: number;
}

export const STORAGE_OPTIONS_PROPS = propNames<StorageOptions>({ storage: true });
const CLAIM_PROPS = propNames<ClaimOptions>({
  name: true,
  size: true,
  mountPath: true,
  subPath: true,
  readOnly: true,
  accessModes: true,
  storageClassName: true,
  volumeMode: true,
  labels: true,
});
const PRE_MADE_VOLUME_PROPS = propNames<PreMadeVolumeOptions>({
  count: true,
  volumeName: true,
  provisionBeyondCount: true,
});
const STORAGE_PROPS = {
  dynamic: CLAIM_PROPS,
  hostPath: propNames<HostPathStorageProps>({
    ...CLAIM_PROPS,
    ...PRE_MADE_VOLUME_PROPS,
    path: true,
    hostPathType: true,
  }),
  preMade: propNames<PreMadeStorageProps>({
    ...CLAIM_PROPS,
    ...PRE_MADE_VOLUME_PROPS,
    source: true,
    mountOptions: true,
    reclaimPolicy: true,
  }),
};
const SOURCE_PROPS = {
  nfs: propNames<NfsVolumeSourceProps>({ server: true, path: true, readOnly: true }),
  csi: propNames<CsiVolumeSourceProps>({
    driver: true,
    volumeHandle: true,
    fsType: true,
    readOnly: true,
    volumeAttributes: true,
  }),
  local: propNames<LocalVolumeSourceProps>({ path: true, nodeName: true, fsType: true }),
};

export function resolveStorage(given: unknown, ctx: StorageContext, p: Problems): ClaimSettings[] {
  const list = listOf<Storage>('storage', given, p);
  // `[]` is a choice (a set for its stable names alone: message servers, caches); left out, it
  // is more likely forgotten than meant.
  if (given === undefined) {
    p.add(
      `'storage' must list the per-pod volumes (Storage.dynamic(...), .hostPath(...) or .preMade(...)), or be [] for a set without claim templates, got undefined`,
    );
  }
  const claims = list.flatMap((s, i) => {
    const prop = `storage[${i}]`;
    if (!isInstance(prop, s, Storage, 'Storage.dynamic(...), Storage.hostPath(...) or Storage.preMade(...)', p))
      return [];
    return [resolveClaim(prop, s._spec, ctx, p)];
  });
  checkUnique(
    'storage',
    'name',
    claims.map((c) => c.name),
    p,
  );
  checkUnique(
    'storage',
    'mountPath',
    claims.flatMap((c) => (c.mountPath ? [c.mountPath] : [])),
    p,
  );
  checkUnique(
    'storage',
    'PersistentVolume name',
    claims.flatMap((c) => c.volumes.map((v) => v.name)),
    p,
  );
  return claims;
}

function resolveClaim(prop: string, s: StorageSpec, ctx: StorageContext, p: Problems): ClaimSettings {
  const o: Partial<ClaimOptions> = structOf(prop, s.props, p, STORAGE_PROPS[s.kind]);
  const name = o.name ?? 'data';
  p.check(checkDnsLabel(`${prop}.name`, name));
  const size = sizeQuantity(`${prop}.size`, o.size, p) ?? '1';
  if (o.mountPath !== undefined) p.check(checkAbsolutePath(`${prop}.mountPath`, o.mountPath));
  if (o.subPath !== undefined) {
    p.check(checkRelativePath(`${prop}.subPath`, o.subPath));
    if (o.mountPath === undefined) p.add(`'${prop}.subPath' applies to 'mountPath', which is not given`);
  }
  const readOnly = checkBoolean(`${prop}.readOnly`, o.readOnly, p) ?? false;
  const accessModes = (
    o.accessModes === undefined
      ? [PersistentVolumeAccessMode.READ_WRITE_ONCE]
      : listOf<string>(`${prop}.accessModes`, o.accessModes, p)
  ).flatMap((m, k) => {
    const v = enumValue(`${prop}.accessModes[${k}]`, m, 'PersistentVolumeAccessMode', PersistentVolumeAccessMode, p);
    return v ? [v] : [];
  });
  if (o.accessModes !== undefined && Array.isArray(o.accessModes) && o.accessModes.length === 0) {
    p.add(`'${prop}.accessModes' must name at least one access mode, got []`);
  }
  // validation.go: ValidatePersistentVolumeClaimSpec: ReadWriteOncePod stands alone.
  if (accessModes.includes(PersistentVolumeAccessMode.READ_WRITE_ONCE_POD) && accessModes.length > 1) {
    p.add(`'${prop}.accessModes' cannot combine READ_WRITE_ONCE_POD with other modes, got ${show(accessModes)}`);
  }
  checkUnique(`${prop}.accessModes`, 'mode', accessModes, p);
  const volumeMode =
    o.volumeMode === undefined
      ? PersistentVolumeMode.FILE_SYSTEM
      : enumValue(`${prop}.volumeMode`, o.volumeMode, 'PersistentVolumeMode', PersistentVolumeMode, p);
  const block = volumeMode === PersistentVolumeMode.BLOCK;
  // The kubelet maps a Block volume only from a plugin that makes block devices: a hostPath
  // volume is a directory, and the pods would stay in ContainerCreating (the API server accepts it).
  if (block && s.kind === 'hostPath') {
    p.add(
      `'${prop}.volumeMode' must not be PersistentVolumeMode.BLOCK for Storage.hostPath(...): a hostPath volume is a directory of the node, which the kubelet cannot hand over as a block device (the pods would stay in ContainerCreating); use Storage.preMade(...) with PersistentVolumeSource.local(...) or .csi(...), or Storage.dynamic(...) with a class that provisions block devices`,
    );
  }
  if (block && (o.subPath !== undefined || o.readOnly !== undefined)) {
    p.add(`'${prop}' is a Block volume, handed over as a device at 'mountPath': 'subPath' and 'readOnly' do not apply`);
  }

  let storageClassName = o.storageClassName;
  if (storageClassName !== undefined && storageClassName !== '')
    p.check(checkDnsSubdomain(`${prop}.storageClassName`, storageClassName));
  const preMade = s.kind !== 'dynamic';
  // Pre-made volumes bind only claims of their own class; "" means no dynamic provisioning at all.
  if (preMade && storageClassName === undefined) storageClassName = '';

  let volumes: VolumeSettings[] = [];
  let reclaimPolicy: string = PersistentVolumeReclaimPolicy.RETAIN;
  let mountOptions: string[] | undefined;
  if (s.kind !== 'dynamic') {
    const pre: Partial<PreMadeVolumeOptions> = s.props;
    // At least one volume, also for a set made with 0 replicas (it is scaled up later).
    const count = pre.count ?? Math.max(ctx.replicas ?? 1, 1);
    const beyond = checkBoolean(`${prop}.provisionBeyondCount`, pre.provisionBeyondCount, p) ?? false;
    if (p.check(checkInteger(`${prop}.count`, count, 1, 10_000))) {
      if (ctx.replicas !== undefined && count < ctx.replicas && !beyond) {
        p.add(
          `'${prop}.count' (${count}) must be at least 'replicas' (${ctx.replicas}): ` +
            `the claim of pod ${podName(ctx.statefulSetName, ctx.ordinalsStart + count)} would have no volume to bind; ` +
            `make more volumes, or set '${prop}.provisionBeyondCount' to provision the rest dynamically`,
        );
      }
      if (beyond && !storageClassName) {
        p.add(
          `'${prop}.provisionBeyondCount' needs '${prop}.storageClassName' to name a class with a provisioner, got ${show(storageClassName ?? '')}`,
        );
      }
      volumes = makeVolumes(prop, name, s, count, ctx, p);
    }
    if (s.kind === 'preMade') {
      if (s.props.reclaimPolicy !== undefined)
        reclaimPolicy =
          enumValue(
            `${prop}.reclaimPolicy`,
            s.props.reclaimPolicy,
            'PersistentVolumeReclaimPolicy',
            PersistentVolumeReclaimPolicy,
            p,
          ) ?? reclaimPolicy;
      mountOptions = listOf<string>(`${prop}.mountOptions`, s.props.mountOptions, p);
      mountOptions.forEach((m, k) => p.check(checkString(`${prop}.mountOptions[${k}]`, m)));
      if (mountOptions.length === 0) mountOptions = undefined;
    }
  }
  const labels = Object.fromEntries(checkLabels(`${prop}.labels`, o.labels, (m) => p.add(m)));
  return {
    name,
    labels: Object.keys(labels).length > 0 ? labels : undefined,
    size,
    mountPath: o.mountPath,
    subPath: o.subPath,
    readOnly,
    block,
    accessModes,
    storageClassName,
    volumes,
    reclaimPolicy,
    mountOptions,
  };
}

function makeVolumes(
  prop: string,
  name: string,
  s: Exclude<StorageSpec, { kind: 'dynamic' }>,
  count: number,
  ctx: StorageContext,
  p: Problems,
): VolumeSettings[] {
  const pre = s.props;
  const namePattern = pre.volumeName ?? `${name}-${ctx.statefulSetName}-{ordinal}`;
  if (pre.volumeName !== undefined && !checkPattern(`${prop}.volumeName`, pre.volumeName, count, p)) return [];
  let source: (ordinal: number) => { source: VolumeSource; nodeAffinity?: VolumeNodeAffinity } | undefined;
  if (s.kind === 'hostPath') {
    const hostPath = s.props;
    const type =
      hostPath.hostPathType === undefined
        ? undefined
        : enumValue(`${prop}.hostPathType`, hostPath.hostPathType, 'HostPathVolumeType', HostPathVolumeType, p);
    if (!checkPattern(`${prop}.path`, hostPath.path, count, p)) return [];
    source = (k) => {
      const path = expandOrdinal(hostPath.path, k);
      return p.check(checkAbsolutePath(`${prop}.path (ordinal ${k})`, path))
        ? { source: { hostPath: { path, type: type || undefined } } }
        : undefined;
    };
  } else {
    const given = s.props.source;
    if (
      !isInstance(
        `${prop}.source`,
        given,
        PersistentVolumeSource,
        'PersistentVolumeSource.nfs(...), .csi(...) or .local(...)',
        p,
      )
    )
      return [];
    const resolved = resolveSource(`${prop}.source`, given._spec, p);
    if (!resolved) return [];
    source = resolved;
  }
  const volumes: VolumeSettings[] = [];
  for (let k = ctx.ordinalsStart; k < ctx.ordinalsStart + count; k++) {
    const volumeName = expandOrdinal(namePattern, k);
    if (!p.check(checkDnsSubdomain(`${prop}.volumeName (ordinal ${k})`, volumeName))) continue;
    const src = source(k);
    if (!src) continue;
    volumes.push({ ordinal: k, name: volumeName, claimName: claimName(name, ctx.statefulSetName, k), ...src });
  }
  checkUnique(
    `${prop}.volumeName`,
    'volume name (each ordinal needs its own)',
    volumes.map((v) => v.name),
    p,
  );
  if (s.kind === 'hostPath') {
    checkUnique(
      `${prop}.path`,
      'directory (each ordinal needs its own)',
      volumes.map((v) => v.source.hostPath!.path),
      p,
    );
  } else {
    // Two volumes on one export or disk would be two pods writing one directory.
    checkUnique(
      `${prop}.source`,
      'volume source (put {ordinal} into its path or handle, so that each ordinal gets its own)',
      volumes.map((v) => JSON.stringify([v.source, v.nodeAffinity])),
      p,
    );
  }
  return volumes;
}

function resolveSource(
  prop: string,
  src: PersistentVolumeSourceSpec,
  p: Problems,
): ((ordinal: number) => { source: VolumeSource; nodeAffinity?: VolumeNodeAffinity }) | undefined {
  structOf<object>(prop, src.props, p, SOURCE_PROPS[src.kind]);
  // Any of the fields may vary by ordinal; that the volumes differ is checked once they are made.
  const pattern = (field: string, value: string) => checkPattern(`${prop}.${field}`, value, 1, p);
  switch (src.kind) {
    case 'nfs': {
      const a = src.props;
      const readOnly = checkBoolean(`${prop}.readOnly`, a.readOnly, p);
      if (!pattern('server', a.server) || !pattern('path', a.path)) return undefined;
      return (k) => {
        const path = expandOrdinal(a.path, k);
        p.check(checkAbsolutePath(`${prop}.path (ordinal ${k})`, path));
        return { source: { nfs: { server: expandOrdinal(a.server, k), path, readOnly } } };
      };
    }
    case 'csi': {
      const a = src.props;
      const readOnly = checkBoolean(`${prop}.readOnly`, a.readOnly, p);
      if (
        !p.check(checkDnsSubdomain(`${prop}.driver`, a.driver)) ||
        !checkPattern(`${prop}.volumeHandle`, a.volumeHandle, 1, p)
      )
        return undefined;
      const attributes = Object.fromEntries(entriesOf(`${prop}.volumeAttributes`, a.volumeAttributes, (m) => p.add(m)));
      if (a.fsType !== undefined) p.check(checkString(`${prop}.fsType`, a.fsType));
      return (k) => ({
        source: {
          csi: {
            driver: a.driver,
            volumeHandle: expandOrdinal(a.volumeHandle, k),
            fsType: a.fsType,
            readOnly,
            volumeAttributes: Object.keys(attributes).length > 0 ? attributes : undefined,
          },
        },
      });
    }
    case 'local': {
      const a = src.props;
      // validation.go: ValidatePersistentVolumeSpec: a local volume needs node affinity.
      if (!pattern('path', a.path) || !pattern('nodeName', a.nodeName)) return undefined;
      if (a.fsType !== undefined) p.check(checkString(`${prop}.fsType`, a.fsType));
      return (k) => {
        const path = expandOrdinal(a.path, k);
        const node = expandOrdinal(a.nodeName, k);
        p.check(checkAbsolutePath(`${prop}.path (ordinal ${k})`, path));
        p.check(checkDnsSubdomain(`${prop}.nodeName (ordinal ${k})`, node));
        return {
          source: { local: { path, fsType: a.fsType } },
          nodeAffinity: {
            required: {
              nodeSelectorTerms: [
                { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] },
              ],
            },
          },
        };
      };
    }
  }
}
