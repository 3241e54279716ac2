import { spawnSync } from 'child_process';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { MySqlChart } from '../../examples/kubernetes-tutorials/mysql';
import { WebChart } from '../../examples/kubernetes-tutorials/web';
import { ZooKeeperChart } from '../../examples/kubernetes-tutorials/zookeeper';
import { CockroachDbChart } from '../../examples/vendor-manifests/cockroachdb';
import { MinioChart } from '../../examples/vendor-manifests/minio';
import { NatsChart } from '../../examples/vendor-manifests/nats';
import { testRunnable } from '../fixtures/upstream-examples';
import { manifestFiles } from '../../src/cli/input';
import { loadManifests } from '../fixtures/load-manifests';
import { tempDirs } from '../fixtures/temp-dir';
import { Manifest } from '../helpers';

// Each tutorial of test/kubernetes-tutorials.test.ts, run as the app it is.
const root = path.resolve(__dirname, '..', '..');
const synth = (chart: any) => Testing.synth(chart) as Manifest[];

describe('each tutorial is a runnable cdk8s app', () => {
  const dirs = tempDirs('kubernetes-tutorials');
  afterAll(() => dirs.cleanup());

  test.each([
    ['web.ts', () => new WebChart(Testing.app(), 'web')],
    ['zookeeper.ts', () => new ZooKeeperChart(Testing.app(), 'zookeeper')],
    ['mysql.ts', () => new MySqlChart(Testing.app(), 'mysql')],
  ])('node tools/run-ts.js examples/kubernetes-tutorials/%s writes what its chart synthesizes', (file, chart) => {
    const outdir = dirs.make();
    const run = spawnSync(process.execPath, ['tools/run-ts.js', `examples/kubernetes-tutorials/${file}`], {
      cwd: root,
      encoding: 'utf-8',
      env: { ...process.env, CDK8S_OUTDIR: outdir },
    });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    const written = loadManifests(manifestFiles([outdir])).manifests.map((m) => m.object);
    expect(written).toEqual(synth(chart()));
  });
});

describe('each vendor example is a runnable cdk8s app', () => {
  testRunnable('vendor-manifests', [
    ['nats.ts', () => new NatsChart(Testing.app(), 'nats')],
    ['cockroachdb.ts', () => new CockroachDbChart(Testing.app(), 'cockroachdb')],
    ['minio.ts', () => new MinioChart(Testing.app(), 'minio')],
  ]);
});
