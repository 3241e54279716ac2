import {
  Acknowledgement,
  Capability,
  ContainerSecurityProps,
  DisruptionBudget,
  ExternalAccess,
  PersistentVolumeSource,
  PodSecurity,
  PolicyRule,
  Probe,
  StatefulServiceProps,
  Storage,
} from '../src';
import { lint } from '../src/cli/validate';
import {
  BASE_CONTAINER,
  BASE_STORAGE,
  baseProps,
  find,
  Manifest,
  ofKind,
  problemsOf,
  synthService,
  withContainer,
} from './helpers';

const key = (rule: PolicyRule) => `acknowledged.lint.stateful-service/${rule}`;
const ack = (rule: PolicyRule, reason = `why ${rule} is fine here`): Acknowledgement => ({ rule, reason });
/** [rule, reason] of every finding of the independent policy check, acknowledged or not. */
const findings = (manifests: Manifest[]) =>
  lint(manifests.map((object, index) => ({ file: 'test', index, object }))).map((f) => [f.rule.id, f.acknowledged]);
const explicitChoice = (choice: string, rule: keyof typeof PolicyRule) =>
  `${choice}: that breaks the policy rule PolicyRule.${rule} (${JSON.stringify(PolicyRule[rule])}); make it an explicit choice with an entry { rule: PolicyRule.${rule}, reason: '...' } in 'acknowledgements'`;

// ClusterIP: a NodePort is a finding of its own, not what most tests here are about.
const clusterIp = (props: Partial<StatefulServiceProps> = {}) =>
  baseProps({ externalAccess: ExternalAccess.clusterIp(), ...props });

describe('an acknowledgement is a PolicyRule with a reason', () => {
  test.each<[string, unknown, string]>([
    [
      'an empty reason',
      { rule: PolicyRule.NODE_PORT, reason: '' },
      `'acknowledgements[0].reason' must say why the finding is acceptable (a non-empty string), got ""`,
    ],
    [
      'a blank reason',
      { rule: PolicyRule.NODE_PORT, reason: ' \n' },
      `'acknowledgements[0].reason' must say why the finding is acceptable (a non-empty string), got " \\n"`,
    ],
    [
      'no reason',
      { rule: PolicyRule.NODE_PORT },
      `'acknowledgements[0].reason' must say why the finding is acceptable (a non-empty string), got undefined`,
    ],
    [
      'a reason that is not a string',
      { rule: PolicyRule.NODE_PORT, reason: true },
      `'acknowledgements[0].reason' must say why the finding is acceptable (a non-empty string), got true`,
    ],
    ['not an object', 'node-port', `'acknowledgements[0]' must be an object, got "node-port"`],
  ])('%s is refused', (_title, entry, message) => {
    expect(problemsOf(baseProps({ acknowledgements: [entry as Acknowledgement] }))[0]).toBe(message);
  });

  test('a rule acknowledged twice is refused, naming the second entry', () => {
    const twice = [ack(PolicyRule.NODE_PORT, 'a'), ack(PolicyRule.NODE_PORT, 'b')];
    const nodePort = ExternalAccess.nodePort();
    expect(problemsOf(baseProps({ externalAccess: nodePort, acknowledgements: twice }))).toEqual([
      `'acknowledgements[1].rule' acknowledges PolicyRule.NODE_PORT a second time; give one reason per rule`,
    ]);
  });

  test.each<[string, StatefulServiceProps, string]>([
    [
      'host-path without hostPath volumes',
      baseProps({ acknowledgements: [ack(PolicyRule.HOST_PATH)] }),
      `'acknowledgements[0].rule' acknowledges PolicyRule.HOST_PATH, a finding this service does not have (it makes no hostPath PersistentVolumes)`,
    ],
    [
      'host-path with pre-made volumes of another source',
      baseProps({
        storage: [
          Storage.preMade({
            ...BASE_STORAGE,
            source: PersistentVolumeSource.nfs({ server: 'nfs', path: '/x/{ordinal}' }),
          }),
        ],
        acknowledgements: [ack(PolicyRule.HOST_PATH)],
      }),
      `'acknowledgements[0].rule' acknowledges PolicyRule.HOST_PATH, a finding this service does not have (it makes no hostPath PersistentVolumes)`,
    ],
    [
      'node-port without a NodePort Service',
      clusterIp({ acknowledgements: [ack(PolicyRule.NODE_PORT)] }),
      `'acknowledgements[0].rule' acknowledges PolicyRule.NODE_PORT, a finding this service does not have (it makes no NodePort Service)`,
    ],
    [
      'run-as-root with the restricted profile',
      baseProps({ acknowledgements: [ack(PolicyRule.RUN_AS_ROOT)] }),
      `'acknowledgements[0].rule' acknowledges PolicyRule.RUN_AS_ROOT, a finding this service does not have (every container runs as a non-root user)`,
    ],
    [
      'image-tag with every image pinned',
      baseProps({ acknowledgements: [ack(PolicyRule.IMAGE_TAG)] }),
      `'acknowledgements[0].rule' acknowledges PolicyRule.IMAGE_TAG, a finding this service does not have (every image is pinned)`,
    ],
    [
      'disruption-budget with a budget',
      baseProps({ replicas: 3, acknowledgements: [ack(PolicyRule.DISRUPTION_BUDGET)] }),
      `'acknowledgements[0].rule' acknowledges PolicyRule.DISRUPTION_BUDGET, a finding this service does not have (it has a PodDisruptionBudget, or at most one replica)`,
    ],
    [
      'seccomp, which the pod always has',
      baseProps({ acknowledgements: [ack(PolicyRule.SECCOMP)] }),
      `'acknowledgements[0].rule' acknowledges PolicyRule.SECCOMP, a finding this service does not have (the pod has the RuntimeDefault seccomp profile)`,
    ],
  ])('acknowledging a finding the service cannot have is refused: %s', (_title, props, message) => {
    expect(problemsOf(props)).toEqual([message]);
  });
});

describe('choices that weaken security are refused unless acknowledged', () => {
  const container = (securityContext: ContainerSecurityProps) => ({ ...BASE_CONTAINER, securityContext });
  const cases: Array<[string, Partial<StatefulServiceProps>, Array<[keyof typeof PolicyRule, string]>]> = [
    [
      "the image's user (PodSecurity.imageUser())",
      { security: PodSecurity.imageUser() },
      [
        [
          'RUN_AS_ROOT',
          `'security' is PodSecurity.imageUser(): the containers run as the image's user, which may be root`,
        ],
        [
          'READ_ONLY_ROOT_FILESYSTEM',
          `'security' is PodSecurity.imageUser(), whose containers have a writable root filesystem unless 'container.securityContext.readOnlyRootFilesystem' is true`,
        ],
        ['PRIVILEGE', `'container.securityContext' keeps Linux capabilities (no Capability.ALL in 'capabilitiesDrop')`],
      ],
    ],
    [
      "the image's user, keeping the other restrictions",
      {
        security: PodSecurity.imageUser(),
        container: container({ readOnlyRootFilesystem: true, capabilitiesDrop: [Capability.ALL] }),
      },
      [
        [
          'RUN_AS_ROOT',
          `'security' is PodSecurity.imageUser(): the containers run as the image's user, which may be root`,
        ],
      ],
    ],
    [
      'a writable root filesystem',
      { container: container({ readOnlyRootFilesystem: false }) },
      [['READ_ONLY_ROOT_FILESYSTEM', `'container.securityContext.readOnlyRootFilesystem' is false`]],
    ],
    [
      'an added capability beyond NET_BIND_SERVICE',
      { container: container({ capabilitiesAdd: [Capability.NET_BIND_SERVICE, Capability.NET_ADMIN] }) },
      [['PRIVILEGE', `'container.securityContext.capabilitiesAdd' adds "NET_ADMIN"`]],
    ],
    [
      'capabilities dropped, but not ALL',
      { container: container({ capabilitiesDrop: [Capability.NET_RAW] }) },
      [['PRIVILEGE', `'container.securityContext' keeps Linux capabilities (no Capability.ALL in 'capabilitiesDrop')`]],
    ],
    [
      'an added capability in a sidecar',
      {
        sidecars: [
          {
            name: 'proxy',
            image: 'example/proxy:1.0',
            securityContext: { capabilitiesAdd: [Capability.NET_ADMIN] },
            // sidecars get no default probes, and the policy check wants them
            readinessProbe: Probe.exec(['true']),
            livenessProbe: Probe.exec(['true']),
          },
        ],
      },
      [['PRIVILEGE', `'sidecars[0].securityContext.capabilitiesAdd' adds "NET_ADMIN"`]],
    ],
    [
      'a mounted service account token',
      { automountServiceAccountToken: true },
      [
        [
          'SERVICE_ACCOUNT_TOKEN',
          `'automountServiceAccountToken' is true: the pods can call the Kubernetes API with their token`,
        ],
      ],
    ],
  ];

  test.each(cases)('%s: refused without the acknowledgements', (_title, overrides, needed) => {
    expect(problemsOf(clusterIp(overrides))).toEqual(needed.map(([rule, choice]) => explicitChoice(choice, rule)));
  });

  test.each(cases)(
    '%s: accepted with them, each an annotation on the StatefulSet, each an acknowledged finding',
    (_title, overrides, needed) => {
      const acknowledgements = needed.map(([rule]) => ack(PolicyRule[rule]));
      const { manifests } = synthService(clusterIp({ ...overrides, acknowledgements }));
      expect(find(manifests, 'StatefulSet').metadata.annotations).toEqual(
        Object.fromEntries(acknowledgements.map((a) => [key(a.rule), a.reason])),
      );
      const sorted = (pairs: unknown[][]) => pairs.map((p) => p.join(': ')).sort();
      expect(sorted(findings(manifests))).toEqual(sorted(acknowledgements.map((a) => [a.rule, a.reason])));
    },
  );

  test('NET_BIND_SERVICE alone needs no acknowledgement (the restricted profile allows it)', () => {
    const props = withContainer(
      { securityContext: { capabilitiesAdd: [Capability.NET_BIND_SERVICE] } },
      { externalAccess: ExternalAccess.clusterIp() },
    );
    expect(problemsOf(props)).toEqual([]);
    expect(findings(synthService(props).manifests)).toEqual([]);
  });

  test('Capability.ALL may not be added at all', () => {
    expect(problemsOf(withContainer({ securityContext: { capabilitiesAdd: [Capability.ALL] } }))).toContain(
      `'container.securityContext.capabilitiesAdd' must not add Capability.ALL`,
    );
  });
});

describe('acknowledgements go on the objects the findings are about', () => {
  // GIVEN hostPath volumes and pre-made NFS volumes, a NodePort, a ClusterIP and a LoadBalancer Service
  const { manifests } = synthService(
    baseProps({
      externalAccess: ExternalAccess.nodePort(),
      container: { ...BASE_CONTAINER, image: 'example/db:latest' },
      replicas: 1,
      storage: [
        Storage.hostPath({ ...BASE_STORAGE, path: '/mnt/db/{ordinal}' }),
        Storage.preMade({
          name: 'wal',
          ...BASE_STORAGE,
          mountPath: '/wal',
          source: PersistentVolumeSource.nfs({ server: 'nfs', path: '/wal/{ordinal}' }),
        }),
      ],
      extraServices: [
        ExternalAccess.nodePort({ name: 'db-admin' }),
        ExternalAccess.clusterIp({ name: 'db-read' }),
        ExternalAccess.loadBalancer({ name: 'db-public' }),
      ],
      acknowledgements: [
        ack(PolicyRule.HOST_PATH, 'single node'),
        ack(PolicyRule.NODE_PORT, 'demo'),
        ack(PolicyRule.IMAGE_TAG, 'a rolling tag on purpose'),
      ],
    }),
  );
  const annotationsOf = (kind: string, name: string) => find(manifests, kind, name).metadata.annotations;

  test('host-path on the hostPath PersistentVolumes only', () => {
    expect(annotationsOf('PersistentVolume', 'data-db-0')).toEqual({ [key(PolicyRule.HOST_PATH)]: 'single node' });
    expect(annotationsOf('PersistentVolume', 'wal-db-0')).toBeUndefined();
  });

  test('node-port on every NodePort Service, and no other Service', () => {
    expect(annotationsOf('Service', 'db-np')).toEqual({ [key(PolicyRule.NODE_PORT)]: 'demo' });
    expect(annotationsOf('Service', 'db-admin')).toEqual({ [key(PolicyRule.NODE_PORT)]: 'demo' });
    for (const name of ['db', 'db-read', 'db-public']) expect(annotationsOf('Service', name)).toBeUndefined();
  });

  test('rules about the pods on the StatefulSet', () => {
    expect(annotationsOf('StatefulSet', 'db')).toEqual({ [key(PolicyRule.IMAGE_TAG)]: 'a rolling tag on purpose' });
    expect(find(manifests, 'StatefulSet').spec.template.metadata.annotations).toBeUndefined();
  });

  test('the independent policy check reads each as acknowledged, with its reason', () => {
    expect(ofKind(manifests, 'Service')).toHaveLength(5);
    expect(findings(manifests).filter(([, reason]) => reason === undefined)).toEqual([]);
    expect(new Set(findings(manifests).map(([rule]) => rule))).toEqual(
      new Set(['host-path', 'node-port', 'image-tag']),
    );
  });
});

test('a finding the service has may be acknowledged: disruption-budget without a budget, replicated', () => {
  // GIVEN three replicas and no PodDisruptionBudget
  const props = baseProps({
    replicas: 3,
    disruptionBudget: DisruptionBudget.none(),
    acknowledgements: [ack(PolicyRule.DISRUPTION_BUDGET, 'drains are scheduled by hand')],
  });
  // THEN the acknowledgement is accepted, and lint reads it
  expect(problemsOf(props)).toEqual([]);
  const { manifests } = synthService(props);
  expect(findings(manifests)).toContainEqual(['disruption-budget', 'drains are scheduled by hand']);
});
