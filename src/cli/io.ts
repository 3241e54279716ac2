import * as fs from 'fs';
import * as path from 'path';

/** Where a command writes: standard output for results, standard error for errors. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

let version: string | undefined;

/** The package's version, from its package.json (found upwards from here, compiled or not). */
export function toolVersion(): string {
  if (version) return version;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf-8'));
      if (pkg.name === 'cdk8s-stateful-service') return (version = String(pkg.version));
    } catch {
      // no package.json here: look further up
    }
    if (path.dirname(dir) === dir) return (version = 'unknown');
  }
}

/** What went wrong, in a few words: the error's class and first line. */
export function describeCrash(e: unknown): string {
  const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  const line = text.split('\n')[0];
  return line.length > 200 ? `${line.slice(0, 200)}...` : line;
}
