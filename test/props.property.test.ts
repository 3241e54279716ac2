import { Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { StatefulService, StatefulServiceError, StatefulServiceProps } from '../src';
import { formatProblem, validate } from '../src/cli/validate';

// Property-based: generated props, in combination. Valid props must synthesize objects
// that pass the strict validation; props made invalid in one or more places must be
// rejected with a message naming each of those props.

const VALID_RUNS = 300;
const INVALID_RUNS = 300;

const label = (max: number) => fc.stringMatching(new RegExp(`^[a-z]([-a-z0-9]{0,${max - 2}}[a-z0-9])?$`));
const quantity = (units: string[], max: number) =>
  fc.tuple(fc.integer({ min: 1, max }), fc.constantFrom(...units)).map(([n, u]) => `${n}${u}`);

const storageArb = fc.record(
  {
    name: label(12),
    size: quantity(['Ki', 'Mi', 'Gi', 'M', 'G', ''], 900),
    mountPath: fc.array(label(8), { minLength: 1, maxLength: 3 }).map((parts) => `/${parts.join('/')}`),
    accessModes: fc.constantFrom(
      ['ReadWriteOnce'] as const,
      ['ReadWriteOncePod'] as const,
      ['ReadWriteMany'] as const,
      ['ReadWriteOnce', 'ReadOnlyMany'] as const,
    ),
    storageClassName: fc.oneof(label(12), fc.constant('')),
  },
  { requiredKeys: ['size', 'mountPath'] },
);

const hostPathArb = fc.record(
  {
    extra: fc.integer({ min: 0, max: 3 }),
    prefix: label(8),
    named: fc.boolean(),
    type: fc.constantFrom('', 'DirectoryOrCreate', 'Directory'),
  },
  { requiredKeys: ['extra', 'prefix', 'named'] },
);

const externalArb = fc.oneof(
  fc.constant({ enabled: false }),
  fc.record({ type: fc.constant('ClusterIP' as const) }),
  fc.record(
    {
      type: fc.constantFrom('NodePort' as const, 'LoadBalancer' as const),
      nodePort: fc.integer({ min: 30000, max: 32767 }),
    },
    { requiredKeys: ['type'] },
  ),
);

const probeArb = fc.oneof(
  fc.constant(false as const),
  fc.record(
    {
      httpPath: fc.array(label(6), { maxLength: 3 }).map((p) => `/${p.join('/')}`),
      periodSeconds: fc.integer({ min: 1, max: 60 }),
      failureThreshold: fc.integer({ min: 1, max: 30 }),
      initialDelaySeconds: fc.integer({ min: 0, max: 120 }),
    },
    { requiredKeys: [] },
  ),
);

const cpuArb = fc.tuple(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 0, max: 4000 })).map(([r, extra]) => ({
  request: `${r}m`,
  limit: `${r + extra}m`,
}));
const memArb = fc.tuple(fc.integer({ min: 16, max: 4096 }), fc.integer({ min: 0, max: 4096 })).map(([r, extra]) => ({
  request: `${r}Mi`,
  limit: `${r + extra}Mi`,
}));

const validArb = fc
  .record(
    {
      name: label(20),
      serviceName: label(20),
      image: fc
        .tuple(label(10), label(10), fc.stringMatching(/^[0-9]{1,2}\.[0-9]{1,2}$/))
        .map(([o, r, t]) => `${o}/${r}:${t}`),
      replicas: fc.option(fc.integer({ min: 0, max: 7 }), { nil: undefined }),
      port: fc.integer({ min: 1, max: 65535 }),
      env: fc.dictionary(fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,8}$/), fc.string({ maxLength: 12 }), { maxKeys: 4 }),
      storage: fc.array(storageArb, { minLength: 1, maxLength: 2 }),
      hostPath: fc.option(hostPathArb, { nil: undefined }),
      nfs: fc.boolean(),
      spread: fc.constantFrom('soft' as const, 'hard' as const, 'none' as const),
      extraPorts: fc.array(
        fc.record({
          port: fc.integer({ min: 1, max: 65535 }),
          protocol: fc.constantFrom('TCP' as const, 'UDP' as const),
          external: fc.boolean(),
        }),
        { maxLength: 2 },
      ),
      serviceAccount: fc.boolean(),
      networkPolicy: fc.option(
        fc.oneof(
          fc.constant('everywhere' as const),
          fc.record({ namespaces: fc.array(label(10), { minLength: 1, maxLength: 2 }) }),
        ),
        { nil: undefined },
      ),
      externalService: fc.option(externalArb, { nil: undefined }),
      labels: fc.dictionary(fc.stringMatching(/^([a-z]{1,6}\.io\/)?[a-z][a-z0-9]{0,6}$/), label(10), { maxKeys: 3 }),
      user: fc.integer({ min: 1, max: 65535 }),
      readOnlyRootFilesystem: fc.boolean(),
      cpu: cpuArb,
      memory: memArb,
      readiness: probeArb,
      liveness: probeArb,
      maxUnavailable: fc.oneof(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 100 }).map((p) => `${p}%`),
      ),
      pdb: fc.boolean(),
      namespace: fc.option(label(12), { nil: undefined }),
    },
    { requiredKeys: ['name', 'serviceName', 'image', 'port', 'storage', 'user', 'cpu', 'memory'] },
  )
  .map((p) => {
    const props: StatefulServiceProps = {
      name: p.name,
      serviceName: p.serviceName,
      image: p.image,
      replicas: p.replicas,
      port: p.port,
      env: p.env,
      // distinct names and mount paths per claim template; pre-made volumes on the first only
      storage: p.storage.map((st, i) => ({
        ...st,
        name: `${st.name ?? 'data'}-${i}`,
        mountPath: `/v${i}${st.mountPath}`,
        hostPathVolumes:
          i === 0 && p.hostPath && !p.nfs
            ? {
                count: (p.replicas ?? 1) + p.hostPath.extra || 1,
                path: (k: number) => `/mnt/${p.hostPath!.prefix}/${k}`,
                name: p.hostPath.named ? (k: number) => `${p.hostPath!.prefix}-${k}` : undefined,
                type: p.hostPath.type as '' | undefined,
              }
            : undefined,
        preMadeVolumes:
          i === 0 && p.hostPath && p.nfs
            ? {
                count: (p.replicas ?? 1) + p.hostPath.extra || 1,
                source: (k: number) => ({
                  nfs: { server: 'nfs.example.com', path: `/exports/${p.hostPath!.prefix}/${k}` },
                }),
              }
            : undefined,
      })),
      extraPorts: (p.extraPorts ?? [])
        .filter((x, i, all) => x.port !== p.port && all.findIndex((y) => y.port === x.port) === i)
        .map((x, i) => ({ ...x, name: `extra-${i}` })),
      placement: { spread: p.spread },
      serviceAccount: p.serviceAccount ? {} : undefined,
      networkPolicy: p.networkPolicy && { allowFrom: p.networkPolicy },
      externalService: p.externalService,
      labels: Object.fromEntries(Object.entries(p.labels ?? {}).filter(([k]) => !k.startsWith('app.kubernetes.io'))),
      securityContext: { user: p.user, readOnlyRootFilesystem: p.readOnlyRootFilesystem },
      resources: { cpu: p.cpu, memory: p.memory },
      probes: { readiness: p.readiness, liveness: p.liveness },
      disruptionBudget: { enabled: p.pdb, maxUnavailable: p.maxUnavailable },
    };
    return { props, namespace: p.namespace };
  });

test('valid props always synthesize manifests that pass the strict validation', () => {
  let objects = 0;
  fc.assert(
    fc.property(validArb, ({ props, namespace }) => {
      const chart = new Chart(Testing.app(), 'c', { namespace });
      new StatefulService(chart, 's', props);
      const manifests = Testing.synth(chart); // also validated by test/setup
      const problems = validate(manifests.map((object, index) => ({ file: 'generated', index, object })));
      if (problems.length > 0) throw new Error(problems.map(formatProblem).join('\n'));
      objects += manifests.length;
      expect(manifests.filter((m) => m.kind === 'StatefulSet')).toHaveLength(1);
    }),
    { numRuns: VALID_RUNS },
  );
  expect(objects).toBeGreaterThanOrEqual(VALID_RUNS * 2);
});

/** Ways to break props; `prop` is the name the error must quote. */
const corruptions: Array<{ prop: string; arb: fc.Arbitrary<(p: StatefulServiceProps) => StatefulServiceProps> }> = [
  {
    prop: 'name',
    arb: fc.constantFrom('RG', 'rg_1', 'a'.repeat(53), '', '-rg', 'rg.0').map((v) => (p) => ({ ...p, name: v })),
  },
  {
    prop: 'serviceName',
    arb: fc.constantFrom('1svc', 'Svc', 'svc.x', 'svc-').map((v) => (p) => ({ ...p, serviceName: v })),
  },
  {
    prop: 'image',
    arb: fc.constantFrom('', 'a b:1', 'Upper/Case:1', 'repo:ta g').map((v) => (p) => ({ ...p, image: v })),
  },
  {
    prop: 'replicas',
    arb: fc
      .oneof(fc.integer({ min: -1000, max: -1 }), fc.double({ min: 0.1, max: 9.9, noInteger: true }))
      .map((v) => (p) => ({ ...p, replicas: v })),
  },
  {
    prop: 'port',
    arb: fc
      .oneof(fc.integer({ min: -5, max: 0 }), fc.integer({ min: 65536, max: 10 ** 6 }))
      .map((v) => (p) => ({ ...p, port: v })),
  },
  {
    prop: 'storage.size',
    arb: fc
      .constantFrom('10MB', 'abc', '-1Gi', '0', '', '1.2.3Gi')
      .map((v) => (p) => ({ ...p, storage: { ...p.storage, size: v } })),
  },
  {
    prop: 'storage.mountPath',
    arb: fc
      .constantFrom('opt/logs', '', '/', '/a/../b', 'C:\\logs')
      .map((v) => (p) => ({ ...p, storage: { ...p.storage, mountPath: v } })),
  },
  {
    prop: 'storage.accessModes',
    arb: fc
      .constantFrom(['Bogus'], [], ['ReadWriteOncePod', 'ReadWriteOnce'])
      .map((v) => (p) => ({ ...p, storage: { ...p.storage, accessModes: v as any } })),
  },
  {
    prop: 'env',
    arb: fc.constantFrom('1X', 'A B', 'A=B', '').map((v) => (p) => ({ ...p, env: { ...p.env, [v]: 'x' } })),
  },
  {
    prop: 'labels',
    arb: fc
      .constantFrom(['team', 'a b'], ['-x', 'y'], ['app.kubernetes.io/name', 'x'])
      .map(([k, v]) => (p) => ({ ...p, labels: { ...p.labels, [k]: v } })),
  },
  {
    prop: 'externalService.nodePort',
    arb: fc
      .integer({ min: 1, max: 29999 })
      .map((v) => (p) => ({ ...p, externalService: { type: 'NodePort', nodePort: v } })),
  },
  {
    prop: 'resources.memory.request',
    arb: fc
      .integer({ min: 2, max: 64 })
      .map((v) => (p) => ({ ...p, resources: { memory: { request: `${v}Gi`, limit: '1Gi' } } })),
  },
  {
    prop: 'securityContext.user',
    arb: fc.integer({ min: -1000, max: -1 }).map((v) => (p) => ({ ...p, securityContext: { user: v } })),
  },
  {
    prop: 'probes.readiness.periodSeconds',
    arb: fc.integer({ min: -10, max: 0 }).map((v) => (p) => ({ ...p, probes: { readiness: { periodSeconds: v } } })),
  },
  {
    prop: 'disruptionBudget.maxUnavailable',
    arb: fc
      .constantFrom(0, -1, '0%', '101%', 'half')
      .map((v) => (p) => ({ ...p, disruptionBudget: { maxUnavailable: v } })),
  },
];

test('props broken in one or more places are rejected, naming each broken prop', () => {
  const breaks = fc
    .uniqueArray(fc.integer({ min: 0, max: corruptions.length - 1 }), { minLength: 1, maxLength: 3 })
    .chain((indices) => fc.tuple(fc.constant(indices), fc.tuple(...indices.map((i) => corruptions[i].arb))));
  fc.assert(
    fc.property(validArb, breaks, ({ props }, [indices, fns]) => {
      const broken = fns.reduce((p, f) => f(p), props);
      let error: unknown;
      try {
        new StatefulService(Testing.chart(), 's', broken);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(StatefulServiceError);
      const text = (error as StatefulServiceError).problems.join('\n');
      for (const i of indices) {
        const prop = corruptions[i].prop;
        expect(text).toContain(`'${prop}`);
      }
    }),
    { numRuns: INVALID_RUNS },
  );
});
