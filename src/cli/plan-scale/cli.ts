// `npm run plan-scale -- 2 1 3 [--from <files or dirs>] [--statefulset <name>]`:
// which volume each pod gets for a sequence of replica counts (default manifests: dist/).
import { readManifests } from '../manifests';
import { formatPlan, planScale, statefulSets } from './plan';
import { runMain } from '../run-main';

function main(argv: string[]): number {
  const from: string[] = [];
  const counts: number[] = [];
  let only: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--from') from.push(argv[++i]);
    else if (argv[i] === '--statefulset') only = argv[++i];
    else if (/^\d+$/.test(argv[i])) counts.push(Number(argv[i]));
    else
      throw new Error(
        `unexpected argument ${JSON.stringify(argv[i])}: give replica counts (e.g. 2 1 3), --from and --statefulset`,
      );
  }
  if (counts.length === 0) throw new Error('give a sequence of replica counts, e.g. `npm run plan-scale -- 2 1 3`');
  const manifests = readManifests(from.length > 0 ? from : ['dist']);
  const sets = only ? [only] : statefulSets(manifests);
  if (sets.length === 0) throw new Error('no StatefulSet in the manifests');
  console.log(sets.map((s) => formatPlan(planScale(manifests, s, counts))).join('\n\n'));
  return 0;
}

runMain(main);
