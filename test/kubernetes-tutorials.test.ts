// The Kubernetes documentation's three StatefulSet tutorials, written with the construct
// (examples/kubernetes-tutorials/). Each test pins what a tutorial's manifests set, field by field, as the
// tutorial writes it; the sources are named in docs/upstream-manifests.md. The long bash scripts are
// pinned by the SHA-256 of the tutorial's text (computed from the upstream YAML, not from the examples).
import { createHash } from 'crypto';
import { Testing } from 'cdk8s';
import { MySqlChart } from '../examples/kubernetes-tutorials/mysql';
import { WebChart } from '../examples/kubernetes-tutorials/web';
import { ZooKeeperChart } from '../examples/kubernetes-tutorials/zookeeper';
import { selectorMatches } from '../src/cli/manifests';
import { kinds, synth, testWithTheProjectTools } from './fixtures/upstream-examples';
import { find, Manifest } from './helpers';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const podOf = (set: Manifest) => set.spec.template;
const allContainers = (set: Manifest): any[] => [
  ...(podOf(set).spec.initContainers ?? []),
  ...podOf(set).spec.containers,
];
const container = (set: Manifest, name: string) => allContainers(set).find((c) => c.name === name);

/** A probe as the tutorial writes it, with the thresholds it leaves to Kubernetes' defaults. */
const execProbe = (
  command: string[],
  timing: { initialDelaySeconds: number; periodSeconds: number; timeoutSeconds: number },
) => ({
  exec: { command },
  ...timing,
  failureThreshold: 3,
  successThreshold: 1,
});

/** The StatefulSet's selector, and every Service's and budget's, select the set's own pods. */
function expectSelectorsSelectThePods(manifests: Manifest[], set: Manifest) {
  const podLabels = podOf(set).metadata.labels;
  expect(selectorMatches(set.spec.selector, podLabels)).toBe(true);
  for (const svc of manifests.filter((m) => m.kind === 'Service')) {
    expect({
      service: svc.metadata.name,
      selects: selectorMatches({ matchLabels: svc.spec.selector }, podLabels),
    }).toEqual({
      service: svc.metadata.name,
      selects: true,
    });
  }
  for (const pdb of manifests.filter((m) => m.kind === 'PodDisruptionBudget')) {
    expect(selectorMatches(pdb.spec.selector, podLabels)).toBe(true);
  }
}

/**
 * An image the tutorial runs as root runs as its own user: no user, group or non-root
 * requirement, a writable root filesystem and every capability the image has.
 */
function expectImageUserIntact(set: Manifest) {
  const pod = podOf(set).spec.securityContext ?? {};
  expect([pod.runAsUser, pod.runAsGroup, pod.runAsNonRoot, pod.fsGroup]).toEqual([
    undefined,
    undefined,
    undefined,
    undefined,
  ]);
  for (const c of allContainers(set)) {
    const sc = c.securityContext ?? {};
    expect({ container: c.name, user: sc.runAsUser, group: sc.runAsGroup, nonRoot: sc.runAsNonRoot }).toEqual({
      container: c.name,
      user: undefined,
      group: undefined,
      nonRoot: undefined,
    });
    expect(sc.readOnlyRootFilesystem).not.toBe(true);
    expect(sc.capabilities?.drop).toBeUndefined();
    expect(sc.privileged).not.toBe(true);
  }
}

/** What the policy check reports of an image the tutorial runs as root, without limits or a budget. */
const ROOT_IMAGE_FINDINGS = [
  'container-probes',
  'container-resources',
  'disruption-budget',
  'privilege',
  'read-only-root-filesystem',
  'run-as-root',
];

describe('StatefulSet Basics (examples/kubernetes-tutorials/web.ts)', () => {
  const manifests = synth(new WebChart(Testing.app(), 'web'));
  const web = find(manifests, 'StatefulSet', 'web');
  const nginx = container(web, 'nginx');

  test('makes what web.yaml makes: the headless Service nginx and the StatefulSet web, nothing else', () => {
    expect(kinds(manifests)).toEqual(['Service/nginx', 'StatefulSet/web']);
  });

  test('Service nginx: headless, port 80 named web', () => {
    const svc = find(manifests, 'Service', 'nginx');
    expect(svc.spec.clusterIP).toBe('None');
    expect(svc.spec.ports).toEqual([{ name: 'web', port: 80, targetPort: 80, protocol: 'TCP' }]);
    expect(svc.metadata.labels.app).toBe('nginx');
  });

  test('StatefulSet web: 2 replicas governed by nginx', () => {
    expect(web.spec.replicas).toBe(2);
    expect(web.spec.serviceName).toBe('nginx');
  });

  test('container nginx: the tutorial image, port 80 named web, www mounted at /usr/share/nginx/html', () => {
    expect(podOf(web).spec.containers.map((c: any) => c.name)).toEqual(['nginx']);
    expect(podOf(web).spec.initContainers).toBeUndefined();
    expect(nginx.image).toBe('registry.k8s.io/nginx-slim:0.21');
    expect(nginx.ports).toEqual([{ name: 'web', containerPort: 80, protocol: 'TCP' }]);
    expect(nginx.volumeMounts).toEqual([{ name: 'www', mountPath: '/usr/share/nginx/html' }]);
    expect(nginx.command).toBeUndefined();
    expect(nginx.args).toBeUndefined();
    expect(nginx.env).toBeUndefined();
  });

  test('claim template www: ReadWriteOnce, 1Gi, default storage class', () => {
    expect(web.spec.volumeClaimTemplates).toEqual([
      {
        metadata: { name: 'www' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      },
    ]);
  });

  test('adds no probes, resources, spread or budget the tutorial does not have', () => {
    for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) expect(nginx[probe]).toBeUndefined();
    expect(nginx.resources ?? {}).toEqual({});
    expect(podOf(web).spec.topologySpreadConstraints).toBeUndefined();
    expect(podOf(web).spec.affinity).toBeUndefined();
    expect(podOf(web).spec.volumes).toBeUndefined();
  });

  test('nginx-slim runs as root, as in the tutorial: no user, non-root, read-only root or dropped capability', () => {
    expectImageUserIntact(web);
  });

  test("the selectors select the set's pods, which keep the tutorial's label app: nginx", () => {
    expectSelectorsSelectThePods(manifests, web);
    expect(podOf(web).metadata.labels.app).toBe('nginx');
  });

  testWithTheProjectTools(manifests, ROOT_IMAGE_FINDINGS);
});

describe('Running ZooKeeper (examples/kubernetes-tutorials/zookeeper.ts)', () => {
  const manifests = synth(new ZooKeeperChart(Testing.app(), 'zookeeper'));
  const zk = find(manifests, 'StatefulSet', 'zk');
  const server = container(zk, 'kubernetes-zookeeper');
  const ready = execProbe(['sh', '-c', 'zookeeper-ready 2181'], {
    initialDelaySeconds: 10,
    timeoutSeconds: 5,
    periodSeconds: 10, // Kubernetes' default, which the tutorial leaves unset
  });

  test('makes what zookeeper.yaml makes: zk-hs, zk-cs, zk-pdb and zk', () => {
    expect(kinds(manifests)).toEqual([
      'PodDisruptionBudget/zk-pdb',
      'Service/zk-cs',
      'Service/zk-hs',
      'StatefulSet/zk',
    ]);
  });

  test('zk-hs: headless, 2888 server and 3888 leader-election', () => {
    const hs = find(manifests, 'Service', 'zk-hs');
    expect(hs.spec.clusterIP).toBe('None');
    expect(hs.spec.ports).toEqual([
      { name: 'server', port: 2888, targetPort: 2888, protocol: 'TCP' },
      { name: 'leader-election', port: 3888, targetPort: 3888, protocol: 'TCP' },
    ]);
  });

  test('zk-cs: a ClusterIP Service on 2181 client', () => {
    const cs = find(manifests, 'Service', 'zk-cs');
    expect(cs.spec.type).toBe('ClusterIP');
    expect(cs.spec.clusterIP).toBeUndefined();
    expect(cs.spec.ports).toEqual([{ name: 'client', port: 2181, targetPort: 2181, protocol: 'TCP' }]);
  });

  test("zk-pdb: maxUnavailable 1 (named by the budget's name option)", () => {
    const pdb = find(manifests, 'PodDisruptionBudget', 'zk-pdb');
    expect(pdb.spec.maxUnavailable).toBe(1);
    expect(pdb.spec.minAvailable).toBeUndefined();
  });

  test('StatefulSet zk: 3 replicas governed by zk-hs, OrderedReady, RollingUpdate', () => {
    expect(zk.spec.replicas).toBe(3);
    expect(zk.spec.serviceName).toBe('zk-hs');
    expect(zk.spec.podManagementPolicy).toBe('OrderedReady');
    expect(zk.spec.updateStrategy.type).toBe('RollingUpdate');
    expect(zk.spec.updateStrategy.rollingUpdate).toEqual({ partition: 0 });
  });

  test("required pod anti-affinity on kubernetes.io/hostname, selecting the set's own pods", () => {
    const anti = podOf(zk).spec.affinity.podAntiAffinity;
    expect(anti.preferredDuringSchedulingIgnoredDuringExecution).toBeUndefined();
    expect(anti.requiredDuringSchedulingIgnoredDuringExecution).toHaveLength(1);
    const [term] = anti.requiredDuringSchedulingIgnoredDuringExecution;
    expect(term.topologyKey).toBe('kubernetes.io/hostname');
    expect(selectorMatches(term.labelSelector, podOf(zk).metadata.labels)).toBe(true);
    expect(podOf(zk).spec.topologySpreadConstraints).toBeUndefined();
  });

  test('container kubernetes-zookeeper: image, pull policy Always, the start-zookeeper command with every flag', () => {
    expect(podOf(zk).spec.containers.map((c: any) => c.name)).toEqual(['kubernetes-zookeeper']);
    expect(server.image).toBe('registry.k8s.io/kubernetes-zookeeper:1.0-3.4.10');
    expect(server.imagePullPolicy).toBe('Always');
    expect(server.command).toEqual([
      'sh',
      '-c',
      'start-zookeeper --servers=3 --data_dir=/var/lib/zookeeper/data --data_log_dir=/var/lib/zookeeper/data/log' +
        ' --conf_dir=/opt/zookeeper/conf --client_port=2181 --election_port=3888 --server_port=2888 --tick_time=2000' +
        ' --init_limit=10 --sync_limit=5 --heap=512M --max_client_cnxns=60 --snap_retain_count=3 --purge_interval=12' +
        ' --max_session_timeout=40000 --min_session_timeout=4000 --log_level=INFO',
    ]);
    expect(server.args).toBeUndefined();
  });

  test('requests memory 1Gi and cpu 0.5, and no limits', () => {
    // The tutorial's cpu "0.5" is the quantity 500m, the form the API server stores it in.
    expect(server.resources).toEqual({ requests: { memory: '1Gi', cpu: '500m' } });
  });

  test('ports client 2181, server 2888, leader-election 3888', () => {
    expect(server.ports).toEqual([
      { name: 'client', containerPort: 2181, protocol: 'TCP' },
      { name: 'server', containerPort: 2888, protocol: 'TCP' },
      { name: 'leader-election', containerPort: 3888, protocol: 'TCP' },
    ]);
  });

  test('readiness and liveness: sh -c "zookeeper-ready 2181", initial delay 10 s, timeout 5 s; no startup probe', () => {
    expect(server.readinessProbe).toEqual(ready);
    expect(server.livenessProbe).toEqual(ready);
    expect(server.startupProbe).toBeUndefined();
  });

  test('datadir mounted at /var/lib/zookeeper; claim template datadir 10Gi ReadWriteOnce', () => {
    expect(server.volumeMounts).toEqual([{ name: 'datadir', mountPath: '/var/lib/zookeeper' }]);
    expect(podOf(zk).spec.volumes).toBeUndefined();
    expect(zk.spec.volumeClaimTemplates).toEqual([
      {
        metadata: { name: 'datadir' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } },
      },
    ]);
  });

  test('runAsUser 1000 and fsGroup 1000, with the root filesystem writable for start-zookeeper', () => {
    const pod = podOf(zk).spec.securityContext;
    expect(pod.runAsUser).toBe(1000);
    expect(pod.fsGroup).toBe(1000);
    // Additions that keep the process as the tutorial runs it: the group of uid 1000 in the image, and
    // the ownership change Kubernetes applies by default.
    expect(pod.runAsGroup).toBe(1000);
    expect(pod.fsGroupChangePolicy).toBe('Always');
    expect(server.securityContext.runAsUser).toBe(1000);
    expect(server.securityContext.readOnlyRootFilesystem).toBe(false);
  });

  test("the selectors select the set's pods, which keep both labels the tutorial used: app.kubernetes.io/name and app", () => {
    expectSelectorsSelectThePods(manifests, zk);
    expect(podOf(zk).metadata.labels).toMatchObject({ 'app.kubernetes.io/name': 'zk', app: 'zk' });
  });

  testWithTheProjectTools(manifests, ['container-resources', 'read-only-root-filesystem']);
});

describe('Run a Replicated Stateful Application (examples/kubernetes-tutorials/mysql.ts)', () => {
  const manifests = synth(new MySqlChart(Testing.app(), 'mysql'));
  const mysql = find(manifests, 'StatefulSet', 'mysql');
  const dataAndConf = [
    { name: 'data', mountPath: '/var/lib/mysql', subPath: 'mysql' },
    { name: 'conf', mountPath: '/etc/mysql/conf.d' },
  ];

  test('makes what the three files make: ConfigMap mysql, Services mysql and mysql-read, StatefulSet mysql', () => {
    expect(kinds(manifests)).toEqual(['ConfigMap/mysql', 'Service/mysql', 'Service/mysql-read', 'StatefulSet/mysql']);
  });

  test('ConfigMap mysql: primary.cnf and replica.cnf as the tutorial writes them', () => {
    const cm = find(manifests, 'ConfigMap', 'mysql');
    expect(cm.data).toEqual({
      'primary.cnf': '# Apply this config only on the primary.\n[mysqld]\nlog-bin\n',
      'replica.cnf': '# Apply this config only on replicas.\n[mysqld]\nsuper-read-only\n',
    });
    expect(cm.metadata.labels).toMatchObject({ app: 'mysql', 'app.kubernetes.io/name': 'mysql' });
  });

  test("the pod template carries the ConfigMap's checksum, so that a change of the cnf files rolls the pods", () => {
    expect(podOf(mysql).metadata.annotations).toEqual({
      'checksum/config': '8aa3d7ef3965d69c2110f32abddd5d327d2fb8f11ff0dc7b1dd6acb23124b9e9',
    });
  });

  test('Services: mysql headless and mysql-read ClusterIP, both on 3306 named mysql', () => {
    const headless = find(manifests, 'Service', 'mysql');
    const read = find(manifests, 'Service', 'mysql-read');
    expect(headless.spec.clusterIP).toBe('None');
    expect(read.spec.type).toBe('ClusterIP');
    expect(read.spec.clusterIP).toBeUndefined();
    // The tutorial labels the read Service alone readonly: "true".
    expect(read.metadata.labels.readonly).toBe('true');
    expect(headless.metadata.labels.readonly).toBeUndefined();
    for (const svc of [headless, read]) {
      expect(svc.spec.ports).toEqual([{ name: 'mysql', port: 3306, targetPort: 3306, protocol: 'TCP' }]);
    }
  });

  test('StatefulSet mysql: 3 replicas governed by mysql', () => {
    expect(mysql.spec.replicas).toBe(3);
    expect(mysql.spec.serviceName).toBe('mysql');
    expect(podOf(mysql).spec.initContainers.map((c: any) => c.name)).toEqual(['init-mysql', 'clone-mysql']);
    expect(podOf(mysql).spec.containers.map((c: any) => c.name)).toEqual(['mysql', 'xtrabackup']);
  });

  test('init-mysql: mysql:5.7, its bash script, conf and config-map mounts, no resources', () => {
    const c = container(mysql, 'init-mysql');
    expect(c.image).toBe('mysql:5.7');
    expect(c.command.slice(0, 2)).toEqual(['bash', '-c']);
    expect(c.command).toHaveLength(3);
    expect(sha256(c.command[2])).toBe('d5c293ab19cadceccf5ad06533cde1d73be53275993e5a03c5939f0dc5ee0b64');
    expect(c.command[2]).toContain('[[ $HOSTNAME =~ -([0-9]+)$ ]] || exit 1\n');
    expect(c.command[2]).toContain('  cp /mnt/config-map/replica.cnf /mnt/conf.d/\n');
    expect(c.volumeMounts).toEqual([
      { name: 'conf', mountPath: '/mnt/conf.d' },
      { name: 'config-map', mountPath: '/mnt/config-map' },
    ]);
    expect(c.resources ?? {}).toEqual({});
  });

  test('clone-mysql: xtrabackup:1.0, its bash script, data (subPath mysql) and conf mounts, no resources', () => {
    const c = container(mysql, 'clone-mysql');
    expect(c.image).toBe('gcr.io/google-samples/xtrabackup:1.0');
    expect(c.command.slice(0, 2)).toEqual(['bash', '-c']);
    expect(sha256(c.command[2])).toBe('9da609812493cba613af4fb496efad27a02c73033d72f54daa41ff62066ebf61');
    expect(c.command[2]).toContain(
      'ncat --recv-only mysql-$(($ordinal-1)).mysql 3307 | xbstream -x -C /var/lib/mysql\n',
    );
    expect(c.volumeMounts).toEqual(dataAndConf);
    expect(c.resources ?? {}).toEqual({});
  });

  test('container mysql: env, port 3306, mounts, requests cpu 500m and memory 1Gi without limits', () => {
    const c = container(mysql, 'mysql');
    expect(c.image).toBe('mysql:5.7');
    expect(c.env).toEqual([{ name: 'MYSQL_ALLOW_EMPTY_PASSWORD', value: '1' }]);
    expect(c.ports).toEqual([{ name: 'mysql', containerPort: 3306, protocol: 'TCP' }]);
    expect(c.volumeMounts).toEqual(dataAndConf);
    expect(c.resources).toEqual({ requests: { cpu: '500m', memory: '1Gi' } });
    expect(c.command).toBeUndefined();
  });

  test('container mysql: liveness mysqladmin ping (30/10/5), readiness mysql -h 127.0.0.1 -e "SELECT 1" (5/2/1)', () => {
    const c = container(mysql, 'mysql');
    expect(c.livenessProbe).toEqual(
      execProbe(['mysqladmin', 'ping'], { initialDelaySeconds: 30, periodSeconds: 10, timeoutSeconds: 5 }),
    );
    expect(c.readinessProbe).toEqual(
      execProbe(['mysql', '-h', '127.0.0.1', '-e', 'SELECT 1'], {
        initialDelaySeconds: 5,
        periodSeconds: 2,
        timeoutSeconds: 1,
      }),
    );
    expect(c.startupProbe).toBeUndefined();
  });

  test('sidecar xtrabackup: image, port 3307, its bash script, mounts, requests cpu 100m and memory 100Mi', () => {
    const c = container(mysql, 'xtrabackup');
    expect(c.image).toBe('gcr.io/google-samples/xtrabackup:1.0');
    expect(c.ports).toEqual([{ name: 'xtrabackup', containerPort: 3307, protocol: 'TCP' }]);
    expect(c.command.slice(0, 2)).toEqual(['bash', '-c']);
    expect(sha256(c.command[2])).toBe('882044d109bf534f313a782bc12f738e85da1e939d227b1aa8bc8449aaad75d4');
    expect(c.command[2]).toContain("echo \"CHANGE MASTER TO MASTER_LOG_FILE='${BASH_REMATCH[1]}',\\\n");
    expect(c.command[2]).toMatch(
      /exec ncat --listen --keep-open --send-only --max-conns=1 3307 -c \\\n {2}"xtrabackup --backup/,
    );
    expect(c.volumeMounts).toEqual(dataAndConf);
    expect(c.resources).toEqual({ requests: { cpu: '100m', memory: '100Mi' } });
    for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) expect(c[probe]).toBeUndefined();
  });

  test('volumes conf (emptyDir) and config-map (ConfigMap mysql); claim template data 10Gi ReadWriteOnce', () => {
    expect(podOf(mysql).spec.volumes).toEqual([
      { name: 'conf', emptyDir: {} },
      { name: 'config-map', configMap: { name: 'mysql' } },
    ]);
    expect(mysql.spec.volumeClaimTemplates).toEqual([
      {
        metadata: { name: 'data' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } },
      },
    ]);
  });

  test('MySQL and xtrabackup run as root with a writable root, as in the tutorial; no spread, no budget', () => {
    expectImageUserIntact(mysql);
    expect(podOf(mysql).spec.topologySpreadConstraints).toBeUndefined();
    expect(podOf(mysql).spec.affinity).toBeUndefined();
  });

  test("the selectors select the set's pods, which keep both labels the tutorial used: app and app.kubernetes.io/name", () => {
    expectSelectorsSelectThePods(manifests, mysql);
    expect(podOf(mysql).metadata.labels).toMatchObject({ app: 'mysql', 'app.kubernetes.io/name': 'mysql' });
  });

  testWithTheProjectTools(manifests, ROOT_IMAGE_FINDINGS);
});
