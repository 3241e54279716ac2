import { hasBackstep } from '../../k8s-syntax';
import { Ctx, isInt, isObject, list, oneOf, show } from './context';

const MAX_ID = 2 ** 31 - 1;

// validation.go (apimachinery): IsValidUserID, IsValidGroupID (0 to math.MaxInt32).
function checkId(ctx: Ctx, path: string, value: unknown): void {
  if (value !== undefined && (!isInt(value) || value < 0 || value > MAX_ID)) {
    ctx.report(path, `must be a user or group ID from 0 to ${MAX_ID}, got ${show(value)}`, 'security-context');
  }
}

function checkEnum(ctx: Ctx, path: string, value: unknown, allowed: readonly string[]): void {
  if (value !== undefined && !allowed.includes(value as string)) {
    ctx.report(path, `must be ${oneOf(allowed)}, got ${show(value)}`, 'security-context');
  }
}

// validation.go: validateSeccompProfileField (a localhost profile is a relative path) and
// ValidateAppArmorProfileField (a profile name).
function checkProfile(ctx: Ctx, path: string, profile: unknown, isPath: boolean): void {
  if (!isObject(profile)) return;
  checkEnum(ctx, `${path}.type`, profile.type ?? '', ['Localhost', 'RuntimeDefault', 'Unconfined']);
  const local = profile.localhostProfile;
  if (profile.type === 'Localhost') {
    if (typeof local !== 'string' || local.trim() === '')
      ctx.report(`${path}.localhostProfile`, 'is required when type is "Localhost"', 'security-context');
    else if (isPath && (local.startsWith('/') || hasBackstep(local))) {
      ctx.report(
        `${path}.localhostProfile`,
        `must be a relative path without '..', got ${show(local)}`,
        'security-context',
      );
    }
  } else if (local !== undefined) {
    ctx.report(`${path}.localhostProfile`, 'may only be set when type is "Localhost"', 'security-context');
  }
}

// kernel sysctl namespaces (component-helpers sysctl.GetNamespace). A namespaced sysctl in a
// pod that shares that namespace with the host is refused by the API server from 1.28
// (kubernetes#118705) and by the kubelet before (SysctlForbidden): an error for every version.
const IPC_SYSCTLS = /^(kernel\.(shm|msg|sem)|fs\.mqueue\.)/;
const SYSCTL_NAME = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;

/** A pod's `securityContext`, and the host namespaces of its spec (`podPath`). */
// validation.go: validatePodSpecSecurityContext, validateSysctls, ValidateHostSysctl,
// validateFSGroupChangePolicy, validateSupplementalGroupsPolicy, validateSELinuxChangePolicy.
export function checkPodSecurityContext(ctx: Ctx, podPath: string, spec: Record<string, any>): void {
  // In v1, shareProcessNamespace and hostPID are fields of the pod spec; the conversion to
  // the internal type moves them into a securityContext it always creates (core/v1
  // conversion.go: Convert_v1_PodSpec_To_core_PodSpec), so this holds without one.
  if (spec.shareProcessNamespace === true && spec.hostPID === true) {
    ctx.report(
      `${podPath}.shareProcessNamespace`,
      'shareProcessNamespace and hostPID cannot both be true',
      'security-context',
    );
  }
  const sc = spec.securityContext;
  if (!isObject(sc)) return;
  const path = `${podPath}.securityContext`;
  for (const field of ['runAsUser', 'runAsGroup', 'fsGroup']) checkId(ctx, `${path}.${field}`, sc[field]);
  list(sc.supplementalGroups).forEach((g, i) => checkId(ctx, `${path}.supplementalGroups[${i}]`, g));
  checkEnum(ctx, `${path}.fsGroupChangePolicy`, sc.fsGroupChangePolicy, ['OnRootMismatch', 'Always']);
  checkEnum(ctx, `${path}.supplementalGroupsPolicy`, sc.supplementalGroupsPolicy, ['Merge', 'Strict']);
  checkEnum(ctx, `${path}.seLinuxChangePolicy`, sc.seLinuxChangePolicy, ['Recursive', 'MountOption']);
  checkProfile(ctx, `${path}.seccompProfile`, sc.seccompProfile, true);
  checkProfile(ctx, `${path}.appArmorProfile`, sc.appArmorProfile, false);
  const seen = new Set<string>();
  list(sc.sysctls).forEach((s, i) => {
    const name = s?.name;
    const at = `${path}.sysctls[${i}].name`;
    if (typeof name !== 'string' || name.length > 253 || !SYSCTL_NAME.test(name)) {
      ctx.report(
        at,
        `must be a sysctl name such as "net.ipv4.ip_local_port_range", got ${show(name)}`,
        'security-context',
      );
    } else if (seen.has(name)) ctx.report(at, `duplicate sysctl ${show(name)}`, 'security-context');
    else if (name.startsWith('net.') && spec.hostNetwork === true) {
      ctx.report(at, `${show(name)} may not be set when hostNetwork is true`, 'security-context');
    } else if (IPC_SYSCTLS.test(name) && spec.hostIPC === true) {
      ctx.report(at, `${show(name)} may not be set when hostIPC is true`, 'security-context');
    }
    seen.add(name);
  });
}

/** A container's `securityContext`. */
// validation.go: ValidateSecurityContext.
export function checkContainerSecurityContext(ctx: Ctx, path: string, sc: unknown, hostUsers: boolean): void {
  if (!isObject(sc)) return;
  checkId(ctx, `${path}.runAsUser`, sc.runAsUser);
  checkId(ctx, `${path}.runAsGroup`, sc.runAsGroup);
  // ProcMountType is on by default from 1.33 (beta); while it is off the API server resets any
  // procMount to "Default" before validating (pkg/api/pod/util.go: dropDisabledProcMountField).
  if (ctx.target.minor >= 33) {
    checkEnum(ctx, `${path}.procMount`, sc.procMount, ['Default', 'Unmasked']);
    if (sc.procMount === 'Unmasked' && hostUsers) {
      ctx.report(`${path}.procMount`, '"Unmasked" requires the pod to set hostUsers: false', 'security-context');
    }
  }
  checkProfile(ctx, `${path}.seccompProfile`, sc.seccompProfile, true);
  checkProfile(ctx, `${path}.appArmorProfile`, sc.appArmorProfile, false);
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged === true) {
      ctx.report(path, 'cannot set allowPrivilegeEscalation to false and privileged to true', 'security-context');
    }
    if (list(sc.capabilities?.add).includes('CAP_SYS_ADMIN')) {
      ctx.report(
        path,
        'cannot set allowPrivilegeEscalation to false and add the capability CAP_SYS_ADMIN',
        'security-context',
      );
    }
  }
  checkCapabilityNames(ctx, `${path}.capabilities`, sc.capabilities);
}

// Linux capabilities (capabilities(7)) as the CRI runtimes take them, without CAP_.
const CAPABILITIES = new Set(
  (
    'AUDIT_CONTROL AUDIT_READ AUDIT_WRITE BLOCK_SUSPEND BPF CHECKPOINT_RESTORE CHOWN DAC_OVERRIDE ' +
    'DAC_READ_SEARCH FOWNER FSETID IPC_LOCK IPC_OWNER KILL LEASE LINUX_IMMUTABLE MAC_ADMIN MAC_OVERRIDE ' +
    'MKNOD NET_ADMIN NET_BIND_SERVICE NET_BROADCAST NET_RAW PERFMON SETFCAP SETGID SETPCAP SETUID SYSLOG ' +
    'SYS_ADMIN SYS_BOOT SYS_CHROOT SYS_MODULE SYS_NICE SYS_PACCT SYS_PTRACE SYS_RAWIO SYS_RESOURCE ' +
    'SYS_TIME SYS_TTY_CONFIG WAKE_ALARM ALL'
  ).split(' '),
);
const capabilityName = (c: string) => c.toUpperCase().replace(/^CAP_/, '');

// The API server takes any string; containerd and CRI-O refuse to create a container with a
// capability they do not know.
function checkCapabilityNames(ctx: Ctx, path: string, caps: unknown): void {
  if (!isObject(caps)) return;
  for (const field of ['add', 'drop']) {
    list(caps[field]).forEach((cap, i) => {
      if (typeof cap === 'string' && !CAPABILITIES.has(capabilityName(cap))) {
        ctx.report(
          `${path}.${field}[${i}]`,
          `${show(cap)} is not a Linux capability (such as "NET_BIND_SERVICE", or "ALL"); the container runtime refuses to start the container`,
          'capabilities',
        );
      }
    });
  }
}

/** The settings that decide who a container runs as: its own, else the pod's. */
function effective(pod: Record<string, any>, container: Record<string, any>, field: string): unknown {
  return container.securityContext?.[field] ?? pod.securityContext?.[field];
}

/**
 * What the kubelet refuses or the kernel denies although the API server accepts it: a
 * runAsNonRoot container told to run as UID 0, and a non-root process given a port
 * below 1024 without the means to bind it.
 */
// kubelet kuberuntime_container.go: verifyRunAsNonRoot; kernel: ip_unprivileged_port_start.
export function checkRunAs(ctx: Ctx, path: string, pod: Record<string, any>, container: Record<string, any>): void {
  const runAsUser = effective(pod, container, 'runAsUser');
  const runAsNonRoot = effective(pod, container, 'runAsNonRoot');
  if (runAsNonRoot === true && runAsUser === 0) {
    ctx.report(
      `${path}.securityContext`,
      'runAsNonRoot is true but runAsUser is 0: the kubelet refuses to start the container (CreateContainerConfigError)',
      'run-as-non-root',
    );
  }
  const nonRoot = isInt(runAsUser) ? runAsUser !== 0 : runAsNonRoot === true;
  const sc = container.securityContext;
  const added = list(sc?.capabilities?.add).map((c) => (typeof c === 'string' ? capabilityName(c) : ''));
  if (!nonRoot || sc?.privileged === true || added.includes('NET_BIND_SERVICE') || added.includes('ALL')) return;
  const sysctl = list(pod.securityContext?.sysctls).find((s) => s?.name === 'net.ipv4.ip_unprivileged_port_start');
  const firstFree = sysctl ? Number(sysctl.value) : 1024;
  list(container.ports).forEach((p, i) => {
    if (isInt(p?.containerPort) && p.containerPort < firstFree && p.containerPort >= 1) {
      ctx.report(
        `${path}.ports[${i}].containerPort`,
        `port ${p.containerPort} is below ${firstFree}, but the process runs as a non-root user without NET_BIND_SERVICE: it cannot bind the port unless the runtime lowers net.ipv4.ip_unprivileged_port_start (containerd 2 does). Use a port from 1024, add NET_BIND_SERVICE, or set that sysctl in the pod`,
        'privileged-port',
      );
    }
  });
}
