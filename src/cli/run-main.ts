/**
 * Runs a command's `main(argv)`: its return value is the exit code; an error thrown is
 * the user's to fix (a bad path, a bad argument), so it is printed without a stack, exit 2.
 */
export function runMain(main: (argv: string[]) => number): void {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    process.exitCode = 2;
  }
}
