import * as fs from 'fs';
import * as path from 'path';
import { isMainThread, resourceLimits } from 'worker_threads';
import { Composer, LineCounter, Parser } from 'yaml';
import type { Manifest, Problem } from './manifests';
import { aliasProblem, isJsonText, KUBECTL_MAX_DEPTH, nestingDepth, splitJsonStream } from './stream';

/**
 * Reading manifests as `kubectl apply -f` does: files, directories (recursively), `-` for
 * standard input; YAML streams of several documents; `kind: List` expanded into its items.
 * Whatever cannot be read is an InputError (the tools exit 2), never a stack trace.
 */

/** A problem with the input itself (a missing path, unreadable YAML): the user's to fix, exit 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** A YAML syntax error: where it is, as an editor shows it. */
export interface YamlError {
  readonly file: string;
  /** The document (0-based) in the file. */
  readonly index: number;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  /** The file was read as a stream of JSON values (it starts with `{`). */
  readonly json?: boolean;
}

export const STDIN = '-';
/** How standard input is named in findings. */
export const STDIN_NAME = '<stdin>';
const MANIFEST_FILE = /\.(ya?ml|json)$/;
/** Larger files are refused: yaml parses about 5 MB/s, and no single apply needs more. */
export const DEFAULT_MAX_FILE_MIB = 16;

export interface ReadOptions {
  /** Refuse files (and standard input) larger than this many MiB. */
  readonly maxFileMiB?: number;
  /** Told what was read differently from what was given (a Helm chart's templates/ only). */
  readonly onNote?: (note: string) => void;
}

function describeError(p: string, e: NodeJS.ErrnoException): InputError {
  switch (e.code) {
    case 'ENOENT':
      return new InputError(
        fs.lstatSync(p, { throwIfNoEntry: false })?.isSymbolicLink()
          ? `${p}: broken symbolic link (it points to ${JSON.stringify(fs.readlinkSync(p))}, which does not exist)`
          : `no such file or directory: ${p}`,
      );
    case 'ELOOP':
      return new InputError(`${p}: symbolic link loop (the link leads back to itself)`);
    case 'EACCES':
    case 'EPERM':
      return new InputError(`${p}: permission denied`);
    default:
      return new InputError(`${p}: cannot read (${e.code ?? e.message})`);
  }
}

/** Marks a walk inside a Helm chart's templates/ (a key no real path has). */
const HELM_CHART = '\0helm-chart';

/**
 * The manifest files under the given paths: a file as given, a directory's *.yaml, *.yml
 * and *.json files recursively (sorted, its own files before its sub-directories, hidden
 * entries skipped; of a Helm chart folder, its templates/ only), `-` for standard input.
 * Symbolic links are followed; one that leads
 * back into a directory being read is an error, not an endless walk.
 */
export function manifestFiles(paths: readonly string[], onNote?: (note: string) => void): string[] {
  const files: string[] = [];
  const seen = new Set<string>(); // real paths, so a file reached twice through links is read once
  const add = (file: string) => {
    const real = fs.realpathSync(file);
    if (!seen.has(real)) files.push(file);
    seen.add(real);
  };
  const walk = (dir: string, ancestors: ReadonlyMap<string, string>): number => {
    const real = fs.realpathSync(dir);
    const loop = ancestors.get(real);
    if (loop !== undefined) throw new InputError(`${dir}: symbolic link loop (it leads back to ${loop})`);
    const inside = new Map(ancestors).set(real, dir);
    let names: string[];
    try {
      names = fs.readdirSync(dir).filter((n) => !n.startsWith('.'));
    } catch (e) {
      throw describeError(dir, e as NodeJS.ErrnoException);
    }
    if (names.includes('Chart.yaml') && !ancestors.has(HELM_CHART)) {
      // A Helm chart (cdk8s synth --format helm writes one): its objects are in templates/;
      // Chart.yaml and values.yaml are Helm's own files, and partials (_*) are not objects.
      onNote?.(
        `${dir} is a Helm chart: reading its templates/ only, not Chart.yaml or values.yaml (for a chart with template directives, validate the output of helm template instead)`,
      );
      const templates = path.join(dir, 'templates');
      if (!fs.statSync(templates, { throwIfNoEntry: false })?.isDirectory()) return 0;
      return walk(templates, new Map(inside).set(HELM_CHART, dir));
    }
    if (ancestors.has(HELM_CHART)) names = names.filter((n) => !n.startsWith('_'));
    names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)); // code point order: the same everywhere
    const subdirs: string[] = [];
    let found = 0;
    for (const name of names) {
      const p = path.join(dir, name);
      let stat: fs.Stats;
      try {
        stat = fs.statSync(p);
      } catch (e) {
        throw describeError(p, e as NodeJS.ErrnoException);
      }
      if (stat.isDirectory()) subdirs.push(p);
      else if (stat.isFile() && MANIFEST_FILE.test(name)) {
        add(p);
        found++;
      }
    }
    for (const sub of subdirs) found += walk(sub, inside);
    return found;
  };
  for (const p of paths) {
    if (p === STDIN) {
      files.push(STDIN);
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (e) {
      throw describeError(p, e as NodeJS.ErrnoException);
    }
    if (stat.isDirectory()) {
      if (walk(p, new Map()) === 0) throw new InputError(`no manifests (*.yaml, *.yml or *.json files) in ${p}`);
    } else {
      add(p);
    }
  }
  return files;
}

function tooLarge(name: string, bytes: number, limitMiB: number): InputError {
  return new InputError(
    `${name}: ${(bytes / 2 ** 20).toFixed(1)} MiB is more than the ${limitMiB} MiB read from one file (--max-file-size <MiB> raises the limit)`,
  );
}

/** Reads standard input to the end, refusing more than the limit without holding it. */
function readStdin(limitMiB: number): string {
  const chunks: Buffer[] = [];
  const buffer = Buffer.alloc(1 << 16);
  let total = 0;
  for (;;) {
    let n: number;
    try {
      n = fs.readSync(0, buffer, 0, buffer.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        // a non-blocking pipe with no data yet: wait a little rather than spin
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if (code === 'EOF') break;
      throw new InputError(`${STDIN_NAME}: cannot read (${code})`);
    }
    if (n === 0) break;
    total += n;
    if (total > limitMiB * 2 ** 20) throw tooLarge(STDIN_NAME, total, limitMiB);
    chunks.push(Buffer.from(buffer.subarray(0, n)));
  }
  return Buffer.concat(chunks).toString('utf-8');
}

/** The text of a file (or standard input), refused when larger than the limit. */
export function readText(file: string, options: ReadOptions = {}): string {
  const limit = options.maxFileMiB ?? DEFAULT_MAX_FILE_MIB;
  if (file === STDIN) return readStdin(limit);
  try {
    const size = fs.statSync(file).size;
    if (size > limit * 2 ** 20) throw tooLarge(file, size, limit);
    return fs.readFileSync(file, 'utf-8');
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw describeError(file, e as NodeJS.ErrnoException);
  }
}

const isList = (o: any): boolean =>
  typeof o === 'object' && o !== null && typeof o.kind === 'string' && /List$/.test(o.kind) && Array.isArray(o.items);

/**
 * The nesting this thread reads without running out of stack: the `stateful-service`
 * command runs in a thread with a large stack (main.ts) and reads what kubectl reads;
 * elsewhere (the cdk8s plugin, tests) the default stack of about 1 MB holds about 900
 * levels of the yaml library's recursion, and half of that is read.
 */
const THREAD_MAX_DEPTH = !isMainThread && (resourceLimits.stackSizeMb ?? 0) >= 32 ? KUBECTL_MAX_DEPTH : 500;

function countLines(text: string, lines: LineCounter): void {
  lines.addNewLine(0);
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
}

/** The 0-based document of a YAML text that an offset falls in (`---` lines before it). */
const documentAt = (text: string, offset: number): number =>
  (text.slice(0, offset).match(/^---/gm) ?? []).length - (/^\s*---/.test(text) ? 1 : 0);

/** A list document (`kind: List`, or any `...List` with items) gives its items; another, itself. */
function addObject(manifests: Manifest[], file: string, index: number, line: number, object: unknown): void {
  if (isList(object)) {
    (object as { items: unknown[] }).items.forEach((item, i) =>
      manifests.push({ file, index, item: i, line, object: item }),
    );
  } else if (object !== null && object !== undefined) {
    manifests.push({ file, index, line, object });
  }
}

/** A stream of JSON values, as kubectl reads a file that starts with `{`. */
function parseJsonStream(
  file: string,
  text: string,
  lines: LineCounter,
): { manifests: Manifest[]; errors: YamlError[] } {
  const manifests: Manifest[] = [];
  const errors: YamlError[] = [];
  splitJsonStream(text).forEach((value, index) => {
    const at = lines.linePos(value.offset);
    try {
      addObject(manifests, file, index, at.line, JSON.parse(value.text));
    } catch (e) {
      const message = (e as Error).message;
      const position = /position (\d+)/.exec(message);
      const where = lines.linePos(value.offset + (position ? Number(position[1]) : 0));
      errors.push({
        file,
        index,
        line: where.line,
        column: where.col,
        json: true,
        message: message.replace(/ in JSON at position \d+.*$/, ''),
      });
    }
  });
  return { manifests, errors };
}

/**
 * Parses the documents of one file's text, one at a time (the syntax tree of a document
 * is dropped once it is read), as `kubectl apply -f` reads them: a text that starts with
 * `{` is a stream of JSON objects; any other, a stream of YAML 1.1 documents (`yes` and
 * `on` are booleans). Empty documents are skipped but counted, so document numbers match
 * the file. Nesting deeper than kubectl reads, an alias cycle and aliases that expand a
 * document beyond what kubectl decodes are errors of their document, found before the
 * document is expanded.
 */
export function parseYaml(file: string, text: string): { manifests: Manifest[]; errors: YamlError[] } {
  const lines = new LineCounter();
  const limit = Math.min(THREAD_MAX_DEPTH, KUBECTL_MAX_DEPTH);
  const deepest = nestingDepth(text, limit);
  if (deepest.depth > limit) {
    countLines(text, lines);
    const at = lines.linePos(deepest.offset);
    const message =
      limit === KUBECTL_MAX_DEPTH
        ? `nested more than ${KUBECTL_MAX_DEPTH} levels deep, which kubectl does not read either`
        : `nested more than ${limit} levels deep, more than can be read here (the stateful-service command reads ${KUBECTL_MAX_DEPTH} levels, as kubectl does)`;
    return {
      manifests: [],
      errors: [{ file, index: documentAt(text, deepest.offset), line: at.line, column: at.col, message }],
    };
  }
  if (isJsonText(text)) {
    countLines(text, lines);
    return parseJsonStream(file, text, lines);
  }
  const manifests: Manifest[] = [];
  const errors: YamlError[] = [];
  // logLevel error: no process warning (a key that is a collection is stringified, and then an unknown field)
  const composer = new Composer({ version: '1.1', logLevel: 'error' });
  let index = 0;
  for (const doc of composer.compose(new Parser(lines.addNewLine).parse(text))) {
    const start = (doc.contents?.range ?? doc.range)[0];
    const aliases = doc.errors.length === 0 ? aliasProblem(doc) : undefined;
    if (doc.errors.length > 0) {
      const e = doc.errors[0];
      const at = lines.linePos(e.pos[0]);
      const message = e.message.replace(/ at line \d+, column \d+[\s\S]*$/, '');
      errors.push({ file, index, line: at.line, column: at.col, message });
    } else if (aliases !== undefined) {
      const at = lines.linePos(start);
      errors.push({ file, index, line: at.line, column: at.col, message: aliases });
    } else {
      // aliases are checked above as kubectl checks them; yaml's own limit (100) is lower.
      // What the syntax allows but no value can be made of (a merge key `<<` of a scalar,
      // an alias without its anchor) is the document's error too.
      let object: unknown;
      try {
        object = doc.toJS({ maxAliasCount: -1 });
      } catch (e) {
        const at = lines.linePos(start);
        errors.push({ file, index, line: at.line, column: at.col, message: (e as Error).message });
        index++;
        continue;
      }
      addObject(manifests, file, index, lines.linePos(start).line, object);
    }
    index++;
  }
  return { manifests, errors };
}

/** A message on one line, of a readable length (JSON.parse quotes the input, new lines and all). */
const oneLine = (message: string): string => {
  const line = message.replace(/\r?\n/g, '\\n');
  return line.length > 300 ? `${line.slice(0, 300)}...` : line;
};

export function formatYamlError(e: YamlError): string {
  return `${e.file}:${e.line}:${e.column}: invalid ${e.json ? 'JSON' : 'YAML'} (document ${e.index + 1}): ${oneLine(e.message)}`;
}

/** The problem of a YAML error, for callers that report everything as problems. */
export function yamlProblem(e: YamlError): Problem {
  return {
    file: e.file,
    object: `document ${e.index + 1}`,
    path: '',
    message: `invalid ${e.json ? 'JSON' : 'YAML'} at line ${e.line}, column ${e.column}: ${oneLine(e.message)}`,
    rule: 'yaml',
    index: e.index,
  };
}

/** Reads every manifest under the paths. */
export function readInputs(
  paths: readonly string[],
  options: ReadOptions = {},
): { files: string[]; manifests: Manifest[]; errors: YamlError[] } {
  const files = manifestFiles(paths, options.onNote);
  const manifests: Manifest[] = [];
  const errors: YamlError[] = [];
  for (const file of files) {
    const parsed = parseYaml(file === STDIN ? STDIN_NAME : file, readText(file, options));
    manifests.push(...parsed.manifests);
    errors.push(...parsed.errors);
  }
  return { files: files.map((f) => (f === STDIN ? STDIN_NAME : f)), manifests, errors };
}

/** Reads the files and directories; unparsable YAML is an InputError (for tools that need the objects). */
export function readManifests(paths: readonly string[], options: ReadOptions = {}): Manifest[] {
  const { manifests, errors } = readInputs(paths, options);
  // one line per error, each read as its own `error: ` line
  if (errors.length > 0) throw new InputError(errors.map(formatYamlError).join('\nerror: '));
  return manifests;
}
