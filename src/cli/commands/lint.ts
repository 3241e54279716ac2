import { parseArgs } from '../args';
import { toolVersion } from '../io';
import { documentLines, fromFinding, plural } from '../results';
import { ACKNOWLEDGE_PREFIX, lintPaths, RULES } from '../validate';
import {
  Command,
  emit,
  EXIT_HELP,
  INPUT_HELP,
  INPUT_OPTIONS,
  inputOptions,
  inputPaths,
  requireObjects,
} from './command';

export const lintCommand: Command = {
  name: 'lint',
  summary: 'policy checks: resources, probes, pinned images, Pod Security "restricted", ...',
  help: `Usage: stateful-service lint [options] [files, directories or -]

Best-practice and Pod Security Standards ("restricted") checks, in the spirit of
kube-score and kube-linter. The rules: ${Object.values(RULES)
    .map((r) => r.id)
    .join(', ')}.

An object that needs a finding on purpose acknowledges it with the annotation
${ACKNOWLEDGE_PREFIX}<rule>: <reason>; the finding is then listed as
acknowledged, with the reason, and does not fail. A StatefulService writes the
annotation from its acknowledgements prop: { rule: PolicyRule.<RULE>, reason }.

Options:
  --format text|json|sarif  output format (default text: one line per finding, then why
                            each rule matters, then a summary)
${INPUT_HELP}

${EXIT_HELP}`,
  run(argv, io) {
    const args = parseArgs(argv, INPUT_OPTIONS, 'lint');
    if (args.flags.has('help')) {
      io.out(this.help);
      return 0;
    }
    const { format, maxFileMiB } = inputOptions(args);
    const paths = inputPaths(args, 'lint');
    const { files, manifests, findings, yamlErrors } = lintPaths(paths, {
      maxFileMiB,
      onNote: (n) => io.err(`note: ${n}`),
    });
    requireObjects(manifests.length, yamlErrors, paths);
    const lines = documentLines(manifests);
    const results = findings.map((f) => fromFinding(f, lines));
    const open = [
      ...new Map(findings.filter((f) => f.acknowledged === undefined).map((f) => [f.rule.id, f.rule])).values(),
    ];
    return emit(
      io,
      format,
      { command: 'lint', toolVersion: toolVersion(), files, objects: manifests.length, results, yamlErrors },
      (s) =>
        `lint: ${plural(manifests.length, 'object')} in ${plural(files.length, 'file')}: ${plural(s.errors, 'finding')}, ${s.acknowledged} acknowledged`,
      open.map((r) => `why [${r.id}]: ${r.why}`),
    );
  },
};
