/** A wrong command line: the user's to fix, printed with a pointer to `--help` (exit 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** What each option of a command takes: nothing (a flag), or a value (repeatable). */
export type OptionSpec = Record<string, 'flag' | 'value'>;

export interface Args {
  readonly flags: ReadonlySet<string>;
  /** Every value given to each option, in order (`--from a --from b`). */
  readonly values: ReadonlyMap<string, readonly string[]>;
  readonly positionals: readonly string[];
}

/**
 * Parses `--name value`, `--name=value`, flags, and positionals (`-` is one: standard
 * input); `--` ends the options. `-h` is `--help`.
 */
export function parseArgs(argv: readonly string[], spec: OptionSpec, command: string): Args {
  const flags = new Set<string>();
  const values = new Map<string, string[]>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') {
      flags.add('help');
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const kind = arg.startsWith('--') ? spec[name] : undefined;
    if (kind === undefined) {
      const known = Object.keys(spec).map((o) => `--${o}`);
      throw new UsageError(
        `unknown option ${arg.slice(0, eq === -1 ? undefined : eq)} for ${command}${known.length > 0 ? ` (its options: ${known.join(', ')}, --help)` : ' (it has only --help)'}`,
      );
    }
    if (kind === 'flag') {
      if (eq !== -1) throw new UsageError(`option --${name} takes no value`);
      flags.add(name);
      continue;
    }
    const value = eq !== -1 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq === -1 && value.startsWith('--'))) {
      throw new UsageError(`option --${name} needs a value`);
    }
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  return { flags, values, positionals };
}

/** The last value of an option, or the default. */
export function last(args: Args, name: string, fallback?: string): string | undefined {
  const all = args.values.get(name);
  return all && all.length > 0 ? all[all.length - 1] : fallback;
}

/** An option that takes one of a fixed set of values. */
export function choice<T extends string>(args: Args, name: string, allowed: readonly T[], fallback: T): T {
  const value = last(args, name, fallback)!;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}

/** A positive number option (`--max-file-size 64`). */
export function positiveNumber(args: Args, name: string): number | undefined {
  const value = last(args, name);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`--${name} must be a positive number, got ${JSON.stringify(value)}`);
  return n;
}
