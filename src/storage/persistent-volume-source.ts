/** An NFS export. */
export interface NfsVolumeSourceProps {
  /** The server's host name or IP address; may contain `{ordinal}`. */
  readonly server: string;
  /** The exported path; may contain `{ordinal}`, e.g. `/exports/db-{ordinal}`. */
  readonly path: string;
  /**
   * Whether the export is mounted read-only.
   *
   * @default false
   */
  readonly readOnly?: boolean;
}

/** A volume of a CSI driver. */
export interface CsiVolumeSourceProps {
  /** The driver's name, e.g. `ebs.csi.aws.com`. */
  readonly driver: string;
  /** The driver's id of the volume; may contain `{ordinal}`. */
  readonly volumeHandle: string;
  /**
   * The filesystem type to mount, e.g. `ext4`.
   *
   * @default - the driver's default
   */
  readonly fsType?: string;
  /**
   * Whether the volume is mounted read-only.
   *
   * @default false
   */
  readonly readOnly?: boolean;
  /**
   * Driver-specific attributes.
   *
   * @default - none
   */
  readonly volumeAttributes?: { [key: string]: string };
}

/** A local disk of one node. */
export interface LocalVolumeSourceProps {
  /** The disk's mount point on the node; may contain `{ordinal}`. */
  readonly path: string;
  /**
   * The node the disk is on (its `kubernetes.io/hostname` label); may contain
   * `{ordinal}`. Pods using the volume are scheduled to that node only.
   */
  readonly nodeName: string;
  /**
   * The filesystem type.
   *
   * @default - detected
   */
  readonly fsType?: string;
}

/** @internal The typed form of a PersistentVolumeSource. */
export type PersistentVolumeSourceSpec =
  | { readonly kind: 'nfs'; readonly props: NfsVolumeSourceProps }
  | { readonly kind: 'csi'; readonly props: CsiVolumeSourceProps }
  | { readonly kind: 'local'; readonly props: LocalVolumeSourceProps };

/**
 * Where a pre-made PersistentVolume's data lives. Strings may contain `{ordinal}` (or
 * `{ordinal+N}`), replaced by the ordinal of the pod the volume is pre-bound to.
 */
export class PersistentVolumeSource {
  /** An NFS export. */
  public static nfs(props: NfsVolumeSourceProps): PersistentVolumeSource {
    return new PersistentVolumeSource({ kind: 'nfs', props: { ...props } });
  }

  /** A volume of a CSI driver (an existing cloud disk, say). */
  public static csi(props: CsiVolumeSourceProps): PersistentVolumeSource {
    return new PersistentVolumeSource({ kind: 'csi', props: { ...props } });
  }

  /** A local disk of one node (the volume gets node affinity to that node). */
  public static local(props: LocalVolumeSourceProps): PersistentVolumeSource {
    return new PersistentVolumeSource({ kind: 'local', props: { ...props } });
  }

  // Private, so that the class is nominal: TypeScript refuses an object of the same shape.
  private constructor(private readonly spec: PersistentVolumeSourceSpec) {}

  /** @internal */
  public get _spec(): PersistentVolumeSourceSpec {
    return this.spec;
  }
}
