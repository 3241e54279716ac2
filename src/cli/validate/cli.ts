// `npm run validate [files or dirs]` and `npm run lint:manifests [files or dirs]`
// (default: dist/). Exits 1 on any problem, or on any finding not acknowledged.
import { formatFinding, formatProblem, lintPaths, validatePaths } from './index';
import { runMain } from '../run-main';

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  const paths = rest.length > 0 ? rest : ['dist'];
  if (command === 'validate') {
    const { manifests, problems } = validatePaths(paths);
    problems.forEach((p) => console.log(formatProblem(p)));
    console.log(
      `validate: ${manifests.length} objects in ${paths.join(', ')}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
    );
    return problems.length > 0 ? 1 : 0;
  }
  if (command === 'lint') {
    const { manifests, findings, problems } = lintPaths(paths);
    problems.forEach((p) => console.log(formatProblem(p)));
    const open = findings.filter((f) => f.acknowledged === undefined);
    const acknowledged = findings.filter((f) => f.acknowledged !== undefined);
    open.forEach((f) => console.log(formatFinding(f)));
    acknowledged.forEach((f) => console.log(formatFinding(f)));
    console.log(
      `lint: ${manifests.length} objects in ${paths.join(', ')}: ${open.length} finding${open.length === 1 ? '' : 's'}, ${acknowledged.length} acknowledged`,
    );
    return open.length > 0 || problems.length > 0 ? 1 : 0;
  }
  console.error('usage: cli.ts validate|lint [files or directories...]');
  return 2;
}

runMain(main);
