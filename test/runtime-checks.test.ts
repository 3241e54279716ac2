import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Size, Testing } from 'cdk8s';
import { ExternalAccess, PolicyRule, Probe, StatefulService, StatefulServiceProps, Storage } from '../src';
import { buildInvalidPropsApp, INVALID_PROPS_PROBLEMS } from './fixtures/invalid-props-app';
import { BASE_STORAGE, baseProps, problemsOf, testChart, withContainer } from './helpers';

const root = path.resolve(__dirname, '..');

// Plain JavaScript callers (and TypeScript callers with `as any`) can pass anything: each
// value type, enum, factory class and list is checked at run time, and the problem names
// the prop, the value given, and what is allowed.
describe('runtime checks for JavaScript callers', () => {
  test.each<[string, StatefulServiceProps, string]>([
    [
      'a string where a Size belongs',
      baseProps({ storage: [Storage.dynamic({ size: '1Gi' as any, mountPath: '/d' })] }),
      `'storage[0].size' must be a Size such as Size.mebibytes(10) or Size.gibibytes(1), got "1Gi"`,
    ],
    [
      'a number where a Size belongs',
      baseProps({ tmpSize: 100 as any }),
      `'tmpSize' must be a Size such as Size.mebibytes(10) or Size.gibibytes(1), got 100`,
    ],
    [
      'a number where a Duration belongs',
      baseProps({ minReady: 10 as any }),
      `'minReady' must be a Duration such as Duration.seconds(10), got 10`,
    ],
    [
      'a number where a Duration belongs, in a factory',
      withContainer({ readinessProbe: Probe.tcpSocket({ period: 5 as any }) }),
      `'container.readinessProbe.period' must be a Duration such as Duration.seconds(10), got 5`,
    ],
    [
      'a string where a Cpu belongs',
      withContainer({ resources: { cpu: { request: '500m' as any } } }),
      `'container.resources.cpu.request' must be a Cpu such as Cpu.millis(500) or Cpu.units(1), got "500m"`,
    ],
    [
      'an unknown enum value',
      baseProps({ podManagementPolicy: 'Sometimes' as any }),
      `'podManagementPolicy' must be one of PodManagementPolicy.ORDERED_READY ("OrderedReady"), PodManagementPolicy.PARALLEL ("Parallel"), got "Sometimes"`,
    ],
    [
      'an enum value by its name instead of its value',
      baseProps({ acknowledgements: [{ rule: 'NODE_PORT' as any, reason: 'x' }] }),
      `'acknowledgements[0].rule' must be one of PolicyRule.CONTAINER_RESOURCES ("container-resources"), PolicyRule.CONTAINER_PROBES ("container-probes"), PolicyRule.IMAGE_TAG ("image-tag"), PolicyRule.PRIVILEGE ("privilege"), PolicyRule.RUN_AS_ROOT ("run-as-root"), PolicyRule.SECCOMP ("seccomp"), PolicyRule.READ_ONLY_ROOT_FILESYSTEM ("read-only-root-filesystem"), PolicyRule.HOST_NAMESPACES ("host-namespaces"), PolicyRule.SERVICE_ACCOUNT_TOKEN ("service-account-token"), PolicyRule.DISRUPTION_BUDGET ("disruption-budget"), PolicyRule.HOST_PATH ("host-path"), PolicyRule.NODE_PORT ("node-port"), PolicyRule.HOST_PORTS ("host-ports"), PolicyRule.PRIVILEGED_PORT ("privileged-port"), got "NODE_PORT"`,
    ],
    [
      'a plain object where a Storage factory belongs',
      baseProps({ storage: [{ size: Size.gibibytes(1), mountPath: '/d' } as any] }),
      `'storage[0]' must be made with Storage.dynamic(...), Storage.hostPath(...) or Storage.preMade(...), got {"size":{"amount":1,"unit":{"label":"gibibytes","inKibiBytes":1048576,"abbr":"Gi"}},"mountPath":"/d"}`,
    ],
    [
      'a plain object where an ExternalAccess factory belongs',
      baseProps({ externalAccess: { type: 'NodePort' } as any }),
      `'externalAccess' must be made with ExternalAccess.nodePort(...), .loadBalancer(...), .clusterIp(...) or .none(), got {"type":"NodePort"}`,
    ],
    [
      'a string where an EnvValue belongs',
      withContainer({ env: { LOG_FILE: '/opt/logs/random.log' as any } }),
      `'container.env.LOG_FILE' must be made with EnvValue.literal(...) or another EnvValue factory, got "/opt/logs/random.log"`,
    ],
    [
      'a string where a Spread factory belongs',
      baseProps({ placement: { spread: 'hard' as any } }),
      `'placement.spread' must be made with Spread.soft(), .hard(), .custom(...) or .none(), got "hard"`,
    ],
    [
      'a plain object where a PodSecurity factory belongs',
      baseProps({ security: { runAsUser: 1000 } as any }),
      `'security' must be made with PodSecurity.restricted(...) or PodSecurity.imageUser(...), got {"runAsUser":1000}`,
    ],
    [
      'a Storage where a list belongs',
      baseProps({ storage: Storage.dynamic(BASE_STORAGE) as any }),
      `'storage' must be a list, got a Storage`,
    ],
    [
      'an acknowledgement where a list belongs',
      baseProps({ acknowledgements: { rule: PolicyRule.NODE_PORT, reason: 'x' } as any }),
      `'acknowledgements' must be a list, got {"rule":"node-port","reason":"x"}`,
    ],
    [
      'a Service where a list belongs',
      baseProps({ extraServices: ExternalAccess.clusterIp({ name: 'db-read' }) as any }),
      `'extraServices' must be a list, got a ExternalAccess`,
    ],
    [
      'a string where a boolean belongs',
      baseProps({ automountServiceAccountToken: 'false' as any }),
      `'automountServiceAccountToken' must be true or false, got "false"`,
    ],
    [
      'a list where a map belongs',
      baseProps({ labels: ['team=data'] as any }),
      `'labels' must be a map of strings, got ["team=data"]`,
    ],
  ])('%s', (_title, props, message) => {
    expect(problemsOf(props)).toEqual([message]);
  });

  test('a list of the wrong things: each entry is reported with its index', () => {
    expect(problemsOf(baseProps({ storage: [Storage.dynamic(BASE_STORAGE), 'logs' as any, 42 as any] }))).toEqual([
      `'storage[1]' must be made with Storage.dynamic(...), Storage.hostPath(...) or Storage.preMade(...), got "logs"`,
      `'storage[2]' must be made with Storage.dynamic(...), Storage.hostPath(...) or Storage.preMade(...), got 42`,
    ]);
  });

  test('props that are no object at all', () => {
    expect(problemsOf('rg')[0]).toBe('props must be an object, got "rg"');
  });
});

describe('how problems surface', () => {
  const invalid = () => withContainer({ image: '' }, { replicas: -1 });
  const PROBLEMS = [
    `'replicas' must be an integer from 0 to 2147483647, got -1`,
    `'container.image' must be a container image reference such as "k8spatterns/random-generator:1.0" (lowercase repository, optional registry, tag and digest, no spaces), got ""`,
  ];

  test('the constructor does not throw: the problems are the construct validation (node.validate())', () => {
    let service: StatefulService | undefined;
    expect(() => (service = new StatefulService(testChart(), 'svc', invalid()))).not.toThrow();
    expect(service!.node.validate()).toEqual(PROBLEMS);
  });

  test('Testing.synth and chart.toJson() throw a plain Error listing each problem once, under the construct path', () => {
    const chart = testChart();
    new StatefulService(chart, 'svc', invalid());
    const expected = `Validation failed with the following errors:\n  ${PROBLEMS.map((p) => `[test/svc] ${p}`).join('\n  ')}`;
    for (const synth of [() => Testing.synth(chart), () => chart.toJson()]) {
      let error: unknown;
      try {
        synth();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).constructor).toBe(Error);
      expect((error as Error).message).toBe(expected);
    }
  });

  test('problems of several services are reported together, each under its own path', () => {
    const chart = testChart();
    new StatefulService(chart, 'a', baseProps({ name: 'a', replicas: -1 }));
    new StatefulService(chart, 'b', baseProps({ name: 'b', replicas: -2 }));
    expect(() => chart.toJson()).toThrow(
      `Validation failed with the following errors:\n` +
        `  [test/a] 'replicas' must be an integer from 0 to 2147483647, got -1\n` +
        `  [test/b] 'replicas' must be an integer from 0 to 2147483647, got -2`,
    );
  });

  test('the children getters throw a plain Error that lists the problems; the names still answer', () => {
    const service = new StatefulService(testChart(), 'svc', invalid());
    const message = `StatefulService at 'test/svc' has invalid props and made no objects:\n  - ${PROBLEMS.join('\n  - ')}`;
    const getters: Array<() => unknown> = [
      () => service.statefulSet,
      () => service.headlessService,
      () => service.externalService,
      () => service.extraServices,
      () => service.disruptionBudget,
      () => service.serviceAccount,
      () => service.networkPolicy,
      () => service.persistentVolumes,
      () => service.configMaps,
    ];
    for (const get of getters) expect(get).toThrow(new Error(message));
    expect([service.name, service.serviceName, service.podName(1), service.claimTemplateNames]).toEqual([
      'db',
      'db',
      'db-1',
      ['data'],
    ]);
  });

  describe('App.synth() refuses before any file is written', () => {
    let outdir: string;
    beforeEach(() => {
      outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'invalid-props-'));
    });
    afterEach(() => {
      fs.rmSync(outdir, { recursive: true, force: true });
    });
    const writtenFiles = () => (fs.existsSync(outdir) ? fs.readdirSync(outdir, { recursive: true }) : []);

    test('in-process: a plain Error, each problem once, and no manifest of any chart written', () => {
      // GIVEN an app with a valid chart and a chart with an invalid service
      const app = buildInvalidPropsApp(outdir);
      // WHEN it is synthesized
      let error: unknown;
      try {
        app.synth();
      } catch (e) {
        error = e;
      }
      // THEN the problems are listed once each, and not even the valid chart was written
      expect((error as Error).constructor).toBe(Error);
      expect((error as Error).message).toBe(
        `Validation failed with the following errors:\n  ${INVALID_PROPS_PROBLEMS.map((p) => `[broken/rg] ${p}`).join('\n  ')}`,
      );
      expect(writtenFiles()).toEqual([]);
    });

    test('as a program: a non-zero exit, the problems on stderr (not only a stack trace), no manifest written', () => {
      const r = spawnSync(process.execPath, ['tools/run-ts.js', 'test/fixtures/invalid-props-app.ts', outdir], {
        cwd: root,
        encoding: 'utf-8',
      });
      expect(r.status).not.toBe(0);
      expect(r.stdout).toBe('');
      for (const problem of INVALID_PROPS_PROBLEMS) {
        expect(r.stderr.split(`[broken/rg] ${problem}\n`)).toHaveLength(2);
      }
      expect(writtenFiles()).toEqual([]);
    });
  });
});

test('a valid service next to an invalid one in another chart is made, and reports nothing', () => {
  const app = buildInvalidPropsApp(path.join(os.tmpdir(), 'never-written'));
  const fine = app.node.findChild('fine').node.findChild('db') as StatefulService;
  expect(fine.node.validate()).toEqual([]);
  expect(fine.statefulSet.name).toBe('db');
  expect(Chart.isChart(app.node.findChild('broken'))).toBe(true);
});
