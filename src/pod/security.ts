/** Linux capabilities as Kubernetes names them (no `CAP_` prefix, which Pod Security admission would not recognise). */
export enum Capability {
  /** Every capability; only for `capabilitiesDrop`. */
  ALL = 'ALL',
  AUDIT_WRITE = 'AUDIT_WRITE',
  CHOWN = 'CHOWN',
  DAC_OVERRIDE = 'DAC_OVERRIDE',
  FOWNER = 'FOWNER',
  FSETID = 'FSETID',
  IPC_LOCK = 'IPC_LOCK',
  KILL = 'KILL',
  MKNOD = 'MKNOD',
  NET_ADMIN = 'NET_ADMIN',
  NET_BIND_SERVICE = 'NET_BIND_SERVICE',
  NET_RAW = 'NET_RAW',
  SETFCAP = 'SETFCAP',
  SETGID = 'SETGID',
  SETPCAP = 'SETPCAP',
  SETUID = 'SETUID',
  SYS_CHROOT = 'SYS_CHROOT',
  SYS_NICE = 'SYS_NICE',
  SYS_PTRACE = 'SYS_PTRACE',
  SYS_RESOURCE = 'SYS_RESOURCE',
  SYS_TIME = 'SYS_TIME',
}

/** How the kubelet changes the ownership of volumes to `fsGroup`. */
export enum FsGroupChangePolicy {
  /** Only when the volume's root is not owned by the group yet: fast restarts on big volumes. */
  ON_ROOT_MISMATCH = 'OnRootMismatch',
  /** On every mount. */
  ALWAYS = 'Always',
}

/** Who the pod's containers run as, in the restricted profile. */
export interface RestrictedPodSecurityProps {
  /**
   * UID the containers run as; not 0.
   *
   * @default 1000
   */
  readonly user?: number;
  /**
   * GID the containers run as.
   *
   * @default 1000
   */
  readonly group?: number;
  /**
   * Group that owns the volumes, for volume types that support ownership management
   * (not hostPath).
   *
   * @default - `group`
   */
  readonly fsGroup?: number;
  /**
   * When the kubelet changes the volumes' ownership to `fsGroup`.
   *
   * @default FsGroupChangePolicy.ON_ROOT_MISMATCH
   */
  readonly fsGroupChangePolicy?: FsGroupChangePolicy;
  /**
   * More groups the containers' processes belong to.
   *
   * @default - none
   */
  readonly supplementalGroups?: number[];
}

/** Volume ownership for images that run as their own user. */
export interface ImageUserPodSecurityProps {
  /**
   * Group that owns the volumes.
   *
   * @default - no fsGroup: volumes keep the ownership the provisioner gives them
   */
  readonly fsGroup?: number;
  /**
   * When the kubelet changes the volumes' ownership to `fsGroup`.
   *
   * @default FsGroupChangePolicy.ON_ROOT_MISMATCH (when `fsGroup` is set)
   */
  readonly fsGroupChangePolicy?: FsGroupChangePolicy;
}

/** @internal The typed form of a PodSecurity. */
export type PodSecuritySpec =
  | { readonly kind: 'restricted'; readonly props: RestrictedPodSecurityProps }
  | { readonly kind: 'imageUser'; readonly props: ImageUserPodSecurityProps };

/**
 * Who the pod's containers run as. Both modes add a RuntimeDefault seccomp profile and
 * forbid privilege escalation.
 */
export class PodSecurity {
  /**
   * The Pod Security Standards "restricted" profile: a fixed non-root UID and GID, and
   * containers that by default drop every capability and have a read-only root
   * filesystem (with a writable `/tmp`).
   */
  public static restricted(props: RestrictedPodSecurityProps = {}): PodSecurity {
    return new PodSecurity({ kind: 'restricted', props: { ...props } });
  }

  /**
   * The user the image names (often root), with its default capabilities and a writable
   * root filesystem: for images that need root, such as MySQL's entrypoint, which
   * changes the data directory's owner. An explicit choice: acknowledge
   * `PolicyRule.RUN_AS_ROOT` (and `PRIVILEGE`, `READ_ONLY_ROOT_FILESYSTEM` unless the
   * containers drop all capabilities and keep a read-only root) in `acknowledgements`.
   */
  public static imageUser(props: ImageUserPodSecurityProps = {}): PodSecurity {
    return new PodSecurity({ kind: 'imageUser', props: { ...props } });
  }

  // Private, so that the class is nominal: TypeScript refuses an object of the same shape.
  private constructor(private readonly spec: PodSecuritySpec) {}

  /** @internal */
  public get _spec(): PodSecuritySpec {
    return this.spec;
  }
}

/** A container's own security settings, over the pod's. */
export interface ContainerSecurityProps {
  /**
   * Whether the root filesystem is read-only. While it is, a writable `emptyDir` is
   * mounted at `/tmp` (unless the container mounts something there itself).
   *
   * @default - true with `PodSecurity.restricted`, false with `PodSecurity.imageUser`
   */
  readonly readOnlyRootFilesystem?: boolean;
  /**
   * Capabilities to drop.
   *
   * @default - [Capability.ALL] with `PodSecurity.restricted`, none with `PodSecurity.imageUser`
   */
  readonly capabilitiesDrop?: Capability[];
  /**
   * Capabilities to add (the restricted profile allows only NET_BIND_SERVICE).
   *
   * @default - none
   */
  readonly capabilitiesAdd?: Capability[];
  /**
   * UID of this container, instead of the pod's.
   *
   * @default - the pod's
   */
  readonly user?: number;
  /**
   * GID of this container, instead of the pod's.
   *
   * @default - the pod's
   */
  readonly group?: number;
}
