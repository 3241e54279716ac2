// API servers alone (etcd + kube-apiserver) of the built minors other than the newest, for
// server-side dry runs beside the full cluster: each one has its own pointer file (the
// CLUSTER_POINTER of `up` and `down`), so that they and the full cluster never meet.
// test:cluster starts them with the cluster and passes their state files to the suites in
// CLUSTER_STATE_<minor> (CLUSTER_STATE_1_35); a suite run by hand starts what is missing.
import * as path from 'path';
import { down } from './down';
import { KUBERNETES_MINORS, NEWEST_MINOR, OPTIONAL_MINORS } from './modules';
import { ClusterState, pointerFile, readState } from './state';
import { up } from './up';

/** The minors that run as an API server alone: 1.35, 1.34. */
// The optional minors (1.33, 1.27) are built on demand only, so test:cluster leaves them out.
export const API_ONLY_MINORS: readonly string[] = KUBERNETES_MINORS.filter(
  (m) => m !== NEWEST_MINOR && !OPTIONAL_MINORS.includes(m),
);

/** `1.35` → `CLUSTER_STATE_1_35`. */
export const stateVariable = (minor: string) => `CLUSTER_STATE_${minor.replace('.', '_')}`;

/** The pointer file of the API server of `minor`: the cluster's own, with the minor in its name. */
export function pointerOf(minor: string, base = pointerFile()): string {
  return base.replace(/(\.json)?$/, `-api-${minor}.json`);
}

/** Runs `fn` with CLUSTER_POINTER set to `pointer` (up and down read it), then restores it. */
async function withPointer<T>(pointer: string, fn: () => Promise<T>): Promise<T> {
  const before = process.env.CLUSTER_POINTER;
  process.env.CLUSTER_POINTER = pointer;
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env.CLUSTER_POINTER;
    else process.env.CLUSTER_POINTER = before;
  }
}

/** Starts the API server of each minor, one after the other; a failure stops those started. */
export async function upApiServers(
  minors: readonly string[],
  log: (line: string) => void,
  base = pointerFile(),
): Promise<Record<string, ClusterState>> {
  const states: Record<string, ClusterState> = {};
  try {
    for (const minor of minors) {
      const pointer = pointerOf(minor, base);
      // One left by an interrupted run of this checkout is stopped first.
      await withPointer(pointer, () => down());
      states[minor] = await withPointer(pointer, () => up({ version: minor, nodes: 1, log }));
    }
    return states;
  } catch (e) {
    await downApiServers(minors, base).catch(() => undefined);
    throw e;
  }
}

/** Stops the API servers of the minors (harmless for those not up); the names of those stopped. */
export async function downApiServers(minors: readonly string[], base = pointerFile()): Promise<string[]> {
  const stopped: string[] = [];
  const failures: string[] = [];
  for (const minor of minors) {
    try {
      const r = await withPointer(pointerOf(minor, base), () => down());
      if (r.dir) stopped.push(minor);
    } catch (e) {
      failures.push(`${minor}: ${String(e)}`);
    }
  }
  if (failures.length) throw new Error(`could not stop the API servers of ${failures.join('; ')}`);
  return stopped;
}

/** The environment that names each server's state file to the suites. */
export function stateEnvironment(states: Record<string, ClusterState>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(states).map(([minor, s]) => [stateVariable(minor), path.join(s.dir, 'state.json')]),
  );
}

/** The state of the API server of `minor` that test:cluster started, if it did. */
export function apiServerFromEnvironment(minor: string): ClusterState | undefined {
  const file = process.env[stateVariable(minor)];
  return file ? readState(path.dirname(file)) : undefined;
}
