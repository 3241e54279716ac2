// cdk8s-plus beside the construct: objects of cdk8s-plus-27 and -33 share a chart with a
// StatefulService, and cdk8s-plus's value types and enums, which have the same shape as
// this package's, are refused where this package's belong: by the compiler
// (`npm run typecheck` checks each @ts-expect-error below), and, for JavaScript, at synth.
import { Size, Testing } from 'cdk8s';
import * as plus27 from 'cdk8s-plus-27';
import * as plus33 from 'cdk8s-plus-33';
import { WithCdk8sPlusChart } from '../examples/with-cdk8s-plus';
import { Cpu, EnvValue, Probe, Protocol, StatefulService, Storage, StatefulServiceProps } from '../src';
import { find, Manifest, ofKind, problemsOf, testApp, testChart } from './helpers';

const problemsAndOutput = (p: StatefulServiceProps) => {
  const chart = testChart();
  new StatefulService(chart, 'db', p);
  return Testing.synth(chart);
};

const props = (container: Partial<StatefulServiceProps['container']> = {}): StatefulServiceProps => ({
  name: 'db',
  container: { image: 'example/db:1.0.0', ports: [{ name: 'sql', number: 5432 }], ...container },
  storage: [Storage.dynamic({ size: Size.gibibytes(1), mountPath: '/data' })],
});

describe('examples/with-cdk8s-plus.ts', () => {
  const manifests = Testing.synth(new WithCdk8sPlusChart(testApp(), 'with-cdk8s-plus')) as Manifest[];

  test("cdk8s-plus-27's ConfigMap and Deployment and the StatefulService's objects, side by side", () => {
    expect(manifests.map((m) => `${m.kind}/${m.metadata.name}`).sort()).toEqual([
      'ConfigMap/api-config',
      'Deployment/api',
      'PodDisruptionBudget/db',
      'Service/db',
      'Service/db-client',
      'StatefulSet/db',
    ]);
    expect(find(manifests, 'ConfigMap', 'api-config').data.DB_HOSTS).toBe(
      ['db-0', 'db-1', 'db-2'].map((p) => `${p}.db.shop.svc.cluster.local`).join(','),
    );
  });
});

describe.each([
  ['cdk8s-plus-27', plus27],
  ['cdk8s-plus-33', plus33],
] as const)('%s', (_name, plus) => {
  test('its objects and a StatefulService synthesize in one chart', () => {
    const chart = testChart();
    new StatefulService(chart, 'db', props());
    new plus.ConfigMap(chart, 'settings', { metadata: { name: 'settings' }, data: { a: '1' } });
    const manifests = Testing.synth(chart) as Manifest[];
    expect(ofKind(manifests, 'ConfigMap')).toHaveLength(1);
    expect(ofKind(manifests, 'StatefulSet')).toHaveLength(1);
  });

  test('its EnvValue, Probe and Cpu do not compile in place of ours', () => {
    props({
      // @ts-expect-error: cdk8s-plus's EnvValue is another type
      env: { A: plus.EnvValue.fromValue('a') },
      // @ts-expect-error: cdk8s-plus's Probe is another type
      readinessProbe: plus.Probe.fromTcpSocket(),
      // @ts-expect-error: cdk8s-plus's Cpu is another type
      resources: { cpu: { request: plus.Cpu.millis(100) } },
    });
    // Ours, for contrast, compile.
    props({
      env: { A: EnvValue.literal('a') },
      readinessProbe: Probe.tcpSocket(),
      resources: { cpu: { request: Cpu.millis(100) } },
    });
  });

  test('its enums carry our wire values: TypeScript relates same-named enums of equal members, and the output is the same', () => {
    const ours = problemsAndOutput(props({ ports: [{ name: 'sql', number: 5432, protocol: Protocol.UDP }] }));
    const theirs = problemsAndOutput(props({ ports: [{ name: 'sql', number: 5432, protocol: plus.Protocol.UDP }] }));
    expect(theirs).toEqual(ours);
    expect(JSON.stringify(ours)).toContain('"protocol":"UDP"');
  });

  test('from JavaScript, its EnvValue, Probe and Cpu are refused at synth, naming ours', () => {
    const foreign = (type: string) =>
      `from another package: use ${type} of cdk8s-stateful-service (cdk8s-plus's is another type)`;
    const given = props({
      env: { A: plus.EnvValue.fromValue('a') as any },
      readinessProbe: plus.Probe.fromTcpSocket() as any,
      resources: { cpu: { request: plus.Cpu.millis(100) as any } },
    });
    expect(problemsOf(given)).toEqual([
      `'container.env.A' must be made with EnvValue.literal(...) or another EnvValue factory, got a EnvValue ${foreign('EnvValue')}`,
      `'container.resources.cpu.request' must be a Cpu such as Cpu.millis(500) or Cpu.units(1), got a Cpu ${foreign('Cpu')}`,
      `'container.readinessProbe' must be made with Probe.httpGet(...), Probe.tcpSocket(...), Probe.exec(...), Probe.grpc(...) or Probe.none(), got a Probe ${foreign('Probe')}`,
    ]);
  });
});
