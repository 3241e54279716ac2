// CockroachDB's own insecure StatefulSet, cockroachdb/cockroach `cloud/kubernetes/cockroachdb-statefulset.yaml`
// (commit 016fb8f6): the client Service `cockroachdb-public`, the headless Service `cockroachdb` that publishes
// pods before they are ready (they must talk to each other to become ready), the PodDisruptionBudget
// `cockroachdb-budget` and the StatefulSet `cockroachdb` of three nodes started in parallel, each with a
// 100 GiB claim `datadir`. docs/upstream-manifests.md maps each field of the file onto the props below.
//
// Run: node tools/run-ts.js examples/vendor-manifests/cockroachdb.ts   (writes to $CDK8S_OUTDIR, else dist/)
import { App, Chart, ChartProps, Duration, Size } from 'cdk8s';
import {
  Cpu,
  DisruptionBudget,
  EnvValue,
  ExternalAccess,
  ImagePullPolicy,
  PodAntiAffinity,
  PodManagementPolicy,
  PodSecurity,
  PolicyRule,
  Probe,
  ProbePort,
  ResourceFieldPaths,
  Spread,
  StatefulService,
  Storage,
  UpdateStrategy,
} from 'cdk8s-stateful-service';
import { Construct } from 'constructs';

/** The file's `bash -ecx` script, its folded lines joined by spaces as YAML folds them. */
export const START_COCKROACH = [
  'exec',
  '/cockroach/cockroach',
  'start',
  '--logtostderr',
  '--insecure',
  '--advertise-host $(hostname -f)',
  '--http-addr 0.0.0.0',
  '--join cockroachdb-0.cockroachdb,cockroachdb-1.cockroachdb,cockroachdb-2.cockroachdb',
  '--cache $(expr $MEMORY_LIMIT_MIB / 4)MiB',
  '--max-sql-memory $(expr $MEMORY_LIMIT_MIB / 4)MiB',
].join(' ');

export class CockroachDbChart extends Chart {
  public readonly cockroachdb: StatefulService;

  public constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    this.cockroachdb = new StatefulService(this, 'cockroachdb', {
      name: 'cockroachdb',
      serviceName: 'cockroachdb',
      appName: 'cockroachdb',
      labels: { app: 'cockroachdb' },
      replicas: 3,
      podManagementPolicy: PodManagementPolicy.PARALLEL,
      updateStrategy: UpdateStrategy.rollingUpdate(),
      container: {
        name: 'cockroachdb',
        image: 'cockroachdb/cockroach:v24.1.3',
        imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT,
        // Requests equal to limits, as the file recommends.
        resources: {
          cpu: { request: Cpu.units(2), limit: Cpu.units(2) },
          memory: { request: Size.gibibytes(8), limit: Size.gibibytes(8) },
        },
        ports: [
          { name: 'grpc', number: 26257 },
          { name: 'http', number: 8080 },
        ],
        // "We recommend that you do not configure a liveness probe on a production environment."
        livenessProbe: Probe.none(),
        startupProbe: Probe.none(),
        readinessProbe: Probe.httpGet('/health?ready=1', {
          port: ProbePort.named('http'),
          initialDelay: Duration.seconds(10),
          period: Duration.seconds(5),
          failureThreshold: 2,
        }),
        env: {
          COCKROACH_CHANNEL: EnvValue.literal('kubernetes-insecure'),
          GOMAXPROCS: EnvValue.resource(ResourceFieldPaths.CPU_LIMIT, { divisor: '1' }),
          MEMORY_LIMIT_MIB: EnvValue.resource(ResourceFieldPaths.MEMORY_LIMIT, { divisor: '1Mi' }),
        },
        command: ['/bin/bash', '-ecx', START_COCKROACH],
        // cockroach writes only to its store and to stderr, but the file leaves the root filesystem writable.
        securityContext: { readOnlyRootFilesystem: false },
      },
      terminationGracePeriod: Duration.seconds(60),
      storage: [
        Storage.dynamic({ name: 'datadir', size: Size.gibibytes(100), mountPath: '/cockroach/cockroach-data' }),
      ],
      headlessService: {
        publishNotReadyAddresses: true,
        annotations: {
          'service.alpha.kubernetes.io/tolerate-unready-endpoints': 'true',
          'prometheus.io/scrape': 'true',
          'prometheus.io/path': '_status/vars',
          'prometheus.io/port': '8080',
        },
      },
      externalAccess: ExternalAccess.clusterIp({ name: 'cockroachdb-public' }),
      disruptionBudget: DisruptionBudget.maxUnavailable(1, { name: 'cockroachdb-budget' }),
      placement: {
        podAntiAffinity: [PodAntiAffinity.preferred({ weight: 100, topologyKey: 'kubernetes.io/hostname' })],
        spread: Spread.none(),
      },
      // The image runs cockroach as root, and the file sets no securityContext.
      security: PodSecurity.imageUser(),
      acknowledgements: [
        { rule: PolicyRule.RUN_AS_ROOT, reason: 'the cockroachdb/cockroach image runs as root, as the file does' },
        {
          rule: PolicyRule.PRIVILEGE,
          reason: 'the image keeps its default capabilities, as in the file, which sets no securityContext',
        },
        { rule: PolicyRule.READ_ONLY_ROOT_FILESYSTEM, reason: 'the file leaves the root filesystem writable' },
        {
          rule: PolicyRule.CONTAINER_PROBES,
          reason:
            'the file leaves out the liveness probe on purpose: a restart can cost a production database its availability',
        },
      ],
    });
  }
}

if (require.main === module) {
  const app = new App();
  new CockroachDbChart(app, 'cockroachdb');
  app.synth();
}
