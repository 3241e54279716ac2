// Starting and stopping the cluster's processes. Each runs in its own process group
// (detached) with its output in a log file of the cluster's folder, so that `up` can return
// and leave them running; `down` stops them by the pids `up` recorded, and only after
// checking that the pid still runs the binary it started (a pid can be reused).
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ClusterError } from './errors';

export interface ProcessRecord {
  readonly name: string;
  readonly pid: number;
  readonly binary: string;
  readonly log: string;
}

export interface Started extends ProcessRecord {
  /** Set when the process ended while `up` watched it. */
  exit?: { code: number | null; signal: NodeJS.Signals | null };
  readonly child: ChildProcess;
}

export function start(name: string, binary: string, args: readonly string[], logDir: string): Started {
  const log = path.join(logDir, `${name}.log`);
  const fd = fs.openSync(log, 'a');
  fs.writeSync(fd, `$ ${binary} ${args.join(' ')}\n`);
  const child = spawn(binary, [...args], { detached: true, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  if (child.pid === undefined) throw new ClusterError(`${name} could not be started (${binary}): see ${log}`);
  const started: Started = { name, pid: child.pid, binary, log, child };
  child.on('exit', (code, signal) => (started.exit = { code, signal }));
  child.on('error', () => (started.exit = { code: null, signal: null }));
  return started;
}

/** Lets `up` return while the process goes on. */
export function release(p: Started): void {
  p.child.unref();
}

/** The last lines of a log, for a failure message. */
export function logTail(file: string, lines = 12): string {
  try {
    return fs.readFileSync(file, 'utf-8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function runs(record: ProcessRecord): boolean {
  try {
    // argv[0] as it was started: a reused pid runs something else.
    const argv0 = fs.readFileSync(`/proc/${record.pid}/cmdline`, 'utf-8').split('\0')[0];
    const stat = fs.readFileSync(`/proc/${record.pid}/stat`, 'utf-8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return argv0 === record.binary && state !== 'Z';
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** SIGTERM, then SIGKILL after `graceMs`; resolves when none of them runs any more. */
export async function stopAll(records: readonly ProcessRecord[], graceMs = 10_000): Promise<void> {
  const alive = records.filter(runs);
  for (const r of alive) process.kill(r.pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (alive.some(runs) && Date.now() < deadline) await sleep(100);
  for (const r of alive.filter(runs)) process.kill(r.pid, 'SIGKILL');
  while (alive.some(runs)) await sleep(50);
}

export function stillRunning(records: readonly ProcessRecord[]): ProcessRecord[] {
  return records.filter(runs);
}

/** Pids of processes whose command line names `text` (a cluster's folder): what must be gone after `down`. */
export function processesNaming(text: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf-8').includes(text)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}
