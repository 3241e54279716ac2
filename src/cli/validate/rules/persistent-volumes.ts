import { isDnsLabel, isDnsSubdomain, hasBackstep, normalizeMountPath, parseQuantity } from '../../k8s-syntax';
import { Manifest, Problem, problemAt, volumeSources } from '../../manifests';
import { Ctx, isObject, list, oneOf, RULES, show } from './context';
import { checkLabelSelector } from './labels';
import { checkTemplateMeta, mustBe } from './metadata';
import { checkQuantity, checkWholeBytes } from './resources';
import { checkNodeSelector } from './scheduling';
import { checkCsiDriver, checkHostPath, checkNfs } from './volumes';

const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];
const VOLUME_MODES = ['Filesystem', 'Block'];
const RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'];

// validation.go: ValidatePersistentVolumeSpec and ValidatePersistentVolumeClaimSpec (access
// modes: at least one, known, ReadWriteOncePod alone).
function checkAccessModes(ctx: Ctx, path: string, modes: unknown, rule: 'persistent-volume' | 'claim'): void {
  const all = list(modes);
  if (all.length === 0) ctx.report(path, 'must name at least one access mode', rule);
  all.forEach((m, i) => {
    if (!ACCESS_MODES.includes(m)) ctx.report(`${path}[${i}]`, `must be ${oneOf(ACCESS_MODES)}, got ${show(m)}`, rule);
  });
  if (all.includes('ReadWriteOncePod') && all.some((m) => m !== 'ReadWriteOncePod' && ACCESS_MODES.includes(m))) {
    ctx.report(path, 'may not combine "ReadWriteOncePod" with other access modes', rule);
  }
}

function checkEnum(
  ctx: Ctx,
  path: string,
  value: unknown,
  allowed: readonly string[],
  rule: 'persistent-volume' | 'claim',
): void {
  if (value !== undefined && !allowed.includes(value as string))
    ctx.report(path, `must be ${oneOf(allowed)}, got ${show(value)}`, rule);
}

/** A PersistentVolumeClaim spec, of a claim, a StatefulSet claim template or an ephemeral volume. */
// validation.go: ValidatePersistentVolumeClaimSpec, validateDataSource.
export function checkClaimSpec(ctx: Ctx, path: string, spec: unknown): void {
  if (!isObject(spec)) return;
  checkAccessModes(ctx, `${path}.accessModes`, spec.accessModes, 'claim');
  checkLabelSelector(ctx, `${path}.selector`, spec.selector);
  const storage = spec.resources?.requests?.storage;
  const at = `${path}.resources.requests.storage`;
  if (storage === undefined) ctx.report(at, 'is required: a claim must request its size', 'claim');
  else checkWholeBytes(ctx, at, storage, checkQuantity(ctx, at, storage, true));
  const cls = spec.storageClassName;
  if (cls !== undefined && cls !== null && cls !== '' && !isDnsSubdomain(cls)) {
    ctx.report(`${path}.storageClassName`, `must name a StorageClass: ${mustBe.subdomain(cls)}`, 'claim');
  }
  checkEnum(ctx, `${path}.volumeMode`, spec.volumeMode, VOLUME_MODES, 'claim');
  for (const field of ['dataSource', 'dataSourceRef']) {
    const ref = spec[field];
    if (!isObject(ref)) continue;
    if (!ref.name) ctx.report(`${path}.${field}.name`, 'is required', 'claim');
    if (!ref.apiGroup && ref.kind !== 'PersistentVolumeClaim') {
      ctx.report(
        `${path}.${field}.kind`,
        `must be "PersistentVolumeClaim" when apiGroup is empty, got ${show(ref.kind)}`,
        'claim',
      );
    }
  }
}

/** A StatefulSet's volumeClaimTemplates; returns their names. */
// The controller makes claims <template>-<set>-<ordinal> (PersistentVolumeClaim validation)
// and mounts them as pod volumes named after the template (ValidateVolumes: DNS labels).
export function checkClaimTemplates(ctx: Ctx, templates: unknown): string[] {
  const names: string[] = [];
  list(templates).forEach((t, i) => {
    const at = `spec.volumeClaimTemplates[${i}]`;
    const name = t?.metadata?.name;
    if (!isDnsLabel(name))
      ctx.report(
        `${at}.metadata.name`,
        `must be a DNS label (it names a pod volume), got ${show(name)}`,
        'claim-template',
      );
    else if (names.includes(name))
      // Accepted: the controller makes the pods with two volumes of one name, which are refused.
      ctx.report(`${at}.metadata.name`, `duplicate claim template ${show(name)}`, 'claim-template', 'runtime');
    names.push(name);
    checkTemplateMeta(ctx, `${at}.metadata`, t?.metadata);
    checkClaimSpec(ctx, `${at}.spec`, t?.spec);
  });
  return names;
}

// pv_validation.go: checkMountOption (the sources whose plugins take mount options).
const MOUNT_OPTION_SOURCES = [
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'glusterfs',
  'nfs',
  'rbd',
  'quobyte',
  'iscsi',
  'cinder',
  'cephfs',
  'azureFile',
  'vsphereVolume',
  'azureDisk',
  'photonPersistentDisk',
];
const MOUNT_OPTIONS_ANNOTATION = 'volume.beta.kubernetes.io/mount-options';

/** A PersistentVolume. */
// validation.go: ValidatePersistentVolumeSpec, validateLocalVolumeSource,
// validateVolumeNodeAffinity, validateCSIPersistentVolumeSource; pv_validation.go.
export function checkPersistentVolume(ctx: Ctx, pv: Record<string, any>): void {
  const spec = pv.spec;
  if (!isObject(spec)) return;
  checkAccessModes(ctx, 'spec.accessModes', spec.accessModes, 'persistent-volume');
  const capacity = isObject(spec.capacity) ? spec.capacity : {};
  if (capacity.storage === undefined) ctx.report('spec.capacity.storage', 'is required', 'persistent-volume');
  else
    checkWholeBytes(
      ctx,
      'spec.capacity.storage',
      capacity.storage,
      checkQuantity(ctx, 'spec.capacity.storage', capacity.storage, true),
    );
  for (const other of Object.keys(capacity).filter((k) => k !== 'storage')) {
    ctx.report(
      `spec.capacity.${other}`,
      `a PersistentVolume has only a storage capacity, got ${show(other)}`,
      'persistent-volume',
    );
  }
  checkEnum(
    ctx,
    'spec.persistentVolumeReclaimPolicy',
    spec.persistentVolumeReclaimPolicy,
    RECLAIM_POLICIES,
    'persistent-volume',
  );
  checkEnum(ctx, 'spec.volumeMode', spec.volumeMode, VOLUME_MODES, 'persistent-volume');
  // Accepted, but the hostPath and NFS plugins map no raw block device: no pod ever starts with it.
  const fileOnly = ['hostPath', 'nfs'].find((s) => spec[s] !== undefined);
  if (spec.volumeMode === 'Block' && fileOnly) {
    ctx.report(
      'spec.volumeMode',
      `"Block" needs a source that provides a raw block device (local, csi, iscsi, fc, ...), got ${fileOnly}: the kubelet cannot map it into a pod`,
      'block-volume-source',
    );
  }
  if (spec.storageClassName && !isDnsSubdomain(spec.storageClassName)) {
    ctx.report(
      'spec.storageClassName',
      `must name a StorageClass: ${mustBe.subdomain(spec.storageClassName)}`,
      'persistent-volume',
    );
  }
  if (isObject(spec.nodeAffinity)) {
    if (!isObject(spec.nodeAffinity.required))
      ctx.report('spec.nodeAffinity.required', 'is required when nodeAffinity is set', 'persistent-volume');
    checkNodeSelector(ctx, 'spec.nodeAffinity.required', spec.nodeAffinity.required);
  }
  const sources = volumeSources(spec);
  if (sources.length !== 1) {
    ctx.report(
      'spec',
      `must have exactly one volume source, got ${sources.length === 0 ? 'none' : sources.join(', ')}`,
      'persistent-volume',
    );
  }
  if (isObject(spec.hostPath)) {
    checkHostPath(ctx, 'spec.hostPath', spec.hostPath);
    if (
      typeof spec.hostPath.path === 'string' &&
      normalizeMountPath(spec.hostPath.path) === '/' &&
      spec.persistentVolumeReclaimPolicy === 'Recycle'
    ) {
      ctx.report(
        'spec.persistentVolumeReclaimPolicy',
        'may not be "Recycle" for a hostPath of "/"',
        'persistent-volume',
      );
    }
  }
  if (isObject(spec.nfs)) checkNfs(ctx, 'spec.nfs', spec.nfs);
  if (isObject(spec.local)) {
    const path = spec.local.path;
    if (typeof path !== 'string' || path === '') ctx.report('spec.local.path', 'is required', 'persistent-volume');
    else if (hasBackstep(path))
      ctx.report('spec.local.path', `must not contain '..', got ${show(path)}`, 'persistent-volume');
    if (!isObject(spec.nodeAffinity)) {
      ctx.report(
        'spec.nodeAffinity',
        'is required for a local volume: it names the node that holds the directory',
        'persistent-volume',
      );
    }
  }
  if (isObject(spec.csi)) {
    checkCsiDriver(ctx, 'spec.csi.driver', spec.csi.driver);
    if (!spec.csi.volumeHandle) ctx.report('spec.csi.volumeHandle', 'is required', 'persistent-volume');
  }
  const supportsMountOptions = sources.some((s) => MOUNT_OPTION_SOURCES.includes(s));
  if (pv.metadata?.annotations?.[MOUNT_OPTIONS_ANNOTATION] !== undefined && !supportsMountOptions) {
    ctx.report(
      `metadata.annotations[${show(MOUNT_OPTIONS_ANNOTATION)}]`,
      `may not be set for a ${sources.join(', ') || 'sourceless'} volume`,
      'persistent-volume',
    );
  }
  // The API server takes spec.mountOptions for any source; the kubelet refuses to mount a
  // hostPath with them (operation_generator.go: checkMountOptionSupport).
  if (list(spec.mountOptions).length > 0 && isObject(spec.hostPath)) {
    ctx.report(
      'spec.mountOptions',
      'a hostPath volume takes no mount options: the kubelet fails to mount it and its pods never start',
      'mount-options',
    );
  }
  const ref = spec.claimRef;
  if (isObject(ref)) {
    if (!ref.name) ctx.report('spec.claimRef.name', 'is required: the volume is pre-bound to this claim', 'binding');
    if (!ref.namespace)
      ctx.report('spec.claimRef.namespace', 'is required: without it Kubernetes never binds the volume', 'binding');
  }
}

/**
 * Pre-made volumes pre-bound (claimRef) to a StatefulSet's claims must satisfy the claim
 * template, or the claim stays Pending forever while the API accepts everything.
 */
// pv_controller.go: the binder's match (class, access modes, size, volume mode).
export function checkBindings(manifests: readonly Manifest[], problems: Problem[]): void {
  const templates = new Map<string, any>();
  for (const m of manifests) {
    const o = m.object;
    if (o?.kind !== 'StatefulSet') continue;
    const ns = o.metadata?.namespace ?? 'default';
    for (const t of list(o.spec?.volumeClaimTemplates)) {
      templates.set(`${ns}/${t?.metadata?.name}-${o.metadata?.name}-`, t?.spec ?? {});
    }
  }
  for (const m of manifests) {
    const o = m.object;
    const ref = o?.kind === 'PersistentVolume' ? o.spec?.claimRef : undefined;
    if (!isObject(ref) || typeof ref.name !== 'string') continue;
    const match = /^(.*-)(\d+)$/.exec(ref.name);
    const claim = match ? templates.get(`${ref.namespace ?? 'default'}/${match[1]}`) : undefined;
    if (!claim) continue; // bound to a claim made elsewhere
    const report = (path: string, message: string) =>
      problems.push(
        problemAt(
          m,
          path,
          `${message}: claim ${ref.namespace}/${ref.name} would never bind it`,
          'binding',
          RULES.binding,
        ),
      );
    if ((o.spec.storageClassName ?? '') !== (claim.storageClassName ?? '')) {
      report(
        'spec.storageClassName',
        `is ${show(o.spec.storageClassName ?? '')} but the claim template asks for ${show(claim.storageClassName ?? '(the default class)')}`,
      );
    }
    const missing = list(claim.accessModes).filter((a) => !list(o.spec.accessModes).includes(a));
    if (missing.length > 0) report('spec.accessModes', `lacks ${missing.join(', ')} that the claim template asks for`);
    const capacity = parseQuantity(o.spec.capacity?.storage);
    const request = parseQuantity(claim.resources?.requests?.storage);
    if (capacity !== undefined && request !== undefined && capacity < request) {
      report(
        'spec.capacity.storage',
        `${show(o.spec.capacity.storage)} is less than the ${show(claim.resources.requests.storage)} the claim template requests`,
      );
    }
    if ((o.spec.volumeMode ?? 'Filesystem') !== (claim.volumeMode ?? 'Filesystem')) {
      report(
        'spec.volumeMode',
        `is ${show(o.spec.volumeMode ?? 'Filesystem')} but the claim template asks for ${show(claim.volumeMode ?? 'Filesystem')}`,
      );
    }
  }
}
