// `npm run check-upgrade [-- --from <files or dirs>] [--to <files or dirs>]`, in this repository:
// the package's check-upgrade with this project's defaults.
//
// --from: the manifests last applied; default: dist/ as committed at git HEAD.
// --to:   the new manifests; default: a fresh synth of the app (src/charts/app.ts).
// Exits 1 when a change would be rejected by the API server; warnings do not fail.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildApps } from '../src/charts/app';
import { checkUpgrade, formatFinding } from '../src/cli/check-upgrade/check';
import { parseYaml, readManifests } from '../src/cli/input';
import { Manifest } from '../src/cli/manifests';
import { runMain } from '../src/cli/run-main';

function fromGitHead(dir: string): Manifest[] {
  const git = (...args: string[]) =>
    execFileSync('git', args, { encoding: 'utf-8', stdio: ['ignore', 'pipe', 'pipe'] });
  let files: string[];
  try {
    files = git('ls-tree', '-r', '--name-only', 'HEAD', '--', dir)
      .split('\n')
      .filter((f) => /\.(ya?ml|json)$/.test(f));
  } catch {
    throw new Error(
      `cannot read ${dir}/ at git HEAD (not a git checkout, or no commit yet): pass --from <files or dirs>`,
    );
  }
  if (files.length === 0) throw new Error(`no manifests in ${dir}/ at git HEAD: pass --from <files or dirs>`);
  return files.flatMap((f) => parseYaml(`HEAD:${f}`, git('show', `HEAD:${f}`)).manifests);
}

function freshSynth(): Manifest[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-upgrade-'));
  try {
    for (const app of buildApps(outdir)) app.synth();
    return readManifests([outdir]).map((m) => ({ ...m, file: `synth:${path.relative(outdir, m.file)}` }));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function main(argv: string[]): number {
  const from: string[] = [];
  const to: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--from') from.push(argv[++i]);
    else if (argv[i] === '--to') to.push(argv[++i]);
    else
      throw new Error(
        `unexpected argument ${JSON.stringify(argv[i])}: use --from <files or dirs> and --to <files or dirs>`,
      );
  }
  const before = from.length > 0 ? readManifests(from) : fromGitHead('dist');
  const after = to.length > 0 ? readManifests(to) : freshSynth();
  const findings = checkUpgrade(before, after);
  const errors = findings.filter((f) => f.level === 'error');
  findings.forEach((f) => console.log(formatFinding(f)));
  console.log(
    `check-upgrade: ${before.length} objects before (${from.length > 0 ? from.join(', ') : 'dist/ at git HEAD'}), ${after.length} after (${to.length > 0 ? to.join(', ') : 'a fresh synth'}): ` +
      `${errors.length} error${errors.length === 1 ? '' : 's'}, ${findings.length - errors.length} warning${findings.length - errors.length === 1 ? '' : 's'}`,
  );
  return errors.length > 0 ? 1 : 0;
}

runMain(main);
