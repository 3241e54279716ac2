import type { YamlError } from './input';
import type { Manifest, Problem, Severity } from './manifests';
import type { Finding } from './validate/policy';

/**
 * One finding of any command, in the form every output format is made from: where
 * (file, document, List item, object, field), what, and which rule.
 */
export interface Result {
  readonly file: string;
  /** The document in the file, 1-based (as `yq`'s documentIndex + 1). */
  readonly document?: number;
  /** The line where that document starts. */
  readonly line?: number;
  /** The position in the `items` of a `kind: List` document. */
  readonly item?: number;
  /** `Kind/name`, or `document <n>` for a document without kind or name. */
  readonly object: string;
  /** The field, e.g. `spec.template.spec.containers[0].image`; empty for the whole object. */
  readonly path: string;
  readonly message: string;
  readonly rule: string;
  /**
   * An error fails the command (exit 1), and so does `runtime` (the API server accepts the
   * object, but a controller or the kubelet can never run it); a warning is printed and
   * counted only.
   */
  readonly severity: Severity;
  /** For policy findings: the reason an object gives for needing it (then it does not fail). */
  readonly acknowledged?: string;
  /** Why the rule matters, or what to do instead. */
  readonly help?: string;
  /** The same finding (rule, field, message) about other objects, once grouped: how many, and the first few. */
  readonly alsoIn?: { readonly count: number; readonly objects: readonly Where[] };
}

/** An object a grouped finding is also about. */
export interface Where {
  readonly file: string;
  readonly document?: number;
  readonly item?: number;
  readonly object: string;
}

/** How many other objects a grouped finding names (the rest are counted). */
export const GROUP_NAMES = 3;

/**
 * One result per distinct finding: the same rule, field, message, severity and
 * acknowledgement about several objects is one result about the first, which counts and
 * names the first few of the others. So a finding about 3,000 objects is one line, not 3,000.
 */
export function groupResults(results: readonly Result[]): Result[] {
  const groups = new Map<string, { first: Result; count: number; objects: Where[] }>();
  for (const r of results) {
    const key = [r.rule, r.severity, fullPath(r), r.message, r.acknowledged ?? '\0'].join('\0');
    const g = groups.get(key);
    if (!g) {
      groups.set(key, { first: r, count: 0, objects: [] });
      continue;
    }
    g.count++;
    if (g.objects.length < GROUP_NAMES) {
      g.objects.push({
        file: r.file,
        ...(r.document !== undefined ? { document: r.document } : {}),
        ...(r.item !== undefined ? { item: r.item } : {}),
        object: r.object,
      });
    }
  }
  return [...groups.values()].map((g) =>
    g.count === 0 ? g.first : { ...g.first, alsoIn: { count: g.count, objects: g.objects } },
  );
}

const whereText = (w: Where) =>
  `${w.file}${w.document !== undefined ? `:${w.document}` : ''} ${w.object}${w.item !== undefined ? ` (items[${w.item}])` : ''}`;

/** ` (and 2999 more objects: a.yaml:2 Deployment/b, ..., ...)`, or '' for a finding about one object. */
export function alsoText(r: Result): string {
  if (!r.alsoIn) return '';
  const { count, objects } = r.alsoIn;
  return ` (and ${plural(count, 'more object')}: ${objects.map(whereText).join(', ')}${count > objects.length ? ', ...' : ''})`;
}

export type Lines = (file: string, index: number | undefined) => number | undefined;

/** Looks up the start line of a document, for the formats that point into files. */
export function documentLines(manifests: readonly Manifest[]): Lines {
  const lines = new Map<string, number>();
  for (const m of manifests) if (m.line !== undefined) lines.set(`${m.file}\0${m.index}`, m.line);
  return (file, index) => (index === undefined ? undefined : lines.get(`${file}\0${index}`));
}

export function fromProblem(p: Problem, lines?: Lines): Result {
  return {
    file: p.file,
    ...(p.index !== undefined ? { document: p.index + 1 } : {}),
    ...(lines?.(p.file, p.index) !== undefined ? { line: lines(p.file, p.index) } : {}),
    ...(p.item !== undefined ? { item: p.item } : {}),
    object: p.object,
    path: p.path,
    message: p.message,
    rule: p.rule,
    severity: p.severity ?? 'error',
  };
}

/** A policy finding: an error unless the object acknowledges it; why the rule matters as help. */
export function fromFinding(f: Finding, lines?: Lines): Result {
  const line = lines?.(f.file, f.index);
  return {
    file: f.file,
    ...(f.index !== undefined ? { document: f.index + 1 } : {}),
    ...(line !== undefined ? { line } : {}),
    ...(f.item !== undefined ? { item: f.item } : {}),
    object: f.object,
    path: f.path,
    message: f.message,
    rule: f.rule.id,
    severity: f.rule.severity ?? 'error',
    ...(f.acknowledged !== undefined ? { acknowledged: f.acknowledged } : {}),
    help: f.rule.why,
  };
}

/** The field path as found in the file: inside a List, below its item. */
export function fullPath(r: Result): string {
  if (r.item === undefined) return r.path;
  const item = `items[${r.item}]`;
  return r.path ? `${item}${r.path.startsWith('[') ? '' : '.'}${r.path}` : item;
}

/** `file:doc Kind/name: field: message [rule]`, the one-line form of kubeconform and compilers. */
export function formatResult(r: Result): string {
  const where = `${r.file}${r.document !== undefined ? `:${r.document}` : ''} ${r.object}`;
  const path = fullPath(r);
  const what =
    r.acknowledged !== undefined
      ? `acknowledged: ${r.acknowledged}`
      : `${r.severity === 'error' ? '' : `${r.severity}: `}${r.message}`;
  return `${where}: ${path ? `${path}: ` : ''}${what} [${r.rule}]${alsoText(r)}`;
}

export interface Summary {
  readonly errors: number;
  readonly warnings: number;
  readonly acknowledged: number;
}

/** The findings counted per object: a grouped result counts once for each object it is about. */
export function summarize(results: readonly Result[]): Summary {
  const n = (r: Result) => 1 + (r.alsoIn?.count ?? 0);
  const sum = (rs: readonly Result[]) => rs.reduce((total, r) => total + n(r), 0);
  const open = results.filter((r) => r.acknowledged === undefined);
  return {
    errors: sum(open.filter((r) => r.severity !== 'warning')),
    warnings: sum(open.filter((r) => r.severity === 'warning')),
    acknowledged: sum(results) - sum(open),
  };
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export interface Report {
  readonly command: string;
  readonly toolVersion: string;
  readonly kubernetesVersion?: string;
  readonly files: readonly string[];
  readonly objects: number;
  readonly results: readonly Result[];
  readonly yamlErrors: readonly YamlError[];
}

export function toJson(report: Report): string {
  const { command, toolVersion, kubernetesVersion, files, objects, results, yamlErrors } = report;
  return JSON.stringify(
    {
      tool: 'stateful-service',
      version: toolVersion,
      command,
      ...(kubernetesVersion ? { kubernetesVersion } : {}),
      files,
      objects,
      results: results.map((r) => ({ ...r, path: fullPath(r) })),
      yamlErrors: yamlErrors.map((e) => ({ ...e, index: undefined, document: e.index + 1 })),
      summary: summarize(results),
    },
    null,
    2,
  );
}

/**
 * A file as a SARIF artifact URI (RFC 3986): a relative reference for a relative path, a
 * `file://` URI for an absolute one, every segment percent-encoded (`my app/#1.yaml` is
 * `my%20app/%231.yaml`); standard input stays `<stdin>`, encoded likewise.
 */
export function sarifUri(file: string): string {
  const slashed = file.replace(/\\/g, '/');
  const encoded = slashed
    .split('/')
    .map((segment, i) => (i === 0 && /^[A-Za-z]:$/.test(segment) ? segment : encodeURIComponent(segment)))
    .join('/');
  if (slashed.startsWith('/')) return `file://${encoded}`;
  if (/^[A-Za-z]:\//.test(slashed)) return `file:///${encoded}`;
  return encoded;
}

/** SARIF 2.1.0, which GitHub code scanning and most CI dashboards read. */
export function toSarif(report: Report): string {
  const rules = [...new Map(report.results.map((r) => [r.rule, r])).values()].map((r) => ({
    id: r.rule,
    ...(r.help ? { help: { text: r.help } } : {}),
  }));
  const uri = sarifUri;
  const results = report.results.map((r) => ({
    ruleId: r.rule,
    level: r.severity === 'warning' ? 'warning' : 'error',
    message: { text: `${r.object}${fullPath(r) ? ` ${fullPath(r)}` : ''}: ${r.message}${alsoText(r)}` },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: uri(r.file) }, region: { startLine: r.line ?? 1 } },
        logicalLocations: [{ fullyQualifiedName: `${r.object}${fullPath(r) ? `.${fullPath(r)}` : ''}` }],
      },
    ],
    ...(r.acknowledged !== undefined ? { suppressions: [{ kind: 'inSource', justification: r.acknowledged }] } : {}),
  }));
  const notifications = report.yamlErrors.map((e) => ({
    level: 'error',
    message: { text: `invalid YAML: ${e.message}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: uri(e.file) },
          region: { startLine: e.line, startColumn: e.column },
        },
      },
    ],
  }));
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'stateful-service', version: report.toolVersion, rules } },
          invocations: [
            { executionSuccessful: report.yamlErrors.length === 0, toolExecutionNotifications: notifications },
          ],
          results,
        },
      ],
    },
    null,
    2,
  );
}
