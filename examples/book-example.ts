// The book's example, written as a consumer of the package: the random-generator
// service as StatefulSet `rg` on minikube, with three pre-bound hostPath volumes.
//
// Run: node tools/run-ts.js examples/book-example.ts   (writes to $CDK8S_OUTDIR, else dist/)
import { App, Chart, ChartProps, Size } from 'cdk8s';
import { EnvValue, ExternalAccess, PolicyRule, StatefulService, Storage } from 'cdk8s-stateful-service';
import { Construct } from 'constructs';

export class BookExampleChart extends Chart {
  public readonly randomGenerator: StatefulService;

  public constructor(scope: Construct, id: string, props: ChartProps = {}) {
    // The namespace the pre-bound volumes' claimRefs name: every object carries it, so that
    // `kubectl apply -f` puts the claims where the volumes expect them, whatever the
    // current namespace.
    super(scope, id, { namespace: 'default', ...props });
    this.randomGenerator = new StatefulService(this, 'rg', {
      name: 'rg',
      serviceName: 'random-generator',
      replicas: 2,
      container: {
        image: 'k8spatterns/random-generator:1.0',
        ports: [{ name: 'http', number: 8080 }],
        env: { LOG_FILE: EnvValue.literal('/opt/logs/random.log') },
      },
      storage: [
        Storage.hostPath({
          name: 'logs',
          size: Size.mebibytes(10),
          mountPath: '/opt/logs',
          storageClassName: 'standard',
          count: 3,
          volumeName: 'log-{ordinal+1}',
          path: '/tmp/example/{ordinal+1}',
        }),
      ],
      externalAccess: ExternalAccess.nodePort({ name: 'random-generator-np' }),
      acknowledgements: [
        {
          rule: PolicyRule.HOST_PATH,
          reason: 'single-node minikube: a hostPath volume is a directory of the one node',
        },
        {
          rule: PolicyRule.NODE_PORT,
          reason: 'reached from outside minikube through `minikube service random-generator-np`',
        },
      ],
    });
  }
}

if (require.main === module) {
  const app = new App();
  new BookExampleChart(app, 'book-example');
  app.synth();
}
