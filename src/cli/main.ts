#!/usr/bin/env node
// `stateful-service <command> [options] [manifests]`: the package's command-line tool.
// It works on manifests only, whoever wrote them, and imports nothing from the construct.
import { isMainThread, Worker, workerData } from 'worker_threads';
import { UsageError } from './args';
import { checkUpgradeCommand } from './commands/check-upgrade';
import { Command } from './commands/command';
import { diagramCommand } from './commands/diagram';
import { lintCommand } from './commands/lint';
import { planScaleCommand } from './commands/plan-scale';
import { validateCommand } from './commands/validate';
import { InputError } from './input';
import { describeCrash, Io, processIo, toolVersion } from './io';
import { UnknownVersionError } from './validate/schema/versions';

export const COMMANDS: readonly Command[] = [
  validateCommand,
  lintCommand,
  planScaleCommand,
  checkUpgradeCommand,
  diagramCommand,
];

const HELP = `Usage: stateful-service <command> [options] [files, directories or -]

Checks and explains Kubernetes manifests, whoever wrote them (cdk8s, Helm, kustomize,
by hand):

${COMMANDS.map((c) => `  ${c.name.padEnd(14)} ${c.summary}`).join('\n')}

Options:
  -h, --help     this help; \`stateful-service <command> --help\` for a command's
  -v, --version  the version of the tool

Exit status: 0 no errors, 1 errors found, 2 wrong usage or unreadable input.`;

/** Runs a command line; returns the exit code. User errors are one line on stderr, never a stack. */
export function main(argv: readonly string[], io: Io = processIo): number {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
      const topic = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
      io.out(topic ? topic.help : HELP);
      return 0;
    }
    if (name === '-v' || name === '--version') {
      io.out(toolVersion());
      return 0;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) {
      throw new UsageError(
        `unknown command ${JSON.stringify(name)}: the commands are ${COMMANDS.map((c) => c.name).join(', ')}`,
      );
    }
    return command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      // one line, as every error: what is wrong and where the help is
      io.err(
        `error: ${e.message} (see stateful-service ${COMMANDS.some((c) => c.name === name) ? `${name} ` : ''}--help)`,
      );
      return 2;
    }
    if (e instanceof InputError || e instanceof UnknownVersionError) {
      io.err(`error: ${e.message}`);
      return 2;
    }
    // A bug of the tool, never the user's input: still one line (STATEFUL_SERVICE_DEBUG=1 adds the stack).
    io.err(
      `error: stateful-service ${toolVersion()} failed on this input (${describeCrash(e)}): a bug; please report it with the input`,
    );
    if (process.env.STATEFUL_SERVICE_DEBUG) io.err(String((e as Error)?.stack ?? e));
    return 2;
  }
}

/**
 * The command runs in a thread with a 256 MB stack, so that it reads manifests nested as
 * deep as kubectl reads them (10000 levels: the yaml library and the checks recurse per
 * level, and the default stack of about 1 MB holds about a thousand).
 */
const CLI_THREAD = 'stateful-service-cli';
if (require.main === module && isMainThread) {
  const worker = new Worker(__filename, {
    argv: process.argv.slice(2),
    workerData: CLI_THREAD,
    resourceLimits: { stackSizeMb: 256 },
  });
  worker.on('error', (e) => {
    process.stderr.write(
      `error: stateful-service ${toolVersion()} failed (${describeCrash(e)}): a bug; please report it\n`,
    );
    process.exitCode = 2;
  });
  worker.on('exit', (code) => {
    process.exitCode ??= code;
  });
} else if (!isMainThread && workerData === CLI_THREAD) {
  process.exitCode = main(process.argv.slice(2));
}
