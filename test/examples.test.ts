import { Testing } from 'cdk8s';
import { BookExampleChart } from '../examples/book-example';
import { DatabaseWithPeersChart } from '../examples/database-with-peers';
import { RandomGeneratorChart } from '../src/charts/random-generator-chart';
import { lint } from '../src/cli/validate';
import { find, Manifest, ofKind, testApp } from './helpers';

const synth = (chart: any) => Testing.synth(chart) as Manifest[];
const findings = (m: Manifest[]) =>
  lint(m.map((object, index) => ({ file: 'x', index, object }))).filter((f) => !f.acknowledged);

describe('examples/book-example.ts', () => {
  const manifests = synth(new BookExampleChart(testApp(), 'book-example'));

  // No snapshot of its own: it must make what the project's chart makes, whose manifest
  // is pinned once, as the committed dist/random-generator.k8s.yaml (test/dist.test.ts).
  test("written as a consumer, it makes what the project's own example chart makes (the reasons aside)", () => {
    const own = synth(new RandomGeneratorChart(testApp(), 'random-generator'));
    const strip = (ms: Manifest[]) => ms.map((m) => ({ ...m, metadata: { ...m.metadata, annotations: undefined } }));
    const annotated = (ms: Manifest[]) =>
      ms.map((m) => `${m.kind}/${m.metadata.name}: ${Object.keys(m.metadata.annotations ?? {}).join(', ')}`);
    expect(strip(manifests)).toEqual(strip(own));
    expect(annotated(manifests)).toEqual(annotated(own));
  });

  test('passes the policy checks', () => {
    expect(findings(manifests)).toEqual([]);
  });
});

describe('examples/database-with-peers.ts', () => {
  const chart = new DatabaseWithPeersChart(testApp(), 'database-with-peers');
  const manifests = synth(chart);

  test('matches the snapshot', () => {
    expect(manifests).toMatchSnapshot();
  });

  test('two StatefulServices side by side, with distinct selectors', () => {
    expect(ofKind(manifests, 'StatefulSet').map((s) => s.metadata.name)).toEqual(['db', 'api']);
    expect(find(manifests, 'StatefulSet', 'db').spec.selector).not.toEqual(
      find(manifests, 'StatefulSet', 'api').spec.selector,
    );
  });

  test('the database has two claim templates; the api is configured with its peers', () => {
    expect(find(manifests, 'StatefulSet', 'db').spec.volumeClaimTemplates.map((t: any) => t.metadata.name)).toEqual([
      'data',
      'wal',
    ]);
    const env = find(manifests, 'StatefulSet', 'api').spec.template.spec.containers[0].env;
    expect(env).toEqual([
      { name: 'DB_PEERS', value: [0, 1, 2].map((k) => `db-${k}.db-peers.shop.svc.cluster.local`).join(',') },
      { name: 'DB_SRV', value: '_http._tcp.db-peers.shop.svc.cluster.local' },
    ]);
  });

  test('passes the policy checks', () => {
    expect(findings(manifests)).toEqual([]);
  });
});
