import { Chart, Duration, Size, SizeRoundingBehavior } from 'cdk8s';
import * as api from '../../src';
import * as fc from 'fast-check';
import {
  DisruptionBudget,
  EnvValue,
  ExternalAccess,
  NetworkAccess,
  PersistentVolumeSource,
  PodSecurity,
  PodServiceAccount,
  PolicyRule,
  Probe,
  Spread,
  StatefulService,
  StatefulServiceProps,
  Storage,
} from '../../src';
import { formatProblem, isError, validate } from '../../src/cli/validate';
import { testApp } from '../helpers';

// Property-based: generated props, in combination. Valid props must make objects that
// pass the strict validation; props made invalid in one or more places must be refused
// with a problem naming each of those props.
//
// Generators produce a plain description (`Spec`) that `build` turns into props, so that
// corruptions compose. Every generated value is checked against the definitions below,
// written here from the Kubernetes rules and the construct's documented contract, not
// taken from src/: a "valid" generator that yields an invalid value, or an "invalid" one
// that yields a valid value, fails the test instead of weakening it.

const VALID_RUNS = 300;
const INVALID_RUNS = 300;

// --- Independent definitions ---------------------------------------------------------

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const isIn = (set: string) => (c: string) => set.includes(c);
const alnum = isIn(LOWER + DIGITS);

/** RFC 1123 label: lowercase alphanumerics and '-', alphanumeric at both ends. */
function isDnsLabel(s: unknown, max = 63): boolean {
  if (typeof s !== 'string' || s.length < 1 || s.length > max) return false;
  return [...s].every((c) => alnum(c) || c === '-') && alnum(s[0]) && alnum(s[s.length - 1]);
}

/** RFC 1035 label (Service names): a DNS label that starts with a letter. */
const isServiceName = (s: unknown): boolean => isDnsLabel(s) && LOWER.includes((s as string)[0]);

/** Label values: empty, or up to 63 of [A-Za-z0-9-_.] with alphanumeric ends. */
function isLabelValue(s: unknown): boolean {
  if (typeof s !== 'string') return false;
  if (s === '') return true;
  const an = isIn(LOWER + LOWER.toUpperCase() + DIGITS);
  return s.length <= 63 && [...s].every((c) => an(c) || '-_.'.includes(c)) && an(s[0]) && an(s[s.length - 1]);
}

/** Label keys: an optional DNS subdomain prefix and '/', then a name like a label value (not empty). */
function isLabelKey(s: unknown): boolean {
  if (typeof s !== 'string') return false;
  const parts = s.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1];
  const prefixOk = parts.length === 1 || (parts[0].length <= 253 && parts[0].split('.').every((p) => isDnsLabel(p)));
  return prefixOk && name !== '' && isLabelValue(name);
}

/** Environment variable names (Kubernetes 1.27): letters, digits, '_', '-', '.', not starting with a digit. */
function isEnvName(s: unknown): boolean {
  if (typeof s !== 'string' || s === '') return false;
  const ok = isIn(LOWER + LOWER.toUpperCase() + DIGITS + '_-.');
  return [...s].every(ok) && !DIGITS.includes(s[0]);
}

/** The construct's mount paths: absolute, not "/", no empty, '.' or '..' parts, no trailing '/', no ':' or white space. */
function isMountPath(s: unknown): boolean {
  if (typeof s !== 'string' || !s.startsWith('/') || s === '/' || /[\s:]/.test(s)) return false;
  return s
    .slice(1)
    .split('/')
    .every((part) => part !== '' && part !== '.' && part !== '..');
}

const isInt = (n: unknown, min: number, max: number) =>
  typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;

/** A Size is a whole number of bytes, at least one. */
const bytesOf = (s: Size) => s.toKibibytes({ rounding: SizeRoundingBehavior.NONE }) * 1024;
const isWholeBytes = (s: Size) => Number.isInteger(bytesOf(s)) && bytesOf(s) >= 1;

// --- Valid specs ---------------------------------------------------------------------

const label = (max: number) => fc.stringMatching(new RegExp(`^[a-z]([-a-z0-9]{0,${max - 2}}[a-z0-9])?$`));

type StorageKind = 'dynamic' | 'hostPath' | 'nfs';
interface StorageSpec {
  readonly name: string;
  readonly size: Size;
  readonly mountPath: string;
  readonly accessModes: api.PersistentVolumeAccessMode[];
  readonly storageClassName?: string;
  readonly kind: StorageKind;
  readonly extraVolumes: number;
  readonly prefix: string;
  readonly named: boolean;
}
type ProbeSpec = 'default' | 'none' | { path: string; period: Duration; failureThreshold: number };
type BudgetSpec = ['max', number] | ['percent', number] | ['none', 0];

interface Spec {
  readonly name: string;
  readonly serviceName?: string;
  readonly image: string;
  readonly replicas?: number;
  readonly ports: Array<{ name: string; number: number; protocol: api.Protocol }>;
  readonly env: Record<string, string>;
  readonly storage: StorageSpec[];
  readonly spread: 'soft' | 'hard' | 'none';
  readonly serviceAccount: boolean;
  readonly network?: 'everywhere' | string[];
  readonly external?: { type: 'none' | 'ClusterIP' | 'NodePort' | 'LoadBalancer'; nodePort?: number };
  readonly labels: Record<string, string>;
  readonly user: number;
  readonly readOnlyRoot: boolean;
  readonly cpu: { request: number; limit: number };
  readonly memory: { request: Size; limit: Size };
  readonly readiness: ProbeSpec;
  readonly liveness: ProbeSpec;
  readonly budget: BudgetSpec;
  readonly namespace?: string;
}

const sizeArb = fc.oneof(
  fc.integer({ min: 1, max: 4096 }).map((n) => Size.kibibytes(n)),
  fc.integer({ min: 1, max: 900 }).map((n) => Size.mebibytes(n)),
  fc.integer({ min: 1, max: 64 }).map((n) => Size.gibibytes(n)),
);

const storageArb = (i: number): fc.Arbitrary<StorageSpec> =>
  fc.record({
    name: label(12).map((n) => `${n}-${i}`),
    size: sizeArb,
    mountPath: fc.array(label(8), { minLength: 1, maxLength: 3 }).map((parts) => `/v${i}/${parts.join('/')}`),
    accessModes: fc.constantFrom(
      [api.PersistentVolumeAccessMode.READ_WRITE_ONCE],
      [api.PersistentVolumeAccessMode.READ_WRITE_ONCE_POD],
      [api.PersistentVolumeAccessMode.READ_WRITE_MANY],
      [api.PersistentVolumeAccessMode.READ_WRITE_ONCE, api.PersistentVolumeAccessMode.READ_ONLY_MANY],
    ),
    storageClassName: fc.option(fc.oneof(label(12), fc.constant('')), { nil: undefined }),
    // pre-made volumes on the first claim template only
    kind: i === 0 ? fc.constantFrom<StorageKind>('dynamic', 'hostPath', 'nfs') : fc.constant<StorageKind>('dynamic'),
    extraVolumes: fc.integer({ min: 0, max: 3 }),
    prefix: label(8),
    named: fc.boolean(),
  });

/** One or two claim templates (made once: building arbitraries is costly). */
const storageArbs = [storageArb(0), storageArb(1)];

const probeArb: fc.Arbitrary<ProbeSpec> = fc.oneof(
  fc.constantFrom<ProbeSpec>('default', 'none'),
  fc.record({
    path: fc.array(label(6), { maxLength: 3 }).map((p) => `/${p.join('/')}`),
    period: fc.integer({ min: 1, max: 60 }).map((s) => Duration.seconds(s)),
    failureThreshold: fc.integer({ min: 1, max: 30 }),
  }),
);

const validSpecArb: fc.Arbitrary<Spec> = fc
  .record({
    name: label(20),
    serviceName: fc.option(label(20), { nil: undefined }),
    image: fc
      .tuple(label(10), label(10), fc.stringMatching(/^[0-9]{1,2}\.[0-9]{1,2}$/))
      .map(([o, r, t]) => `${o}/${r}:${t}`),
    replicas: fc.option(fc.integer({ min: 0, max: 7 }), { nil: undefined }),
    // distinct numbers: the first is "http" (TCP), the others extra ports
    ports: fc
      .tuple(
        fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.constantFrom(api.Protocol.TCP, api.Protocol.UDP), { minLength: 3, maxLength: 3 }),
      )
      .map(([numbers, protocols]) =>
        numbers.map((number, i) =>
          i === 0
            ? { name: 'http', number, protocol: api.Protocol.TCP }
            : { name: `extra-${i}`, number, protocol: protocols[i] },
        ),
      ),
    env: fc.dictionary(fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,8}$/), fc.string({ maxLength: 12 }), { maxKeys: 4 }),
    storage: fc.oneof(fc.tuple(storageArbs[0]), fc.tuple(storageArbs[0], storageArbs[1])),
    spread: fc.constantFrom<Spec['spread']>('soft', 'hard', 'none'),
    serviceAccount: fc.boolean(),
    network: fc.option(
      fc.oneof(fc.constant<'everywhere'>('everywhere'), fc.array(label(10), { minLength: 1, maxLength: 2 })),
      { nil: undefined },
    ),
    external: fc.option(
      fc.oneof(
        fc.record({ type: fc.constantFrom<'none' | 'ClusterIP'>('none', 'ClusterIP') }),
        fc.record(
          {
            type: fc.constantFrom<'NodePort' | 'LoadBalancer'>('NodePort', 'LoadBalancer'),
            nodePort: fc.integer({ min: 30000, max: 32767 }),
          },
          { requiredKeys: ['type'] },
        ),
      ),
      { nil: undefined },
    ),
    // keys like "abc.io/x" or "team": never the selector labels (app.kubernetes.io/...)
    labels: fc.dictionary(fc.stringMatching(/^([a-z]{1,6}\.io\/)?[a-z][a-z0-9]{0,6}$/), label(10), { maxKeys: 3 }),
    user: fc.integer({ min: 1, max: 65535 }),
    readOnlyRoot: fc.boolean(),
    cpu: fc
      .tuple(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 0, max: 4000 }))
      .map(([request, extra]) => ({ request, limit: request + extra })),
    memory: fc
      .tuple(fc.integer({ min: 16, max: 4096 }), fc.integer({ min: 0, max: 4096 }))
      .map(([request, extra]) => ({ request: Size.mebibytes(request), limit: Size.mebibytes(request + extra) })),
    readiness: probeArb,
    liveness: probeArb,
    budget: fc.oneof(
      fc.integer({ min: 1, max: 5 }).map((n): BudgetSpec => ['max', n]),
      fc.integer({ min: 1, max: 100 }).map((n): BudgetSpec => ['percent', n]),
      fc.constant<BudgetSpec>(['none', 0]),
    ),
    namespace: fc.option(label(12), { nil: undefined }),
  })
  // Pre-bound volumes name their claims' namespace, so the chart must have one.
  .map((s) =>
    s.storage.some((st) => st.kind !== 'dynamic') && s.namespace === undefined ? { ...s, namespace: 'default' } : s,
  ) as fc.Arbitrary<Spec>;

/** The valid spec's values, by the independent definitions (the generators' own check). */
function expectValid(s: Spec): void {
  const serviceName = s.serviceName ?? s.name;
  expect([isDnsLabel(s.name, 52), isServiceName(serviceName), isLabelValue(serviceName)]).toEqual([true, true, true]);
  expect(s.ports.every((p) => isInt(p.number, 1, 65535))).toBe(true);
  expect(Object.keys(s.env).every(isEnvName)).toBe(true);
  expect(s.storage.every((st) => isMountPath(st.mountPath) && isDnsLabel(st.name) && isWholeBytes(st.size))).toBe(true);
  expect(Object.entries(s.labels).every(([k, v]) => isLabelKey(k) && isLabelValue(v))).toBe(true);
  expect(s.storage.every((st) => st.kind === 'dynamic') || s.namespace !== undefined).toBe(true);
}

const probe = (p: ProbeSpec): Probe | undefined =>
  p === 'default'
    ? undefined
    : p === 'none'
      ? Probe.none()
      : Probe.httpGet(p.path, { period: p.period, failureThreshold: p.failureThreshold });

function storageOf(st: StorageSpec, replicas: number | undefined): Storage {
  const claim = {
    name: st.name,
    size: st.size,
    mountPath: st.mountPath,
    accessModes: st.accessModes,
    storageClassName: st.storageClassName,
  };
  const count = Math.max(1, (replicas ?? 1) + st.extraVolumes);
  const volumeName = st.named ? `${st.prefix}-{ordinal}` : undefined;
  switch (st.kind) {
    case 'dynamic':
      return Storage.dynamic(claim);
    case 'hostPath':
      return Storage.hostPath({ ...claim, count, volumeName, path: `/mnt/${st.prefix}/{ordinal}` });
    case 'nfs':
      return Storage.preMade({
        ...claim,
        count,
        volumeName,
        source: PersistentVolumeSource.nfs({ server: 'nfs.example.com', path: `/exports/${st.prefix}/{ordinal}` }),
      });
  }
}

function externalOf(e: Spec['external']): ExternalAccess | undefined {
  if (e === undefined) return undefined;
  const ports = e.nodePort === undefined ? undefined : [{ name: 'http', nodePort: e.nodePort }];
  switch (e.type) {
    case 'none':
      return ExternalAccess.none();
    case 'ClusterIP':
      return ExternalAccess.clusterIp();
    case 'NodePort':
      return ExternalAccess.nodePort({ ports });
    case 'LoadBalancer':
      return ExternalAccess.loadBalancer({ ports });
  }
}

const BUDGETS = {
  max: (n: number) => DisruptionBudget.maxUnavailable(n),
  percent: (n: number) => DisruptionBudget.maxUnavailablePercent(n),
  none: () => DisruptionBudget.none(),
};

function build(s: Spec): StatefulServiceProps {
  return {
    name: s.name,
    serviceName: s.serviceName,
    replicas: s.replicas,
    container: {
      image: s.image,
      ports: s.ports,
      env: Object.fromEntries(Object.entries(s.env).map(([k, v]) => [k, EnvValue.literal(v)])),
      securityContext: { readOnlyRootFilesystem: s.readOnlyRoot },
      resources: {
        cpu: { request: api.Cpu.millis(s.cpu.request), limit: api.Cpu.millis(s.cpu.limit) },
        memory: s.memory,
      },
      readinessProbe: probe(s.readiness),
      livenessProbe: probe(s.liveness),
    },
    storage: s.storage.map((st) => storageOf(st, s.replicas)),
    placement: { spread: { soft: Spread.soft(), hard: Spread.hard(), none: Spread.none() }[s.spread] },
    serviceAccount: s.serviceAccount ? PodServiceAccount.create() : undefined,
    networkAccess:
      s.network === undefined
        ? undefined
        : s.network === 'everywhere'
          ? NetworkAccess.everywhere()
          : NetworkAccess.peers({ namespaces: s.network }),
    externalAccess: externalOf(s.external),
    labels: s.labels,
    security: PodSecurity.restricted({ user: s.user }),
    disruptionBudget: BUDGETS[s.budget[0]](s.budget[1]),
    acknowledgements: s.readOnlyRoot
      ? undefined
      : [{ rule: PolicyRule.READ_ONLY_ROOT_FILESYSTEM, reason: 'generated: the image writes outside /tmp' }],
  };
}

test('valid props always make manifests that pass the strict validation', () => {
  let objects = 0;
  fc.assert(
    fc.property(validSpecArb, (spec) => {
      expectValid(spec);
      const chart = new Chart(testApp(), 'c', { namespace: spec.namespace });
      const service = new StatefulService(chart, 's', build(spec));
      expect(service.node.validate()).toEqual([]);
      const manifests = chart.toJson();
      // Warnings (accepted by the API server, such as a port below 1024 for a non-root
      // process) are the validator's advice, not invalid manifests.
      const problems = validate(manifests.map((object: any, index: number) => ({ file: 'generated', index, object })));
      expect(problems.filter(isError).map(formatProblem)).toEqual([]);
      expect(manifests.filter((m: any) => m.kind === 'StatefulSet')).toHaveLength(1);
      objects += manifests.length;
    }),
    { numRuns: VALID_RUNS },
  );
  expect(objects).toBeGreaterThanOrEqual(VALID_RUNS * 3);
});

// --- Invalid specs -------------------------------------------------------------------

/** A way to break a spec: the prop the problem must name, and the broken specs. */
interface Corruption {
  readonly prop: string;
  readonly arb: fc.Arbitrary<(s: Spec) => Spec>;
}

/** Any string up to `max` characters, or one made of a valid-looking part and a defect. */
const anyString = (max: number) =>
  fc.oneof(
    fc.string({ maxLength: max }),
    fc.tuple(label(10), fc.constantFrom('_', '.', ' ', 'A', '-', '/', '', ':'), label(10)).map((p) => p.join('')),
  );

const withStorage0 = (s: Spec, change: Partial<StorageSpec>): Spec => ({
  ...s,
  storage: [{ ...s.storage[0], ...change }, ...s.storage.slice(1)],
});

const corruptions: Corruption[] = [
  {
    // pre-bound volumes in a chart without a namespace
    prop: 'storage[0]',
    arb: fc
      .constantFrom<StorageKind>('hostPath', 'nfs')
      .map((kind) => (s) => ({ ...withStorage0(s, { kind }), namespace: undefined })),
  },
  {
    prop: 'name',
    arb: fc
      .oneof(anyString(60), fc.constant('a'.repeat(53)))
      .filter((v) => !isDnsLabel(v, 52))
      .map((v) => (s) => ({ ...s, name: v })),
  },
  {
    prop: 'serviceName',
    arb: anyString(70)
      .filter((v) => !isServiceName(v))
      .map((v) => (s) => ({ ...s, serviceName: v })),
  },
  {
    prop: 'container.image',
    arb: fc
      .oneof(
        fc.constant(''),
        label(8).map((v) => `${v} x:1`),
        label(8).map((v) => `Upper/${v}:1`),
        label(8).map((v) => `${v}:ta g`),
      )
      // an image reference never contains white space, an upper-case repository or is empty
      .filter((v) => v === '' || /\s/.test(v) || /[A-Z]/.test(v.split(':')[0]))
      .map((v) => (s) => ({ ...s, image: v })),
  },
  {
    prop: 'replicas',
    arb: fc
      .oneof(fc.integer({ min: -1000, max: -1 }), fc.double({ min: 0.1, max: 9.9, noInteger: true, noNaN: true }))
      .filter((v) => !isInt(v, 0, 2 ** 31 - 1))
      .map((v) => (s) => ({ ...s, replicas: v })),
  },
  {
    prop: 'container.ports[0].number',
    arb: fc
      .oneof(fc.integer({ min: -5, max: 0 }), fc.integer({ min: 65536, max: 10 ** 6 }))
      .filter((v) => !isInt(v, 1, 65535))
      .map((v) => (s) => ({ ...s, ports: [{ ...s.ports[0], number: v }, ...s.ports.slice(1)] })),
  },
  {
    prop: 'storage[0].size',
    arb: fc
      .oneof(
        fc.constant(Size.mebibytes(0)),
        // n KiB plus an odd number of half bytes: never a whole number of bytes
        fc
          .tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1023 }))
          .map(([n, k]) => Size.kibibytes(n + (2 * k + 1) / 2048)),
      )
      .filter((v) => !isWholeBytes(v))
      .map((v) => (s) => withStorage0(s, { size: v })),
  },
  {
    prop: 'storage[0].mountPath',
    arb: fc
      .oneof(
        fc.constantFrom('', '/', 'C:\\logs'),
        fc
          .array(label(6), { minLength: 1, maxLength: 3 })
          .chain((parts) =>
            fc.constantFrom(
              parts.join('/'),
              `/${parts.join('/')}/`,
              `/${parts.join('//')}/x`,
              `/${parts.join('/')}/../x`,
              `/./${parts.join('/')}`,
              `/${parts.join(' ')}`,
              `/${parts.join(':')}`,
            ),
          ),
      )
      .filter((v) => !isMountPath(v))
      .map((v) => (s) => withStorage0(s, { mountPath: v })),
  },
  {
    prop: 'storage[0].accessModes',
    arb: fc
      .constantFrom<string[]>(['Bogus'], [], ['ReadWriteOncePod', 'ReadWriteOnce'], ['ReadWriteOnce', 'readwriteonce'])
      .filter(
        (v) =>
          v.length === 0 ||
          v.some((m) => !Object.values<string>(api.PersistentVolumeAccessMode).includes(m)) ||
          (v.includes('ReadWriteOncePod') && v.length > 1),
      )
      .map((v) => (s) => withStorage0(s, { accessModes: v as api.PersistentVolumeAccessMode[] })),
  },
  {
    prop: 'container.env',
    arb: anyString(12)
      .filter((v) => !isEnvName(v))
      .map((v) => (s) => ({ ...s, env: { ...s.env, [v]: 'x' } })),
  },
  {
    prop: 'labels',
    arb: fc
      .oneof(
        fc.tuple(
          anyString(20).filter((k) => !isLabelKey(k)),
          label(6),
        ),
        fc.tuple(
          label(6),
          anyString(70).filter((v) => !isLabelValue(v)),
        ),
      )
      .map(([k, v]) => (s) => ({ ...s, labels: { ...s.labels, [k]: v } })),
  },
  {
    prop: 'externalAccess.ports[0].nodePort',
    arb: fc
      .oneof(fc.integer({ min: 1, max: 29999 }), fc.integer({ min: 32768, max: 65535 }))
      .filter((v) => !isInt(v, 30000, 32767))
      .map((v) => (s) => ({ ...s, external: { type: 'NodePort', nodePort: v } })),
  },
  {
    prop: 'container.resources.memory.request',
    arb: fc
      .tuple(fc.integer({ min: 2, max: 64 }), fc.integer({ min: 1, max: 1023 }))
      .filter(([request, limit]) => request * 1024 > limit)
      .map(([request, limit]) => (s) => ({
        ...s,
        memory: { request: Size.gibibytes(request), limit: Size.mebibytes(limit) },
      })),
  },
  {
    prop: 'security.user',
    arb: fc
      .integer({ min: -1000, max: 0 })
      .filter((v) => !isInt(v, 1, 2 ** 31 - 1))
      .map((v) => (s) => ({ ...s, user: v })),
  },
  {
    prop: 'container.readinessProbe.period',
    arb: fc
      .oneof(
        fc.constant(0),
        fc.integer({ min: 1, max: 99_999 }).filter((ms) => ms % 1000 !== 0),
      )
      .map((ms) => Duration.millis(ms))
      .filter((d) => !isInt(d.toMilliseconds() / 1000, 1, 2 ** 31 - 1))
      .map((period) => (s) => ({ ...s, readiness: { path: '/healthz', period, failureThreshold: 3 } })),
  },
  {
    prop: 'disruptionBudget',
    arb: fc
      .oneof(
        fc.integer({ min: -5, max: 0 }).map((n): BudgetSpec => ['max', n]),
        fc
          .oneof(fc.integer({ min: -5, max: 0 }), fc.integer({ min: 101, max: 1000 }))
          .map((n): BudgetSpec => ['percent', n]),
      )
      .filter(([kind, n]) => !isInt(n, 1, kind === 'percent' ? 100 : 2 ** 31 - 1))
      .map((budget) => (s) => ({ ...s, budget })),
  },
];

test('props broken in one or more places are refused, with a problem naming each broken prop', () => {
  const breaks = fc
    .uniqueArray(fc.integer({ min: 0, max: corruptions.length - 1 }), { minLength: 1, maxLength: 3 })
    .chain((indices) => fc.tuple(fc.constant(indices), fc.tuple(...indices.map((i) => corruptions[i].arb))));
  const seen = new Set<number>();
  fc.assert(
    fc.property(validSpecArb, breaks, (spec, [indices, fns]) => {
      const broken = fns.reduce((s, f) => f(s), spec);
      const chart = new Chart(testApp(), 'c', { namespace: broken.namespace });
      const problems = new StatefulService(chart, 's', build(broken)).node.validate();
      for (const i of indices) {
        const prop = corruptions[i].prop;
        expect(problems.filter((p) => p.startsWith(`'${prop}`))).not.toEqual([]);
        seen.add(i);
      }
    }),
    { numRuns: INVALID_RUNS },
  );
  // every corruption was tried
  expect(seen.size).toBe(corruptions.length);
});
