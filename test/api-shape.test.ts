import { Duration, Size } from 'cdk8s';
import { Cpu } from '../src';
import {
  ContainerProps,
  DisruptionBudget,
  ExternalAccess,
  PersistentVolumeSource,
  Probe,
  Spread,
  StatefulServiceProps,
  Storage,
} from '../src';
import {
  BASE_CONTAINER,
  BASE_STORAGE,
  baseProps,
  find,
  mainContainerOf,
  Manifest,
  ofKind,
  problemsOf,
  synthService,
  volumeIds,
  withContainer,
} from './helpers';

const synth = (props: StatefulServiceProps) => synthService(props).manifests;
const without = (manifests: Manifest[], kind: string, name: string) =>
  manifests.filter((m) => !(m.kind === kind && m.metadata.name === name));
/** The manifests with the StatefulSet changed by `change` (on a copy). */
const withStatefulSet = (manifests: Manifest[], change: (sts: any) => void) =>
  manifests.map((m) => {
    if (m.kind !== 'StatefulSet') return m;
    const copy = structuredClone(m);
    change(copy);
    return copy;
  });

describe('one on/off convention: each default-on feature has a none() that removes exactly it', () => {
  // GIVEN the manifests of the defaults
  const defaults = synth(baseProps());

  test('ExternalAccess.none(): no external Service, nothing else changes', () => {
    const { manifests, service } = synthService(baseProps({ externalAccess: ExternalAccess.none() }));
    expect(find(defaults, 'Service', 'db-client').spec.type).toBe('ClusterIP');
    expect(manifests).toEqual(without(defaults, 'Service', 'db-client'));
    expect(service.externalService).toBeUndefined();
    expect(service.node.tryFindChild('ExternalService')).toBeUndefined();
  });

  test('DisruptionBudget.none(): no PodDisruptionBudget, nothing else changes', () => {
    const { manifests, service } = synthService(baseProps({ disruptionBudget: DisruptionBudget.none() }));
    expect(ofKind(defaults, 'PodDisruptionBudget')).toHaveLength(1);
    expect(manifests).toEqual(without(defaults, 'PodDisruptionBudget', 'db'));
    expect(service.disruptionBudget).toBeUndefined();
  });

  test.each<keyof ContainerProps>(['startupProbe', 'readinessProbe', 'livenessProbe'])(
    'Probe.none() as %s: only that probe goes',
    (field) => {
      const manifests = synth(withContainer({ [field]: Probe.none() }));
      expect(mainContainerOf(defaults)[field]).toBeDefined();
      expect(manifests).toEqual(withStatefulSet(defaults, (sts) => delete sts.spec.template.spec.containers[0][field]));
    },
  );

  test('Spread.none(): only the topology spread constraints go', () => {
    const manifests = synth(baseProps({ placement: { spread: Spread.none() } }));
    expect(find(defaults, 'StatefulSet').spec.template.spec.topologySpreadConstraints).toHaveLength(2);
    expect(manifests).toEqual(
      withStatefulSet(defaults, (sts) => delete sts.spec.template.spec.topologySpreadConstraints),
    );
  });

  test.each<[string, Partial<StatefulServiceProps>]>([
    ['externalAccess: ExternalAccess.clusterIp()', { externalAccess: ExternalAccess.clusterIp() }],
    ['disruptionBudget: DisruptionBudget.maxUnavailable(1)', { disruptionBudget: DisruptionBudget.maxUnavailable(1) }],
    ['placement.spread: Spread.soft()', { placement: { spread: Spread.soft() } }],
    [
      'the probes: Probe.tcpSocket() each',
      {
        container: {
          ...BASE_CONTAINER,
          startupProbe: Probe.tcpSocket(),
          readinessProbe: Probe.tcpSocket(),
          livenessProbe: Probe.tcpSocket(),
        },
      },
    ],
    ['tmpSize: Size.mebibytes(100)', { tmpSize: Size.mebibytes(100) }],
    ['minReady: Duration.seconds(0)', { minReady: Duration.seconds(0) }],
  ])('the documented default, given explicitly, makes the same manifests: %s', (_title, overrides) => {
    expect(synth(baseProps(overrides))).toEqual(defaults);
  });
});

describe('quantities are written in canonical form (as the API server writes them back)', () => {
  const claimSize = (size: Size) =>
    find(synth(baseProps({ storage: [Storage.dynamic({ ...BASE_STORAGE, size })] })), 'StatefulSet').spec
      .volumeClaimTemplates[0].spec.resources.requests.storage;
  const cpuRequest = (request: Cpu) =>
    mainContainerOf(synth(withContainer({ resources: { cpu: { request } } }))).resources.requests.cpu;

  test.each<[string, Size, string]>([
    ['Size.mebibytes(1024)', Size.mebibytes(1024), '1Gi'],
    ['Size.mebibytes(1536)', Size.mebibytes(1536), '1536Mi'],
    ['Size.gibibytes(1024)', Size.gibibytes(1024), '1Ti'],
    ['Size.kibibytes(0.5)', Size.kibibytes(0.5), '512'],
    ['Size.kibibytes(1.5)', Size.kibibytes(1.5), '1536'],
    ['Size.mebibytes(10)', Size.mebibytes(10), '10Mi'],
  ])('%s is "%s"', (_title, size, quantity) => {
    expect(claimSize(size)).toBe(quantity);
  });

  test('the same canonical form everywhere: PersistentVolume capacity, memory, the /tmp size limit', () => {
    const manifests = synth(
      withContainer(
        { resources: { memory: { request: Size.mebibytes(2048), limit: Size.kibibytes(4 * 1024 * 1024) } } },
        {
          tmpSize: Size.kibibytes(1024),
          storage: [Storage.hostPath({ ...BASE_STORAGE, size: Size.mebibytes(3072), path: '/mnt/{ordinal}' })],
        },
      ),
    );
    expect(find(manifests, 'PersistentVolume').spec.capacity.storage).toBe('3Gi');
    expect(mainContainerOf(manifests).resources.requests.memory).toBe('2Gi');
    expect(mainContainerOf(manifests).resources.limits.memory).toBe('4Gi');
    expect(find(manifests, 'StatefulSet').spec.template.spec.volumes).toEqual([
      { name: 'tmp', emptyDir: { sizeLimit: '1Mi' } },
    ]);
  });

  test.each<[string, Cpu, string]>([
    ['Cpu.millis(500)', Cpu.millis(500), '500m'],
    ['Cpu.units(1)', Cpu.units(1), '1'],
    ['Cpu.millis(1500)', Cpu.millis(1500), '1500m'],
    ['Cpu.units(2)', Cpu.units(2), '2'],
  ])('%s is "%s"', (_title, cpu, quantity) => {
    expect(cpuRequest(cpu)).toBe(quantity);
  });

  // The API server stores "0.5" as "500m" and "1000m" as "1": written so, the live object
  // equals the manifest.
  test.each<[string, Cpu, string]>([
    ['Cpu.units(0.5)', Cpu.units(0.5), '500m'],
    ['Cpu.millis(1000)', Cpu.millis(1000), '1'],
  ])('%s is written canonically as "%s"', (_title, cpu, quantity) => {
    expect(cpuRequest(cpu)).toBe(quantity);
  });

  test.each<[string, StatefulServiceProps, string]>([
    [
      'a fraction of a byte',
      baseProps({ storage: [Storage.dynamic({ ...BASE_STORAGE, size: Size.kibibytes(0.0001) })] }),
      `'storage[0].size' must be a whole number of bytes, at least 1, got 0.1024 bytes (0.0001Ki)`,
    ],
    [
      'a size of zero',
      baseProps({ tmpSize: Size.gibibytes(0) }),
      `'tmpSize' must be a whole number of bytes, at least 1, got 0 bytes (0Gi)`,
    ],
    [
      'half a millicore',
      withContainer({ resources: { cpu: { request: Cpu.millis(0.5) } } }),
      `'container.resources.cpu.request' must be a positive whole number of millicores, got "0.5m"`,
    ],
    [
      'a tenth of a millicore, in units',
      withContainer({ resources: { cpu: { limit: Cpu.units(0.0001) } } }),
      `'container.resources.cpu.limit' must be a positive whole number of millicores, got "0.0001"`,
    ],
    [
      'no CPU at all',
      withContainer({ resources: { cpu: { request: Cpu.millis(0) } } }),
      `'container.resources.cpu.request' must be a positive whole number of millicores, got "0m"`,
    ],
    [
      'a fraction of a second',
      withContainer({ readinessProbe: Probe.tcpSocket({ period: Duration.millis(1500) }) }),
      `'container.readinessProbe.period' must be a whole number of seconds from 1 to 2147483647, got 1 second 500 millis (1.5 s)`,
    ],
    [
      'a fraction of a second, in a grace period',
      baseProps({ terminationGracePeriod: Duration.millis(500) }),
      `'terminationGracePeriod' must be a whole number of seconds from 0 to 2147483647, got 500 millis (0.5 s)`,
    ],
  ])('%s is refused', (_title, props, message) => {
    expect(problemsOf(props)).toEqual([message]);
  });

  test('durations are written in seconds', () => {
    const manifests = synth(
      withContainer(
        { livenessProbe: Probe.tcpSocket({ period: Duration.minutes(1), timeout: Duration.seconds(5) }) },
        { minReady: Duration.minutes(2), terminationGracePeriod: Duration.seconds(45) },
      ),
    );
    const sts = find(manifests, 'StatefulSet');
    expect([sts.spec.minReadySeconds, sts.spec.template.spec.terminationGracePeriodSeconds]).toEqual([120, 45]);
    expect(mainContainerOf(manifests).livenessProbe).toMatchObject({ periodSeconds: 60, timeoutSeconds: 5 });
  });
});

describe('per-ordinal names and paths are patterns', () => {
  const hostPath = (props: object) => Storage.hostPath({ ...BASE_STORAGE, path: '/mnt/{ordinal}', ...props });
  const volumes = (props: StatefulServiceProps) =>
    ofKind(synth(props), 'PersistentVolume').map((pv) => [
      pv.metadata.name,
      pv.spec.hostPath.path,
      pv.spec.claimRef.name,
    ]);

  test('{ordinal} is the ordinal, {ordinal+N} adds N; a pattern may hold several', () => {
    expect(
      volumes(
        baseProps({
          replicas: 3,
          storage: [hostPath({ volumeName: 'log-{ordinal+1}', path: '/d/{ordinal}/x-{ordinal+10}' })],
        }),
      ),
    ).toEqual([
      ['log-1', '/d/0/x-10', 'data-db-0'],
      ['log-2', '/d/1/x-11', 'data-db-1'],
      ['log-3', '/d/2/x-12', 'data-db-2'],
    ]);
  });

  test('one volume needs no placeholder', () => {
    expect(volumes(baseProps({ storage: [hostPath({ count: 1, volumeName: 'the-one', path: '/mnt/one' })] }))).toEqual([
      ['the-one', '/mnt/one', 'data-db-0'],
    ]);
  });

  test('ordinalsStart shifts the ordinals: the volumes, their claimRefs and the pods', () => {
    const { manifests, service } = synthService(
      baseProps({ replicas: 2, ordinalsStart: 3, storage: [hostPath({ volumeName: 'pv-{ordinal+1}' })] }),
    );
    expect(
      ofKind(manifests, 'PersistentVolume').map((pv) => [
        pv.metadata.name,
        pv.spec.hostPath.path,
        pv.spec.claimRef.name,
      ]),
    ).toEqual([
      ['pv-4', '/mnt/3', 'data-db-3'],
      ['pv-5', '/mnt/4', 'data-db-4'],
    ]);
    expect(find(manifests, 'StatefulSet').spec.ordinals).toEqual({ start: 3 });
    expect(service.peerDnsNames()).toEqual(['db-3.db.default.svc.cluster.local', 'db-4.db.default.svc.cluster.local']);
    expect(volumeIds(service, 'data')).toEqual(['3', '4']);
  });

  test('without ordinalsStart the field is not written', () => {
    expect('ordinals' in find(synth(baseProps()), 'StatefulSet').spec).toBe(false);
  });

  test('with ordinalsStart, too few volumes name the first pod without one', () => {
    expect(problemsOf(baseProps({ replicas: 2, ordinalsStart: 3, storage: [hostPath({ count: 1 })] }))).toEqual([
      `'storage[0].count' (1) must be at least 'replicas' (2): the claim of pod db-4 would have no volume to bind; make more volumes, or set 'storage[0].provisionBeyondCount' to provision the rest dynamically`,
    ]);
  });

  test('the strings of pre-made sources are patterns too', () => {
    const manifests = synth(
      baseProps({
        replicas: 2,
        storage: [
          Storage.preMade({
            ...BASE_STORAGE,
            source: PersistentVolumeSource.nfs({
              server: 'nfs-{ordinal}.example.com',
              path: '/exports/db-{ordinal+1}',
            }),
          }),
        ],
      }),
    );
    expect(ofKind(manifests, 'PersistentVolume').map((pv) => pv.spec.nfs)).toEqual([
      { server: 'nfs-0.example.com', path: '/exports/db-1' },
      { server: 'nfs-1.example.com', path: '/exports/db-2' },
    ]);
  });

  test.each<[string, object, string]>([
    [
      'a path without a placeholder for 2 volumes',
      { count: 2, path: '/mnt/shared' },
      `'storage[0].path' must contain {ordinal} (or {ordinal+N}) so that each of the 2 ordinals gets its own value, got "/mnt/shared"`,
    ],
    [
      'a volume name without a placeholder for 3 volumes',
      { count: 3, volumeName: 'log' },
      `'storage[0].volumeName' must contain {ordinal} (or {ordinal+N}) so that each of the 3 ordinals gets its own value, got "log"`,
    ],
    ...[
      'log-{ordinal',
      'log-ordinal}',
      'log-{n}',
      'log-{ordinal-1}',
      'log-{ordinal+}',
      'log-{ordinal+x}',
      'log-{{ordinal}}',
    ].map((volumeName): [string, object, string] => [
      `stray braces: ${volumeName}`,
      { volumeName },
      `'storage[0].volumeName' may contain only the placeholders {ordinal} and {ordinal+N} in braces, got ${JSON.stringify(volumeName)}`,
    ]),
    ['an empty pattern', { path: '' }, `'storage[0].path' must be a string pattern such as "log-{ordinal+1}", got ""`],
  ])('refused: %s', (_title, storage, message) => {
    expect(problemsOf(baseProps({ storage: [hostPath(storage)] }))).toEqual([message]);
  });

  test('refused: a pre-made source that is the same for every ordinal', () => {
    const problems = problemsOf(
      baseProps({
        replicas: 2,
        storage: [
          Storage.preMade({ ...BASE_STORAGE, source: PersistentVolumeSource.nfs({ server: 'nfs', path: '/x' }) }),
        ],
      }),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^'storage\[0\]\.source' must not repeat a volume source \(put \{ordinal\} into its path or handle, so that each ordinal gets its own\), .* is used more than once$/,
    );
  });
});
