// `npm run bench [-- --rounds 9] [--quick] [--no-test] [--npm-ci] [--cpu-prof <n> <builder> <layout> <app>]`
//
// Prints tables and the targets of issue 16 with their measured ratios; asserts nothing.
//  (a) whole processes, medians of alternating rounds, wall time and peak RSS: a bare load
//      of cdk8s, the compiled L1 peer of main.ts, the synth app warm and cold, the cdk8s
//      CLI, `npm run synth`;
//  (b) in process, by phase, for N = 1 … 10,000 services in one chart and in one chart
//      each: the construct and its L1 peer on cdk8s's App, the construct on SinglePassApp,
//      with the growth per 10× N;
//  (c) peak RSS of 1000 services, construct and peer;
//  (d) `npm test` cold and warm, and `npm ci` in a scratch folder (with --npm-ci);
//  (e) with --cpu-prof, a CPU profile of one in-process run and its top frames.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { makePeerMain } from './peer-main';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string, fallback: number) =>
  args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback;
const quick = flag('--quick');
const rounds = option('--rounds', quick ? 5 : 9);
const root = process.cwd();
const node = process.execPath;
const GNU_TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
// Not under node_modules/.cache, which the cold npm test run removes.
const scratch = fs.mkdtempSync(path.join(root, 'node_modules', '.bench-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x: number, digits = 0) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');

interface Sample {
  readonly ms: number;
  readonly rssMb: number;
}

/** Runs a command once: wall time from node, peak RSS from GNU time (NaN where it is missing). */
function measure(argv: string[], env: NodeJS.ProcessEnv = {}, before?: () => void): Sample {
  before?.();
  const command = GNU_TIME ? [GNU_TIME, '-f', '%M', ...argv] : argv;
  const start = process.hrtime.bigint();
  const r = spawnSync(command[0], command.slice(1), { cwd: root, encoding: 'utf-8', env: { ...process.env, ...env } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  const rssKb = GNU_TIME ? Number(String(r.stderr).trim().split('\n').pop()) : NaN;
  return { ms, rssMb: rssKb / 1024 };
}

const results = new Map<string, { ms: number; rssMb: number }>();

function wholeProcess(): string {
  // The compiled peer of main.ts, made from the committed dist/ and checked to write it again.
  const peerSource = path.join(scratch, 'peer-main.js');
  fs.writeFileSync(peerSource, makePeerMain(path.join(root, 'dist')));
  const peerOut = path.join(scratch, 'peer-dist');
  measure([node, peerSource], { CDK8S_OUTDIR: peerOut });
  const same = ['random-generator.k8s.yaml', 'production/random-generator.k8s.yaml'].every(
    (f) => fs.readFileSync(path.join(peerOut, f), 'utf-8') === fs.readFileSync(path.join(root, 'dist', f), 'utf-8'),
  );
  const out = path.join(scratch, 'out');
  const runTsCache = path.join(root, 'node_modules', '.cache', 'run-ts');
  const cliLib = path.join(root, 'node_modules', 'cdk8s-cli', 'lib');
  const commands: Array<{ key: string; name: string; argv: string[]; env?: NodeJS.ProcessEnv; before?: () => void }> = [
    { key: 'bare', name: 'bare: node -e "require(\'cdk8s\')"', argv: [node, '-e', "require('cdk8s')"] },
    {
      key: 'peer',
      name: `L1 peer of main.ts, compiled (writes dist/ byte for byte: ${same ? 'yes' : 'NO'})`,
      argv: [node, peerSource],
      env: { CDK8S_OUTDIR: out },
    },
    {
      key: 'app',
      name: 'synth app, warm: node tools/run-ts.js main.ts',
      argv: [node, 'tools/run-ts.js', 'main.ts'],
      env: { CDK8S_OUTDIR: out },
    },
    {
      key: 'app-no-code-cache',
      name: 'synth app, warm, without its code cache (NODE_DISABLE_COMPILE_CACHE=1)',
      argv: [node, 'tools/run-ts.js', 'main.ts'],
      env: { CDK8S_OUTDIR: out, NODE_DISABLE_COMPILE_CACHE: '1' },
    },
    {
      // The same cache for the peer, so that the cache's share of the gap is seen.
      key: 'peer-code-cache',
      name: 'L1 peer of main.ts, compiled, with the code cache of tools/compile-cache.js',
      argv: [
        node,
        '-e',
        `require(${JSON.stringify(path.join(root, 'tools', 'compile-cache.js'))}).enableCompileCache(${JSON.stringify(
          path.join(scratch, 'peer-code-cache'),
        )}); require(${JSON.stringify(peerSource)})`,
      ],
      env: { CDK8S_OUTDIR: out },
    },
    {
      key: 'app-cold',
      name: 'synth app, cold (no bundle cache: esbuild bundles first)',
      argv: [node, 'tools/run-ts.js', 'main.ts'],
      env: { CDK8S_OUTDIR: out },
      before: () => fs.rmSync(runTsCache, { recursive: true, force: true }),
    },
    {
      key: 'cli',
      name: 'cdk8s synth --no-check-upgrade (the CLI, the app, the validation plugin)',
      argv: [node, 'node_modules/cdk8s-cli/bin/cdk8s', 'synth', '--no-check-upgrade', '--output', out],
    },
    {
      // What cdk8s-cli's synth command itself requires (cli/index.js, cli/cmds/synth.js
      // without the import machinery of ../../import/dispatch): the floor of a CLI that
      // loaded nothing else, to set against the app's time.
      key: 'cli-floor',
      name: "the modules `cdk8s synth` itself needs, and no others (a lazy CLI's floor, without the app)",
      argv: [
        node,
        '-e',
        [
          'yargs',
          'colors',
          'fs-extra',
          'semver',
          'sscaff',
          'yaml',
          ...['config', 'plugins/_manager', 'util'].map((m) => path.join(cliLib, m)),
        ]
          .map((m) => `require(${JSON.stringify(m)})`)
          .join(';'),
      ],
      env: { NODE_PATH: path.join(root, 'node_modules', 'cdk8s-cli', 'node_modules') },
    },
    {
      key: 'npm-synth',
      name: 'npm run synth (npm, then the line above)',
      argv: ['npm', 'run', '--silent', 'synth', '--', '--output', out],
    },
  ];
  for (const c of commands) measure(c.argv, c.env, c.before); // warm-up: file cache, bundles
  const samples = commands.map(() => [] as Sample[]);
  for (let round = 0; round < rounds; round++) {
    // Alternate the order, so that no command always runs on a warmer machine.
    const order = commands.map((_, i) => (round % 2 === 0 ? i : commands.length - 1 - i));
    for (const i of order) samples[i].push(measure(commands[i].argv, commands[i].env, commands[i].before));
  }
  const bare = median(samples[0].map((s) => s.ms));
  const bareRss = median(samples[0].map((s) => s.rssMb));
  const rows = commands.map((c, i) => {
    const ms = median(samples[i].map((s) => s.ms));
    const rss = median(samples[i].map((s) => s.rssMb));
    results.set(c.key, { ms, rssMb: rss });
    return `| ${c.name} | ${fmt(ms)} | ${fmt(ms / bare, 2)}× | ${fmt(rss, 1)} | ${fmt(rss / bareRss, 2)}× |`;
  });
  return [
    `(a) Whole process, median of ${rounds} alternating rounds`,
    '',
    '| command | wall ms | vs bare | peak RSS MiB | vs bare |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}

interface InProcess {
  buildMs: number;
  validateMs: number;
  objectsMs: number;
  yamlMs: number;
  totalMs: number;
  heapMb: number;
  objects: number;
  bytes: number;
}

function inProcessRun(n: number, builder: string, layout: string, app: string): InProcess {
  const r = spawnSync(
    node,
    ['--expose-gc', 'tools/run-ts.js', 'bench/in-process.ts', String(n), builder, layout, app],
    {
      cwd: root,
      encoding: 'utf-8',
      maxBuffer: 2 ** 26,
    },
  );
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

const inProcessTotals = new Map<string, number>();

function inProcess(): string {
  const sizes = quick ? [1, 10, 100, 1000] : [1, 10, 100, 1000, 10000];
  const variants = [
    ['construct', 'App'],
    ['peer', 'App'],
    ['construct', 'SinglePassApp'],
  ];
  const rows: string[] = [];
  for (const layout of ['one-chart', 'one-chart-each']) {
    for (const [builder, app] of variants) {
      let previous: number | undefined;
      for (const n of sizes) {
        // cdk8s's App resolves the whole app once per chart: 10,000 charts would take hours.
        if (app === 'App' && layout === 'one-chart-each' && n > 1000) {
          rows.push(
            `| ${layout} | ${builder} | ${app} | ${n} | | | | | | not run: O(N²) in charts, about 100× the line above | | |`,
          );
          continue;
        }
        // One run for the other 10,000 rows (tens of seconds each); three for the one a target reads.
        const targeted = layout === 'one-chart-each' && builder === 'construct' && app === 'SinglePassApp';
        const runs = Array.from({ length: n >= 10000 && !targeted ? 1 : 3 }, () =>
          inProcessRun(n, builder, layout, app),
        );
        const m = (k: keyof InProcess) => median(runs.map((x) => x[k]));
        const total = m('totalMs');
        inProcessTotals.set(`${layout}/${builder}/${app}/${n}`, total);
        rows.push(
          `| ${layout} | ${builder} | ${app} | ${n} | ${m('objects')} | ${fmt(m('buildMs'), 1)} | ${fmt(m('validateMs'), 1)} | ${fmt(m('objectsMs'), 1)} | ${fmt(m('yamlMs'), 1)} | ${fmt(total, 1)} | ${previous ? `${fmt(total / previous, 1)}×` : ''} | ${fmt(m('heapMb'), 1)} |`,
        );
        previous = total;
      }
    }
  }
  return [
    '(b) In process: build N services, then synthYaml(); median of 3 fresh processes (1 for N = 10,000, but 3 for one-chart-each construct SinglePassApp, which a target reads)',
    '',
    'objects: resolving to manifests as the app does it (App: per chart); validate: one extra pass, for its share',
    '',
    '| layout | builder | app | N | objects | build ms | validate ms | objects ms | YAML ms | total ms | growth per 10× N | heap MiB |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}

function peakRss(): string {
  const rows = ['construct', 'peer'].map((builder) => {
    const rss = median(
      Array.from({ length: 3 }, () =>
        measure([node, '--expose-gc', 'tools/run-ts.js', 'bench/in-process.ts', '1000', builder, 'one-chart', 'App']),
      ).map((s) => s.rssMb),
    );
    results.set(`rss-${builder}`, { ms: NaN, rssMb: rss });
    return `| ${builder} | ${fmt(rss, 1)} |`;
  });
  return [
    '(c) Peak RSS of a process that builds and synthesizes 1000 services in one chart (App), median of 3',
    '',
    '| builder | peak RSS MiB |',
    '| --- | ---: |',
    ...rows,
  ].join('\n');
}

function npmTimes(): string {
  const rows: string[] = [];
  if (!flag('--no-test')) {
    for (const [name, clean] of [
      ['cold (no jest, tsc, jsii or bundle caches, no lib/)', true],
      ['warm', false],
    ] as const) {
      if (clean) {
        for (const p of ['node_modules/.cache', 'lib', '.jsii'])
          fs.rmSync(path.join(root, p), { recursive: true, force: true });
      }
      const start = process.hrtime.bigint();
      const r = spawnSync('npm', ['test'], { cwd: root, encoding: 'utf-8', maxBuffer: 2 ** 26 });
      const s = Number(process.hrtime.bigint() - start) / 1e9;
      results.set(`npm-test-${clean ? 'cold' : 'warm'}`, { ms: s * 1000, rssMb: NaN });
      const tests = /Tests:\s+(.*)/.exec(String(r.stdout) + String(r.stderr))?.[1] ?? '?';
      rows.push(`| npm test, ${name} | ${fmt(s, 1)} | ${r.status === 0 ? 'passed' : 'FAILED'}: ${tests} |`);
    }
  }
  if (flag('--npm-ci')) {
    const dir = path.join(scratch, 'npm-ci');
    fs.mkdirSync(dir);
    for (const f of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(root, f), path.join(dir, f));
    const start = process.hrtime.bigint();
    const r = spawnSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, encoding: 'utf-8' });
    const s = Number(process.hrtime.bigint() - start) / 1e9;
    const packages = fs.readdirSync(path.join(dir, 'node_modules')).filter((d) => !d.startsWith('.')).length;
    rows.push(
      `| npm ci in a scratch folder (${packages} top-level entries) | ${fmt(s, 1)} | ${r.status === 0 ? 'passed' : 'FAILED'} |`,
    );
  }
  return ['(d) npm', '', '| what | wall s | result |', '| --- | ---: | --- |', ...rows].join('\n');
}

function targets(): string {
  const r = (k: string) => results.get(k);
  const ratio = (a?: number, b?: number) => (a !== undefined && b !== undefined ? a / b : NaN);
  const lines: Array<[string, number, number]> = [
    ["default synth (warm) ≤ 1.15× bare require('cdk8s')", ratio(r('app')?.ms, r('bare')?.ms), 1.15],
    ['default synth (warm) ≤ 1.00× the compiled L1 peer', ratio(r('app')?.ms, r('peer')?.ms), 1.0],
    ['cdk8s synth through the CLI ≤ 2× the app alone', ratio(r('cli')?.ms, r('app')?.ms), 2.0],
    [
      '(not a target) a CLI loading only what synth needs, then the app: its floor vs the app alone',
      ratio((r('cli-floor')?.ms ?? NaN) + (r('app')?.ms ?? NaN), r('app')?.ms),
      2.0,
    ],
    [
      '1000 services in one chart ≤ 1.2× the L1 peer (both on App)',
      ratio(inProcessTotals.get('one-chart/construct/App/1000'), inProcessTotals.get('one-chart/peer/App/1000')),
      1.2,
    ],
    [
      '1000 services on SinglePassApp ≤ 1.2× the L1 peer on App',
      ratio(
        inProcessTotals.get('one-chart/construct/SinglePassApp/1000'),
        inProcessTotals.get('one-chart/peer/App/1000'),
      ),
      1.2,
    ],
    [
      '1000 charts ≤ 1.5× one chart (SinglePassApp)',
      ratio(
        inProcessTotals.get('one-chart-each/construct/SinglePassApp/1000'),
        inProcessTotals.get('one-chart/construct/SinglePassApp/1000'),
      ),
      1.5,
    ],
    [
      '10,000 charts ≤ 12× 1000 charts (SinglePassApp)',
      ratio(
        inProcessTotals.get('one-chart-each/construct/SinglePassApp/10000'),
        inProcessTotals.get('one-chart-each/construct/SinglePassApp/1000'),
      ),
      12,
    ],
    ["peak RSS of 1000 services ≤ 1.2× the peer's", ratio(r('rss-construct')?.rssMb, r('rss-peer')?.rssMb), 1.2],
    ['npm test, cold ≤ 15 s', (r('npm-test-cold')?.ms ?? NaN) / 1000, 15],
  ];
  return [
    '(f) Targets',
    '',
    '| target | measured | holds |',
    '| --- | ---: | --- |',
    ...lines.map(
      ([name, value, limit]) =>
        `| ${name} | ${fmt(value, 2)} | ${Number.isNaN(value) ? 'not measured' : value <= limit ? 'yes' : 'NO'} |`,
    ),
  ].join('\n');
}

function cpuProfile(): string {
  const i = args.indexOf('--cpu-prof');
  const [n = '1000', builder = 'construct', layout = 'one-chart', app = 'SinglePassApp'] = args
    .slice(i + 1, i + 5)
    .filter((a) => !a.startsWith('--'));
  const dir = path.join(scratch, 'profile');
  spawnSync(
    node,
    ['--cpu-prof', `--cpu-prof-dir=${dir}`, 'tools/run-ts.js', 'bench/in-process.ts', n, builder, layout, app],
    { cwd: root },
  );
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!;
  const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf-8'));
  const self = new Map<number, number>();
  profile.samples.forEach((id: number, k: number) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[k] ?? 0)));
  const frames = new Map<string, number>();
  for (const node of profile.nodes) {
    const f = node.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${String(f.url)
      .replace(/^.*node_modules\//, '')
      .replace(root, '.')}:${f.lineNumber + 1}`;
    frames.set(key, (frames.get(key) ?? 0) + (self.get(node.id) ?? 0));
  }
  const top = [...frames].sort((a, b) => b[1] - a[1]).slice(0, 15);
  return [
    `(e) CPU profile of ${n} ${builder} ${layout} ${app}: top frames by self time`,
    '',
    '| self ms | frame |',
    '| ---: | --- |',
    ...top.map(([k, us]) => `| ${fmt(us / 1000, 1)} | ${k} |`),
  ].join('\n');
}

try {
  console.log(
    `bench: node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), ${fmt(os.totalmem() / 2 ** 30)} GiB, load ${os
      .loadavg()
      .map((l) => fmt(l, 2))
      .join(' ')}\n`,
  );
  if (args.includes('--cpu-prof')) {
    console.log(cpuProfile());
  } else {
    console.log(`${wholeProcess()}\n`);
    console.log(`${inProcess()}\n`);
    console.log(`${peakRss()}\n`);
    console.log(`${npmTimes()}\n`);
    console.log(targets());
  }
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
