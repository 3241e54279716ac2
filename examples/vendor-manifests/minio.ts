// MinIO's own distributed StatefulSet, minio/minio `docs/orchestration/kubernetes/minio-distributed-statefulset.yaml`
// (commit 05cda35b) and `minio-distributed-headless-service.yaml` (commit 8c7218ce): four servers started in
// parallel, each with a 10 GiB claim `data`, which find each other by their stable names
// (`minio-{0...3}.minio.default.svc.cluster.local`), and the headless Service `minio` that publishes them
// before they are ready. docs/upstream-manifests.md maps each field of the files onto the props below.
//
// Run: node tools/run-ts.js examples/vendor-manifests/minio.ts   (writes to $CDK8S_OUTDIR, else dist/)
import { App, Chart, ChartProps, Duration, Size } from 'cdk8s';
import {
  DisruptionBudget,
  EnvValue,
  ExternalAccess,
  PodManagementPolicy,
  PodSecurity,
  PolicyRule,
  Probe,
  ProbePort,
  Spread,
  StatefulService,
  Storage,
} from 'cdk8s-stateful-service';
import { Construct } from 'constructs';

/** The file's probes: an HTTP GET on port 9000 by number, after 120 s, every 20 s. */
const health = (path: string) =>
  Probe.httpGet(path, {
    port: ProbePort.number(9000),
    initialDelay: Duration.seconds(120),
    period: Duration.seconds(20),
  });

export class MinioChart extends Chart {
  public readonly minio: StatefulService;

  public constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    this.minio = new StatefulService(this, 'minio', {
      name: 'minio',
      serviceName: 'minio',
      appName: 'minio',
      labels: { app: 'minio' },
      replicas: 4,
      podManagementPolicy: PodManagementPolicy.PARALLEL,
      container: {
        name: 'minio',
        // The file's literal keys, as the file writes them (use EnvValue.secret(...) for real keys).
        env: {
          MINIO_ACCESS_KEY: EnvValue.literal('minio'),
          MINIO_SECRET_KEY: EnvValue.literal('minio123'),
        },
        image: 'minio/minio:RELEASE.2020-04-04T05-39-31Z',
        args: ['server', 'http://minio-{0...3}.minio.default.svc.cluster.local/data'],
        // An unnamed port, as in the file.
        ports: [{ number: 9000 }],
        livenessProbe: health('/minio/health/live'),
        readinessProbe: health('/minio/health/ready'),
        startupProbe: Probe.none(),
        // No resources in the file.
        resources: { cpu: {}, memory: {} },
      },
      storage: [Storage.dynamic({ name: 'data', size: Size.gibibytes(10), mountPath: '/data' })],
      // The headless Service's port is named `minio`; the container's is not.
      headlessService: { publishNotReadyAddresses: true, ports: [{ name: 'minio', port: 9000 }] },
      externalAccess: ExternalAccess.none(),
      disruptionBudget: DisruptionBudget.none(),
      placement: { spread: Spread.none() },
      // The 2020 image runs minio as root, and the file sets no securityContext.
      security: PodSecurity.imageUser(),
      acknowledgements: [
        { rule: PolicyRule.RUN_AS_ROOT, reason: 'the 2020 minio image runs the server as root, as the file does' },
        {
          rule: PolicyRule.PRIVILEGE,
          reason: 'the image keeps its default capabilities, as in the file, which sets no securityContext',
        },
        { rule: PolicyRule.READ_ONLY_ROOT_FILESYSTEM, reason: 'the file leaves the root filesystem writable' },
        { rule: PolicyRule.CONTAINER_RESOURCES, reason: 'the file sets no requests or limits' },
        { rule: PolicyRule.DISRUPTION_BUDGET, reason: 'the files have no PodDisruptionBudget' },
      ],
    });
  }
}

if (require.main === module) {
  const app = new App();
  new MinioChart(app, 'minio');
  app.synth();
}
