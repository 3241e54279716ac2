// `down`: stops every process `up` recorded (by pid, after checking the pid still runs the
// binary it started) and removes the cluster's folder. Harmless when nothing is up, and
// when run twice.
import * as fs from 'fs';
import * as path from 'path';
import { ClusterError } from './errors';
import { stillRunning, stopAll } from './processes';
import { clearPointer, currentDir, readState } from './state';

export interface DownResult {
  readonly dir?: string;
  readonly stopped: readonly string[];
}

export async function down(): Promise<DownResult> {
  const dir = currentDir();
  if (!dir) return { stopped: [] };
  const state = readState(dir);
  const processes = state?.processes ?? [];
  const running = stillRunning(processes);
  await stopAll(processes);
  const left = stillRunning(processes);
  if (left.length > 0) {
    throw new ClusterError(`could not stop ${left.map((p) => `${p.name} (pid ${p.pid})`).join(', ')}; the folder ${dir} is kept`);
  }
  // Only a folder this harness made (it holds the state file or the logs folder).
  if (fs.existsSync(path.join(dir, 'state.json')) || fs.existsSync(path.join(dir, 'logs'))) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  clearPointer();
  return { dir, stopped: running.map((p) => p.name) };
}
