import { choice, parseArgs, positiveNumber, UsageError } from '../args';
import { readManifests } from '../input';
import { formatPlan, planScale, statefulSets } from '../plan-scale/plan';
import { Command, INPUT_HELP, inputPaths } from './command';

const INT32_MAX = 2 ** 31 - 1;
/** The longest plan made (pods over all steps): more than anyone reads, made in about 8 s. */
const MAX_ROWS = 250_000;

export const planScaleCommand: Command = {
  name: 'plan-scale',
  summary: 'which volume each pod of a StatefulSet gets, for a sequence of replica counts',
  help: `Usage: stateful-service plan-scale <counts...> [options] [files, directories or -]

Models what the StatefulSet controller and the volume binder do for each replica count
in turn: which claim each pod mounts, which PersistentVolume it binds (pre-bound, a
matching free one, dynamically provisioned, or none: Pending), and which claims are
kept or deleted on scale-down. Arguments that are whole numbers are the counts
(e.g. 2 1 3; at most 2147483647, and 250000 pods over all steps); the others are
the manifests (write a directory named 3 as ./3).

Options:
  --statefulset <name>      plan only this StatefulSet (name or namespace/name;
                            default: each one in the manifests)
  --from <path>             the manifests (same as giving them as arguments)
  --format text|json        output format (default text: a table per StatefulSet)
${INPUT_HELP}

Exit status: 0 planned, 2 wrong usage or input that cannot be read.`,
  run(argv, io) {
    const args = parseArgs(
      argv,
      { format: 'value', 'max-file-size': 'value', statefulset: 'value', from: 'value' },
      'plan-scale',
    );
    if (args.flags.has('help')) {
      io.out(this.help);
      return 0;
    }
    const format = choice(args, 'format', ['text', 'json'] as const, 'text');
    const counts = args.positionals.filter((p) => /^\d+$/.test(p)).map(Number);
    const others = [...args.positionals.filter((p) => !/^\d+$/.test(p)), ...(args.values.get('from') ?? [])];
    if (counts.length === 0) {
      throw new UsageError('give the replica counts to plan, e.g. `stateful-service plan-scale 2 1 3 dist/`');
    }
    const tooLarge = counts.find((n) => n > INT32_MAX);
    if (tooLarge !== undefined) {
      throw new UsageError(
        `replica count ${args.positionals.find((p) => /^\d+$/.test(p) && Number(p) === tooLarge)} is out of range: spec.replicas is an int32, at most ${INT32_MAX}`,
      );
    }
    // Each step lists every claim alive: refuse a plan too long to read before making it.
    let rows = 0;
    let highest = 0;
    for (const n of counts) rows += Math.max((highest = Math.max(highest, n)), 1);
    if (rows > MAX_ROWS) {
      throw new UsageError(
        `the plan of ${counts.length > 5 ? `${counts.slice(0, 5).join(' ')} ...` : counts.join(' ')} would list ${rows} pods in all, more than the ${MAX_ROWS} it lists at most: plan smaller counts`,
      );
    }
    const paths = inputPaths({ ...args, positionals: others }, 'plan');
    const manifests = readManifests(paths, {
      maxFileMiB: positiveNumber(args, 'max-file-size'),
      onNote: (n) => io.err(`note: ${n}`),
    });
    const available = statefulSets(manifests);
    const only = args.values.get('statefulset');
    for (const name of only ?? []) {
      if (!available.some((s) => s === name || s.endsWith(`/${name}`))) {
        throw new UsageError(
          `no StatefulSet ${JSON.stringify(name)} in ${paths.join(', ')} (there are: ${available.join(', ') || 'none'})`,
        );
      }
    }
    const sets = only ?? available;
    if (sets.length === 0) throw new UsageError(`no StatefulSet in ${paths.join(', ')}: nothing to plan`);
    const plans = sets.map((s) => planScale(manifests, s, counts));
    io.out(format === 'json' ? JSON.stringify(plans, null, 2) : plans.map(formatPlan).join('\n\n'));
    return 0;
  },
};
