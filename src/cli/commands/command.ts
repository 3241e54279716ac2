import * as fs from 'fs';
import { Args, choice, positiveNumber, UsageError } from '../args';
import { formatYamlError, InputError, YamlError } from '../input';
import { Io } from '../io';
import { formatResult, groupResults, Report, Result, Summary, summarize, toJson, toSarif } from '../results';

/** A subcommand of `stateful-service`. */
export interface Command {
  readonly name: string;
  /** One line for the top-level help. */
  readonly summary: string;
  /** The full `--help` text. */
  readonly help: string;
  /** Runs the command; returns the exit code (0 clean, 1 findings, 2 usage or input error). */
  run(argv: readonly string[], io: Io): number;
}

export const FORMATS = ['text', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

/** The options every command that reads manifests takes. */
export const INPUT_OPTIONS = { format: 'value', 'max-file-size': 'value' } as const;

/** The help lines of the options every command that reads manifests has (aligned with the rest). */
export const COMMON_OPTIONS_HELP = `  --max-file-size <MiB>     refuse larger files (default 16)
  -h, --help                this help`;

export const INPUTS_HELP = `Inputs are files, directories (read recursively: *.yaml, *.yml, *.json) and - for
standard input; without any, dist/ (the cdk8s output directory) when it exists.`;

export const INPUT_HELP = `${COMMON_OPTIONS_HELP}\n\n${INPUTS_HELP}`;

export const EXIT_HELP = `Exit status: 0 no errors (warnings allowed), 1 errors found, 2 wrong usage or input
that cannot be read (missing path, invalid YAML, no manifests).`;

export function inputOptions(args: Args) {
  return { format: choice<Format>(args, 'format', FORMATS, 'text'), maxFileMiB: positiveNumber(args, 'max-file-size') };
}

/** The positional paths, or dist/ when there are none and it exists. */
export function inputPaths(args: Args, command: string): string[] {
  if (args.positionals.length > 0) return [...args.positionals];
  if (fs.statSync('dist', { throwIfNoEntry: false })?.isDirectory()) return ['dist'];
  throw new UsageError(
    `give the manifests to ${command}: files, directories, or - for standard input (there is no dist/ here)`,
  );
}

export function requireObjects(objects: number, yamlErrors: readonly YamlError[], paths: readonly string[]): void {
  if (objects === 0 && yamlErrors.length === 0) {
    throw new InputError(`no Kubernetes objects in ${paths.join(', ')} (only empty documents)`);
  }
}

/**
 * Writes the report in the chosen format, and YAML errors to standard error; returns the
 * exit code. Results are ordered as the files and documents they are about.
 */
export function emit(
  io: Io,
  format: Format,
  report: Report,
  summaryLine: (s: Summary) => string,
  notes: readonly string[] = [],
): number {
  const order = new Map(report.files.map((f, i) => [f, i]));
  const results = [...report.results].sort(
    (a, b) =>
      (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) ||
      (a.document ?? 0) - (b.document ?? 0) ||
      (a.item ?? 0) - (b.item ?? 0),
  );
  const grouped = groupResults(results);
  const sorted: Report = { ...report, results: grouped };
  const summary = summarize(grouped);
  if (format === 'json') io.out(toJson(sorted));
  else if (format === 'sarif') io.out(toSarif(sorted));
  else {
    grouped.forEach((r: Result) => io.out(formatResult(r)));
    notes.forEach((n) => io.out(n));
    io.out(summaryLine(summary));
  }
  report.yamlErrors.forEach((e) => io.err(`error: ${formatYamlError(e)}`));
  return report.yamlErrors.length > 0 ? 2 : summary.errors > 0 ? 1 : 0;
}
