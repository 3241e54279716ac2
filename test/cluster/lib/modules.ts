// The Go modules under test/cluster/modules/ and what each one builds. A module's go.mod
// and go.sum pin the upstream source; this file only says which commands to build from it
// and how to stamp their version, so that the version lives in one place (go.mod).
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from './repo';

export const MODULES_DIR = path.join(REPO_ROOT, 'test', 'cluster', 'modules');

/** One command built from a module: its Go package and the binary's file name. */
export interface Command {
  readonly pkg: string;
  readonly binary: string;
}

export interface ModuleSpec {
  /** The folder under test/cluster/modules/. */
  readonly dir: string;
  /** The upstream module whose version names the build (read from go.mod). */
  readonly upstream: string;
  readonly commands: readonly Command[];
  /** -X flags that stamp the version, made from the upstream version. */
  readonly stamp?: (version: string) => string[];
  /** Files of the upstream module copied next to the binaries (relative to the module root). */
  readonly assets?: readonly string[];
  /** Built only when asked for (`up --version`, `build <module>`), not by test:cluster. */
  readonly optional?: boolean;
}

const k8sCommand = (name: string): Command => ({ pkg: `k8s.io/kubernetes/cmd/${name}`, binary: name });

/**
 * As upstream hack/lib/version.sh stamps a release build: both version packages, since an
 * older API server (1.27) answers /version from client-go's while `--version` reads
 * component-base's.
 */
function kubernetesStamp(version: string): string[] {
  const [major, minor] = version.replace(/^v/, '').split('.');
  return ['k8s.io/component-base/version', 'k8s.io/client-go/pkg/version'].flatMap((pkg) => [
    `-X ${pkg}.gitVersion=${version}`,
    `-X ${pkg}.gitMajor=${major}`,
    `-X ${pkg}.gitMinor=${minor}`,
    `-X ${pkg}.gitTreeState=clean`,
  ]);
}

/** The Kubernetes modules: the full control plane for the newest, the API server and kubectl for the others. */
function kubernetes(minor: string, full: boolean): ModuleSpec {
  const names = full
    ? ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubectl']
    : ['kube-apiserver', 'kubectl'];
  return {
    dir: `k8s-${minor}`,
    upstream: 'k8s.io/kubernetes',
    commands: names.map(k8sCommand),
    stamp: kubernetesStamp,
    optional: OPTIONAL_MINORS.includes(minor),
  };
}

/** The newest minor runs the whole cluster; the others serve server-side dry runs. */
export const NEWEST_MINOR = '1.36';
/**
 * 1.33 and 1.27 (the version of the app's imports) build with Go 1.26 and run on etcd 3.6
 * too, but cost CI about ten minutes each when cold: they are built on demand only.
 */
export const OPTIONAL_MINORS: readonly string[] = ['1.33', '1.27'];
export const KUBERNETES_MINORS = ['1.36', '1.35', '1.34', ...OPTIONAL_MINORS] as const;

export const MODULES: readonly ModuleSpec[] = [
  kubernetes(NEWEST_MINOR, true),
  { dir: 'etcd', upstream: 'go.etcd.io/etcd/server/v3', commands: [{ pkg: 'go.etcd.io/etcd/server/v3', binary: 'etcd' }] },
  {
    dir: 'kwok',
    upstream: 'sigs.k8s.io/kwok',
    commands: [{ pkg: 'sigs.k8s.io/kwok/cmd/kwok', binary: 'kwok' }],
    // kwok run on its own (not through kwokctl) needs its stage definitions.
    assets: [
      'kustomize/stage/node/fast/node-initialize.yaml',
      'kustomize/stage/node/heartbeat-with-lease/node-heartbeat-with-lease.yaml',
      'kustomize/stage/pod/fast/pod-ready.yaml',
      'kustomize/stage/pod/fast/pod-complete.yaml',
      'kustomize/stage/pod/fast/pod-delete.yaml',
    ],
  },
  { dir: 'coredns', upstream: 'github.com/coredns/coredns', commands: [{ pkg: '.', binary: 'coredns' }] },
  {
    dir: 'provisioner',
    upstream: 'sigs.k8s.io/sig-storage-lib-external-provisioner/v13',
    commands: [{ pkg: '.', binary: 'provisioner' }],
  },
  // helm lint and helm template on the chart that cdk8s synth --format helm writes (no cluster needed).
  {
    dir: 'helm',
    upstream: 'helm.sh/helm/v3',
    commands: [{ pkg: 'helm.sh/helm/v3/cmd/helm', binary: 'helm' }],
    // As upstream's Makefile stamps a release (LDFLAGS += -X helm.sh/helm/v3/internal/version.version=...).
    stamp: (version) => [`-X helm.sh/helm/v3/internal/version.version=${version}`],
  },
  // Last: a cluster of the newest minor needs none of them.
  ...KUBERNETES_MINORS.filter((m) => m !== NEWEST_MINOR).map((m) => kubernetes(m, false)),
];

export function moduleSpec(dir: string): ModuleSpec {
  const spec = MODULES.find((m) => m.dir === dir);
  if (!spec) throw new Error(`no module '${dir}': known are ${MODULES.map((m) => m.dir).join(', ')}`);
  return spec;
}

/** The version go.mod requires of a module (a require line, single or in a block). */
export function requiredVersion(goMod: string, modulePath: string): string | undefined {
  const escaped = modulePath.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const m = new RegExp(`^\\s*(?:require\\s+)?${escaped}\\s+(v\\S+)`, 'm').exec(goMod);
  return m?.[1];
}

export function upstreamVersion(spec: ModuleSpec): string {
  const goModPath = path.join(MODULES_DIR, spec.dir, 'go.mod');
  const version = requiredVersion(fs.readFileSync(goModPath, 'utf-8'), spec.upstream);
  if (!version) throw new Error(`${goModPath} does not require ${spec.upstream}`);
  return version;
}
