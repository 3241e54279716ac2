// `validate` held to the API server, object by object, for every built Kubernetes version
// (1.36 on the full cluster, 1.35 and 1.34 on API servers alone, default feature gates):
// each document of the corpus goes through `kubectl apply --server-side --dry-run=server`
// (its namespace made first) and through `validate --kubernetes-version <minor>`.
//
//  - false negative: validate finds no error in the document, the server rejects it;
//  - false positive: validate finds an error of the API-server class in it, the server
//    accepts it.
// Findings of the `runtime` severity (the server accepts the object, but a controller or a
// kubelet can never run it) are counted apart: the server is expected to accept them. So is
// an error that needs another document (`node-port-clash`: the second of two Services with
// one node port is refused, either alone is accepted), since the server sees one at a time.
//
// The corpus: dist/, every example chart and kubernetes.io tutorial, the accepted and the
// rejected twin of every case of test/fixtures/api-rules/cases/ (the unit tests' cases,
// one per rule and more), and the manifests of the accepted sets among 200 of of the fuzzer (tools/fuzz/).
// The table goes to test/cluster/out/differential.md; docs/rules.md quotes it.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, ChartProps, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { BookExampleChart } from '../../../examples/book-example';
import { DatabaseWithPeersChart } from '../../../examples/database-with-peers';
import { MySqlChart } from '../../../examples/kubernetes-tutorials/mysql';
import { WebChart } from '../../../examples/kubernetes-tutorials/web';
import { ZooKeeperChart } from '../../../examples/kubernetes-tutorials/zookeeper';
import { WithCdk8sPlusChart } from '../../../examples/with-cdk8s-plus';
import { StatefulService } from '../../../src';
import { RandomGeneratorProductionChart } from '../../../src/charts/random-generator-production-chart';
import { RandomGeneratorChart } from '../../../src/charts/random-generator-chart';
import { readInputs } from '../../../src/cli/input';
import { Manifest, Problem, Severity } from '../../../src/cli/manifests';
import { validate } from '../../../src/cli/validate';
import { statefulServiceProps } from '../../../tools/fuzz/arbitraries';
import { app as apiRulesApp } from '../../fixtures/api-rules/app';
import { containersCases } from '../../fixtures/api-rules/cases/containers';
import { kindsCases } from '../../fixtures/api-rules/cases/kinds';
import { metadataCases } from '../../fixtures/api-rules/cases/metadata';
import { podsCases } from '../../fixtures/api-rules/cases/pods';
import { servicesCases } from '../../fixtures/api-rules/cases/services';
import { storageCases } from '../../fixtures/api-rules/cases/storage';
import type { Case } from '../../fixtures/api-rules/harness';
import { API_ONLY_MINORS, apiServerFromEnvironment, downApiServers, upApiServers } from '../lib/api-servers';
import { NEWEST_MINOR } from '../lib/modules';
import { ClusterState } from '../lib/state';
import { cluster, REPO_ROOT } from '../lib/kube';

/** A group of objects validated together (as one `validate` run would read them). */
interface Group {
  readonly source: string;
  readonly objects: readonly any[];
}

const EXAMPLES: readonly [string, (s: Construct, id: string, p: ChartProps) => Chart][] = [
  ['random-generator', (s, id, p) => new RandomGeneratorChart(s, id, p)],
  ['book-example', (s, id, p) => new BookExampleChart(s, id, p)],
  ['production', (s, id, p) => new RandomGeneratorProductionChart(s, id, p)],
  ['database-with-peers', (s, id, p) => new DatabaseWithPeersChart(s, id, p)],
  ['with-cdk8s-plus', (s, id, p) => new WithCdk8sPlusChart(s, id, p)],
  ['tutorial-web', (s, id, p) => new WebChart(s, id, p)],
  ['tutorial-zookeeper', (s, id, p) => new ZooKeeperChart(s, id, p)],
  ['tutorial-mysql', (s, id, p) => new MySqlChart(s, id, p)],
];

const CASES: readonly (readonly [string, readonly Case[]])[] = [
  ['containers', containersCases],
  ['kinds', kindsCases],
  ['metadata', metadataCases],
  ['pods', podsCases],
  ['services', servicesCases],
  ['storage', storageCases],
];

const FUZZ_SEED = 22;
const FUZZ_RUNS = 200;

function corpus(): Group[] {
  const groups: Group[] = [];
  const dist = readInputs([path.join(REPO_ROOT, 'dist')]);
  groups.push({ source: 'dist/', objects: dist.manifests.map((m) => m.object) });
  for (const [name, make] of EXAMPLES) {
    groups.push({
      source: `example ${name}`,
      objects: Testing.synth(make(new App(), name, { namespace: 'examples' })),
    });
  }
  for (const [file, cases] of CASES) {
    for (const c of cases) {
      for (const [twin, mutate] of [
        ['rejected', c.bad],
        ['accepted', c.good],
      ] as const) {
        const a = apiRulesApp();
        mutate(a);
        groups.push({ source: `case ${file}: ${c.rule}: ${c.what} (${twin} twin)`, objects: a.objects });
      }
    }
  }
  fc.sample(statefulServiceProps, { seed: FUZZ_SEED, numRuns: FUZZ_RUNS }).forEach((props, i) => {
    const chart = new Chart(Testing.app(), 'fuzz', { namespace: 'fuzz' });
    const service = new StatefulService(chart, 'svc', props);
    if (service.node.validate().length > 0) return; // a rejected prop set writes no manifest
    groups.push({ source: `fuzz seed ${FUZZ_SEED} #${i}`, objects: chart.toJson() });
  });
  return groups;
}

/** Rules whose errors need another document of the manifests to happen. */
const ACROSS_DOCUMENTS = new Set(['node-port-clash']);

/** One distinct object: what validate says of it (at the minor), and where it comes from. */
interface Doc {
  readonly object: any;
  readonly json: string;
  readonly source: string;
  errors: string[];
  runtime: string[];
  across: string[];
}

const describeObject = (o: any) =>
  `${o?.kind ?? '?'}/${o?.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o?.metadata?.name ?? '?'}`;

/** The documents of the corpus for a minor: each distinct object once, with validate's findings. */
function documents(groups: readonly Group[], minor: string): Doc[] {
  const byJson = new Map<string, Doc>();
  for (const g of groups) {
    const manifests: Manifest[] = g.objects.map((object, index) => ({ file: g.source, index, object }));
    const problems = validate(manifests, { kubernetesVersion: minor });
    g.objects.forEach((object, index) => {
      const json = JSON.stringify(object);
      const mine = problems.filter((p) => p.index === index);
      const line = (p: Problem) => `${p.path}: ${p.message} [${p.rule}]`;
      const severity = (p: Problem): Severity => p.severity ?? 'error';
      const errors = mine.filter((p) => severity(p) === 'error' && !ACROSS_DOCUMENTS.has(p.rule)).map(line);
      const runtime = mine.filter((p) => severity(p) === 'runtime').map(line);
      const across = mine.filter((p) => severity(p) === 'error' && ACROSS_DOCUMENTS.has(p.rule)).map(line);
      const seen = byJson.get(json);
      if (!seen) {
        byJson.set(json, { object, json, source: g.source, errors, runtime, across });
      } else if (seen.errors.length === 0 && errors.length > 0) {
        // A finding that depends on the other objects (a cross-object rule) counts once found.
        seen.errors = errors;
      }
    });
  }
  return [...byJson.values()];
}

interface Verdict {
  readonly accepted: boolean;
  readonly output: string;
}

function kubectl(state: ClusterState, args: readonly string[], input?: string): Promise<Verdict> {
  return new Promise((resolve, reject) => {
    const child = spawn(state.kubectl, [...args], {
      env: { ...process.env, KUBECONFIG: state.kubeconfig },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ accepted: code === 0, output: output.trim() }));
    child.stdin.end(input ?? '');
  });
}

async function pool<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: size }, worker));
  return results;
}

/** The namespaces the documents name (each a DNS label), made on the server for real. */
async function makeNamespaces(state: ClusterState, docs: readonly Doc[]): Promise<void> {
  const names = new Set<string>(['default']);
  for (const d of docs) {
    const ns = d.object?.metadata?.namespace;
    if (typeof ns === 'string' && /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(ns)) names.add(ns);
  }
  const existing = await kubectl(state, ['get', 'namespaces', '-o', 'name']);
  const have = new Set(existing.output.split('\n').map((l) => l.replace(/^namespace\//, '')));
  for (const ns of [...names].filter((n) => !have.has(n))) {
    const r = await kubectl(state, ['create', 'namespace', ns]);
    if (!r.accepted) throw new Error(`kubectl create namespace ${ns}: ${r.output}`);
  }
}

/** A Service whose node ports the server would allocate (a dry run does not). */
const allocatesNodePorts = (o: any) =>
  o?.kind === 'Service' && Array.isArray(o.spec?.ports) && o.spec.ports.some((p: any) => p?.nodePort !== undefined);

interface Row {
  readonly minor: string;
  readonly server: string;
  readonly documents: number;
  readonly serverRejects: number;
  readonly falseNegatives: Doc[];
  readonly falsePositives: (Doc & { readonly output: string })[];
  readonly runtimeAccepted: number;
  readonly acrossAccepted: number;
}

async function measure(minor: string, state: ClusterState, groups: readonly Group[]): Promise<Row> {
  const docs = documents(groups, minor);
  await makeNamespaces(state, docs);
  const dryRun = (d: Doc) =>
    kubectl(state, ['apply', '--server-side', '--dry-run=server', '--field-manager=differential', '-f', '-'], d.json);
  const verdicts: (Verdict | undefined)[] = await pool(docs, 4, async (d) =>
    allocatesNodePorts(d.object) ? undefined : dryRun(d),
  );
  // A dry run allocates no node port, so it checks neither the range nor a clash: a Service
  // with node ports is created for real and deleted, one at a time.
  for (const [i, d] of docs.entries()) {
    if (verdicts[i]) continue;
    const created = await kubectl(state, ['create', '-f', '-'], d.json);
    if (created.accepted) await kubectl(state, ['delete', '--wait', '-f', '-'], d.json);
    verdicts[i] = created;
  }
  const falseNegatives: Doc[] = [];
  const falsePositives: (Doc & { output: string })[] = [];
  let serverRejects = 0;
  let runtimeAccepted = 0;
  let acrossAccepted = 0;
  docs.forEach((d, i) => {
    const v = verdicts[i]!;
    if (!v.accepted) serverRejects++;
    if (!v.accepted && d.errors.length === 0) falseNegatives.push({ ...d, errors: [v.output] });
    if (v.accepted && d.errors.length > 0) falsePositives.push({ ...d, output: v.output });
    if (v.accepted && d.runtime.length > 0) runtimeAccepted++;
    if (v.accepted && d.across.length > 0) acrossAccepted++;
  });
  return {
    minor,
    server: state.version,
    documents: docs.length,
    serverRejects,
    falseNegatives,
    falsePositives,
    runtimeAccepted,
    acrossAccepted,
  };
}

function table(rows: readonly Row[]): string {
  const lines = [
    '| Kubernetes (API server) | documents | refused by the server | false negatives | false positives | accepted, with `runtime` findings | accepted alone, refused beside another document |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.server} | ${r.documents} | ${r.serverRejects} | ${r.falseNegatives.length} | ${r.falsePositives.length} | ${r.runtimeAccepted} | ${r.acrossAccepted} |`,
    ),
  ];
  return lines.join('\n');
}

function disagreements(r: Row): string {
  const fn = r.falseNegatives.map(
    (d) => `  FN ${describeObject(d.object)} (${d.source}): server: ${d.errors[0].split('\n')[0]}`,
  );
  const fp = r.falsePositives.map(
    (d) => `  FP ${describeObject(d.object)} (${d.source}): validate: ${d.errors.join('; ')}`,
  );
  return [`${r.minor}:`, ...fn, ...fp].join('\n');
}

const servers: Record<string, ClusterState> = {};
const startedHere: string[] = [];
const groups = corpus();
const rows: Row[] = [];

beforeAll(async () => {
  servers[NEWEST_MINOR] = cluster();
  for (const minor of API_ONLY_MINORS) {
    const s = apiServerFromEnvironment(minor);
    if (s) servers[minor] = s;
  }
  // Run by hand beside a cluster of `npm run cluster -- up`: the other minors start here.
  const missing = API_ONLY_MINORS.filter((m) => !servers[m]);
  if (missing.length) {
    Object.assign(servers, await upApiServers(missing, (l) => console.log(`differential: ${l}`)));
    startedHere.push(...missing);
  }
}, 300_000);

afterAll(async () => {
  await downApiServers(startedHere);
  if (rows.length) {
    const file = path.join(REPO_ROOT, 'test', 'cluster', 'out', 'differential.md');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${table(rows)}\n\n${rows.map(disagreements).join('\n')}\n`);
    console.log(`${table(rows)}\n\n(${file})`);
  }
}, 120_000);

describe('validate agrees with the API server (server-side dry run), document by document', () => {
  test('the corpus has every source', () => {
    const sources = new Set(groups.map((g) => g.source.split(/[ :]/)[0]));
    expect([...sources].sort()).toEqual(['case', 'dist/', 'example', 'fuzz']);
    expect(groups.filter((g) => g.source.startsWith('fuzz')).length).toBeGreaterThan(10);
  });

  test.each([NEWEST_MINOR, ...API_ONLY_MINORS])(
    'Kubernetes %s: no false negative, no false positive',
    async (minor) => {
      const row = await measure(minor, servers[minor], groups);
      rows.push(row);
      expect(row.server).toMatch(new RegExp(`^v${minor.replace('.', '\\.')}\\.`));
      if (row.falseNegatives.length + row.falsePositives.length > 0) throw new Error(disagreements(row));
      expect(row.falseNegatives).toEqual([]);
      expect(row.falsePositives).toEqual([]);
    },
  );
});
