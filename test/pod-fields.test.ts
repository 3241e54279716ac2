// Pod and container fields that vendors' StatefulSet manifests use (issue 23): host ports
// and the host network (acknowledged, like root), a shared process namespace, sysctls, a
// runtime class, service links, subPathExpr.
import { Size } from 'cdk8s';
import {
  DnsPolicy,
  EnvFieldPaths,
  EnvValue,
  PersistentVolumeMode,
  PodVolume,
  PolicyRule,
  Spread,
  StatefulServiceProps,
  Storage,
} from '../src';
import { fromFinding } from '../src/cli/results';
import { lint } from '../src/cli/validate';
import { baseProps, find, openRules, problemsOf, synthService, withContainer } from './helpers';

const HOST_PORT_ACK = { rule: PolicyRule.HOST_PORTS, reason: 'clients connect to the node' };
const podOf = (props: StatefulServiceProps) => {
  const { manifests } = synthService(props);
  return { manifests, sts: find(manifests, 'StatefulSet'), spec: find(manifests, 'StatefulSet').spec.template.spec };
};

describe('host ports and the host network', () => {
  test('a host port, acknowledged: written, the annotation on the StatefulSet, lint reports it acknowledged', () => {
    const { manifests, sts, spec } = podOf(
      withContainer(
        { ports: [{ name: 'client', number: 4222, hostPort: 4222 }] },
        { acknowledgements: [HOST_PORT_ACK] },
      ),
    );
    expect(spec.containers[0].ports).toEqual([
      { name: 'client', containerPort: 4222, protocol: 'TCP', hostPort: 4222 },
    ]);
    expect(sts.metadata.annotations['acknowledged.lint.stateful-service/host-ports']).toBe(
      'clients connect to the node',
    );
    expect(openRules(manifests)).not.toContain('host-ports');
  });

  test('a host port without an acknowledgement is refused', () => {
    expect(problemsOf(withContainer({ ports: [{ name: 'client', number: 4222, hostPort: 4222 }] }))).toEqual([
      `'container.ports' opens host port 4222 on the node's IP (one pod per node can have it): that breaks the policy rule PolicyRule.HOST_PORTS ("host-ports"); make it an explicit choice with an entry { rule: PolicyRule.HOST_PORTS, reason: '...' } in 'acknowledgements'`,
    ]);
  });

  test('the host network, acknowledged, with the DNS policy that keeps cluster names', () => {
    const { spec } = podOf(
      baseProps({
        hostNetwork: true,
        dnsPolicy: DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET,
        acknowledgements: [{ rule: PolicyRule.HOST_NAMESPACES, reason: 'the agent reads the node network' }],
      }),
    );
    expect([spec.hostNetwork, spec.dnsPolicy]).toEqual([true, 'ClusterFirstWithHostNet']);
  });

  test.each<[string, StatefulServiceProps, string]>([
    [
      'the host network without an acknowledgement',
      baseProps({ hostNetwork: true }),
      `'hostNetwork' is true: the pods share the node's network namespace, its addresses and ports: that breaks the policy rule PolicyRule.HOST_NAMESPACES ("host-namespaces"); make it an explicit choice with an entry { rule: PolicyRule.HOST_NAMESPACES, reason: '...' } in 'acknowledgements'`,
    ],
    [
      'a host port other than the container port on the host network',
      withContainer(
        { ports: [{ name: 'http', number: 8080, hostPort: 80 }] },
        {
          hostNetwork: true,
          acknowledgements: [
            { rule: PolicyRule.HOST_NAMESPACES, reason: 'x' },
            { rule: PolicyRule.HOST_PORTS, reason: 'x' },
          ],
        },
      ),
      `'hostNetwork' is true, so the host port of container "db" port 8080 must be 8080 (the container port), got 80`,
    ],
    [
      'a host port out of range',
      withContainer(
        { ports: [{ name: 'http', number: 8080, hostPort: 70000 }] },
        { acknowledgements: [HOST_PORT_ACK] },
      ),
      `'container.ports[0].hostPort' must be an integer from 1 to 65535, got 70000`,
    ],
    [
      'a bad sysctl name',
      baseProps({ sysctls: { 'Net.IPv4 x': '1' } }),
      `'sysctls' must name kernel parameters such as "net.ipv4.ip_local_port_range", got "Net.IPv4 x"`,
    ],
    [
      'a bad runtime class',
      baseProps({ runtimeClassName: 'G_Visor' }),
      `'runtimeClassName' must be a DNS subdomain (lowercase letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit, at most 253 characters), got "G_Visor"`,
    ],
    [
      'subPath and subPathExpr together',
      withContainer(
        { volumeMounts: [{ volume: 'logs', mountPath: '/logs', subPath: 'a', subPathExpr: '$(POD_NAME)' }] },
        { volumes: [PodVolume.emptyDir('logs')] },
      ),
      `'container.volumeMounts[0]' must give 'subPath' or 'subPathExpr', not both`,
    ],
  ])('%s is refused', (_name, props, expected) => {
    expect(problemsOf(props)).toEqual([expected]);
  });
});

test('a shared process namespace, sysctls, a runtime class, no service links, a subPathExpr', () => {
  const { spec } = podOf(
    withContainer(
      {
        env: { POD_NAME: EnvValue.field(EnvFieldPaths.POD_NAME) },
        volumeMounts: [{ volume: 'logs', mountPath: '/logs', subPathExpr: '$(POD_NAME)' }],
      },
      {
        volumes: [PodVolume.emptyDir('logs')],
        shareProcessNamespace: true,
        sysctls: { 'net.ipv4.ip_unprivileged_port_start': '0' },
        runtimeClassName: 'gvisor',
        enableServiceLinks: false,
      },
    ),
  );
  expect({
    shareProcessNamespace: spec.shareProcessNamespace,
    sysctls: spec.securityContext.sysctls,
    runtimeClassName: spec.runtimeClassName,
    enableServiceLinks: spec.enableServiceLinks,
    mount: spec.containers[0].volumeMounts.find((m: any) => m.name === 'logs'),
  }).toEqual({
    shareProcessNamespace: true,
    sysctls: [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }],
    runtimeClassName: 'gvisor',
    enableServiceLinks: false,
    mount: { name: 'logs', mountPath: '/logs', subPathExpr: '$(POD_NAME)' },
  });
});

test('Block mode on a hostPath volume is refused at synth: the kubelet cannot map a directory as a device', () => {
  expect(
    problemsOf(
      baseProps({
        storage: [
          Storage.hostPath({
            size: Size.mebibytes(10),
            mountPath: '/dev/xvda',
            path: '/tmp/disk-{ordinal}',
            volumeMode: PersistentVolumeMode.BLOCK,
          }),
        ],
        acknowledgements: [{ rule: PolicyRule.HOST_PATH, reason: 'test' }],
      }),
    ),
  ).toEqual([
    `'storage[0].volumeMode' must not be PersistentVolumeMode.BLOCK for Storage.hostPath(...): a hostPath volume is a directory of the node, which the kubelet cannot hand over as a block device (the pods would stay in ContainerCreating); use Storage.preMade(...) with PersistentVolumeSource.local(...) or .csi(...), or Storage.dynamic(...) with a class that provisions block devices`,
  ]);
});

test("topology spread with matchLabelKeys (each revision of a rolling update spread on its own), not the selector's keys", () => {
  const { spec } = podOf(
    baseProps({
      placement: {
        spread: Spread.custom([
          { topologyKey: 'kubernetes.io/hostname', matchLabelKeys: ['controller-revision-hash'] },
        ]),
      },
    }),
  );
  expect(spec.topologySpreadConstraints[0].matchLabelKeys).toEqual(['controller-revision-hash']);
  expect(
    problemsOf(
      baseProps({
        placement: {
          spread: Spread.custom([
            { topologyKey: 'kubernetes.io/hostname', matchLabelKeys: ['app.kubernetes.io/name'] },
          ]),
        },
      }),
    ),
  ).toEqual([
    `'placement.spread constraint 0 matchLabelKeys[0]' must not be a selector label key (the construct selects by it), got "app.kubernetes.io/name"`,
  ]);
});

describe('a port below 1024 for a non-root container: a lint warning, silenced by an acknowledgement', () => {
  const port80 = (acks: StatefulServiceProps['acknowledgements'] = undefined) =>
    podOf(withContainer({ ports: [{ name: 'http', number: 80 }] }, { acknowledgements: acks })).manifests;
  const findingsOf = (manifests: any[]) =>
    lint(manifests.map((object, index) => ({ file: 'chart', index, object }))).filter(
      (f) => f.rule.id === 'privileged-port',
    );

  test('lint finds it, as a warning (the plugin lists it without failing the synth)', () => {
    const [f] = findingsOf(port80());
    expect([f.path, f.message, f.acknowledged]).toEqual([
      'spec.template.spec.containers[0].ports[0].containerPort',
      'container "db" runs as a non-root user on port 80, below 1024',
      undefined,
    ]);
    expect(fromFinding(f).severity).toBe('warning');
  });

  test('PolicyRule.PRIVILEGED_PORT acknowledges it', () => {
    const [f] = findingsOf(port80([{ rule: PolicyRule.PRIVILEGED_PORT, reason: 'containerd 2 lowers the sysctl' }]));
    expect(f.acknowledged).toBe('containerd 2 lowers the sysctl');
  });

  test('not found for port 1024, nor with the sysctl that frees the low ports', () => {
    expect(findingsOf(podOf(withContainer({ ports: [{ name: 'http', number: 1024 }] })).manifests)).toEqual([]);
    expect(
      findingsOf(
        podOf(
          withContainer(
            { ports: [{ name: 'http', number: 80 }] },
            { sysctls: { 'net.ipv4.ip_unprivileged_port_start': '0' } },
          ),
        ).manifests,
      ),
    ).toEqual([]);
  });
});
