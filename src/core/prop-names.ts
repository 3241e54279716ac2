import { Problems, show } from './problems';

/**
 * Every prop of a struct `T`, each listed once as `name: true`: the compiler refuses a
 * list that misses a prop of `T` or names one it does not have, so the run-time check of
 * unknown keys cannot drift from the interface.
 */
export type PropNames<T> = { readonly [K in keyof T]-?: true };

/** The props of `T` (see `PropNames`), for `structOf` and `checkKnownProps`. */
export function propNames<T>(names: PropNames<T>): PropNames<T> {
  return names;
}

/**
 * Reports each key of `value` that is not a prop of its struct, with the nearest prop:
 * `'storage[0].mountpath' is not a known prop (did you mean 'mountPath'?), got "/data"`.
 * `prop` is where the struct is ('' for the construct's own props).
 */
export function checkKnownProps<T>(prop: string, value: object, names: PropNames<T>, p: Problems): void {
  // Called for every struct of every service: a known key costs one own-property lookup in
  // the module's table, and the table's list of names is made only for an unknown key.
  for (const key of Object.keys(value)) {
    if (hasOwn.call(names, key)) continue;
    const known = Object.keys(names);
    const v = (value as Record<string, unknown>)[key];
    const near = nearest(key, known);
    const hint =
      near !== undefined
        ? `did you mean '${near}'?`
        : known.length <= MAX_LISTED
          ? `known: ${known.join(', ')}`
          : 'no known prop is near it';
    p.add(`'${prop === '' ? key : `${prop}.${key}`}' is not a known prop (${hint}), got ${show(v)}`);
  }
}

const hasOwn = Object.prototype.hasOwnProperty;

// A longer list (the construct's own props) would bury the message: API.md has them.
const MAX_LISTED = 10;

/** The known name closest to `key` by edit distance, if it is close enough to be a slip. */
function nearest(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const same = known.find((k) => k.toLowerCase() === lower);
  if (same !== undefined) return same;
  let best: string | undefined;
  // A slip is a few edits: at most a third of the key, and two for short keys.
  let bestDistance = Math.max(2, Math.ceil(key.length / 3)) + 1;
  for (const k of known) {
    const d = distance(lower, k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length];
}
