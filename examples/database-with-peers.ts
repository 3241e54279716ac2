// Two StatefulServices in one chart, as another team would write it: a replicated
// database with two claim templates (data and write-ahead log) whose members find each
// other through their stable DNS names, and an API service configured with the
// database's peers. For a multi-node cluster: dynamic provisioning, hard spread.
//
// Run: node tools/run-ts.js examples/database-with-peers.ts   (writes to $CDK8S_OUTDIR, else dist/)
import { App, Chart, ChartProps, Size } from 'cdk8s';
import {
  Cpu,
  EnvValue,
  ExternalAccess,
  NetworkAccess,
  PodManagementPolicy,
  PodServiceAccount,
  Probe,
  Spread,
  StatefulService,
  Storage,
} from 'cdk8s-stateful-service';
import { Construct } from 'constructs';

export class DatabaseWithPeersChart extends Chart {
  public readonly database: StatefulService;
  public readonly api: StatefulService;

  public constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'shop', ...props });
    this.database = new StatefulService(this, 'db', {
      name: 'db',
      serviceName: 'db-peers',
      replicas: 3,
      container: {
        image: 'example/replicated-db:3.2.1',
        ports: [
          { name: 'http', number: 5432 },
          { name: 'replication', number: 5433 },
        ],
        resources: {
          cpu: { request: Cpu.millis(500), limit: Cpu.units(2) },
          memory: { request: Size.gibibytes(1), limit: Size.gibibytes(2) },
        },
      },
      storage: [
        Storage.dynamic({
          name: 'data',
          size: Size.gibibytes(20),
          mountPath: '/var/lib/db',
          storageClassName: 'fast-ssd',
        }),
        Storage.dynamic({
          name: 'wal',
          size: Size.gibibytes(5),
          mountPath: '/var/lib/db-wal',
          storageClassName: 'fast-ssd',
        }),
      ],
      // Members must see each other before they are ready, to elect a primary.
      headlessService: { publishNotReadyAddresses: true },
      podManagementPolicy: PodManagementPolicy.PARALLEL,
      placement: { spread: Spread.hard() },
      // Clients use the database port only; replication stays between the members.
      externalAccess: ExternalAccess.clusterIp({ name: 'db', ports: [{ name: 'http' }] }),
      networkAccess: NetworkAccess.peers({ podLabels: { 'app.kubernetes.io/name': 'api' } }),
      serviceAccount: PodServiceAccount.create(),
    });

    this.api = new StatefulService(this, 'api', {
      name: 'api',
      serviceName: 'api',
      replicas: 2,
      container: {
        image: 'example/api:1.4.0',
        ports: [{ name: 'http', number: 8080 }],
        // The API learns the members from the construct, not from a hand-written list.
        env: {
          DB_PEERS: EnvValue.literal(this.database.peerDnsNames().join(',')),
          DB_SRV: EnvValue.literal(this.database.srvRecordName()),
        },
        readinessProbe: Probe.httpGet('/healthz'),
      },
      storage: [Storage.dynamic({ name: 'cache', size: Size.gibibytes(1), mountPath: '/var/cache/api' })],
      externalAccess: ExternalAccess.loadBalancer({ name: 'api-public', sourceRanges: ['203.0.113.0/24'] }),
    });
  }
}

if (require.main === module) {
  const app = new App();
  new DatabaseWithPeersChart(app, 'database-with-peers');
  app.synth();
}
