// What the cluster suites use: the running cluster's state, the built kubectl (with a
// transcript of every command and its output, as a user would see them), waits that poll
// the API server, and SRV lookups against the cluster's CoreDNS.
import { spawnSync } from 'child_process';
import * as dns from 'dns';
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from './repo';
import { ClusterState, readState } from './state';

export { REPO_ROOT };

/** The cluster test:cluster started (it passes the state file in CLUSTER_STATE). */
export function cluster(): ClusterState {
  const file = process.env.CLUSTER_STATE;
  const state = file ? readState(path.dirname(file)) : readState();
  if (!state) {
    throw new Error('no cluster is up: run the suites with `npm run test:cluster` (or `npm run cluster -- up` first)');
  }
  return state;
}

export interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Commands and their output, in order: what a user would have seen in a terminal. */
export class Transcript {
  private readonly lines: string[] = [];

  note(text: string): void {
    this.lines.push(`# ${text}`);
  }

  record(command: string, output: string): void {
    this.lines.push(`$ ${command}`);
    const out = output.replace(/\s+$/, '');
    if (out) this.lines.push(out);
  }

  /** Output that no command of the user's printed (a lookup the test made itself): under a note. */
  output(text: string): void {
    const out = text.replace(/\s+$/, '');
    this.lines.push(out === '' ? '(no records)' : out);
  }

  text(): string {
    return this.lines.join('\n') + '\n';
  }

  /** Written under test/cluster/out/ (ignored by git), for the docs to quote. */
  write(name: string): string {
    const file = path.join(REPO_ROOT, 'test', 'cluster', 'out', name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, this.text());
    return file;
  }
}

export class Kubectl {
  constructor(
    private readonly state: ClusterState,
    private readonly transcript?: Transcript,
  ) {}

  /** Runs the built kubectl; `shown` is how the transcript writes it (as a user types it). */
  run(args: readonly string[], options: { input?: string; check?: boolean; quiet?: boolean } = {}): Run {
    const r = spawnSync(this.state.kubectl, [...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, KUBECONFIG: this.state.kubeconfig },
      input: options.input,
      encoding: 'utf-8',
      timeout: 360_000,
    });
    const run = { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
    if (this.transcript && !options.quiet) this.transcript.record(`kubectl ${args.join(' ')}`, run.stdout + run.stderr);
    if (options.check !== false && run.status !== 0) {
      throw new Error(`kubectl ${args.join(' ')} exited ${run.status}:\n${run.stdout}${run.stderr}`);
    }
    return run;
  }

  /** `kubectl apply --server-side` of objects (as a JSON stream on stdin); the caller reads the status. */
  applyObjects(objects: readonly unknown[], extra: readonly string[] = []): Run {
    return this.run(['apply', '--server-side', ...extra, '-f', '-'], {
      input: objects.map((o) => JSON.stringify(o)).join('\n'),
      check: false,
    });
  }

  /**
   * Deletes a namespace and the named PersistentVolumes of `objects` without waiting: each
   * test uses its own namespace and volume names, and the controllers finish in the background.
   */
  deleteNamespace(name: string, objects: readonly any[] = []): void {
    this.run(['delete', 'namespace', name, '--wait=false', '--ignore-not-found']);
    const pvs = objects.filter((o) => o.kind === 'PersistentVolume').map((o) => o.metadata.name);
    if (pvs.length) this.run(['delete', 'pv', ...pvs, '--ignore-not-found', '--wait=false']);
  }

  json<T = any>(args: readonly string[]): T {
    return JSON.parse(this.run([...args, '-o', 'json'], { quiet: true }).stdout) as T;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` returns a value other than undefined; fails with `what` after the timeout. */
export async function until<T>(what: string, check: () => T | undefined, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = check();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await sleep(500);
  }
}

export interface SrvAnswer {
  readonly priority: number;
  readonly weight: number;
  readonly port: number;
  readonly name: string;
}

/** SRV records from the cluster's CoreDNS, sorted by target name; [] for NXDOMAIN. */
export async function srv(state: ClusterState, name: string): Promise<SrvAnswer[]> {
  if (!state.dns) throw new Error('this cluster runs no DNS (an API server alone)');
  const r = new dns.promises.Resolver({ timeout: 2_000, tries: 2 });
  r.setServers([state.dns]);
  try {
    const records = await r.resolveSrv(name);
    return records.map((x) => ({ ...x })).sort((a, b) => a.name.localeCompare(b.name));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOTFOUND') return [];
    throw e;
  }
}

/** As `dig +short SRV` prints them. */
export function srvLines(answers: readonly SrvAnswer[]): string {
  return answers.map((a) => `${a.priority} ${a.weight} ${a.port} ${a.name}.`).join('\n');
}
