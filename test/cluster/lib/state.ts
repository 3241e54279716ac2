// What `up` leaves for `down` and for the tests: the cluster's folder holds state.json; a
// pointer file in the system's temp folder, named after this checkout, says which folder is
// the current cluster, so that `npm run cluster -- down` needs no argument.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ProcessRecord } from './processes';
import { REPO_ROOT } from './repo';

export interface ClusterState {
  readonly dir: string;
  /** The Kubernetes version, e.g. v1.36.3. */
  readonly version: string;
  readonly kubeconfig: string;
  readonly kubectl: string;
  /** 127.0.0.1:<port> of CoreDNS; absent for an API server alone. */
  readonly dns?: string;
  readonly server: string;
  readonly caFile: string;
  readonly token: string;
  readonly nodes: readonly string[];
  /** The StorageClass whose claims the provisioner binds. */
  readonly storageClass?: string;
  /** The directory the provisioner makes volumes in. */
  readonly volumesDir?: string;
  readonly processes: readonly ProcessRecord[];
}

export function pointerFile(): string {
  // A second cluster beside the first (the harness's own fault tests) names its own pointer.
  if (process.env.CLUSTER_POINTER) return path.resolve(process.env.CLUSTER_POINTER);
  const id = createHash('sha256').update(REPO_ROOT).digest('hex').slice(0, 12);
  return path.join(os.tmpdir(), `cdk8s-stateful-service-cluster-${id}.json`);
}

export function writeState(state: ClusterState): void {
  fs.writeFileSync(path.join(state.dir, 'state.json'), JSON.stringify(state, null, 2) + '\n');
  fs.writeFileSync(pointerFile(), JSON.stringify({ dir: state.dir }) + '\n');
}

/** The cluster folder the pointer names (it may be a failed start's, with logs but no state). */
export function currentDir(): string | undefined {
  try {
    return (JSON.parse(fs.readFileSync(pointerFile(), 'utf-8')) as { dir: string }).dir;
  } catch {
    return undefined;
  }
}

export function readState(dir = currentDir()): ClusterState | undefined {
  if (!dir) return undefined;
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'state.json'), 'utf-8')) as ClusterState;
  } catch {
    return undefined;
  }
}

export function clearPointer(): void {
  fs.rmSync(pointerFile(), { force: true });
}
