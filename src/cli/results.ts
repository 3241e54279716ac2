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
    severity: 'error',
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
  return `${where}: ${path ? `${path}: ` : ''}${what} [${r.rule}]`;
}

export interface Summary {
  readonly errors: number;
  readonly warnings: number;
  readonly acknowledged: number;
}

export function summarize(results: readonly Result[]): Summary {
  const open = results.filter((r) => r.acknowledged === undefined);
  return {
    errors: open.filter((r) => r.severity !== 'warning').length,
    warnings: open.filter((r) => r.severity === 'warning').length,
    acknowledged: results.length - open.length,
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

/** SARIF 2.1.0, which GitHub code scanning and most CI dashboards read. */
export function toSarif(report: Report): string {
  const rules = [...new Map(report.results.map((r) => [r.rule, r])).values()].map((r) => ({
    id: r.rule,
    ...(r.help ? { help: { text: r.help } } : {}),
  }));
  const uri = (file: string) => file.replace(/\\/g, '/');
  const results = report.results.map((r) => ({
    ruleId: r.rule,
    level: r.severity === 'warning' ? 'warning' : 'error',
    message: { text: `${r.object}${fullPath(r) ? ` ${fullPath(r)}` : ''}: ${r.message}` },
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
