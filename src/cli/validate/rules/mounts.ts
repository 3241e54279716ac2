import { hasBackstep, normalizeMountPath } from '../../k8s-syntax';
import { Ctx, isObject, list, oneOf, show } from './context';
import { PodVolumes } from './volumes';

const PROPAGATIONS = ['None', 'HostToContainer', 'Bidirectional'];
const RECURSIVE_READ_ONLY = ['Disabled', 'IfPossible', 'Enabled'];
// Sources a block device can come from (validation.go: isMatchedDevice).
const CLAIM_SOURCES = new Set(['persistentVolumeClaim', 'ephemeral']);

// validation.go: validateLocalDescendingPath.
function checkDescendingPath(ctx: Ctx, path: string, value: unknown): void {
  if (typeof value !== 'string' || value === '') return;
  if (value.startsWith('/') || hasBackstep(value)) {
    ctx.report(path, `must be a relative path without '..' elements, got ${show(value)}`, 'volume-mount');
  }
}

/** A container's `volumeMounts` and `volumeDevices`. */
// validation.go: ValidateVolumeMounts, validateMountPropagation, validateMountRecursiveReadOnly,
// ValidateVolumeDevices.
export function checkMounts(ctx: Ctx, path: string, container: Record<string, any>, volumes: PodVolumes): void {
  const devices = list(container.volumeDevices).filter(isObject);
  const deviceNames = new Set(devices.map((d) => d.name));
  const devicePaths = new Set(devices.map((d) => d.devicePath));
  const exact = new Set<string>();
  const normalized = new Map<string, { at: string; path: string }>();
  list(container.volumeMounts).forEach((m, i) => {
    if (!isObject(m)) return;
    const at = `${path}.volumeMounts[${i}]`;
    if (!volumes.has(m.name)) {
      ctx.report(
        `${at}.name`,
        `mounts ${show(m.name)}, which is neither a volume of the pod nor a claim template`,
        'volume-mount',
      );
    }
    if (deviceNames.has(m.name))
      ctx.report(`${at}.name`, `${show(m.name)} is also a volumeDevice of this container`, 'volume-mount');
    const mountPath = m.mountPath;
    if (typeof mountPath !== 'string' || mountPath === '') {
      ctx.report(`${at}.mountPath`, 'is required', 'volume-mount');
    } else if (exact.has(mountPath)) {
      ctx.report(`${at}.mountPath`, `duplicate mount path ${show(mountPath)}`, 'volume-mount');
    } else {
      if (devicePaths.has(mountPath))
        ctx.report(`${at}.mountPath`, `${show(mountPath)} is also a devicePath of this container`, 'volume-mount');
      // The API server compares the strings; the container sees one directory.
      const dir = normalizeMountPath(mountPath);
      const first = normalized.get(dir);
      if (first) {
        ctx.report(
          `${at}.mountPath`,
          `${show(mountPath)} is the same directory as ${show(first.path)} (${first.at}): the API server accepts both, but only one volume ends up mounted at ${dir}`,
          'mount-path-shadowed',
        );
      } else normalized.set(dir, { at: `${at}.mountPath`, path: mountPath });
    }
    exact.add(mountPath);
    checkDescendingPath(ctx, `${at}.subPath`, m.subPath);
    checkDescendingPath(ctx, `${at}.subPathExpr`, m.subPathExpr);
    if (m.subPath && m.subPathExpr)
      ctx.report(`${at}.subPathExpr`, 'may not be set together with subPath', 'volume-mount');
    // No check of subPath on an image volume: refused only in 1.31-1.32 (alpha, off by
    // default), allowed since 1.33 (kubernetes#130135), and image volumes postdate 1.27.
    const propagation = m.mountPropagation;
    if (propagation !== undefined && !PROPAGATIONS.includes(propagation)) {
      ctx.report(`${at}.mountPropagation`, `must be ${oneOf(PROPAGATIONS)}, got ${show(propagation)}`, 'volume-mount');
    } else if (propagation === 'Bidirectional' && container.securityContext?.privileged !== true) {
      ctx.report(
        `${at}.mountPropagation`,
        '"Bidirectional" is only available to privileged containers',
        'volume-mount',
      );
    }
    const rro = m.recursiveReadOnly;
    if (rro !== undefined && !RECURSIVE_READ_ONLY.includes(rro)) {
      ctx.report(`${at}.recursiveReadOnly`, `must be ${oneOf(RECURSIVE_READ_ONLY)}, got ${show(rro)}`, 'volume-mount');
    } else if (rro === 'Enabled' || rro === 'IfPossible') {
      if (m.readOnly !== true)
        ctx.report(`${at}.recursiveReadOnly`, `${show(rro)} requires readOnly: true`, 'volume-mount');
      if (propagation !== undefined && propagation !== 'None') {
        ctx.report(`${at}.recursiveReadOnly`, `${show(rro)} requires mountPropagation "None" or unset`, 'volume-mount');
      }
    }
  });
  const names = new Set<string>();
  const paths = new Set<string>();
  devices.forEach((d, i) => {
    const at = `${path}.volumeDevices[${i}]`;
    if (names.has(d.name)) ctx.report(`${at}.name`, `duplicate device ${show(d.name)}`, 'volume-device');
    names.add(d.name);
    const source = volumes.get(d.name);
    if (source === undefined)
      ctx.report(`${at}.name`, `${show(d.name)} is neither a volume of the pod nor a claim template`, 'volume-device');
    else if (!CLAIM_SOURCES.has(source)) {
      ctx.report(
        `${at}.name`,
        `a block device must come from a persistentVolumeClaim or ephemeral volume, ${show(d.name)} is ${source}`,
        'volume-device',
      );
    }
    const devicePath = d.devicePath;
    if (typeof devicePath !== 'string' || devicePath === '')
      ctx.report(`${at}.devicePath`, 'is required', 'volume-device');
    else if (paths.has(devicePath))
      ctx.report(`${at}.devicePath`, `duplicate device path ${show(devicePath)}`, 'volume-device');
    else if (hasBackstep(devicePath))
      ctx.report(`${at}.devicePath`, `must not contain '..', got ${show(devicePath)}`, 'volume-device');
    paths.add(devicePath);
  });
}
