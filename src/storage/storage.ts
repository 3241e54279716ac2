import type { Size } from 'cdk8s';
import type {
  HostPathVolumeType,
  PersistentVolumeAccessMode,
  PersistentVolumeMode,
  PersistentVolumeReclaimPolicy,
} from '../core/enums';
import type { PersistentVolumeSource } from './persistent-volume-source';

/** What every kind of per-pod storage has: the claim template and where the main container gets it. */
export interface ClaimOptions {
  /**
   * Name of the claim template, and of the volume in the pod. Claims are named
   * `<name>-<statefulset>-<ordinal>`.
   *
   * @default 'data'
   */
  readonly name?: string;
  /** Size of each pod's claim, e.g. `Size.gibibytes(1)`. */
  readonly size: Size;
  /**
   * Where the main container gets the volume (for `PersistentVolumeMode.BLOCK`, the
   * device path).
   *
   * @default - not mounted by the construct: containers mount it by name in `volumeMounts`
   */
  readonly mountPath?: string;
  /**
   * A directory of the volume to mount at `mountPath` instead of its root.
   *
   * @default - the volume's root
   */
  readonly subPath?: string;
  /**
   * Whether the main container only reads the volume at `mountPath`.
   *
   * @default false
   */
  readonly readOnly?: boolean;
  /**
   * Access modes of the claims (and of pre-made volumes).
   *
   * @default [PersistentVolumeAccessMode.READ_WRITE_ONCE]
   */
  readonly accessModes?: PersistentVolumeAccessMode[];
  /**
   * Storage class of the claims (and of pre-made volumes, which must match for a claim to bind them).
   *
   * @default - dynamic storage: none named, so the cluster's default class provisions each
   * claim; pre-made volumes: `""` (no class), so claims bind only to the pre-made volumes
   */
  readonly storageClassName?: string;
  /**
   * A mounted filesystem, or a raw block device (not for `Storage.hostPath`, a directory).
   *
   * @default PersistentVolumeMode.FILE_SYSTEM
   */
  readonly volumeMode?: PersistentVolumeMode;
  /**
   * Labels of the claim template, which every claim of it gets (so that
   * `kubectl get pvc -l ...` finds them). Set them once: claim templates are immutable in a
   * live StatefulSet, and `stateful-service check-upgrade` reports a change.
   *
   * @default - none: the StatefulSet controller gives each claim the set's selector labels
   */
  readonly labels?: { [key: string]: string };
}

/** What pre-made volumes of any source have. */
export interface PreMadeVolumeOptions {
  /**
   * How many volumes to make, for the first `count` ordinals. More than `replicas`
   * leaves room for a later scale-up; fewer is an error unless `provisionBeyondCount`.
   *
   * @default - `replicas` (one volume when `replicas` is 0 or not set)
   */
  readonly count?: number;
  /**
   * Name of the volume of an ordinal, as a pattern: `{ordinal}` is the pod's ordinal and
   * `{ordinal+N}` adds N, e.g. `log-{ordinal+1}` for log-1, log-2, ...
   *
   * @default - the name of the claim it is bound to, `<name>-<statefulset>-{ordinal}`
   */
  readonly volumeName?: string;
  /**
   * Whether pods beyond `count` may get a volume dynamically provisioned by
   * `storageClassName` (which must then name a class with a provisioner). Without it, a
   * scale beyond `count` leaves the new pods Pending.
   *
   * @default false
   */
  readonly provisionBeyondCount?: boolean;
}

/** Pre-made hostPath volumes, one per ordinal: for single-node clusters such as minikube. */
export interface HostPathStorageProps extends ClaimOptions, PreMadeVolumeOptions {
  /** The node's directory for an ordinal, as a pattern, e.g. `/tmp/example/{ordinal+1}`. */
  readonly path: string;
  /**
   * What the kubelet checks (or creates) at the path before mounting it.
   *
   * @default HostPathVolumeType.DEFAULT - no check
   */
  readonly hostPathType?: HostPathVolumeType;
}

/** Pre-made volumes of any source (NFS, CSI, local disks), one per ordinal. */
export interface PreMadeStorageProps extends ClaimOptions, PreMadeVolumeOptions {
  /** Where each volume's data lives; its strings may contain `{ordinal}`. */
  readonly source: PersistentVolumeSource;
  /**
   * Mount options, e.g. `['nfsvers=4.1']`.
   *
   * @default - none
   */
  readonly mountOptions?: string[];
  /**
   * What happens to a volume when its claim is deleted.
   *
   * @default PersistentVolumeReclaimPolicy.RETAIN
   */
  readonly reclaimPolicy?: PersistentVolumeReclaimPolicy;
}

/** @internal The typed form of a Storage: its kind, and its props as given. */
export type StorageSpec =
  | { readonly kind: 'dynamic'; readonly props: ClaimOptions }
  | { readonly kind: 'hostPath'; readonly props: HostPathStorageProps }
  | { readonly kind: 'preMade'; readonly props: PreMadeStorageProps };

/**
 * A per-pod volume of the StatefulSet: each pod gets its own claim from a claim template,
 * and keeps it across restarts, rescheduling and scaling.
 */
export class Storage {
  /** Claims provisioned by a storage class (the cluster's default one unless named): for real clusters. */
  public static dynamic(props: ClaimOptions): Storage {
    return new Storage({ kind: 'dynamic', props: { ...props } });
  }

  /**
   * Pre-made hostPath PersistentVolumes, each pre-bound (`claimRef`) to the claim of its
   * ordinal, so that pod k always gets the same directory. For single-node clusters such
   * as minikube only: a hostPath is a directory on whichever node the pod lands on.
   */
  public static hostPath(props: HostPathStorageProps): Storage {
    return new Storage({ kind: 'hostPath', props: { ...props } });
  }

  /** Pre-made PersistentVolumes of any source, each pre-bound to the claim of its ordinal. */
  public static preMade(props: PreMadeStorageProps): Storage {
    return new Storage({ kind: 'preMade', props: { ...props } });
  }

  // Private, so that the class is nominal: TypeScript refuses an object of the same shape.
  private constructor(private readonly spec: StorageSpec) {}

  /** @internal */
  public get _spec(): StorageSpec {
    return this.spec;
  }
}

/** Per-pod storage. */
export interface StorageOptions {
  /**
   * The per-pod volumes: one claim template each (e.g. one for data and one for a
   * write-ahead log). `[]` makes a StatefulSet without claim templates, for software that
   * keeps no state on disk and runs as a StatefulSet for its stable names and ordered
   * start alone (message servers, caches): its pods' data lives as long as the pod (an
   * `emptyDir` of `volumes`), and `claimRetention` does not apply.
   */
  readonly storage: Storage[];
}
