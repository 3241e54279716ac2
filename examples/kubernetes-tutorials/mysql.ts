// The Kubernetes tutorial "Run a Replicated Stateful Application"
// (kubernetes.io/docs/tasks/run-application/run-replicated-stateful-application/), its `mysql-configmap.yaml`,
// `mysql-services.yaml` and `mysql-statefulset.yaml` as of kubernetes/website branch release-1.34: MySQL with
// one primary (ordinal 0) and replicas that clone their data from the previous ordinal with XtraBackup, then
// replicate. docs/upstream-manifests.md maps each field of the tutorial onto the props below.
//
// Run: node tools/run-ts.js examples/kubernetes-tutorials/mysql.ts   (writes to $CDK8S_OUTDIR, else dist/)
import { App, Chart, ChartProps, Duration, Size } from 'cdk8s';
import {
  ContainerResources,
  Cpu,
  DisruptionBudget,
  EnvValue,
  ExternalAccess,
  PodSecurity,
  PodVolume,
  PolicyRule,
  Probe,
  Spread,
  StatefulService,
  Storage,
  VolumeMount,
} from 'cdk8s-stateful-service';
import { Construct } from 'constructs';

// The tutorial's scripts, verbatim (in a template literal: \` \${ and \\ stand for ` ${ and \).

/** init-mysql: server-id from the ordinal, and the primary's or a replica's configuration. */
const INIT_MYSQL = `set -ex
# Generate mysql server-id from pod ordinal index.
[[ $HOSTNAME =~ -([0-9]+)$ ]] || exit 1
ordinal=\${BASH_REMATCH[1]}
echo [mysqld] > /mnt/conf.d/server-id.cnf
# Add an offset to avoid reserved server-id=0 value.
echo server-id=$((100 + $ordinal)) >> /mnt/conf.d/server-id.cnf
# Copy appropriate conf.d files from config-map to emptyDir.
if [[ $ordinal -eq 0 ]]; then
  cp /mnt/config-map/primary.cnf /mnt/conf.d/
else
  cp /mnt/config-map/replica.cnf /mnt/conf.d/
fi
`;

/** clone-mysql: a new replica's data, streamed from the previous ordinal's xtrabackup sidecar. */
const CLONE_MYSQL = `set -ex
# Skip the clone if data already exists.
[[ -d /var/lib/mysql/mysql ]] && exit 0
# Skip the clone on primary (ordinal index 0).
[[ \`hostname\` =~ -([0-9]+)$ ]] || exit 1
ordinal=\${BASH_REMATCH[1]}
[[ $ordinal -eq 0 ]] && exit 0
# Clone data from previous peer.
ncat --recv-only mysql-$(($ordinal-1)).mysql 3307 | xbstream -x -C /var/lib/mysql
# Prepare the backup.
xtrabackup --prepare --target-dir=/var/lib/mysql
`;

/** xtrabackup: starts replication from a cloned position, then serves backups to the next ordinal. */
const XTRABACKUP = `set -ex
cd /var/lib/mysql

# Determine binlog position of cloned data, if any.
if [[ -f xtrabackup_slave_info && "x$(<xtrabackup_slave_info)" != "x" ]]; then
  # XtraBackup already generated a partial "CHANGE MASTER TO" query
  # because we're cloning from an existing replica. (Need to remove the tailing semicolon!)
  cat xtrabackup_slave_info | sed -E 's/;$//g' > change_master_to.sql.in
  # Ignore xtrabackup_binlog_info in this case (it's useless).
  rm -f xtrabackup_slave_info xtrabackup_binlog_info
elif [[ -f xtrabackup_binlog_info ]]; then
  # We're cloning directly from primary. Parse binlog position.
  [[ \`cat xtrabackup_binlog_info\` =~ ^(.*?)[[:space:]]+(.*?)$ ]] || exit 1
  rm -f xtrabackup_binlog_info xtrabackup_slave_info
  echo "CHANGE MASTER TO MASTER_LOG_FILE='\${BASH_REMATCH[1]}',\\
        MASTER_LOG_POS=\${BASH_REMATCH[2]}" > change_master_to.sql.in
fi

# Check if we need to complete a clone by starting replication.
if [[ -f change_master_to.sql.in ]]; then
  echo "Waiting for mysqld to be ready (accepting connections)"
  until mysql -h 127.0.0.1 -e "SELECT 1"; do sleep 1; done

  echo "Initializing replication from clone position"
  mysql -h 127.0.0.1 \\
        -e "$(<change_master_to.sql.in), \\
                MASTER_HOST='mysql-0.mysql', \\
                MASTER_USER='root', \\
                MASTER_PASSWORD='', \\
                MASTER_CONNECT_RETRY=10; \\
              START SLAVE;" || exit 1
  # In case of container restart, attempt this at-most-once.
  mv change_master_to.sql.in change_master_to.sql.orig
fi

# Start a server to send backups when requested by peers.
exec ncat --listen --keep-open --send-only --max-conns=1 3307 -c \\
  "xtrabackup --backup --slave-info --stream=xbstream --host=127.0.0.1 --user=root"
`;

/** The data directory on the claim's `mysql` subdirectory, and the generated conf.d. */
const DATA_AND_CONF: VolumeMount[] = [
  { volume: 'data', mountPath: '/var/lib/mysql', subPath: 'mysql' },
  { volume: 'conf', mountPath: '/etc/mysql/conf.d' },
];

/** No requests and no limits, as the tutorial's init containers have (the construct would add defaults). */
const NO_RESOURCES: ContainerResources = { cpu: {}, memory: {} };

export class MySqlChart extends Chart {
  public readonly mysql: StatefulService;

  public constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    this.mysql = new StatefulService(this, 'mysql', {
      name: 'mysql',
      serviceName: 'mysql',
      // The tutorial's app.kubernetes.io/name: mysql is the construct's own selector label here; `app: mysql`
      // is added for the tutorial's `kubectl get pods -l app=mysql` and `kubectl delete configmap,service -l app=mysql`.
      labels: { app: 'mysql' },
      replicas: 3,
      configMaps: [
        {
          name: 'mysql',
          data: {
            'primary.cnf': '# Apply this config only on the primary.\n[mysqld]\nlog-bin\n',
            'replica.cnf': '# Apply this config only on replicas.\n[mysqld]\nsuper-read-only\n',
          },
        },
      ],
      initContainers: [
        {
          name: 'init-mysql',
          image: 'mysql:5.7',
          command: ['bash', '-c', INIT_MYSQL],
          volumeMounts: [
            { volume: 'conf', mountPath: '/mnt/conf.d' },
            { volume: 'config-map', mountPath: '/mnt/config-map' },
          ],
          resources: NO_RESOURCES,
        },
        {
          name: 'clone-mysql',
          image: 'gcr.io/google-samples/xtrabackup:1.0',
          command: ['bash', '-c', CLONE_MYSQL],
          volumeMounts: DATA_AND_CONF,
          resources: NO_RESOURCES,
        },
      ],
      container: {
        name: 'mysql',
        image: 'mysql:5.7',
        env: { MYSQL_ALLOW_EMPTY_PASSWORD: EnvValue.literal('1') },
        ports: [{ name: 'mysql', number: 3306 }],
        volumeMounts: DATA_AND_CONF,
        // Requests only, as in the tutorial.
        resources: { cpu: { request: Cpu.millis(500) }, memory: { request: Size.gibibytes(1) } },
        livenessProbe: Probe.exec(['mysqladmin', 'ping'], {
          initialDelay: Duration.seconds(30),
          period: Duration.seconds(10),
          timeout: Duration.seconds(5),
        }),
        // Check we can execute queries over TCP (skip-networking is off).
        readinessProbe: Probe.exec(['mysql', '-h', '127.0.0.1', '-e', 'SELECT 1'], {
          initialDelay: Duration.seconds(5),
          period: Duration.seconds(2),
          timeout: Duration.seconds(1),
        }),
        // No startup probe: it would hold off the tutorial's probes.
        startupProbe: Probe.none(),
      },
      sidecars: [
        {
          name: 'xtrabackup',
          image: 'gcr.io/google-samples/xtrabackup:1.0',
          ports: [{ name: 'xtrabackup', number: 3307 }],
          command: ['bash', '-c', XTRABACKUP],
          volumeMounts: DATA_AND_CONF,
          resources: { cpu: { request: Cpu.millis(100) }, memory: { request: Size.mebibytes(100) } },
        },
      ],
      volumes: [PodVolume.emptyDir('conf'), PodVolume.configMap('config-map', 'mysql')],
      // Mounted by the containers themselves, on the subdirectory `mysql`.
      storage: [Storage.dynamic({ name: 'data', size: Size.gibibytes(10) })],
      // MySQL's entrypoint starts as root (it changes the data directory's owner, then drops to the mysql
      // user), xtrabackup runs as root, and the tutorial renames /usr/bin/mysql with kubectl exec to break the
      // readiness probe: the image's user and capabilities stay, with a writable root filesystem. Kept from the
      // construct: allowPrivilegeEscalation false and the RuntimeDefault seccomp profile (the entrypoint drops
      // privileges with gosu, which needs no setuid bit), and no service account token (nothing here calls the
      // Kubernetes API).
      security: PodSecurity.imageUser(),
      // The tutorial's label of the read Service, on it alone.
      externalAccess: ExternalAccess.clusterIp({ name: 'mysql-read', labels: { readonly: 'true' } }),
      // The tutorial has no PodDisruptionBudget: its "Drain a Node" step evicts mysql-2 unhindered.
      disruptionBudget: DisruptionBudget.none(),
      // The scheduler's own default spreading, as for the tutorial's pods.
      placement: { spread: Spread.none() },
      acknowledgements: [
        {
          rule: PolicyRule.RUN_AS_ROOT,
          reason: "mysql:5.7's entrypoint and xtrabackup run as root, as in the tutorial, which sets no user",
        },
        {
          rule: PolicyRule.PRIVILEGE,
          reason: "MySQL's entrypoint changes the data directory's owner: the images keep their capabilities",
        },
        {
          rule: PolicyRule.READ_ONLY_ROOT_FILESYSTEM,
          reason:
            'the images write into their own filesystem, and the tutorial renames /usr/bin/mysql to break the readiness probe',
        },
        { rule: PolicyRule.CONTAINER_PROBES, reason: 'the tutorial gives the xtrabackup sidecar no probes' },
        {
          rule: PolicyRule.CONTAINER_RESOURCES,
          reason: 'the tutorial sets requests and no limits, and no resources for the init containers',
        },
        { rule: PolicyRule.DISRUPTION_BUDGET, reason: 'the tutorial has no PodDisruptionBudget' },
      ],
    });
  }
}

if (require.main === module) {
  const app = new App();
  new MySqlChart(app, 'mysql');
  app.synth();
}
