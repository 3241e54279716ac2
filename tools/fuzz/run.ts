import * as fc from 'fast-check';
import { statefulServiceProps } from './arbitraries';
import { judge } from './judge';

export interface FuzzResult {
  readonly runs: number;
  readonly seed: number;
  readonly accepted: number;
  readonly rejected: number;
  /** Accepted sets whose manifests a judge refused: must be 0. */
  readonly acceptedButInvalid: number;
  /** Rejected sets with a problem that names no prop: must be 0. */
  readonly rejectedWithoutProp: number;
  /** The shrunk counterexample and what was wrong with it, if any. */
  readonly counterexample?: string;
  /** How often each problem was reported (its text up to the first value), for coverage. */
  readonly problemCounts: ReadonlyMap<string, number>;
}

/**
 * Runs `runs` random prop sets. Counting happens outside fast-check's shrinking: only
 * the first pass over each generated value counts, the shrunk counterexample is reported.
 */
export function fuzz(runs: number, seed: number): FuzzResult {
  let accepted = 0;
  let rejected = 0;
  let acceptedButInvalid = 0;
  let rejectedWithoutProp = 0;
  let shrinking = false;
  const problemCounts = new Map<string, number>();
  const result = fc.check(
    fc.property(statefulServiceProps, (props) => {
      const v = judge(props);
      if (!shrinking) {
        if (v.kind === 'accepted') {
          accepted++;
          if (v.problems.length > 0) acceptedButInvalid++;
        } else {
          rejected++;
          if (v.unnamed.length > 0) rejectedWithoutProp++;
          for (const p of v.problems) {
            const key = p
              .replace(/, got .*$/s, '')
              .replace(/\[\d+\]/g, '[]')
              .slice(0, 90);
            problemCounts.set(key, (problemCounts.get(key) ?? 0) + 1);
          }
        }
      }
      const ok = v.kind === 'accepted' ? v.problems.length === 0 : v.unnamed.length === 0;
      if (!ok) shrinking = true;
      return ok;
    }),
    { numRuns: runs, seed, endOnFailure: false },
  );
  let counterexample: string | undefined;
  if (result.failed && result.counterexample) {
    const verdict = judge(result.counterexample[0]);
    counterexample = `${fc.stringify(result.counterexample[0])}\n  ${verdict.kind}: ${(verdict.kind === 'accepted' ? verdict.problems : verdict.unnamed).join('\n  ')}`;
  }
  // fast-check stops at the first failure; the counts cover the runs made up to it.
  return {
    runs: result.numRuns,
    seed,
    accepted,
    rejected,
    acceptedButInvalid,
    rejectedWithoutProp,
    counterexample,
    problemCounts,
  };
}
