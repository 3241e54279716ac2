// The Kubernetes tutorial "StatefulSet Basics" (kubernetes.io/docs/tutorials/stateful-application/basic-stateful-set/),
// its `web.yaml` as of kubernetes/website branch release-1.34: the headless Service `nginx` and the StatefulSet
// `web` of two nginx-slim pods, each with its own 1 GiB volume `www`. docs/upstream-manifests.md maps each
// field of the tutorial onto the props below.
//
// Run: node tools/run-ts.js examples/kubernetes-tutorials/web.ts   (writes to $CDK8S_OUTDIR, else dist/)
import { App, Chart, ChartProps, Size } from 'cdk8s';
import {
  DisruptionBudget,
  ExternalAccess,
  PodSecurity,
  PolicyRule,
  Probe,
  Spread,
  StatefulService,
  Storage,
} from 'cdk8s-stateful-service';
import { Construct } from 'constructs';

export class WebChart extends Chart {
  public readonly web: StatefulService;

  public constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    this.web = new StatefulService(this, 'web', {
      name: 'web',
      serviceName: 'nginx',
      replicas: 2,
      // The tutorial's own label, so that its `kubectl get pods -l app=nginx` finds the pods. The selector is
      // the construct's (app.kubernetes.io/name: nginx, app.kubernetes.io/instance: web).
      labels: { app: 'nginx' },
      container: {
        name: 'nginx',
        image: 'registry.k8s.io/nginx-slim:0.21',
        ports: [{ name: 'web', number: 80 }],
        // The tutorial sets no probes and no resources: none are added, so the pods start, count as ready and
        // are scheduled as the tutorial's do (no requests to fit, no limits to hit).
        startupProbe: Probe.none(),
        readinessProbe: Probe.none(),
        livenessProbe: Probe.none(),
        resources: { cpu: {}, memory: {} },
      },
      storage: [Storage.dynamic({ name: 'www', size: Size.gibibytes(1), mountPath: '/usr/share/nginx/html' })],
      // nginx-slim has no USER: its master process runs as root, binds port 80, writes /run/nginx.pid and
      // /var/lib/nginx, and switches its workers to nginx's default user, nobody. The tutorial sets no
      // securityContext, so the image's own user and capabilities stay, with a writable root filesystem. Kept
      // from the construct: allowPrivilegeEscalation false and the RuntimeDefault seccomp profile (nginx runs
      // no setuid binary, it only drops privileges), and no service account token (nginx never calls the
      // Kubernetes API).
      security: PodSecurity.imageUser(),
      // Only the headless Service: the tutorial has no client Service and no PodDisruptionBudget.
      externalAccess: ExternalAccess.none(),
      disruptionBudget: DisruptionBudget.none(),
      // The scheduler's own default spreading, as for the tutorial's pods.
      placement: { spread: Spread.none() },
      acknowledgements: [
        { rule: PolicyRule.RUN_AS_ROOT, reason: 'nginx-slim runs as root, as in the tutorial, which sets no user' },
        {
          rule: PolicyRule.PRIVILEGE,
          reason:
            "nginx-slim's root master binds port 80 and switches its workers' user: it keeps the image's capabilities",
        },
        {
          rule: PolicyRule.READ_ONLY_ROOT_FILESYSTEM,
          reason: 'nginx writes its pid file (/run/nginx.pid) and temporary files (/var/lib/nginx) into the image',
        },
        { rule: PolicyRule.CONTAINER_PROBES, reason: 'the tutorial defines no probes: pods are ready once running' },
        { rule: PolicyRule.CONTAINER_RESOURCES, reason: 'the tutorial sets no requests or limits' },
        { rule: PolicyRule.DISRUPTION_BUDGET, reason: 'the tutorial has no PodDisruptionBudget' },
      ],
    });
  }
}

if (require.main === module) {
  const app = new App();
  new WebChart(app, 'web');
  app.synth();
}
