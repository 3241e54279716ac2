// Builds the binaries of test/cluster/modules/ into a cache outside git, one folder per
// module and version: `<cache>/<module>-<version>-<digest>/`. The digest covers everything
// that decides the output (go.mod, go.sum, the module's own .go files, the Go version, the
// flags), so a changed pin builds anew and an unchanged one is reused at once. Go's own
// module and build caches stay where Go keeps them: a second build on the machine is warm.
import { execFileSync, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ClusterError } from './errors';
import { MODULES_DIR, ModuleSpec, upstreamVersion } from './modules';

export function binCacheDir(): string {
  if (process.env.CLUSTER_BIN_CACHE) return path.resolve(process.env.CLUSTER_BIN_CACHE);
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'cdk8s-stateful-service', 'cluster-bin');
}

/** `go version`'s answer, or a ClusterError that says how to get Go. */
export function goVersion(): string {
  const r = spawnSync('go', ['version'], { encoding: 'utf-8' });
  if (r.error || r.status !== 0) {
    throw new ClusterError(
      'Go is not installed (no working `go` on PATH): the control plane is built from upstream Go modules. ' +
        'Install Go 1.26 or newer and make sure the Go module proxy is reachable, then run again.',
    );
  }
  return r.stdout.trim();
}

export interface Built {
  readonly spec: ModuleSpec;
  readonly version: string;
  /** Folder holding the binaries (and assets). */
  readonly dir: string;
  /** Seconds spent building; 0 when the cache had it. */
  readonly seconds: number;
}

function ldflags(spec: ModuleSpec, version: string): string {
  return ['-s', '-w', ...(spec.stamp ? spec.stamp(version) : [])].join(' ');
}

/** Where a build reads and writes; tests of the harness point them elsewhere. */
export interface BuildPlaces {
  readonly modulesDir?: string;
  readonly cacheDir?: string;
  /** The version to name the build after, instead of go.mod's requirement. */
  readonly version?: string;
}

function digestOf(spec: ModuleSpec, version: string, go: string, modulesDir: string): string {
  const h = createHash('sha256');
  const dir = path.join(modulesDir, spec.dir);
  for (const f of fs.readdirSync(dir).sort()) {
    if (f === 'go.mod' || f === 'go.sum' || f.endsWith('.go')) h.update(f).update(fs.readFileSync(path.join(dir, f)));
  }
  h.update(go).update(ldflags(spec, version)).update(JSON.stringify(spec.commands)).update(JSON.stringify(spec.assets ?? []));
  return h.digest('hex').slice(0, 12);
}

/** Where a module's binaries are, or would be after a build. */
export function builtDir(spec: ModuleSpec, places: BuildPlaces = {}): string {
  const version = places.version ?? upstreamVersion(spec);
  const digest = digestOf(spec, version, goVersion(), places.modulesDir ?? MODULES_DIR);
  return path.join(places.cacheDir ?? binCacheDir(), `${spec.dir}-${version}-${digest}`);
}

/** The folder of the upstream module's source in Go's module cache (downloading it if needed). */
function upstreamSource(spec: ModuleSpec, cwd: string): string {
  const out = execFileSync('go', ['list', '-m', '-json', spec.upstream], { cwd, encoding: 'utf-8' });
  return (JSON.parse(out) as { Dir: string }).Dir;
}

export function buildModule(spec: ModuleSpec, log: (line: string) => void = () => undefined, places: BuildPlaces = {}): Built {
  const version = places.version ?? upstreamVersion(spec);
  const dir = builtDir(spec, places);
  if (fs.existsSync(path.join(dir, '.complete'))) return { spec, version, dir, seconds: 0 };

  const started = Date.now();
  const moduleDir = path.join(places.modulesDir ?? MODULES_DIR, spec.dir);
  const cache = places.cacheDir ?? binCacheDir();
  fs.mkdirSync(path.join(cache, 'logs'), { recursive: true });
  const logFile = path.join(cache, 'logs', `${path.basename(dir)}.log`);
  const staging = fs.mkdtempSync(path.join(cache, `.building-${spec.dir}-`));
  const env = { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=readonly -buildvcs=false' };
  try {
    for (const c of spec.commands) {
      log(`building ${c.binary} (${spec.upstream} ${version})`);
      const args = ['build', '-trimpath', '-ldflags', ldflags(spec, version), '-o', path.join(staging, c.binary), c.pkg];
      const r = spawnSync('go', args, { cwd: moduleDir, env, encoding: 'utf-8', maxBuffer: 64 * 1024 * 1024 });
      fs.appendFileSync(logFile, `$ go ${args.join(' ')}\n${r.stdout}${r.stderr}\n`);
      if (r.error || r.status !== 0) {
        const tail = `${r.stdout}${r.stderr}`.trim().split('\n').slice(-15).join('\n');
        throw new ClusterError(
          `building ${c.binary} from ${spec.upstream} ${version} (test/cluster/modules/${spec.dir}) failed:\n${tail}\nfull log: ${logFile}`,
        );
      }
    }
    if (spec.assets) {
      const source = upstreamSource(spec, moduleDir);
      for (const a of spec.assets) {
        const to = path.join(staging, 'assets', path.basename(a));
        fs.mkdirSync(path.dirname(to), { recursive: true });
        fs.copyFileSync(path.join(source, a), to);
      }
    }
    fs.writeFileSync(path.join(staging, '.complete'), `${version}\n`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(staging, dir);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return { spec, version, dir, seconds: (Date.now() - started) / 1000 };
}
