/** One Kubernetes object read from a file. */
export interface Manifest {
  readonly file: string;
  /** Position of the document in its file (0-based). */
  readonly index: number;
  /** Position in the `items` of a `kind: List` document, for an object read from one. */
  readonly item?: number;
  /** The line (1-based) where the document starts, when read from text. */
  readonly line?: number;
  readonly object: any;
}

/** A problem with a manifest: where it is, and what is wrong. */
export interface Problem {
  readonly file: string;
  /** `Kind/name`, or `document <n>` when the object has no kind or name. */
  readonly object: string;
  /** Field path such as `spec.template.spec.containers[0].image`; empty for the whole object. */
  readonly path: string;
  readonly message: string;
  /** Which check found it (a schema keyword or a rule id). */
  readonly rule: string;
  /** `error` unless told: see Severity. */
  readonly severity?: Severity;
  /** The document (0-based) and List item of the object, when the check knows them (see problemAt). */
  readonly index?: number;
  readonly item?: number;
}

/**
 * `error`: the API server rejects the object. `runtime`: the API server accepts it, but a
 * controller or the kubelet can never run it (the pods or claims made from it are refused,
 * a volume never binds); it fails validation as an error does. `warning`: accepted, and
 * it runs, but not as intended (for example a non-root process binding a port below 1024).
 */
export type Severity = 'error' | 'runtime' | 'warning';

export function describe(m: Manifest): string {
  const kind = m.object?.kind;
  const name = m.object?.metadata?.name;
  return kind && name ? `${kind}/${name}` : `document ${m.index + 1}`;
}

/** A problem found in a manifest, with everything that locates it. */
export function problemAt(m: Manifest, path: string, message: string, rule: string, severity?: Severity): Problem {
  return {
    file: m.file,
    object: describe(m),
    path,
    message,
    rule,
    index: m.index,
    ...(m.item !== undefined ? { item: m.item } : {}),
    ...(severity ? { severity } : {}),
  };
}

export function formatProblem(p: Problem): string {
  return `${p.file}: ${p.object}${p.path ? `: ${p.path}` : ''}: ${p.message}`;
}

/** `['spec', 'ports', 0, 'name']` → `spec.ports[0].name`; keys that are not identifiers are quoted. */
export function joinPath(keys: readonly (string | number)[]): string {
  return keys.reduce<string>(
    (acc, key) =>
      typeof key === 'number'
        ? `${acc}[${key}]`
        : /^[A-Za-z_$][\w$-]*$/.test(key)
          ? acc
            ? `${acc}.${key}`
            : key
          : `${acc}[${JSON.stringify(key)}]`,
    '',
  );
}

/** The fields of a PersistentVolume spec that are not its volume source. */
const PV_NON_SOURCE_FIELDS = new Set([
  'accessModes',
  'capacity',
  'claimRef',
  'mountOptions',
  'nodeAffinity',
  'persistentVolumeReclaimPolicy',
  'storageClassName',
  'volumeMode',
]);

/** The volume source fields (`hostPath`, `nfs`, `csi`, ...) a PersistentVolume spec sets: exactly one if valid. */
export function volumeSources(spec: Record<string, unknown>): string[] {
  return Object.keys(spec).filter((k) => !PV_NON_SOURCE_FIELDS.has(k));
}

/** Where a PersistentVolume's data lives, for people: `hostPath /tmp/example/1`, `nfs server:/path`, `csi driver`. */
export function describeVolumeSource(spec: Record<string, any>): string {
  if (spec.hostPath) return `hostPath ${spec.hostPath.path}`;
  if (spec.nfs) return `nfs ${spec.nfs.server}:${spec.nfs.path}`;
  if (spec.csi) return `csi ${spec.csi.driver}`;
  return volumeSources(spec)[0] ?? 'unknown source';
}

/**
 * Whether a LabelSelector (`matchLabels` and `matchExpressions`, ANDed) selects an
 * object with these labels. An empty selector selects everything, as in the API; a
 * missing one selects nothing.
 */
export function selectorMatches(selector: unknown, labels: Readonly<Record<string, string>>): boolean {
  if (typeof selector !== 'object' || selector === null || Array.isArray(selector)) return false;
  const s = selector as { matchLabels?: unknown; matchExpressions?: unknown };
  const matchLabels =
    typeof s.matchLabels === 'object' && s.matchLabels !== null ? (s.matchLabels as Record<string, unknown>) : {};
  const expressions = Array.isArray(s.matchExpressions) ? s.matchExpressions : [];
  return (
    Object.entries(matchLabels).every(([k, v]) => labels[k] === v) &&
    expressions.every((e) => {
      const has = e?.key in labels;
      const values: unknown[] = Array.isArray(e?.values) ? e.values : [];
      switch (e?.operator) {
        case 'In':
          return has && values.includes(labels[e.key]);
        case 'NotIn':
          return !has || !values.includes(labels[e.key]);
        case 'Exists':
          return has;
        case 'DoesNotExist':
          return !has;
        default:
          return false;
      }
    })
  );
}

/**
 * The first ordinal of a StatefulSet's pods: `spec.ordinals.start`, 0 when unset. Pods of a
 * set with n replicas are <set>-start .. <set>-(start+n-1) (kubernetes
 * `pkg/controller/statefulset/stateful_set_utils.go` `getStartOrdinal`).
 */
export function startOrdinal(sts: any): number {
  const v = sts?.spec?.ordinals?.start;
  return Number.isInteger(v) && v > 0 ? v : 0;
}
