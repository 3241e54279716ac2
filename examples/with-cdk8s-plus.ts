// cdk8s-plus next to a StatefulService, in one chart: a stateless API as a cdk8s-plus
// Deployment, configured by a cdk8s-plus ConfigMap with the database's peer DNS names,
// and the database as a StatefulService. The two libraries share the chart and nothing
// else: the StatefulService takes this package's own enums and value types (Protocol,
// Cpu, EnvValue, Probe ...), and TypeScript refuses cdk8s-plus's in their place.
//
// Run: node tools/run-ts.js examples/with-cdk8s-plus.ts   (writes to $CDK8S_OUTDIR, else dist/)
import { App, Chart, ChartProps, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Cpu, EnvValue, Protocol, StatefulService, Storage } from 'cdk8s-stateful-service';
import { Construct } from 'constructs';

export class WithCdk8sPlusChart extends Chart {
  public readonly database: StatefulService;
  public readonly api: kplus.Deployment;

  public constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'shop', ...props });
    this.database = new StatefulService(this, 'db', {
      name: 'db',
      replicas: 3,
      container: {
        image: 'example/db:5.1.0',
        ports: [{ name: 'sql', number: 5432, protocol: Protocol.TCP }],
        env: { CLUSTER_NAME: EnvValue.literal('shop') },
        resources: { cpu: { request: Cpu.millis(250), limit: Cpu.units(1) } },
      },
      storage: [Storage.dynamic({ size: Size.gibibytes(10), mountPath: '/var/lib/db' })],
    });
    const config = new kplus.ConfigMap(this, 'api-config', {
      metadata: { name: 'api-config' },
      data: { DB_HOSTS: this.database.peerDnsNames().join(',') },
    });
    this.api = new kplus.Deployment(this, 'api', {
      metadata: { name: 'api' },
      replicas: 2,
      containers: [
        {
          name: 'api',
          image: 'example/api:1.4.0',
          portNumber: 8080,
          envVariables: { DB_HOSTS: kplus.EnvValue.fromConfigMap(config, 'DB_HOSTS') },
          resources: {
            cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) },
            memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
          },
        },
      ],
    });
  }
}

if (require.main === module) {
  const app = new App();
  new WithCdk8sPlusChart(app, 'with-cdk8s-plus');
  app.synth();
}
