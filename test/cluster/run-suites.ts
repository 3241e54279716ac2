// `npm run test:cluster`: builds the control plane (cold or warm, times printed), starts one
// cluster (and, beside it, an API server alone of each other built minor, for the suites'
// server-side dry runs), runs the suites of test/cluster/suites/ on them in band, and stops
// them all at the end, also when a suite fails or the run is interrupted. Extra arguments
// go to jest.
import { spawn } from 'child_process';
import * as path from 'path';
import { API_ONLY_MINORS, downApiServers, stateEnvironment, upApiServers } from './lib/api-servers';
import { buildModule, goVersion } from './lib/build';
import { down } from './lib/down';
import { ClusterError } from './lib/errors';
import { MODULES } from './lib/modules';
import { logTail, processesNaming } from './lib/processes';
import { REPO_ROOT } from './lib/repo';
import { up } from './lib/up';

const log = (line: string) => console.log(`test:cluster: ${line}`);

function jest(args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        require.resolve('jest/bin/jest', { paths: [REPO_ROOT] }),
        '-c',
        path.join(REPO_ROOT, 'test', 'cluster', 'jest.config.js'),
        '--runInBand',
        ...args,
      ],
      { stdio: 'inherit', env, cwd: REPO_ROOT },
    );
    child.on('close', (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<number> {
  const started = Date.now();
  log(goVersion());
  for (const m of MODULES.filter((x) => !x.optional)) {
    const b = buildModule(m, log);
    log(`${m.dir} ${b.version}: ${b.seconds > 0 ? `built in ${b.seconds.toFixed(1)} s` : 'cached'}`);
  }
  const built = Date.now();
  log(`binaries ready in ${((built - started) / 1000).toFixed(1)} s`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping the cluster`);
    await down().catch((e) => console.error(String(e)));
    await downApiServers(API_ONLY_MINORS).catch((e) => console.error(String(e)));
    process.exit(130);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  // A cluster left by an interrupted run of this checkout is stopped first.
  await down();
  // A failed start has stopped what it started and keeps its logs (the error says where).
  const state = await up({ version: '1.36', nodes: 3, log });
  log(`cluster up in ${((Date.now() - built) / 1000).toFixed(1)} s (Kubernetes ${state.version})`);
  let code: number;
  try {
    const servers = await upApiServers(API_ONLY_MINORS, log);
    log(
      `API servers alone up: ${Object.values(servers)
        .map((s) => s.version)
        .join(', ')}`,
    );
    code = await jest(process.argv.slice(2), {
      ...process.env,
      CLUSTER_STATE: path.join(state.dir, 'state.json'),
      KUBECONFIG: state.kubeconfig,
      ...stateEnvironment(servers),
    });
    if (code !== 0) {
      for (const p of state.processes) log(`the end of ${p.name}'s log:\n${logTail(p.log, 8)}`);
    }
  } finally {
    const servers = await downApiServers(API_ONLY_MINORS).catch((e: unknown) => {
      console.error(`test:cluster: ${String(e)}`);
      return [];
    });
    const r = await down();
    log(
      `stopped ${r.stopped.length} process(es) and the API servers of ${servers.join(', ') || 'no other minor'}; total ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    const left = processesNaming(state.dir);
    if (left.length > 0) {
      console.error(`test:cluster: processes of the cluster outlived the run: ${left.join(', ')}`);
      code = 1;
    }
  }
  return code;
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    console.error(
      `test:cluster: ${e instanceof ClusterError ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
    );
    process.exitCode = 1;
  },
);
