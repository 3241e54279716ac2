// `npm run fuzz -- [--runs N] [--seed N] [--problems]`: random prop sets over the whole
// public API of StatefulService. Every accepted set must produce manifests that the
// package's validator (1.27 and 1.33) and kubernetes-models accept; every rejected set
// must name the props it rejects. Prints the counts and the shrunk counterexample; exits
// 1 when there is one.
import { runMain } from '../../src/cli/run-main';
import { fuzz } from './run';

function main(argv: string[]): number {
  let runs = 1000;
  let seed = Date.now() % 2 ** 31;
  let showProblems = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs') runs = Number(argv[++i]);
    else if (argv[i] === '--seed') seed = Number(argv[++i]);
    else if (argv[i] === '--problems') showProblems = true;
    else throw new Error(`unknown argument ${JSON.stringify(argv[i])}: use --runs N, --seed N, --problems`);
  }
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
  const started = Date.now();
  const r = fuzz(runs, seed);
  console.log(`fuzz: seed ${r.seed}, ${r.runs} runs in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`  accepted: ${r.accepted}`);
  console.log(`  rejected: ${r.rejected} (distinct problems: ${r.problemCounts.size})`);
  console.log(`  accepted but invalid: ${r.acceptedButInvalid}`);
  console.log(`  rejected without naming a prop: ${r.rejectedWithoutProp}`);
  if (showProblems) {
    for (const [p, n] of [...r.problemCounts].sort((a, b) => b[1] - a[1]))
      console.log(`  ${String(n).padStart(6)}  ${p}`);
  }
  if (r.counterexample) console.log(`counterexample (shrunk):\n  ${r.counterexample}`);
  return r.counterexample ? 1 : 0;
}

runMain(main);
