// The book's example, written as a consumer of the package: the random-generator
// service as StatefulSet `rg` on minikube, with three pre-bound hostPath volumes.
//
// Run: node tools/run-ts.js examples/book-example.ts   (writes to $CDK8S_OUTDIR, else dist/)
import { App, Chart, ChartProps } from 'cdk8s';
import { StatefulService } from 'cdk8s-stateful-service';
import { Construct } from 'constructs';

export class BookExampleChart extends Chart {
  public readonly randomGenerator: StatefulService;

  public constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    this.randomGenerator = new StatefulService(this, 'rg', {
      name: 'rg',
      serviceName: 'random-generator',
      image: 'k8spatterns/random-generator:1.0',
      replicas: 2,
      port: 8080,
      env: { LOG_FILE: '/opt/logs/random.log' },
      storage: {
        name: 'logs',
        size: '10Mi',
        mountPath: '/opt/logs',
        storageClassName: 'standard',
        hostPathVolumes: { count: 3, name: (k) => `log-${k + 1}`, path: (k) => `/tmp/example/${k + 1}` },
      },
      externalService: { type: 'NodePort', name: 'random-generator-np' },
      acknowledge: {
        'host-path': 'single-node minikube: a hostPath volume is a directory of the one node',
        'node-port': 'reached from outside minikube through `minikube service random-generator-np`',
      },
    });
  }
}

if (require.main === module) {
  const app = new App();
  new BookExampleChart(app, 'book-example');
  app.synth();
}
