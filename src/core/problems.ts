/**
 * Collects every problem of a props object, so that all of them are reported at once.
 * Messages follow one style: `'<prop>' <what is allowed>, got <value>`.
 */
export class Problems {
  public readonly list: string[] = [];

  /** Records a check's problem, if any; true when the value passed. */
  public check(problem: string | undefined): boolean {
    if (problem !== undefined) this.list.push(problem);
    return problem === undefined;
  }

  public add(message: string): void {
    this.list.push(message);
  }
}

/** A value as the user wrote it, for messages: strings quoted, objects as JSON. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return 'a function';
  // A factory-made value (Storage.dynamic(...)) is named by its class, not its internals.
  const type = (value as object | null)?.constructor?.name;
  if (typeof value === 'object' && value !== null && type && type !== 'Object' && type !== 'Array') return `a ${type}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Reports each value used more than once in `prop`. */
export function checkUnique(prop: string, what: string, values: readonly string[], p: Problems): void {
  if (values.length < 2) return; // most lists a service gives have one entry or none
  const seen = new Set<string>();
  const reported = new Set<string>();
  for (const v of values) {
    if (seen.has(v) && !reported.has(v)) {
      p.add(`'${prop}' must not repeat a ${what}, ${show(v)} is used more than once`);
      reported.add(v);
    }
    seen.add(v);
  }
}
