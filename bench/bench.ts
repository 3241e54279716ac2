// `npm run bench [-- --rounds 9] [--quick] [--services 1000] [--runs 5] [--no-test]
//                  [--npm-ci] [--sections a,b,c,d] [--workloads plain,book] [--cpu-prof <n> <workload> <builder> <layout>]`
//
// Prints tables and the targets of issue 21 with their measured ratios; asserts nothing
// but that each peer writes what the construct writes, byte for byte.
//  (a) whole processes, medians of alternating rounds, wall time and peak RSS: a bare load
//      of cdk8s, the compiled peer of main.ts, the synth app warm and cold, the cdk8s CLI,
//      `npm run synth`;
//  (b) in process, on cdk8s's App: N services in one chart and in one chart each, the
//      construct against its peer, for the "plain service" and the "book service"
//      workloads (bench/workload.ts), a first (cold) and a second (warm) synth;
//  (c) peak RSS of 1000 plain services, construct and peer;
//  (d) `npm test` cold and warm, `npm run test:integration`, and `npm ci` in a scratch
//      folder (with --npm-ci);
//  (e) with --cpu-prof, a CPU profile of one in-process run and its top frames.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { makePeerMain } from './peer-main';
import { BUILDERS, Workload } from './workload';

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

interface Run {
  buildMs: number;
  synthMs: number;
  yamlMs: number;
  totalMs: number;
  cpuMs: number;
  heapMb: number;
  objects: number;
  sha1: string;
}
interface InProcess {
  first: Run;
  second: Run;
}

function inProcessRun(n: number, workload: string, builder: string, layout: string): InProcess {
  const r = spawnSync(
    node,
    ['--expose-gc', 'tools/run-ts.js', 'bench/in-process.ts', String(n), workload, builder, layout],
    { cwd: root, encoding: 'utf-8', maxBuffer: 2 ** 26 },
  );
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

/** Median total ms, by `<workload>/<layout>/<first|second>/<builder>`. */
const inProcessTotals = new Map<string, number>();

/**
 * Per workload and layout, `runs` fresh processes of each builder, alternating which goes
 * first; each process times a first (cold) and a second (warm) synth. The construct's YAML
 * must equal its peer's, byte for byte, or the bench stops.
 */
function inProcess(): string {
  const n = option('--services', quick ? 200 : 1000);
  const runs = option('--runs', quick ? 3 : 5);
  const rows: string[] = [];
  const workloads = (
    args.includes('--workloads') ? args[args.indexOf('--workloads') + 1].split(',') : ['plain', 'book']
  ) as Workload[];
  for (const workload of workloads) {
    const builders = BUILDERS[workload];
    for (const layout of ['one-chart', 'one-chart-each']) {
      const samples: Record<string, InProcess[]> = Object.fromEntries(builders.map((b) => [b, []]));
      for (let round = 0; round < runs; round++) {
        // Rotate the order, so that no builder always runs first on a fresh machine.
        const order = builders.map((_, i) => builders[(i + round) % builders.length]);
        for (const builder of order) samples[builder].push(inProcessRun(n, workload, builder, layout));
      }
      const digests = new Set(Object.values(samples).flatMap((xs) => xs.flatMap((x) => [x.first.sha1, x.second.sha1])));
      if (digests.size !== 1) {
        throw new Error(`${workload} ${layout}: the builders' YAML differs (${[...digests].join(', ')})`);
      }
      for (const phase of ['first', 'second'] as const) {
        const m = (builder: string, k: keyof Run) => median(samples[builder].map((x) => x[phase][k] as number));
        for (const builder of builders)
          inProcessTotals.set(`${workload}/${layout}/${phase}/${builder}`, m(builder, 'totalMs'));
        for (const builder of builders) {
          const ratio = (k: keyof Run) => (builder === 'peer' ? '' : ` (${fmt(m(builder, k) / m('peer', k), 2)}×)`);
          rows.push(
            `| ${workload} | ${layout} | ${phase === 'first' ? 'first (cold)' : 'second (warm)'} | ${builder} | ${m(builder, 'objects')} | ${fmt(m(builder, 'buildMs'))} | ${fmt(m(builder, 'synthMs'))} | ${fmt(m(builder, 'yamlMs'))} | ${fmt(m(builder, 'totalMs'))}${ratio('totalMs')} | ${fmt(m(builder, 'cpuMs'))}${ratio('cpuMs')} | ${fmt(m(builder, 'heapMb'), 1)} |`,
          );
        }
      }
    }
  }
  return [
    `(b) In process, on cdk8s's App: ${n} services, build then synthYaml(); medians of ${runs} fresh processes per builder (order rotated), each timing a first and a second synth; every builder's YAML is the same, byte for byte (checked)`,
    '',
    "plain: the default props of a plain service (3 replicas, one port, one 1 GiB dynamic claim); peer: plain ApiObjects; nested-peer: the same inside a bare Construct per service (the level any construct adds); typed-peer: the same objects with the typed L1 classes of imports/k8s.ts (the construct's children before 0.3.0). book: the book example's shape (2 replicas, an env value, 3 pre-bound hostPath volumes); its peer uses the typed L1 classes. synth: synthYaml(), which includes the YAML; YAML: its share, timed apart; CPU: user + system of the process over build and synth; ratios against the workload's peer",
    '',
    '| workload | layout | synth | builder | objects | build ms | synth ms | YAML ms | total ms (vs peer) | CPU ms (vs peer) | heap MiB |',
    '| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}

function peakRss(): string {
  const rows = ['construct', 'peer'].map((builder) => {
    const rss = median(
      Array.from({ length: 3 }, () =>
        measure([node, '--expose-gc', 'tools/run-ts.js', 'bench/in-process.ts', '1000', 'plain', builder, 'one-chart']),
      ).map((s) => s.rssMb),
    );
    results.set(`rss-${builder}`, { ms: NaN, rssMb: rss });
    return `| ${builder} | ${fmt(rss, 1)} |`;
  });
  return [
    '(c) Peak RSS of a process that builds and synthesizes 1000 plain services in one chart twice, median of 3',
    '',
    '| builder | peak RSS MiB |',
    '| --- | ---: |',
    ...rows,
  ].join('\n');
}

function npmTimes(): string {
  const rows: string[] = [];
  if (!flag('--no-test')) {
    const runs: Array<[string, string, string[], boolean]> = [
      ['npm-test-cold', 'npm test, cold (no caches, no lib/ or .jsii)', ['test'], true],
      ['npm-test-warm', 'npm test, warm', ['test'], false],
      ['npm-test-integration', 'npm run test:integration', ['run', 'test:integration'], false],
    ];
    for (const [key, name, npmArgs, clean] of runs) {
      if (clean) {
        for (const p of ['node_modules/.cache', 'lib', '.jsii'])
          fs.rmSync(path.join(root, p), { recursive: true, force: true });
      }
      const start = process.hrtime.bigint();
      const r = spawnSync('npm', npmArgs, { cwd: root, encoding: 'utf-8', maxBuffer: 2 ** 26 });
      const s = Number(process.hrtime.bigint() - start) / 1e9;
      results.set(key, { ms: s * 1000, rssMb: NaN });
      const tests = /Tests:\s+(.*)/.exec(String(r.stdout) + String(r.stderr))?.[1] ?? '?';
      rows.push(`| ${name} | ${fmt(s, 1)} | ${r.status === 0 ? 'passed' : 'FAILED'}: ${tests} |`);
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
  const vsPeer = (key: string, builder = 'construct') =>
    ratio(inProcessTotals.get(`${key}/${builder}`), inProcessTotals.get(`${key}/peer`));
  const lines: Array<[string, number, number]> = [
    ["default synth (warm) ≤ 1.25× bare require('cdk8s')", ratio(r('app')?.ms, r('bare')?.ms), 1.25],
    ['plain services, one chart, first synth ≤ 1.2× the peer', vsPeer('plain/one-chart/first'), 1.2],
    ['plain services, one chart each, first synth ≤ 1.2× the peer', vsPeer('plain/one-chart-each/first'), 1.2],
    ['(not a target) plain services, one chart, second synth vs the peer', vsPeer('plain/one-chart/second'), 1.2],
    [
      '(not a target) plain services, one chart each, second synth vs the peer',
      vsPeer('plain/one-chart-each/second'),
      1.2,
    ],
    ['(not a target) book services, one chart, first synth vs its typed L1 peer', vsPeer('book/one-chart/first'), 1.2],
    [
      '(not a target) book services, one chart, second synth vs its typed L1 peer',
      vsPeer('book/one-chart/second'),
      1.2,
    ],
    [
      '(not a target) plain services, one chart each, first synth: the nested peer vs the peer',
      vsPeer('plain/one-chart-each/first', 'nested-peer'),
      1.2,
    ],
    [
      '(not a target) plain services, one chart each, first synth: the construct vs the nested peer',
      ratio(
        inProcessTotals.get('plain/one-chart-each/first/construct'),
        inProcessTotals.get('plain/one-chart-each/first/nested-peer'),
      ),
      1.2,
    ],
    [
      '(not a target) plain services, one chart, first synth: the typed peer vs the peer',
      vsPeer('plain/one-chart/first', 'typed-peer'),
      1.2,
    ],
    [
      '(not a target) plain services, one chart each, first synth: the typed peer vs the peer',
      vsPeer('plain/one-chart-each/first', 'typed-peer'),
      1.2,
    ],
    ['npm test, cold ≤ 30 s', (r('npm-test-cold')?.ms ?? NaN) / 1000, 30],
    ['npm test, warm ≤ 10 s', (r('npm-test-warm')?.ms ?? NaN) / 1000, 10],
  ];
  return [
    '(f) Targets',
    '',
    '| target | measured | holds |',
    '| --- | ---: | --- |',
    ...lines.map(
      ([name, value, limit]) =>
        `| ${name} | ${fmt(value, 2)} | ${Number.isNaN(value) ? 'not measured' : name.startsWith('(not a target)') ? '' : value <= limit ? 'yes' : 'NO'} |`,
    ),
  ].join('\n');
}

function cpuProfile(): string {
  const i = args.indexOf('--cpu-prof');
  const [n = '1000', workload = 'plain', builder = 'construct', layout = 'one-chart'] = args
    .slice(i + 1, i + 5)
    .filter((a) => !a.startsWith('--'));
  const dir = path.join(scratch, 'profile');
  spawnSync(
    node,
    ['--cpu-prof', `--cpu-prof-dir=${dir}`, 'tools/run-ts.js', 'bench/in-process.ts', n, workload, builder, layout],
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
    `(e) CPU profile of ${n} ${workload} services, ${builder}, ${layout} (a first and a second synth): top frames by self time`,
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
    // --sections a,b,c,d: only those tables (the targets of the others read "not measured").
    const sections = args.includes('--sections')
      ? args[args.indexOf('--sections') + 1].split(',')
      : ['a', 'b', 'c', 'd'];
    const tables: Record<string, () => string> = { a: wholeProcess, b: inProcess, c: peakRss, d: npmTimes };
    for (const [key, table] of Object.entries(tables)) if (sections.includes(key)) console.log(`${table()}\n`);
    console.log(targets());
  }
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
