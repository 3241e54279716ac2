import { hasBackstep, isDnsLabel, isDnsSubdomain } from '../../k8s-syntax';
import { Ctx, isInt, isObject, list, oneOf, show } from './context';
import { checkFieldRef, checkResourceFieldRef } from './env';
import { mustBe } from './metadata';
import { checkQuantity, checkWholeBytes } from './resources';

/** Volume name → the source it uses (`persistentVolumeClaim` for a StatefulSet's claim templates). */
export type PodVolumes = Map<string, string>;

// validation.go: ValidateLocalNonReservedPath (a relative path without '..' elements).
function localPathProblem(path: unknown): string | undefined {
  if (typeof path !== 'string' || path === '') return 'is required';
  if (path.startsWith('/')) return `must be a relative path, got ${show(path)}`;
  if (hasBackstep(path) || path.startsWith('..')) return `must not contain or start with '..', got ${show(path)}`;
  return undefined;
}

// validation.go: fileModeErrorMsg.
function checkMode(ctx: Ctx, path: string, mode: unknown): void {
  if (mode !== undefined && (!isInt(mode) || mode < 0 || mode > 0o777)) {
    ctx.report(path, `must be a file mode from 0 to 0777 (octal; 511 in decimal), got ${show(mode)}`, 'volume-source');
  }
}

// validation.go: validateKeyToPath.
function checkItems(ctx: Ctx, path: string, items: unknown, paths?: Map<string, string>): void {
  list(items).forEach((item, i) => {
    const at = `${path}[${i}]`;
    if (typeof item?.key !== 'string' || item.key === '') ctx.report(`${at}.key`, 'is required', 'volume-source');
    const problem = localPathProblem(item?.path);
    if (problem) ctx.report(`${at}.path`, problem, 'volume-source');
    checkMode(ctx, `${at}.mode`, item?.mode);
    trackPath(ctx, at, item?.path, paths);
  });
}

// validation.go: validateProjectionSources ("conflicting duplicate paths").
// A token's path is not among them: the API server only warns of an overlap with it.
function trackPath(ctx: Ctx, at: string, path: unknown, paths?: Map<string, string>): void {
  if (!paths || typeof path !== 'string' || path === '') return;
  const first = paths.get(path);
  const token = at.endsWith('.serviceAccountToken') || first?.endsWith('.serviceAccountToken');
  if (first)
    ctx.report(
      `${at}.path`,
      `duplicate path ${show(path)} in the projected volume (also at ${first})${token ? ': one of the two files is lost' : ''}`,
      'volume-source',
      token ? 'warning' : undefined,
    );
  else paths.set(path, at);
}

// validation.go: validateDownwardAPIVolumeFile.
function checkDownwardItems(ctx: Ctx, path: string, items: unknown, paths?: Map<string, string>): void {
  list(items).forEach((item, i) => {
    if (!isObject(item)) return;
    const at = `${path}[${i}]`;
    const problem = localPathProblem(item.path);
    if (problem) ctx.report(`${at}.path`, problem, 'volume-source');
    const refs = ['fieldRef', 'resourceFieldRef'].filter((r) => isObject(item[r]));
    if (refs.length !== 1)
      ctx.report(
        at,
        `must set exactly one of fieldRef and resourceFieldRef, got ${refs.length === 0 ? 'neither' : 'both'}`,
        'volume-source',
      );
    if (isObject(item.fieldRef)) checkFieldRef(ctx, `${at}.fieldRef`, item.fieldRef, 'volume-source', true);
    if (isObject(item.resourceFieldRef))
      checkResourceFieldRef(ctx, `${at}.resourceFieldRef`, item.resourceFieldRef, 'volume-source', true);
    checkMode(ctx, `${at}.mode`, item.mode);
    trackPath(ctx, at, item.path, paths);
  });
}

const PROJECTIONS = ['secret', 'configMap', 'downwardAPI', 'serviceAccountToken', 'clusterTrustBundle'];

// validation.go: validateProjectedVolumeSource, validateProjectionSources.
function checkProjected(ctx: Ctx, path: string, projected: Record<string, any>): void {
  checkMode(ctx, `${path}.defaultMode`, projected.defaultMode);
  const paths = new Map<string, string>();
  list(projected.sources).forEach((source, i) => {
    if (!isObject(source)) return;
    const at = `${path}.sources[${i}]`;
    const set = PROJECTIONS.filter((p) => isObject(source[p]));
    if (set.length > 1) ctx.report(at, `must project one source, got ${set.join(', ')}`, 'volume-source');
    for (const kind of ['secret', 'configMap'].filter((k) => isObject(source[k]))) {
      if (!source[kind].name) ctx.report(`${at}.${kind}.name`, 'is required', 'volume-source');
      checkItems(ctx, `${at}.${kind}.items`, source[kind].items, paths);
    }
    if (isObject(source.downwardAPI))
      checkDownwardItems(ctx, `${at}.downwardAPI.items`, source.downwardAPI.items, paths);
    const token = source.serviceAccountToken;
    if (isObject(token)) {
      const seconds = token.expirationSeconds;
      // Zero is defaulted to 3600.
      if (seconds !== undefined && seconds !== 0 && (!isInt(seconds) || seconds < 600 || seconds > 2 ** 32)) {
        ctx.report(
          `${at}.serviceAccountToken.expirationSeconds`,
          `must be from 600 (10 minutes) to 4294967296 seconds, got ${show(seconds)}`,
          'volume-source',
        );
      }
      const problem = localPathProblem(token.path);
      if (problem) ctx.report(`${at}.serviceAccountToken.path`, problem, 'volume-source');
      trackPath(ctx, `${at}.serviceAccountToken`, token.path, paths);
    }
  });
}

const HOST_PATH_TYPES = [
  '',
  'DirectoryOrCreate',
  'Directory',
  'FileOrCreate',
  'File',
  'Socket',
  'CharDevice',
  'BlockDevice',
];

/** A hostPath source (of a pod volume or a PersistentVolume). */
// validation.go: validateHostPathVolumeSource, validateHostPathType.
export function checkHostPath(ctx: Ctx, path: string, hostPath: Record<string, any>): void {
  const p = hostPath.path;
  if (typeof p !== 'string' || p === '') ctx.report(`${path}.path`, 'is required', 'volume-source');
  else if (hasBackstep(p)) ctx.report(`${path}.path`, `must not contain '..', got ${show(p)}`, 'volume-source');
  else if (!p.startsWith('/')) {
    ctx.report(
      `${path}.path`,
      `${show(p)} is relative: the API server accepts it, but it names no fixed directory of the node (the kubelet and the container runtime resolve it against their own working directories); use an absolute path`,
      'host-path-relative',
    );
  }
  if (hostPath.type !== undefined && !HOST_PATH_TYPES.includes(hostPath.type)) {
    ctx.report(`${path}.type`, `must be ${oneOf(HOST_PATH_TYPES)}, got ${show(hostPath.type)}`, 'volume-source');
  }
}

/** An nfs source (of a pod volume or a PersistentVolume). */
// validation.go: validateNFSVolumeSource.
export function checkNfs(ctx: Ctx, path: string, nfs: Record<string, any>): void {
  if (!nfs.server) ctx.report(`${path}.server`, 'is required', 'volume-source');
  if (typeof nfs.path !== 'string' || !nfs.path.startsWith('/')) {
    ctx.report(`${path}.path`, `must be an absolute path on the server, got ${show(nfs.path)}`, 'volume-source');
  }
}

/** A CSI driver name. */
// validation.go: ValidateCSIDriverName.
export function checkCsiDriver(ctx: Ctx, path: string, driver: unknown): void {
  if (typeof driver !== 'string' || driver.length > 63 || !isDnsSubdomain(driver.toLowerCase())) {
    ctx.report(
      path,
      `must be a CSI driver name (a DNS subdomain of at most 63 characters), got ${show(driver)}`,
      'volume-source',
    );
  }
}

// validation.go: validateVolumeSource, per source (the kinds the project or its users write).
function checkSource(
  ctx: Ctx,
  path: string,
  kind: string,
  source: Record<string, any>,
  checkClaim: ClaimChecker,
): void {
  const at = `${path}.${kind}`;
  switch (kind) {
    case 'emptyDir': {
      const q = checkQuantity(ctx, `${at}.sizeLimit`, source.sizeLimit);
      checkWholeBytes(ctx, `${at}.sizeLimit`, source.sizeLimit, q);
      break;
    }
    case 'hostPath':
      return checkHostPath(ctx, at, source);
    case 'nfs':
      return checkNfs(ctx, at, source);
    case 'csi':
      return checkCsiDriver(ctx, `${at}.driver`, source.driver);
    case 'secret':
    case 'configMap':
      if (!source[kind === 'secret' ? 'secretName' : 'name']) {
        ctx.report(`${at}.${kind === 'secret' ? 'secretName' : 'name'}`, 'is required', 'volume-source');
      }
      checkMode(ctx, `${at}.defaultMode`, source.defaultMode);
      return checkItems(ctx, `${at}.items`, source.items);
    case 'persistentVolumeClaim':
      if (!source.claimName) ctx.report(`${at}.claimName`, 'is required', 'volume-source');
      break;
    case 'downwardAPI':
      checkMode(ctx, `${at}.defaultMode`, source.defaultMode);
      return checkDownwardItems(ctx, `${at}.items`, source.items);
    case 'projected':
      return checkProjected(ctx, at, source);
    case 'ephemeral':
      if (!isObject(source.volumeClaimTemplate))
        ctx.report(`${at}.volumeClaimTemplate`, 'is required', 'volume-source');
      else checkClaim(`${at}.volumeClaimTemplate.spec`, source.volumeClaimTemplate.spec);
      break;
  }
}

/** Checks a claim spec (persistent-volumes.ts), passed in to keep the files independent. */
export type ClaimChecker = (path: string, spec: unknown) => void;

/**
 * A pod's `volumes`: names, one source each, the source's fields. Returns the volumes by
 * name, with the StatefulSet's claim templates (which the controller adds to every pod).
 */
// validation.go: ValidateVolumes, validateVolumeSource.
export function checkVolumes(
  ctx: Ctx,
  path: string,
  volumes: unknown,
  claimTemplates: readonly string[],
  checkClaim: ClaimChecker,
): PodVolumes {
  const byName: PodVolumes = new Map(claimTemplates.map((t) => [t, 'persistentVolumeClaim']));
  const own = new Set<string>();
  list(volumes).forEach((v, i) => {
    if (!isObject(v)) return;
    const at = `${path}[${i}]`;
    const sources = Object.keys(v).filter((k) => k !== 'name' && v[k] !== null && v[k] !== undefined);
    if (sources.length === 0) {
      // SetDefaults_Volume: a volume without source is an emptyDir.
      ctx.report(at, 'has no volume source: the API server makes it an emptyDir', 'volume', 'warning');
    } else if (sources.length !== 1) {
      ctx.report(at, `must have exactly one volume source, got ${sources.join(', ')}`, 'volume');
    }
    for (const kind of sources) if (isObject(v[kind])) checkSource(ctx, at, kind, v[kind], checkClaim);
    if (!isDnsLabel(v.name)) {
      ctx.report(`${at}.name`, mustBe.label(v.name), 'volume');
      return;
    }
    if (own.has(v.name)) ctx.report(`${at}.name`, `duplicate volume name ${show(v.name)}`, 'volume');
    else if (claimTemplates.includes(v.name)) {
      // stateful_set_utils.go: updateStorage replaces the pod volume with the claim.
      ctx.report(
        `${at}.name`,
        `duplicate volume name ${show(v.name)}: the StatefulSet controller replaces this volume with the claim template of that name in every pod`,
        'volume-shadowed-by-claim',
      );
    }
    own.add(v.name);
    if (!claimTemplates.includes(v.name)) byName.set(v.name, sources[0] ?? '');
  });
  return byName;
}
