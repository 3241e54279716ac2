import type * as k8s from '../../imports/k8s';
import type { Wire } from '../core/wire';
import { checkInteger } from '../core/checks';
import { Problems, show } from '../core/problems';
import { propNames } from '../core/prop-names';
import { checkBoolean, enumValue, isInstance, listOf, structOf } from '../core/values';
import { PolicyRule } from '../policy/policy-rule';
import {
  Capability,
  ContainerSecurityProps,
  FsGroupChangePolicy,
  ImageUserPodSecurityProps,
  PodSecurity,
  RestrictedPodSecurityProps,
} from './security';

type PodSecurityContext = Wire<k8s.PodSecurityContext>;
type SecurityContext = Wire<k8s.SecurityContext>;

const IMAGE_USER_PROPS = propNames<ImageUserPodSecurityProps>({ fsGroup: true, fsGroupChangePolicy: true });
const SECURITY_PROPS = {
  imageUser: IMAGE_USER_PROPS,
  restricted: propNames<RestrictedPodSecurityProps>({
    ...IMAGE_USER_PROPS,
    user: true,
    group: true,
    supplementalGroups: true,
  }),
};
const CONTAINER_SECURITY_PROPS = propNames<ContainerSecurityProps>({
  readOnlyRootFilesystem: true,
  capabilitiesDrop: true,
  capabilitiesAdd: true,
  user: true,
  group: true,
});

export interface SecuritySettings {
  readonly mode: 'restricted' | 'imageUser';
  readonly user?: number;
  readonly group?: number;
  readonly fsGroup?: number;
  readonly fsGroupChangePolicy?: FsGroupChangePolicy;
  readonly supplementalGroups?: number[];
}

const RUNTIME_DEFAULT_SECCOMP = { type: 'RuntimeDefault' };
const MAX_ID = 2 ** 31 - 1;

export function resolveSecurity(given: unknown, p: Problems): SecuritySettings {
  const security = given ?? PodSecurity.restricted();
  if (!isInstance('security', security, PodSecurity, 'PodSecurity.restricted(...) or PodSecurity.imageUser(...)', p)) {
    return { mode: 'restricted', user: 1000, group: 1000, fsGroup: 1000 };
  }
  const spec = security._spec;
  const o: Partial<RestrictedPodSecurityProps> = structOf('security', spec.props, p, SECURITY_PROPS[spec.kind]);
  const id = (field: 'user' | 'group' | 'fsGroup', min: number, fallback?: number) => {
    const v = o[field] ?? fallback;
    if (v !== undefined) p.check(checkInteger(`security.${field}`, v, min, MAX_ID));
    return v;
  };
  const fsGroupChangePolicy =
    o.fsGroupChangePolicy === undefined
      ? FsGroupChangePolicy.ON_ROOT_MISMATCH
      : enumValue('security.fsGroupChangePolicy', o.fsGroupChangePolicy, 'FsGroupChangePolicy', FsGroupChangePolicy, p);
  if (spec.kind === 'imageUser') {
    const fsGroup = id('fsGroup', 0);
    return { mode: 'imageUser', fsGroup, fsGroupChangePolicy: fsGroup === undefined ? undefined : fsGroupChangePolicy };
  }
  let user: number | undefined = 1000;
  if (o.user === 0) {
    p.add(
      `'security.user' must not be 0 (root) with PodSecurity.restricted(); for an image that needs root use PodSecurity.imageUser() and acknowledge PolicyRule.RUN_AS_ROOT`,
    );
  } else {
    user = id('user', 1, 1000);
  }
  const group = id('group', 0, 1000);
  const supplementalGroups = listOf<number>('security.supplementalGroups', o.supplementalGroups, p);
  supplementalGroups.forEach((g, i) => p.check(checkInteger(`security.supplementalGroups[${i}]`, g, 0, MAX_ID)));
  return {
    mode: 'restricted',
    user,
    group,
    // The default comes from `group`, checked above: check fsGroup only when given.
    fsGroup: o.fsGroup === undefined ? group : id('fsGroup', 0),
    fsGroupChangePolicy,
    supplementalGroups: supplementalGroups.length > 0 ? supplementalGroups : undefined,
  };
}

export function podSecurityContext(s: SecuritySettings): PodSecurityContext {
  if (s.mode === 'imageUser') {
    return { fsGroup: s.fsGroup, fsGroupChangePolicy: s.fsGroupChangePolicy, seccompProfile: RUNTIME_DEFAULT_SECCOMP };
  }
  return {
    runAsNonRoot: true,
    runAsUser: s.user,
    runAsGroup: s.group,
    fsGroup: s.fsGroup,
    // Only chown a volume whose root is not owned by fsGroup yet: fast restarts on big volumes.
    fsGroupChangePolicy: s.fsGroupChangePolicy,
    supplementalGroups: s.supplementalGroups,
    seccompProfile: RUNTIME_DEFAULT_SECCOMP,
  };
}

/**
 * A container's security context. With the restricted profile the pod-level user and
 * seccomp settings are repeated on the container, because several policy tools read
 * only the container level, and a container-level value wins if someone edits one.
 * The choices that break a policy rule are recorded in `needed`, to be acknowledged.
 */
export function containerSecurityContext(
  prop: string,
  given: unknown,
  s: SecuritySettings,
  needed: Map<PolicyRule, string>,
  p: Problems,
): { context: SecurityContext; readOnlyRoot: boolean } {
  const c = structOf<ContainerSecurityProps>(prop, given, p, CONTAINER_SECURITY_PROPS);
  const restricted = s.mode === 'restricted';
  const readOnlyRoot = checkBoolean(`${prop}.readOnlyRootFilesystem`, c.readOnlyRootFilesystem, p) ?? restricted;
  const caps = (field: 'capabilitiesAdd' | 'capabilitiesDrop') =>
    listOf<Capability>(`${prop}.${field}`, c[field], p).flatMap((cap, i) => {
      const v = enumValue(`${prop}.${field}[${i}]`, cap, 'Capability', Capability, p);
      return v ? [v] : [];
    });
  const drop = c.capabilitiesDrop === undefined ? (restricted ? [Capability.ALL] : []) : caps('capabilitiesDrop');
  const add = caps('capabilitiesAdd');
  if (add.includes(Capability.ALL)) p.add(`'${prop}.capabilitiesAdd' must not add Capability.ALL`);
  const user = c.user ?? s.user;
  if (c.user !== undefined) p.check(checkInteger(`${prop}.user`, c.user, restricted ? 1 : 0, MAX_ID));
  if (c.group !== undefined) p.check(checkInteger(`${prop}.group`, c.group, 0, MAX_ID));

  if (!readOnlyRoot) {
    needed.set(
      PolicyRule.READ_ONLY_ROOT_FILESYSTEM,
      c.readOnlyRootFilesystem === false
        ? `'${prop}.readOnlyRootFilesystem' is false`
        : `'security' is PodSecurity.imageUser(), whose containers have a writable root filesystem unless '${prop}.readOnlyRootFilesystem' is true`,
    );
  }
  const extra = add.filter((cap) => cap !== Capability.NET_BIND_SERVICE);
  if (!drop.includes(Capability.ALL) || extra.length > 0) {
    needed.set(
      PolicyRule.PRIVILEGE,
      extra.length > 0
        ? `'${prop}.capabilitiesAdd' adds ${extra.map((x) => show(x)).join(', ')}`
        : `'${prop}' keeps Linux capabilities (no Capability.ALL in 'capabilitiesDrop')`,
    );
  }
  return {
    readOnlyRoot,
    context: {
      allowPrivilegeEscalation: false,
      capabilities: drop.length > 0 || add.length > 0 ? { drop: nonEmpty(drop), add: nonEmpty(add) } : undefined,
      privileged: false,
      readOnlyRootFilesystem: readOnlyRoot,
      runAsNonRoot: restricted ? true : undefined,
      runAsUser: restricted || c.user !== undefined ? user : undefined,
      runAsGroup: restricted || c.group !== undefined ? (c.group ?? s.group) : undefined,
      seccompProfile: restricted ? RUNTIME_DEFAULT_SECCOMP : undefined,
    },
  };
}

function nonEmpty(list: string[]): string[] | undefined {
  return list.length > 0 ? list : undefined;
}
