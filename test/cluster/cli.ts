// `npm run cluster -- <command>`: build, start and stop the test control plane. See usage().
import { buildModule, goVersion } from './lib/build';
import { down } from './lib/down';
import { ClusterError } from './lib/errors';
import { writeKubernetesModule } from './lib/k8s-module';
import { MODULES, NEWEST_MINOR } from './lib/modules';
import { readState } from './lib/state';
import { up } from './lib/up';

function usage(): string {
  return `Usage: npm run cluster -- <command> [options]

Commands:
  build [MODULE...]     build the binaries of test/cluster/modules/ (default: all) into the
                        cache (~/.cache/cdk8s-stateful-service/cluster-bin, or CLUSTER_BIN_CACHE)
  up [options]          start a control plane on 127.0.0.1 and print, as its last lines,
                        KUBECONFIG=<path>, KUBECTL=<path> and DNS=127.0.0.1:<port>
      --version MINOR   Kubernetes minor (default ${NEWEST_MINOR}, the full cluster); the others
                        start etcd and kube-apiserver alone (for server-side dry runs): no
                        controllers, nodes or DNS, and no DNS= line
      --nodes N         kwok nodes, 1 to 50 (default 3), alternating zone-a and zone-b
      --api-port PORT   the API server's port (default: any free port)
      --apiserver-arg=FLAG  one more kube-apiserver flag (repeatable), e.g.
                        --apiserver-arg=--feature-gates=SomeGate=true
  down                  stop every process 'up' started and remove its folder (harmless
                        when nothing is up)
  env                   print the KUBECONFIG=, KUBECTL= and DNS= lines of the running cluster
  module VERSION        regenerate test/cluster/modules/k8s-<minor>/go.mod for a Kubernetes
                        release (e.g. v1.36.3) from its upstream go.mod

Needs Go 1.26+ and the Go module proxy for a build. Exit status: 0 ok, 1 failed, 2 usage.`;
}

class UsageError extends Error {}

function envLines(state: { kubeconfig: string; kubectl: string; dns?: string }): string {
  return [
    `KUBECONFIG=${state.kubeconfig}`,
    `KUBECTL=${state.kubectl}`,
    ...(state.dns ? [`DNS=${state.dns}`] : []),
  ].join('\n');
}

function parseUp(args: string[]) {
  let version = NEWEST_MINOR;
  let nodes = 3;
  let apiPort: number | undefined;
  const apiserverArgs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const value = args[i + 1];
    const need = () => {
      if (value === undefined) throw new UsageError(`${flag} needs a value`);
      i++;
      return value;
    };
    const whole = (v: string) => {
      if (!/^\d+$/.test(v)) throw new UsageError(`${flag} must be a whole number, got '${v}'`);
      return Number(v);
    };
    if (flag === '--version') version = need().replace(/^v/, '');
    else if (flag === '--nodes') nodes = whole(need());
    else if (flag === '--api-port') {
      apiPort = whole(need());
      if (apiPort < 1 || apiPort > 65535) throw new UsageError(`--api-port must be from 1 to 65535, got ${apiPort}`);
    } else if (flag.startsWith('--apiserver-arg=')) apiserverArgs.push(flag.slice('--apiserver-arg='.length));
    else throw new UsageError(`unknown option '${flag}' for up`);
  }
  return { version, nodes, apiPort, apiserverArgs };
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const log = (line: string) => console.error(`cluster: ${line}`);
  switch (command) {
    case 'build': {
      goVersion();
      const wanted = args.length ? MODULES.filter((m) => args.includes(m.dir)) : MODULES;
      const unknown = args.filter((a) => !MODULES.some((m) => m.dir === a));
      if (unknown.length)
        throw new UsageError(`unknown module '${unknown[0]}': known are ${MODULES.map((m) => m.dir).join(', ')}`);
      const started = Date.now();
      for (const m of wanted) {
        const b = buildModule(m, log);
        console.log(
          `${m.dir} ${b.version}: ${b.seconds > 0 ? `built in ${b.seconds.toFixed(1)} s` : 'cached'} (${b.dir})`,
        );
      }
      console.log(`build: ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return 0;
    }
    case 'up': {
      const options = parseUp(args);
      const started = Date.now();
      const state = await up({ ...options, log });
      log(
        `up in ${((Date.now() - started) / 1000).toFixed(1)} s: Kubernetes ${state.version}, ${state.nodes.length} node(s), folder ${state.dir}`,
      );
      console.log(envLines(state));
      return 0;
    }
    case 'down': {
      if (args.length) throw new UsageError('down takes no options');
      const r = await down();
      log(r.dir ? `stopped ${r.stopped.length} process(es), removed ${r.dir}` : 'nothing is up');
      return 0;
    }
    case 'env': {
      const state = readState();
      if (!state) throw new ClusterError("no cluster is up: run 'npm run cluster -- up'");
      console.log(envLines(state));
      return 0;
    }
    case 'module': {
      if (args.length !== 1) throw new UsageError('module needs one version, e.g. v1.36.3');
      console.log(writeKubernetesModule(args[0].startsWith('v') ? args[0] : `v${args[0]}`));
      return 0;
    }
    case undefined:
    case '-h':
    case '--help':
      console.log(usage());
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command '${command}'`);
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    if (e instanceof UsageError) {
      console.error(`cluster: ${e.message}\n\n${usage()}`);
      process.exitCode = 2;
    } else if (e instanceof ClusterError) {
      console.error(`cluster: ${e.message}`);
      process.exitCode = 1;
    } else {
      console.error(`cluster: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      process.exitCode = 1;
    }
  },
);
