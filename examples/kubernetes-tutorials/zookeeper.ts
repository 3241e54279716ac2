// The Kubernetes tutorial "Running ZooKeeper, A Distributed System Coordinator"
// (kubernetes.io/docs/tutorials/stateful-application/zookeeper/), its `zookeeper.yaml` as of kubernetes/website
// commit 5e84d3b4: the headless Service `zk-hs`, the client Service `zk-cs`, the PodDisruptionBudget `zk-pdb`
// and the StatefulSet `zk` of a three-server ensemble, one server per node. docs/upstream-manifests.md maps
// each field of the tutorial onto the props below.
//
// Run: node tools/run-ts.js examples/kubernetes-tutorials/zookeeper.ts   (writes to $CDK8S_OUTDIR, else dist/)
import { App, Chart, ChartProps, Duration, Size } from 'cdk8s';
import {
  Cpu,
  DisruptionBudget,
  ExternalAccess,
  FsGroupChangePolicy,
  ImagePullPolicy,
  PodAntiAffinity,
  PodManagementPolicy,
  PodSecurity,
  PolicyRule,
  Probe,
  Spread,
  StatefulService,
  Storage,
  UpdateStrategy,
} from 'cdk8s-stateful-service';
import { Construct } from 'constructs';

/** The flags the tutorial passes to the image's `start-zookeeper` script, in its order. */
const START_ZOOKEEPER = [
  'start-zookeeper',
  '--servers=3',
  '--data_dir=/var/lib/zookeeper/data',
  '--data_log_dir=/var/lib/zookeeper/data/log',
  '--conf_dir=/opt/zookeeper/conf',
  '--client_port=2181',
  '--election_port=3888',
  '--server_port=2888',
  '--tick_time=2000',
  '--init_limit=10',
  '--sync_limit=5',
  '--heap=512M',
  '--max_client_cnxns=60',
  '--snap_retain_count=3',
  '--purge_interval=12',
  '--max_session_timeout=40000',
  '--min_session_timeout=4000',
  '--log_level=INFO',
].join(' ');

/** Both probes of the tutorial: the image's `zookeeper-ready` script sends `ruok` to the client port. */
const zookeeperReady = () =>
  Probe.exec(['sh', '-c', 'zookeeper-ready 2181'], {
    initialDelay: Duration.seconds(10),
    timeout: Duration.seconds(5),
    // Kubernetes' default period, which the tutorial relies on (and the construct's default since 0.3.0).
    period: Duration.seconds(10),
  });

export class ZooKeeperChart extends Chart {
  public readonly zk: StatefulService;

  public constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    this.zk = new StatefulService(this, 'zk', {
      name: 'zk',
      serviceName: 'zk-hs',
      // The tutorial's pod label app.kubernetes.io/name: zk is the construct's own selector label here; the
      // older `app: zk` is added for the tutorial's `kubectl get pods -w -l app=zk`.
      appName: 'zk',
      labels: { app: 'zk' },
      replicas: 3,
      podManagementPolicy: PodManagementPolicy.ORDERED_READY,
      updateStrategy: UpdateStrategy.rollingUpdate(),
      container: {
        name: 'kubernetes-zookeeper',
        image: 'registry.k8s.io/kubernetes-zookeeper:1.0-3.4.10',
        imagePullPolicy: ImagePullPolicy.ALWAYS,
        command: ['sh', '-c', START_ZOOKEEPER],
        ports: [
          { name: 'client', number: 2181 },
          { name: 'server', number: 2888 },
          { name: 'leader-election', number: 3888 },
        ],
        // Requests only, as in the tutorial: no limit to throttle the JVM or kill it.
        resources: { cpu: { request: Cpu.units(0.5) }, memory: { request: Size.gibibytes(1) } },
        readinessProbe: zookeeperReady(),
        livenessProbe: zookeeperReady(),
        // No startup probe: it would hold off the tutorial's probes.
        startupProbe: Probe.none(),
        // start-zookeeper writes zoo.cfg, java.env and log4j.properties into --conf_dir, /opt/zookeeper/conf,
        // which is in the image: the root filesystem stays writable (and no /tmp volume is added).
        securityContext: { readOnlyRootFilesystem: false },
      },
      storage: [Storage.dynamic({ name: 'datadir', size: Size.gibibytes(10), mountPath: '/var/lib/zookeeper' })],
      // The tutorial's runAsUser 1000 and fsGroup 1000. The restricted profile adds runAsGroup 1000 (the group
      // of the image's zookeeper user, uid 1000 and gid 1000, which the process gets anyway), runAsNonRoot,
      // no privilege escalation, all capabilities dropped (a non-root JVM holds none) and the RuntimeDefault
      // seccomp profile. The volume's ownership is changed on every mount, as Kubernetes does by default.
      security: PodSecurity.restricted({
        user: 1000,
        group: 1000,
        fsGroup: 1000,
        fsGroupChangePolicy: FsGroupChangePolicy.ALWAYS,
      }),
      headlessService: { ports: [{ name: 'server' }, { name: 'leader-election' }] },
      externalAccess: ExternalAccess.clusterIp({ name: 'zk-cs', ports: [{ name: 'client' }] }),
      // The tutorial's name; the construct's default is the StatefulSet's ("zk").
      disruptionBudget: DisruptionBudget.maxUnavailable(1, { name: 'zk-pdb' }),
      // One server per node, required; no spread constraints besides.
      placement: {
        podAntiAffinity: [PodAntiAffinity.required({ topologyKey: 'kubernetes.io/hostname' })],
        spread: Spread.none(),
      },
      acknowledgements: [
        {
          rule: PolicyRule.READ_ONLY_ROOT_FILESYSTEM,
          reason: 'start-zookeeper writes its configuration into /opt/zookeeper/conf, in the image',
        },
        { rule: PolicyRule.CONTAINER_RESOURCES, reason: 'the tutorial sets requests and no limits' },
      ],
    });
  }
}

if (require.main === module) {
  const app = new App();
  new ZooKeeperChart(app, 'zookeeper');
  app.synth();
}
