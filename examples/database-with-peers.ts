// Two StatefulServices in one chart, as another team would write it: a replicated
// database with two claim templates (data and write-ahead log) whose members find each
// other through their stable DNS names, and an API service configured with the
// database's peers. For a multi-node cluster: dynamic provisioning, hard spread.
//
// Run: node tools/run-ts.js examples/database-with-peers.ts   (writes to $CDK8S_OUTDIR, else dist/)
import { App, Chart, ChartProps } from 'cdk8s';
import { StatefulService } from 'cdk8s-stateful-service';
import { Construct } from 'constructs';

export class DatabaseWithPeersChart extends Chart {
  public readonly database: StatefulService;
  public readonly api: StatefulService;

  public constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'shop', ...props });
    this.database = new StatefulService(this, 'db', {
      name: 'db',
      serviceName: 'db-peers',
      image: 'example/replicated-db:3.2.1',
      replicas: 3,
      port: 5432,
      extraPorts: [{ name: 'replication', port: 5433, external: false }],
      storage: [
        { name: 'data', size: '20Gi', mountPath: '/var/lib/db', storageClassName: 'fast-ssd' },
        { name: 'wal', size: '5Gi', mountPath: '/var/lib/db-wal', storageClassName: 'fast-ssd' },
      ],
      // Members must see each other before they are ready, to elect a primary.
      headlessService: { publishNotReadyAddresses: true },
      podManagementPolicy: 'Parallel',
      placement: { spread: 'hard' },
      externalService: { type: 'ClusterIP', name: 'db' },
      resources: { cpu: { request: '500m', limit: '2' }, memory: { request: '1Gi', limit: '2Gi' } },
      networkPolicy: { allowFrom: { podLabels: { 'app.kubernetes.io/name': 'api' } } },
      serviceAccount: {},
    });

    this.api = new StatefulService(this, 'api', {
      name: 'api',
      serviceName: 'api',
      image: 'example/api:1.4.0',
      replicas: 2,
      port: 8080,
      // The API learns the members from the construct, not from a hand-written list.
      env: {
        DB_PEERS: this.database.peerDnsNames().join(','),
        DB_SRV: this.database.srvRecordName,
      },
      storage: { name: 'cache', size: '1Gi', mountPath: '/var/cache/api' },
      externalService: { type: 'LoadBalancer', name: 'api-public', loadBalancerSourceRanges: ['203.0.113.0/24'] },
      probes: { readiness: { httpPath: '/healthz' } },
    });
  }
}

if (require.main === module) {
  const app = new App();
  new DatabaseWithPeersChart(app, 'database-with-peers');
  app.synth();
}
