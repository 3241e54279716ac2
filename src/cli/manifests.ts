import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

/** One Kubernetes object read from a file. */
export interface Manifest {
  readonly file: string;
  /** Position of the document in its file (0-based). */
  readonly index: number;
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
  /**
   * `error` (the default): the API server rejects the object, or it cannot work as written.
   * `warning`: the API server accepts it, but the kubelet or the cluster will not run it as
   * intended (for example a non-root process binding a port below 1024).
   */
  readonly severity?: 'error' | 'warning';
}

export function describe(m: Manifest): string {
  const kind = m.object?.kind;
  const name = m.object?.metadata?.name;
  return kind && name ? `${kind}/${name}` : `document ${m.index + 1}`;
}

export function formatProblem(p: Problem): string {
  return `${p.file}: ${p.object}${p.path ? `: ${p.path}` : ''}: ${p.message}`;
}

const MANIFEST_FILE = /\.(ya?ml|json)$/;

/** The manifest files under the given files and directories (directories recursively, sorted). */
export function manifestFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) throw new Error(`no such file or directory: ${p}`);
    if (stat.isDirectory()) {
      // A folder's own files first, then its sub-folders, each in name order.
      const entries = fs.readdirSync(p, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
      files.push(...entries.filter((e) => e.isFile() && MANIFEST_FILE.test(e.name)).map((e) => path.join(p, e.name)));
      files.push(...manifestFiles(entries.filter((e) => e.isDirectory()).map((e) => path.join(p, e.name))));
    } else {
      files.push(p);
    }
  }
  return files;
}

/** Parses the YAML documents of one file's text; unparsable YAML is a problem, empty documents are skipped. */
export function parseManifests(file: string, text: string): { manifests: Manifest[]; problems: Problem[] } {
  const manifests: Manifest[] = [];
  const problems: Problem[] = [];
  parseAllDocuments(text).forEach((doc, index) => {
    if (!('errors' in doc) || doc.errors.length > 0) {
      const message = 'errors' in doc ? doc.errors[0].message : 'unparsable';
      problems.push({
        file,
        object: `document ${index + 1}`,
        path: '',
        message: `invalid YAML: ${message}`,
        rule: 'yaml',
      });
      return;
    }
    const object = doc.toJS();
    if (object !== null && object !== undefined) manifests.push({ file, index, object });
  });
  return { manifests, problems };
}

/** Reads every YAML document of the files. */
export function loadManifests(files: readonly string[]): { manifests: Manifest[]; problems: Problem[] } {
  const manifests: Manifest[] = [];
  const problems: Problem[] = [];
  for (const file of files) {
    const parsed = parseManifests(file, fs.readFileSync(file, 'utf-8'));
    manifests.push(...parsed.manifests);
    problems.push(...parsed.problems);
  }
  return { manifests, problems };
}

/** Reads the files and directories; unparsable YAML is an error here (for tools that need the objects). */
export function readManifests(paths: readonly string[]): Manifest[] {
  const { manifests, problems } = loadManifests(manifestFiles(paths));
  if (problems.length > 0) throw new Error(problems.map(formatProblem).join('\n'));
  return manifests;
}

/** Turns a JSON pointer (`/spec/ports/0/name`) into a field path (`spec.ports[0].name`). */
export function fieldPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce(
      (acc, part) =>
        /^\d+$/.test(part)
          ? `${acc}[${part}]`
          : /^[A-Za-z_$][\w$-]*$/.test(part)
            ? acc
              ? `${acc}.${part}`
              : part
            : `${acc}[${JSON.stringify(part)}]`,
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
