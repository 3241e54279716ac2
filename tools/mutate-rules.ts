// `npm run mutate [-- --tests <jest path pattern>] [--only <file>] [--jobs N]`: the mutation
// check of the validator's rules. Each mutant removes one report call of
// src/cli/validate/rules/*.ts (through tools/jest-transform.js, nothing is written to
// disk) and runs the tests; a mutant under which every test still passes is a surviving
// rule: a check no test can see fail. Prints each survivor and a summary; exits 1 if any.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// The project root: npm scripts run from there (__dirname would be the bundle's folder).
const root = process.cwd();
const RULES_DIR = path.join(root, 'src', 'cli', 'validate', 'rules');
const CALL = /(?:\b\w+\.)?\breport\(/g;

interface Mutant {
  readonly file: string;
  readonly offset: number;
  readonly line: number;
  readonly text: string;
}

function mutants(only?: string): Mutant[] {
  const files = fs
    .readdirSync(RULES_DIR)
    .filter((f) => f.endsWith('.ts') && (only === undefined || f === only || f === `${only}.ts`))
    .map((f) => path.join(RULES_DIR, f));
  return files.flatMap((file) => {
    const source = fs.readFileSync(file, 'utf-8');
    return [...source.matchAll(CALL)]
      .filter((m) => !/^\s*\/\//.test(source.slice(source.lastIndexOf('\n', m.index) + 1, m.index)))
      .map((m) => {
        const line = source.slice(0, m.index).split('\n').length;
        return { file, offset: m.index!, line, text: source.split('\n')[line - 1].trim() };
      });
  });
}

function runTests(m: Mutant, tests: string, tmp: string): Promise<boolean> {
  return new Promise((resolve) => {
    // A temp folder per job: tests that check they leave nothing behind must not see another job's files.
    const child = spawn(
      process.execPath,
      [
        path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
        '--ci',
        '--silent',
        '--bail',
        '--maxWorkers=1',
        tests,
      ],
      {
        cwd: root,
        env: { ...process.env, TMPDIR: tmp, STATEFUL_SERVICE_MUTANT: `${m.file}:${m.offset}` },
        stdio: 'ignore',
      },
    );
    child.on('exit', (code) => resolve(code === 0));
  });
}

async function main(argv: string[]): Promise<number> {
  let tests = 'test/(api-rules|manifest-validation|cli)';
  let only: string | undefined;
  let jobs = 2;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--tests') tests = argv[++i];
    else if (argv[i] === '--only') only = argv[++i];
    else if (argv[i] === '--jobs') jobs = Number(argv[++i]);
    else throw new Error(`unknown argument ${JSON.stringify(argv[i])}: use --tests, --only, --jobs`);
  }
  const list = mutants(only);
  const started = Date.now();
  const survivors: Mutant[] = [];
  let next = 0;
  const worker = async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mutate-'));
    try {
      while (next < list.length) {
        const m = list[next++];
        if (await runTests(m, tests, tmp)) {
          survivors.push(m);
          console.log(`survived: ${path.relative(root, m.file)}:${m.line}: ${m.text}`);
        }
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  console.log(
    `mutate: ${list.length} report calls in ${path.relative(root, RULES_DIR)}, each removed in turn and tests ${tests} run: ` +
      `${list.length - survivors.length} killed, ${survivors.length} survived (${((Date.now() - started) / 1000).toFixed(0)} s)`,
  );
  return survivors.length > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e) => {
    console.error(`error: ${(e as Error).message}`);
    process.exitCode = 2;
  },
);
