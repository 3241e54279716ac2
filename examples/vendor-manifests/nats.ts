// NATS's own StatefulSet example, nats-io/k8s `nats-server/simple-nats.yml` (commit 050da3e1): the
// ConfigMap `nats-config`, the headless Service `nats` and the StatefulSet `nats` of a three-server cluster
// whose servers find each other by their stable names, with no volumes of their own (no claim templates).
// docs/upstream-manifests.md maps each field of the file onto the props below.
//
// Run: node tools/run-ts.js examples/vendor-manifests/nats.ts   (writes to $CDK8S_OUTDIR, else dist/)
import { App, Chart, ChartProps, Duration } from 'cdk8s';
import {
  DisruptionBudget,
  EnvFieldPaths,
  EnvValue,
  ExternalAccess,
  LifecycleHandler,
  PodSecurity,
  PodVolume,
  PolicyRule,
  Probe,
  ProbePort,
  Spread,
  StatefulService,
} from 'cdk8s-stateful-service';
import { Construct } from 'constructs';

/** `nats.conf` as in the upstream ConfigMap. */
export const NATS_CONF = `pid_file: "/var/run/nats/nats.pid"
http: 8222

cluster {
  port: 6222
  routes [
    nats://nats-0.nats.default.svc:6222
    nats://nats-1.nats.default.svc:6222
    nats://nats-2.nats.default.svc:6222
  ]

  cluster_advertise: $CLUSTER_ADVERTISE
  connect_retries: 30
}

leafnodes {
  port: 7422
}
`;

/** Both probes of the file: an HTTP GET of `/` on the monitoring port, by number. */
const monitor = () =>
  Probe.httpGet('/', {
    port: ProbePort.number(8222),
    initialDelay: Duration.seconds(10),
    timeout: Duration.seconds(5),
  });

export class NatsChart extends Chart {
  public readonly nats: StatefulService;

  public constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    this.nats = new StatefulService(this, 'nats', {
      name: 'nats',
      serviceName: 'nats',
      appName: 'nats',
      labels: { app: 'nats' },
      replicas: 3,
      configMaps: [{ name: 'nats-config', data: { 'nats.conf': NATS_CONF } }],
      volumes: [PodVolume.configMap('config-volume', 'nats-config'), PodVolume.emptyDir('pid')],
      // "Required to be able to HUP signal and apply config reload to the server without restarting the pod."
      shareProcessNamespace: true,
      terminationGracePeriod: Duration.seconds(60),
      container: {
        name: 'nats',
        image: 'nats:2.6.5-alpine',
        ports: [
          { name: 'client', number: 4222, hostPort: 4222 },
          { name: 'leafnodes', number: 7422, hostPort: 7422 },
          { name: 'cluster', number: 6222 },
          { name: 'monitor', number: 8222 },
          { name: 'metrics', number: 7777 },
        ],
        command: ['nats-server', '--config', '/etc/nats-config/nats.conf'],
        env: {
          POD_NAME: EnvValue.field(EnvFieldPaths.POD_NAME),
          POD_NAMESPACE: EnvValue.field(EnvFieldPaths.POD_NAMESPACE),
          CLUSTER_ADVERTISE: EnvValue.literal('$(POD_NAME).nats.$(POD_NAMESPACE).svc'),
        },
        volumeMounts: [
          { volume: 'config-volume', mountPath: '/etc/nats-config' },
          { volume: 'pid', mountPath: '/var/run/nats' },
        ],
        livenessProbe: monitor(),
        readinessProbe: monitor(),
        // No startup probe: the file has none.
        startupProbe: Probe.none(),
        lifecycle: {
          preStop: LifecycleHandler.exec([
            '/bin/sh',
            '-c',
            '/nats-server -sl=ldm=/var/run/nats/nats.pid && /bin/sleep 60',
          ]),
        },
        // No resources in the file.
        resources: { cpu: {}, memory: {} },
      },
      // No claim templates: the servers keep nothing on disk; the set is for the stable names in `routes`.
      storage: [],
      // The file's headless Service lists `gateways` (7522), which no container declares.
      headlessService: {
        ports: [
          { name: 'client' },
          { name: 'cluster' },
          { name: 'monitor' },
          { name: 'metrics' },
          { name: 'leafnodes' },
          { name: 'gateways', port: 7522 },
        ],
      },
      externalAccess: ExternalAccess.none(),
      disruptionBudget: DisruptionBudget.none(),
      // The host ports already keep one server per node; the file has no spread constraints.
      placement: { spread: Spread.none() },
      // The alpine image runs nats-server as root (no USER), and the file sets no securityContext.
      security: PodSecurity.imageUser(),
      acknowledgements: [
        { rule: PolicyRule.RUN_AS_ROOT, reason: 'the nats alpine image runs nats-server as root, as the file does' },
        {
          rule: PolicyRule.HOST_PORTS,
          reason: 'clients and leaf nodes connect to each node on 4222 and 7422, as in the file',
        },
        {
          rule: PolicyRule.PRIVILEGE,
          reason: 'the image keeps its default capabilities, as in the file, which sets no securityContext',
        },
        {
          rule: PolicyRule.READ_ONLY_ROOT_FILESYSTEM,
          reason: 'the file leaves the root filesystem writable, and nats-server may write outside its volumes',
        },
        { rule: PolicyRule.CONTAINER_RESOURCES, reason: 'the file sets no requests or limits' },
        { rule: PolicyRule.DISRUPTION_BUDGET, reason: 'the file has no PodDisruptionBudget' },
      ],
    });
  }
}

if (require.main === module) {
  const app = new App();
  new NatsChart(app, 'nats');
  app.synth();
}
