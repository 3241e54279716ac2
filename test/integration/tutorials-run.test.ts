import { Testing } from 'cdk8s';
import { MySqlChart } from '../../examples/kubernetes-tutorials/mysql';
import { WebChart } from '../../examples/kubernetes-tutorials/web';
import { ZooKeeperChart } from '../../examples/kubernetes-tutorials/zookeeper';
import { CockroachDbChart } from '../../examples/vendor-manifests/cockroachdb';
import { MinioChart } from '../../examples/vendor-manifests/minio';
import { NatsChart } from '../../examples/vendor-manifests/nats';
import { testRunnable } from '../fixtures/upstream-examples';

// Each upstream example (test/kubernetes-tutorials.test.ts, test/vendor-manifests.test.ts),
// run as the app it is: a child process each, so these live with the slow suites.
describe('each tutorial is a runnable cdk8s app', () => {
  testRunnable('kubernetes-tutorials', [
    ['web.ts', () => new WebChart(Testing.app(), 'web')],
    ['zookeeper.ts', () => new ZooKeeperChart(Testing.app(), 'zookeeper')],
    ['mysql.ts', () => new MySqlChart(Testing.app(), 'mysql')],
  ]);
});

describe('each vendor example is a runnable cdk8s app', () => {
  testRunnable('vendor-manifests', [
    ['nats.ts', () => new NatsChart(Testing.app(), 'nats')],
    ['cockroachdb.ts', () => new CockroachDbChart(Testing.app(), 'cockroachdb')],
    ['minio.ts', () => new MinioChart(Testing.app(), 'minio')],
  ]);
});
