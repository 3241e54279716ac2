import { parseArgs, UsageError } from '../args';
import { checkUpgrade, UpgradeFinding } from '../check-upgrade/check';
import { readInputs } from '../input';
import { toolVersion } from '../io';
import { documentLines, Lines, plural, Result } from '../results';
import { Command, emit, EXIT_HELP, COMMON_OPTIONS_HELP, INPUT_OPTIONS, inputOptions, requireObjects } from './command';

function fromUpgradeFinding(f: UpgradeFinding, lines: Lines): Result {
  const line = f.file !== undefined ? lines(f.file, f.index) : undefined;
  return {
    file: f.file ?? '',
    ...(f.index !== undefined ? { document: f.index + 1 } : {}),
    ...(line !== undefined ? { line } : {}),
    ...(f.item !== undefined ? { item: f.item } : {}),
    object: f.object,
    path: f.path,
    message: `${f.message}; instead: ${f.instead}`,
    rule: f.level === 'error' ? 'rejected-change' : 'data-at-risk',
    severity: f.level,
  };
}

export const checkUpgradeCommand: Command = {
  name: 'check-upgrade',
  summary: 'changes from the applied manifests that a live cluster rejects, or that move data',
  help: `Usage: stateful-service check-upgrade --from <applied> --to <new> [options]

Compares the manifests last applied (--from) with the ones about to be applied (--to),
object by object. Errors (rule rejected-change): changes the API server rejects for an
existing object (a StatefulSet's selector, serviceName, volumeClaimTemplates,
podManagementPolicy; a PersistentVolume's source; a Service turning headless or back).
Warnings (rule data-at-risk): accepted changes that orphan or move data (a volume
removed or moved to another claim, a claim template renamed or resized, a storage
class changed, a retention or reclaim policy set to Delete). Each says what to do
instead. Defaults are filled in on both sides, so writing a default out is no change.

Options:
  --from <path>             the applied manifests (file, directory or -; repeatable)
  --to <path>               the new manifests (file, directory or -; repeatable)
  --format text|json|sarif  output format (default text)
${COMMON_OPTIONS_HELP}

${EXIT_HELP}`,
  run(argv, io) {
    const args = parseArgs(argv, { ...INPUT_OPTIONS, from: 'value', to: 'value' }, 'check-upgrade');
    if (args.flags.has('help')) {
      io.out(this.help);
      return 0;
    }
    const { format, maxFileMiB } = inputOptions(args);
    const from = args.values.get('from') ?? [];
    const to = args.values.get('to') ?? [];
    if (args.positionals.length > 0) {
      throw new UsageError(
        `unexpected argument ${JSON.stringify(args.positionals[0])}: give the manifests with --from and --to`,
      );
    }
    if (from.length === 0 || to.length === 0) {
      throw new UsageError('give both the applied manifests (--from <path>) and the new ones (--to <path>)');
    }
    if ([...from, ...to].filter((p) => p === '-').length > 1)
      throw new UsageError('only one of --from and --to can be - (standard input)');
    const before = readInputs(from, { maxFileMiB });
    const after = readInputs(to, { maxFileMiB });
    requireObjects(before.manifests.length, before.errors, from);
    requireObjects(after.manifests.length, after.errors, to);
    const lines = documentLines([...before.manifests, ...after.manifests]);
    const results = checkUpgrade(before.manifests, after.manifests).map((f) => fromUpgradeFinding(f, lines));
    return emit(
      io,
      format,
      {
        command: 'check-upgrade',
        toolVersion: toolVersion(),
        files: [...new Set([...after.files, ...before.files])],
        objects: before.manifests.length + after.manifests.length,
        results,
        yamlErrors: [...before.errors, ...after.errors],
      },
      (s) =>
        `check-upgrade: ${plural(before.manifests.length, 'object')} before (${from.join(', ')}), ${after.manifests.length} after (${to.join(', ')}): ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}`,
    );
  },
};
