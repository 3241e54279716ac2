// `npm run bench [-- --rounds 7] [--no-test]`: prints three tables, asserts nothing.
//  (a) whole-process wall time and peak memory of the synth commands vs a bare load of
//      cdk8s and cdk8s-plus-27, alternating, several rounds, medians and ratios;
//  (b) in-process synth time and heap for N = 1, 10, 100, 1000 StatefulServices, in one
//      chart and one chart each, by phase, with the growth factor per 10× N;
//  (c) `npm test` wall time.
// Only public tools: node's timers, process.memoryUsage and /usr/bin/time (GNU time, for
// the peak memory of a child process; "n/a" where it is missing).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf('--rounds') + 1]) || 7;
const withTest = !args.includes('--no-test');
const root = process.cwd();
const GNU_TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x: number, digits = 0) => x.toFixed(digits);

interface Sample {
  readonly ms: number;
  readonly rssKb?: number;
}

/** Runs a command once; wall time from node, peak RSS from GNU time when available. */
function measure(command: string[], env: NodeJS.ProcessEnv = {}): Sample {
  const argv = GNU_TIME ? [GNU_TIME, '-f', '%M', ...command] : command;
  const start = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { cwd: root, encoding: 'utf-8', env: { ...process.env, ...env } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${command.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  const rss = GNU_TIME ? Number(String(r.stderr).trim().split('\n').pop()) : undefined;
  return { ms, rssKb: rss };
}

function wholeProcess(): string {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const node = process.execPath;
  const commands: Array<{ name: string; argv: string[]; env?: NodeJS.ProcessEnv }> = [
    {
      name: "bare: node -e \"require('cdk8s'); require('cdk8s-plus-27')\"",
      argv: [node, '-e', "require('cdk8s'); require('cdk8s-plus-27')"],
    },
    { name: 'bare: node -e "require(\'cdk8s\')" (all the app loads)', argv: [node, '-e', "require('cdk8s')"] },
    {
      name: 'synth app: node tools/run-ts.js main.ts (cdk8s.yaml `app`)',
      argv: [node, 'tools/run-ts.js', 'main.ts'],
      env: { CDK8S_OUTDIR: out },
    },
    {
      name: 'cdk8s synth --no-check-upgrade (CLI + validation plugins)',
      argv: [node, 'node_modules/cdk8s-cli/bin/cdk8s', 'synth', '--no-check-upgrade', '--output', out],
    },
  ];
  for (const c of commands) measure(c.argv, c.env); // warm-up: file cache and the esbuild bundle cache
  const samples = commands.map(() => [] as Sample[]);
  for (let round = 0; round < rounds; round++) {
    // alternate the order, so neither side always runs on a warmer machine
    const order = round % 2 === 0 ? commands.map((_, i) => i) : commands.map((_, i) => commands.length - 1 - i);
    for (const i of order) samples[i].push(measure(commands[i].argv, commands[i].env));
  }
  const bareMs = median(samples[0].map((s) => s.ms));
  const bareRss = GNU_TIME ? median(samples[0].map((s) => s.rssKb!)) : undefined;
  const rows = commands.map((c, i) => {
    const ms = median(samples[i].map((s) => s.ms));
    const rss = GNU_TIME ? median(samples[i].map((s) => s.rssKb!)) : undefined;
    return `| ${c.name} | ${fmt(ms)} | ${fmt(ms / bareMs, 2)}× | ${rss !== undefined ? fmt(rss / 1024, 1) : 'n/a'} | ${rss !== undefined && bareRss ? `${fmt(rss / bareRss, 2)}×` : 'n/a'} |`;
  });
  fs.rmSync(out, { recursive: true, force: true });
  return [
    `(a) Whole process, median of ${rounds} alternating rounds`,
    '',
    '| command | wall ms | vs bare | peak RSS MiB | vs bare |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}

interface InProcess {
  n: number;
  layout: string;
  buildMs: number;
  manifestsMs: number;
  yamlMs: number;
  totalMs: number;
  heapMb: number;
  objects: number;
}

function inProcess(): string {
  const rows: string[] = [];
  for (const layout of ['one-chart', 'many-charts']) {
    let previous: number | undefined;
    for (const n of [1, 10, 100, 1000]) {
      const runs: InProcess[] = [];
      for (let i = 0; i < 3; i++) {
        const r = spawnSync(
          process.execPath,
          ['--expose-gc', 'tools/run-ts.js', 'bench/in-process.ts', String(n), layout],
          { cwd: root, encoding: 'utf-8' },
        );
        if (r.status !== 0) throw new Error(r.stderr);
        runs.push(JSON.parse(r.stdout));
      }
      const m = (k: keyof InProcess) => median(runs.map((x) => x[k] as number));
      const total = m('totalMs');
      rows.push(
        `| ${layout} | ${n} | ${m('objects')} | ${fmt(m('buildMs'), 1)} | ${fmt(m('manifestsMs'), 1)} | ${fmt(m('yamlMs'), 1)} | ${fmt(total, 1)} | ${previous ? `${fmt(total / previous, 1)}×` : ''} | ${fmt(m('heapMb'), 1)} |`,
      );
      previous = total;
    }
  }
  return [
    '(b) In process: build N StatefulServices, then synthesize (the work of app.synthYaml()), median of 3 fresh processes',
    '',
    '| layout | N | objects | build ms | manifests ms | YAML ms | total ms | growth per 10× N | heap MiB |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}

function npmTest(): string {
  if (!withTest) return '(c) npm test: skipped (--no-test)';
  const start = process.hrtime.bigint();
  const r = spawnSync('npm', ['test'], { cwd: root, encoding: 'utf-8' });
  const s = Number(process.hrtime.bigint() - start) / 1e9;
  const tests = /Tests:\s+(.*)/.exec(String(r.stdout) + String(r.stderr))?.[1] ?? '?';
  return [
    '(c) npm test',
    '',
    '| wall s | result |',
    '| ---: | --- |',
    `| ${fmt(s, 1)} | ${r.status === 0 ? 'passed' : 'FAILED'}: ${tests} |`,
  ].join('\n');
}

console.log(
  `bench: node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), ${fmt(os.totalmem() / 2 ** 30)} GiB\n`,
);
console.log(`${wholeProcess()}\n`);
console.log(`${inProcess()}\n`);
console.log(npmTest());
