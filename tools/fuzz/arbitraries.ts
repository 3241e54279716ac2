// fast-check arbitraries over the whole public API of StatefulService: mostly plausible
// prop sets, with a bad value now and then (a wrong name, an out-of-range number, a
// fractional quantity, a string where a value type belongs, a mount of an undeclared
// volume...), so that both accepted and rejected sets are common.
import { Duration, Size } from 'cdk8s';
import * as fc from 'fast-check';
import {
  Capability,
  ClaimRetention,
  ConnectionScheme,
  ContainerProps,
  Cpu,
  DisruptionBudget,
  DnsPolicy,
  EmptyDirMedium,
  EnvFieldPaths,
  EnvFrom,
  EnvValue,
  ExternalAccess,
  ExternalTrafficPolicy,
  HostPathVolumeType,
  ImagePullPolicy,
  LifecycleHandler,
  MountPropagation,
  NetworkAccess,
  NodeAffinity,
  NodeRequirement,
  PersistentVolumeAccessMode,
  PersistentVolumeMode,
  PersistentVolumeSource,
  PodAntiAffinity,
  PodManagementPolicy,
  PodSecurity,
  PodServiceAccount,
  PodVolume,
  PolicyRule,
  Probe,
  ProbePort,
  ProjectedSource,
  Protocol,
  ResourceFieldPaths,
  RestartPolicy,
  Spread,
  SpreadPolicy,
  StatefulServiceProps,
  Storage,
  TaintEffect,
  Toleration,
  UpdateStrategy,
} from '../../src';

/** Mostly `good`, sometimes `bad` (1 in `odds`). */
function mostly<T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>, odds = 40): fc.Arbitrary<T> {
  return fc.oneof({ weight: odds - 1, arbitrary: good }, { weight: 1, arbitrary: bad });
}

/** An optional prop: left out half the time. */
function opt<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(arb, { nil: undefined, freq: 2 });
}

// Casts for values a plain JavaScript caller could pass where TypeScript would not let it.
const js = <T>(v: unknown): T => v as T;

const label = mostly(
  fc.stringMatching(/^[a-z]([-a-z0-9]{0,8}[a-z0-9])?$/),
  fc.constantFrom('Upper', 'under_score', '-dash', 'a'.repeat(64), '', 'dot.ted'),
);
const setName = mostly(
  fc.stringMatching(/^[a-z]([-a-z0-9]{0,6}[a-z0-9])?$/),
  fc.constantFrom('Bad', 'x'.repeat(53), '9lives', ''),
);
const image = mostly(
  fc.constantFrom(
    'nginx:1.25.3',
    'example/db:1.2.3',
    'registry.k8s.io/nginx-slim:0.8',
    'localhost:5000/team/app:2',
    'busybox',
    'example/app@sha256:' + 'a'.repeat(64),
  ),
  fc.constantFrom('Bad Image', '', 'UPPER/case:1', js<string>(42)),
);
const PORT_NAMES = {
  main: ['http', 'web', 'client', 'server', 'leader-election', 'mysql', 'grpc'],
  sidecar: ['metrics', 'admin', 'backup'],
  init: ['setup'],
};
// Sidecars and init containers get names of their own (port names are unique in a pod).
const portName = (role: keyof typeof PORT_NAMES, container?: string) =>
  mostly(
    fc.constantFrom(
      ...(role === 'main' || container === undefined ? PORT_NAMES[role] : [`${container}-a`, `${container}-b`]),
    ),
    fc.constantFrom('this-is-too-long-a-name', 'HTTP', 'a--b', '8080', 'metrics'),
    60,
  );
const portNumber = mostly(fc.integer({ min: 1, max: 65535 }), fc.constantFrom(0, 65536, -1, 1.5), 60);
const size = mostly(
  fc.oneof(
    fc.integer({ min: 1, max: 2048 }).map((n) => Size.mebibytes(n)),
    fc.integer({ min: 1, max: 100 }).map((n) => Size.gibibytes(n)),
    fc.constant(Size.kibibytes(0.5)),
  ),
  fc.constantFrom(Size.kibibytes(0.0001), js<Size>('1Gi'), js<Size>(1024)),
);
const seconds = (min: number, max: number) =>
  mostly(
    fc.integer({ min, max }).map((n) => Duration.seconds(n)),
    fc.constantFrom(
      Duration.millis(1500),
      js<Duration>(10),
      ...(min > 0 ? [Duration.seconds(min - 1)] : [Duration.seconds(max + 1)]),
    ),
  );
const cpu = mostly(
  fc.oneof(
    fc.integer({ min: 1, max: 4000 }).map((n) => Cpu.millis(n)),
    fc.integer({ min: 1, max: 8 }).map((n) => Cpu.units(n)),
  ),
  fc.constantFrom(Cpu.millis(0.5), js<Cpu>('500m'), Cpu.millis(0)),
);
const BAD_PATHS = ['/data/', 'relative', '/a/../b', '/', '/x//y', ''];
// Claims and volume mounts mostly use different paths, so that clashes are exercised, not the rule.
const absPath = mostly(
  fc.constantFrom('/data', '/var/lib/app', '/opt/logs', '/cache', '/tmp'),
  fc.constantFrom(...BAD_PATHS),
);
const mountPath = mostly(
  fc.constantFrom('/etc/conf', '/srv/a/b', '/work/x', '/home/app', '/data'),
  fc.constantFrom(...BAD_PATHS),
);
const relPath = mostly(fc.constantFrom('sub', 'a/b', 'mysql', 'conf.d'), fc.constantFrom('/abs', '../up', 'a/../../b'));
const configKey = mostly(
  fc.constantFrom('app.conf', 'primary.cnf', 'KEY', 'a-b_c'),
  fc.constantFrom('bad key', '..', 'x/y'),
);
const labelKey = mostly(
  fc.constantFrom('team', 'example.com/owner', 'app.kubernetes.io/part-of', 'tier'),
  fc.constantFrom('bad key', 'a/b/c', '-x', 'UPPER.com/x'),
);
const labelValue = mostly(fc.constantFrom('a', 'blue', 'v1.2', ''), fc.constantFrom('no spaces', '-x', 'x'.repeat(64)));
const map = (keys: fc.Arbitrary<string>, values: fc.Arbitrary<string>) => fc.dictionary(keys, values, { maxKeys: 3 });

const probeOptions = fc.record(
  {
    initialDelay: opt(seconds(0, 120)),
    period: opt(seconds(1, 60)),
    timeout: opt(seconds(1, 30)),
    failureThreshold: opt(mostly(fc.integer({ min: 1, max: 100 }), fc.constantFrom(0, -1))),
    successThreshold: opt(mostly(fc.constant(1), fc.constantFrom(0, 2))),
  },
  { requiredKeys: [] },
);

function probe(ports: string[]): fc.Arbitrary<Probe> {
  const port = opt(
    fc.oneof(
      {
        weight: 4,
        arbitrary: mostly(fc.constantFrom(...(ports.length > 0 ? ports : ['http'])), fc.constant('nope')).map((n) =>
          ProbePort.named(n),
        ),
      },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 65535 }).map((n) => ProbePort.number(n)) },
    ),
  );
  return fc.oneof(
    fc
      .tuple(
        fc.constantFrom('/healthz', '/', '/ready?x=1'),
        port,
        opt(fc.constantFrom(ConnectionScheme.HTTP, ConnectionScheme.HTTPS)),
        probeOptions,
      )
      .map(([path, p, scheme, o]) => Probe.httpGet(path, { ...o, port: p, scheme })),
    fc.tuple(port, probeOptions).map(([p, o]) => Probe.tcpSocket({ ...o, port: p })),
    fc
      .tuple(mostly<string[]>(fc.constantFrom(['sh', '-c', 'ready'], ['true']), fc.constant([])), probeOptions)
      .map(([c, o]) => Probe.exec(c, o)),
    fc
      .tuple(portNumber, opt(fc.constantFrom('health', 'ready')), probeOptions)
      .map(([n, s, o]) => Probe.grpc(n, { ...o, service: s })),
    fc.constant(Probe.none()),
  );
}

const handler = (ports: string[]) =>
  fc.oneof(
    mostly<string[]>(fc.constantFrom(['sh', '-c', 'sleep 5'], ['/bin/leave']), fc.constant([])).map((c) =>
      LifecycleHandler.exec(c),
    ),
    fc
      .constantFrom('/shutdown', '/')
      .map((path) =>
        LifecycleHandler.httpGet(path, { port: ports.length > 0 ? ProbePort.named(ports[0]) : undefined }),
      ),
    seconds(1, 30).map((d) => LifecycleHandler.sleep(d)),
  );

const envValue = (containers: string[]) =>
  fc.oneof(
    fc.constantFrom('x', '', 'a b', '$(OTHER)').map((v) => EnvValue.literal(v)),
    fc.tuple(label, mostly(configKey, fc.constant(''))).map(([n, k]) => EnvValue.secret(n, k)),
    fc
      .tuple(fc.constantFrom('app-config', 'other'), configKey, opt(fc.boolean()))
      .map(([n, k, o]) => EnvValue.configMap(n, k, { optional: o })),
    fc
      .tuple(fc.constantFrom(...Object.values(EnvFieldPaths)), opt(labelKey))
      .map(([f, k]) => EnvValue.field(f, { key: k })),
    fc
      .tuple(
        fc.constantFrom(...Object.values(ResourceFieldPaths)),
        opt(mostly(fc.constantFrom(...containers), fc.constant('ghost'))),
        opt(mostly(fc.constantFrom('1', '1Mi'), fc.constant('3'))),
      )
      .map(([r, c, d]) => EnvValue.resource(r, { container: c, divisor: d })),
  );

const envName = mostly(
  fc.constantFrom('LOG_FILE', 'A', 'my.var', 'PEERS', 'x-y'),
  fc.constantFrom('1BAD', 'has space', ''),
);

interface ContainerShape {
  readonly role: 'main' | 'init' | 'sidecar';
  readonly name?: string;
  readonly volumes: string[];
  readonly containers: string[];
}

function container(shape: ContainerShape): fc.Arbitrary<ContainerProps> {
  const portsArb = fc.uniqueArray(
    fc.record({
      name: portName(shape.role, shape.name),
      number: portNumber,
      protocol: opt(fc.constantFrom(...Object.values(Protocol))),
    }),
    { minLength: shape.role === 'main' ? 1 : 0, maxLength: shape.role === 'init' ? 1 : 3, selector: (p) => p.name },
  );
  // Probes and hooks on an init container are allowed only on native sidecars.
  const sidecarInit =
    shape.role === 'init'
      ? opt(mostly(fc.constant(RestartPolicy.ALWAYS), fc.constant(RestartPolicy.NEVER)))
      : fc.constant(undefined);
  return fc.tuple(portsArb, sidecarInit).chain(([ports, restartPolicy]) => {
    const plainInit = shape.role === 'init' && restartPolicy !== RestartPolicy.ALWAYS;
    const rarely = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
      plainInit ? mostly(fc.constant(undefined), a, 100) : opt(a);
    const names = ports.map((p) => p.name);
    const mountable = shape.volumes.length > 0 ? shape.volumes : ['data'];
    return fc.record(
      {
        name: shape.name === undefined ? opt(label) : fc.constant(shape.name),
        restartPolicy: fc.constant(restartPolicy),
        image,
        imagePullPolicy: opt(fc.constantFrom(...Object.values(ImagePullPolicy))),
        command: opt(mostly(fc.constantFrom(['sh', '-c', 'run'], ['/app']), fc.constant<string[]>([]))),
        args: opt(fc.constantFrom([], ['--flag'], ['a', 'b'])),
        workingDir: opt(fc.constantFrom('/work', 'rel')),
        env: opt(fc.dictionary(envName, envValue(shape.containers), { maxKeys: 3 })),
        envFrom: opt(
          fc.array(
            fc.oneof(
              fc
                .tuple(label, opt(mostly(fc.constant('P_'), fc.constant('1BAD'))))
                .map(([n, p]) => EnvFrom.configMap(n, { prefix: p })),
              label.map((n) => EnvFrom.secret(n)),
            ),
            { maxLength: 2 },
          ),
        ),
        ports: fc.constant(ports),
        volumeMounts: opt(
          fc.uniqueArray(
            fc.record(
              {
                volume: mostly(fc.constantFrom(...mountable), fc.constant('undeclared')),
                mountPath,
                subPath: opt(relPath),
                readOnly: opt(fc.boolean()),
                propagation: opt(fc.constantFrom(MountPropagation.NONE, MountPropagation.HOST_TO_CONTAINER)),
              },
              { requiredKeys: ['volume', 'mountPath'] },
            ),
            { maxLength: 2, selector: (m) => m.mountPath },
          ),
        ),
        resources: opt(
          fc.record(
            {
              cpu: opt(fc.record({ request: opt(cpu), limit: opt(cpu) }, { requiredKeys: [] })),
              memory: opt(fc.record({ request: opt(size), limit: opt(size) }, { requiredKeys: [] })),
              ephemeralStorage: opt(fc.record({ request: opt(size) }, { requiredKeys: [] })),
            },
            { requiredKeys: [] },
          ),
        ),
        startupProbe: rarely(probe(names)),
        readinessProbe: rarely(probe(names)),
        livenessProbe: rarely(probe(names)),
        lifecycle: rarely(
          fc.record({ postStart: opt(handler(names)), preStop: opt(handler(names)) }, { requiredKeys: [] }),
        ),
        securityContext: opt(
          fc.record(
            {
              readOnlyRootFilesystem: opt(fc.boolean()),
              capabilitiesDrop: opt(
                mostly<Capability[]>(fc.constant([Capability.ALL]), fc.constantFrom([], [Capability.NET_RAW]), 8),
              ),
              capabilitiesAdd: opt(
                mostly<Capability[]>(
                  fc.constant([Capability.NET_BIND_SERVICE]),
                  fc.constantFrom([Capability.SYS_TIME], [Capability.ALL]),
                  8,
                ),
              ),
              user: opt(mostly(fc.integer({ min: 1, max: 65535 }), fc.constant(0))),
            },
            { requiredKeys: [] },
          ),
        ),
      },
      { requiredKeys: shape.name === undefined ? ['image', 'ports'] : ['name', 'image', 'ports'] },
    );
  }) as fc.Arbitrary<ContainerProps>;
}

const claimName = mostly(fc.constantFrom('data', 'logs', 'wal'), fc.constantFrom('Bad_Name', 'tmp'));
const volumeName = mostly(fc.constantFrom('conf', 'scratch', 'certs'), fc.constantFrom('Bad_Name', 'data'));
const storage = fc.oneof(
  fc
    .record(
      {
        name: opt(claimName),
        size,
        mountPath: opt(absPath),
        accessModes: opt(
          mostly<PersistentVolumeAccessMode[]>(
            fc.constantFrom<PersistentVolumeAccessMode[]>(
              [PersistentVolumeAccessMode.READ_WRITE_ONCE],
              [PersistentVolumeAccessMode.READ_WRITE_ONCE_POD],
              [PersistentVolumeAccessMode.READ_WRITE_MANY, PersistentVolumeAccessMode.READ_ONLY_MANY],
            ),
            fc.constantFrom<PersistentVolumeAccessMode[]>(
              [],
              [PersistentVolumeAccessMode.READ_WRITE_ONCE_POD, PersistentVolumeAccessMode.READ_WRITE_ONCE],
            ),
          ),
        ),
        storageClassName: opt(mostly(fc.constantFrom('standard', 'fast-ssd', ''), fc.constant('Bad_Class'))),
        volumeMode: opt(fc.constantFrom(...Object.values(PersistentVolumeMode))),
      },
      { requiredKeys: ['size'] },
    )
    .map((o) => Storage.dynamic(o)),
  fc
    .record(
      {
        name: opt(claimName),
        size,
        mountPath: opt(absPath),
        storageClassName: opt(fc.constantFrom('standard', '')),
        count: opt(mostly(fc.integer({ min: 1, max: 5 }), fc.constant(0))),
        volumeName: opt(
          mostly(fc.constantFrom('log-{ordinal+1}', 'vol-{ordinal}'), fc.constantFrom('fixed', '{bad}'), 15),
        ),
        path: mostly(
          fc.constantFrom('/tmp/example/{ordinal+1}', '/mnt/{ordinal}'),
          fc.constantFrom('/same', 'rel/{ordinal}'),
          15,
        ),
        hostPathType: opt(fc.constantFrom(...Object.values(HostPathVolumeType))),
        provisionBeyondCount: opt(mostly(fc.constant(false), fc.constant(true), 6)),
      },
      { requiredKeys: ['size', 'path'] },
    )
    .map((o) => Storage.hostPath(o)),
  fc
    .record(
      {
        name: opt(claimName),
        size,
        mountPath: opt(absPath),
        count: opt(fc.integer({ min: 1, max: 4 })),
        source: fc.oneof(
          mostly(fc.constant('/exports/db-{ordinal}'), fc.constant('/exports/same'), 15).map((p) =>
            PersistentVolumeSource.nfs({ server: 'nfs.example.com', path: p }),
          ),
          mostly(fc.constant('vol-{ordinal}'), fc.constant('fixed'), 15).map((h) =>
            PersistentVolumeSource.csi({ driver: 'ebs.csi.aws.com', volumeHandle: h }),
          ),
          mostly(fc.constant('node-{ordinal}'), fc.constant('Bad_Node'), 15).map((n) =>
            PersistentVolumeSource.local({ path: '/mnt/disks/ssd0', nodeName: n }),
          ),
        ),
        mountOptions: opt(mostly<string[]>(fc.constant(['nfsvers=4.1']), fc.constant(['']))),
      },
      { requiredKeys: ['size', 'source'] },
    )
    .map((o) => Storage.preMade(o)),
);

const podVolume = fc.oneof(
  fc
    .tuple(volumeName, opt(fc.constantFrom(...Object.values(EmptyDirMedium))), opt(size))
    .map(([n, m, s]) => PodVolume.emptyDir(n, { medium: m, sizeLimit: s })),
  fc
    .tuple(
      volumeName,
      fc.constantFrom('app-config', 'other'),
      opt(
        fc.array(
          fc.record(
            { key: configKey, path: relPath, mode: opt(fc.constantFrom(0o400, 0o644, 0o1000)) },
            { requiredKeys: ['key', 'path'] },
          ),
          { maxLength: 2 },
        ),
      ),
      opt(fc.constantFrom(0o644, 0o777, 512, -1)),
    )
    .map(([n, cm, items, mode]) => PodVolume.configMap(n, cm, { items, defaultMode: mode })),
  fc.tuple(volumeName, label).map(([n, s]) => PodVolume.secret(n, s)),
  fc
    .tuple(
      volumeName,
      fc.array(
        fc.oneof(
          fc.constant(ProjectedSource.configMap('app-config')),
          fc.constant(ProjectedSource.downwardApi([{ path: 'labels', field: EnvFieldPaths.POD_LABEL }])),
          fc
            .tuple(relPath, opt(mostly(fc.constant(Duration.hours(1)), fc.constant(Duration.minutes(5)))))
            .map(([p, e]) => ProjectedSource.serviceAccountToken({ path: p, expiration: e })),
        ),
        { minLength: 1, maxLength: 2 },
      ),
    )
    .map(([n, s]) => PodVolume.projected(n, s)),
);

const requirement = fc.oneof(
  fc.tuple(labelKey, fc.array(labelValue, { maxLength: 2 })).map(([k, v]) => NodeRequirement.valueIn(k, v)),
  labelKey.map((k) => NodeRequirement.exists(k)),
  fc
    .tuple(labelKey, mostly(fc.integer({ min: 0, max: 5 }), fc.constant(-1)))
    .map(([k, n]) => NodeRequirement.greaterThan(k, n)),
);

const cidr = mostly(
  fc.constantFrom('203.0.113.0/24', '10.0.0.0/8', '2001:db8::/32', '::ffff:192.0.2.0/120', '::/0'),
  fc.constantFrom('2001:db8::/129', ':::/64', '300.1.1.1/8', '10.0.0.0', '010.0.0.0/8'),
);

function access(ports: string[], named: boolean): fc.Arbitrary<ExternalAccess> {
  const name = named ? label : opt(label);
  const servicePorts = (withNodePorts: boolean) =>
    opt(
      fc.array(
        fc.record(
          {
            name: mostly(fc.constantFrom(...(ports.length > 0 ? ports : ['http'])), fc.constant('nope')),
            port: opt(portNumber),
            nodePort: withNodePorts
              ? opt(mostly(fc.integer({ min: 30000, max: 32767 }), fc.constantFrom(80, 40000)))
              : mostly(fc.constant(undefined), fc.constant(30001)),
          },
          { requiredKeys: ['name'] },
        ),
        { minLength: 1, maxLength: 2 },
      ),
    );
  return fc.oneof(
    fc
      .record(
        {
          name,
          ports: servicePorts(true),
          externalTrafficPolicy: opt(fc.constantFrom(...Object.values(ExternalTrafficPolicy))),
        },
        { requiredKeys: named ? ['name'] : [] },
      )
      .map((o) => ExternalAccess.nodePort(o)),
    fc
      .record(
        {
          name,
          ports: servicePorts(true),
          sourceRanges: opt(fc.array(cidr, { maxLength: 2 })),
          loadBalancerClass: opt(mostly(fc.constant('service.k8s.aws/nlb'), fc.constant('bad class'))),
        },
        { requiredKeys: named ? ['name'] : [] },
      )
      .map((o) => ExternalAccess.loadBalancer(o)),
    fc
      .record(
        { name, ports: servicePorts(false), publishNotReadyAddresses: opt(fc.boolean()) },
        { requiredKeys: named ? ['name'] : [] },
      )
      .map((o) => ExternalAccess.clusterIp(o)),
    ...(named ? [] : [fc.constant(ExternalAccess.none())]),
  );
}

/** The internal spec of a factory-made value (stripped from the declarations), or undefined for a plain object. */
function specOf<T>(value: unknown): T {
  return (value as { _spec?: T } | undefined)?._spec as T;
}

/** A whole prop set; the main container's ports and the volumes drive the rest. */
export const statefulServiceProps: fc.Arbitrary<StatefulServiceProps> = fc
  .record({
    storage: mostly(
      fc.uniqueArray(storage, {
        minLength: 1,
        maxLength: 2,
        selector: (s) => specOf<{ props: { name?: string } }>(s).props.name ?? 'data',
      }),
      fc.constantFrom([], js<Storage[]>([{ size: Size.gibibytes(1) }])),
    ),
    volumes: opt(fc.uniqueArray(podVolume, { maxLength: 2, selector: (v) => specOf<{ name: string }>(v).name })),
    sidecarNames: fc.uniqueArray(fc.constantFrom('sidecar', 'backup', 'agent'), { maxLength: 2 }),
    initNames: fc.uniqueArray(mostly(fc.constantFrom('init', 'clone'), fc.constant('sidecar')), { maxLength: 2 }),
  })
  .chain(({ storage: claims, volumes, sidecarNames, initNames }) => {
    const volumeNames = [
      ...claims.map((s) => specOf<{ props?: { name?: string } } | undefined>(s)?.props?.name ?? 'data'),
      ...(volumes ?? []).map((v) => specOf<{ name: string }>(v).name),
    ];
    const containers = ['main', ...sidecarNames, ...initNames];
    return container({ role: 'main', volumes: volumeNames, containers }).chain((main) => {
      const ports = (main.ports ?? []).flatMap((p) => (p.name === undefined ? [] : [p.name]));
      return fc
        .record(
          {
            name: setName,
            serviceName: opt(setName),
            appName: opt(labelValue),
            replicas: opt(mostly(fc.integer({ min: 0, max: 5 }), fc.constantFrom(-1, 1.5))),
            clusterDomain: opt(mostly(fc.constantFrom('cluster.local', 'example.internal'), fc.constant('Bad Domain'))),
            labels: opt(map(labelKey, labelValue)),
            annotations: opt(map(labelKey, fc.constantFrom('x', 'a long note'))),
            container: fc.constant({ ...main, name: 'main' }),
            sidecars: fc.tuple(
              ...sidecarNames.map((n) => container({ role: 'sidecar', name: n, volumes: volumeNames, containers })),
            ),
            initContainers: fc.tuple(
              ...initNames.map((n) => container({ role: 'init', name: n, volumes: volumeNames, containers })),
            ),
            volumes: fc.constant(volumes),
            configMaps: opt(
              fc.array(
                fc.record(
                  {
                    name: mostly(fc.constant('app-config'), fc.constant('Bad_CM')),
                    data: opt(fc.dictionary(configKey, fc.constantFrom('a=1', ''), { maxKeys: 2 })),
                  },
                  { requiredKeys: ['name'] },
                ),
                { maxLength: 1 },
              ),
            ),
            podAnnotations: opt(map(labelKey, fc.constant('v'))),
            imagePullSecrets: opt(fc.array(label, { maxLength: 1 })),
            priorityClassName: opt(mostly(fc.constant('high'), fc.constant('Bad_Class'))),
            serviceAccount: opt(
              fc.oneof(
                fc.constant(PodServiceAccount.create()),
                label.map((n) => PodServiceAccount.existing(n)),
              ),
            ),
            automountServiceAccountToken: opt(mostly(fc.constant(false), fc.constant(true), 6)),
            dnsPolicy: opt(
              mostly(
                fc.constantFrom(DnsPolicy.CLUSTER_FIRST, DnsPolicy.DEFAULT, DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET),
                fc.constant(DnsPolicy.NONE),
                30,
              ),
            ),
            dnsConfig: opt(
              fc.record(
                {
                  nameservers: opt(
                    mostly<string[]>(
                      fc.constantFrom<string[]>(['10.0.0.10'], ['2001:db8::1']),
                      fc.constantFrom<string[]>(['not-an-ip'], ['1.1.1.1', '8.8.8.8', '9.9.9.9', '1.0.0.1']),
                    ),
                  ),
                  searches: opt(mostly<string[]>(fc.constant(['svc.cluster.local']), fc.constant(['Bad Domain']))),
                  options: opt(
                    mostly<Array<{ name: string; value?: string }>>(
                      fc.constant([{ name: 'ndots', value: '2' }]),
                      fc.constant([{ name: '' }]),
                    ),
                  ),
                },
                { requiredKeys: [] },
              ),
            ),
            security: opt(
              fc.oneof(
                fc
                  .record(
                    {
                      user: opt(mostly(fc.integer({ min: 1, max: 65535 }), fc.constant(0))),
                      group: opt(fc.integer({ min: 0, max: 65535 })),
                      fsGroup: opt(fc.integer({ min: 0, max: 65535 })),
                    },
                    { requiredKeys: [] },
                  )
                  .map((o) => PodSecurity.restricted(o)),
                opt(fc.integer({ min: 0, max: 65535 })).map((g) => PodSecurity.imageUser({ fsGroup: g })),
              ),
            ),
            tmpSize: opt(size),
            terminationGracePeriod: opt(seconds(0, 600)),
            headlessService: opt(
              fc.record(
                {
                  ports: opt(
                    mostly<string[]>(fc.subarray(ports, { minLength: Math.min(1, ports.length) }), fc.constant([])).map(
                      (names) => names.map((name) => ({ name })),
                    ),
                  ),
                  publishNotReadyAddresses: opt(fc.boolean()),
                },
                { requiredKeys: [] },
              ),
            ),
            externalAccess: opt(access(ports, false)),
            extraServices: opt(fc.array(access(ports, true), { maxLength: 2 })),
            networkAccess: opt(
              fc.oneof(
                fc.constant(NetworkAccess.everywhere()),
                fc
                  .record({
                    namespaces: fc.array(label, { minLength: 1, maxLength: 2 }),
                    podLabels: opt(map(labelKey, labelValue)),
                  })
                  .map((p) => NetworkAccess.peers(p)),
              ),
            ),
            placement: opt(
              fc.record(
                {
                  spread: opt(
                    fc.oneof(
                      fc.constantFrom(Spread.soft(), Spread.hard(), Spread.none()),
                      fc
                        .uniqueArray(
                          fc.record(
                            {
                              topologyKey: labelKey,
                              maxSkew: opt(mostly(fc.integer({ min: 1, max: 3 }), fc.constant(0))),
                              whenUnsatisfiable: opt(fc.constantFrom(...Object.values(SpreadPolicy))),
                              minDomains: mostly(fc.constant(undefined), fc.integer({ min: 0, max: 3 }), 10),
                            },
                            { requiredKeys: ['topologyKey'] },
                          ),
                          { maxLength: 2, selector: (c) => c.topologyKey },
                        )
                        .map((c) => Spread.custom(c)),
                    ),
                  ),
                  podAntiAffinity: opt(
                    fc.array(
                      fc.oneof(
                        opt(mostly(labelKey, fc.constant(''))).map((k) => PodAntiAffinity.required({ topologyKey: k })),
                        fc
                          .tuple(opt(labelKey), opt(mostly(fc.integer({ min: 1, max: 100 }), fc.constant(0))))
                          .map(([k, w]) => PodAntiAffinity.preferred({ topologyKey: k, weight: w })),
                      ),
                      { maxLength: 2 },
                    ),
                  ),
                  nodeAffinity: opt(
                    fc.array(
                      fc.oneof(
                        mostly<NodeRequirement[]>(
                          fc.array(requirement, { minLength: 1, maxLength: 2 }),
                          fc.constant([]),
                        ).map((r) => NodeAffinity.required(r)),
                        fc
                          .tuple(
                            mostly(fc.integer({ min: 1, max: 100 }), fc.constantFrom(0, 101)),
                            fc.array(requirement, { minLength: 1, maxLength: 2 }),
                          )
                          .map(([w, r]) => NodeAffinity.preferred(w, r)),
                      ),
                      { maxLength: 2 },
                    ),
                  ),
                  nodeSelector: opt(map(labelKey, labelValue)),
                  tolerations: opt(
                    fc.array(
                      fc.oneof(
                        fc
                          .tuple(labelKey, opt(fc.constantFrom(...Object.values(TaintEffect))), opt(seconds(0, 600)))
                          .map(([k, e, s]) => Toleration.exists(k, { effect: e, tolerationSeconds: s })),
                        fc
                          .tuple(labelKey, labelValue, opt(fc.constantFrom(...Object.values(TaintEffect))))
                          .map(([k, v, e]) => Toleration.equal(k, v, { effect: e })),
                        fc.constant(Toleration.all()),
                      ),
                      { maxLength: 2 },
                    ),
                  ),
                },
                { requiredKeys: [] },
              ),
            ),
            podManagementPolicy: opt(fc.constantFrom(...Object.values(PodManagementPolicy))),
            updateStrategy: opt(
              fc.oneof(
                fc
                  .record(
                    {
                      partition: opt(mostly(fc.integer({ min: 0, max: 3 }), fc.constantFrom(-1, 9))),
                      maxUnavailable: opt(mostly(fc.integer({ min: 1, max: 3 }), fc.constant(0))),
                    },
                    { requiredKeys: [] },
                  )
                  .map((o) => UpdateStrategy.rollingUpdate(o)),
                fc.constant(UpdateStrategy.onDelete()),
              ),
            ),
            minReady: opt(seconds(0, 60)),
            claimRetention: opt(
              fc.record(
                {
                  whenDeleted: opt(fc.constantFrom(...Object.values(ClaimRetention))),
                  whenScaled: opt(fc.constantFrom(...Object.values(ClaimRetention))),
                },
                { requiredKeys: [] },
              ),
            ),
            ordinalsStart: opt(mostly(fc.integer({ min: 0, max: 3 }), fc.constant(-1))),
            disruptionBudget: opt(
              fc.oneof(
                mostly(fc.integer({ min: 1, max: 3 }), fc.constant(0)).map((n) =>
                  DisruptionBudget.maxUnavailable(n, { name: 'budget' }),
                ),
                mostly(fc.integer({ min: 1, max: 100 }), fc.constantFrom(0, 101)).map((n) =>
                  DisruptionBudget.maxUnavailablePercent(n),
                ),
                fc.integer({ min: 1, max: 4 }).map((n) => DisruptionBudget.minAvailable(n)),
                fc.constant(DisruptionBudget.none()),
              ),
            ),
            acknowledgements: opt(
              fc.uniqueArray(
                fc.record({
                  rule: fc.constantFrom(...Object.values(PolicyRule)),
                  reason: mostly(fc.constant('on purpose'), fc.constant('')),
                }),
                { maxLength: 4, selector: (a) => a.rule },
              ),
            ),
          },
          { requiredKeys: ['name', 'container'] },
        )
        .chain((p) => fc.tuple(fc.constant(p), mostly(fc.constant(true), fc.constant(false), 8)))
        .map(([p, acknowledge]) =>
          withNeededAcknowledgements({ ...p, storage: claims } as StatefulServiceProps, acknowledge),
        );
    });
  });

/**
 * Choices that weaken security are refused unless acknowledged. Most generated sets
 * acknowledge what they need (so that they reach the judges); some do not (so that the
 * refusal is exercised too).
 */
function withNeededAcknowledgements(props: StatefulServiceProps, acknowledge: boolean): StatefulServiceProps {
  if (!acknowledge) return props;
  const containers = [props.container, ...(props.sidecars ?? []), ...(props.initContainers ?? [])].filter(Boolean);
  const imageUser = specOf<{ kind?: string } | undefined>(props.security)?.kind === 'imageUser';
  const needed = new Set<PolicyRule>();
  if (imageUser) needed.add(PolicyRule.RUN_AS_ROOT);
  if (props.automountServiceAccountToken === true) needed.add(PolicyRule.SERVICE_ACCOUNT_TOKEN);
  for (const c of containers) {
    const sc = c.securityContext ?? {};
    if (sc.readOnlyRootFilesystem === false || (imageUser && sc.readOnlyRootFilesystem !== true))
      needed.add(PolicyRule.READ_ONLY_ROOT_FILESYSTEM);
    const drop = sc.capabilitiesDrop ?? (imageUser ? [] : [Capability.ALL]);
    if (!drop.includes(Capability.ALL) || (sc.capabilitiesAdd ?? []).some((x) => x !== Capability.NET_BIND_SERVICE))
      needed.add(PolicyRule.PRIVILEGE);
  }
  const given = props.acknowledgements ?? [];
  const missing = [...needed]
    .filter((r) => !given.some((a) => a.rule === r))
    .map((rule) => ({ rule, reason: 'chosen on purpose' }));
  return { ...props, acknowledgements: [...given, ...missing] };
}
