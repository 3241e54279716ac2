import { last, parseArgs } from '../args';
import { toolVersion } from '../io';
import { documentLines, fromProblem, plural } from '../results';
import { DEFAULT_VERSION, KNOWN_VERSIONS, resolveVersion, validatePaths } from '../validate';
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

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check manifests against the Kubernetes API (strict schema and API server rules)',
  help: `Usage: stateful-service validate [options] [files, directories or -]

Checks every object as the API server would: against the strict schema of the
Kubernetes version (an unknown or misspelt field, a missing required field, a wrong
type, a value the version does not allow are errors), the API server's own rules that
a schema cannot express (names, labels, ports, quantities, selectors, volume mounts),
and across objects (duplicates, pre-bound volumes that would never bind). A kind the
version does not serve is an error; a custom resource, or a built-in kind without a
schema here, is a warning (not checked).

Options:
  --kubernetes-version <v>  ${KNOWN_VERSIONS.join(', ')} (default ${DEFAULT_VERSION}; 1.33.2 counts as 1.33)
  --format text|json|sarif  output format (default text: one line per finding,
                            file:document Kind/name: field: message [rule], then a summary)
${INPUT_HELP}

${EXIT_HELP}`,
  run(argv, io) {
    const args = parseArgs(argv, { ...INPUT_OPTIONS, 'kubernetes-version': 'value' }, 'validate');
    if (args.flags.has('help')) {
      io.out(this.help);
      return 0;
    }
    const version = resolveVersion(last(args, 'kubernetes-version', DEFAULT_VERSION));
    const { format, maxFileMiB } = inputOptions(args);
    const paths = inputPaths(args, 'validate');
    const { files, manifests, problems, yamlErrors } = validatePaths(paths, {
      kubernetesVersion: version,
      maxFileMiB,
      onNote: (n) => io.err(`note: ${n}`),
    });
    requireObjects(manifests.length, yamlErrors, paths);
    const lines = documentLines(manifests);
    return emit(
      io,
      format,
      {
        command: 'validate',
        toolVersion: toolVersion(),
        kubernetesVersion: version,
        files,
        objects: manifests.length,
        results: problems.map((p) => fromProblem(p, lines)),
        yamlErrors,
      },
      (s) =>
        `validate: ${plural(manifests.length, 'object')} in ${plural(files.length, 'file')} (Kubernetes ${version}): ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}`,
    );
  },
};
