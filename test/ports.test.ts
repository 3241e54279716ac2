// Service ports as their own thing (name, port, target port by name or number, protocol,
// appProtocol, nodePort), and probes on port numbers (issue 23).
import { Duration } from 'cdk8s';
import {
  ExternalAccess,
  LifecycleHandler,
  NetworkAccess,
  PodVolume,
  PolicyRule,
  Probe,
  ProbePort,
  Protocol,
  StatefulServiceProps,
  SessionAffinity,
  TargetPort,
} from '../src';
import { baseProps, find, problemsOf, synthService, withContainer } from './helpers';

const TWO_PORTS = {
  image: 'example/db:1.2.3',
  ports: [
    { name: 'client', number: 4222 },
    { name: 'monitor', number: 8222 },
  ],
};
const services = (props: StatefulServiceProps) => synthService(props).manifests;

describe('Service ports', () => {
  test('GIVEN no ports WHEN synthesized THEN every Service has every main container port, by name and number', () => {
    const m = services(baseProps({ container: TWO_PORTS }));
    for (const name of ['db', 'db-client']) {
      expect(find(m, 'Service', name).spec.ports).toEqual([
        { name: 'client', port: 4222, targetPort: 4222, protocol: 'TCP' },
        { name: 'monitor', port: 8222, targetPort: 8222, protocol: 'TCP' },
      ]);
    }
  });

  test('a port the main container does not declare (a sidecar, the metrics of an exporter), by number or by name', () => {
    const m = services(
      baseProps({
        container: TWO_PORTS,
        headlessService: {
          ports: [
            { name: 'client' },
            { name: 'gateways', port: 7522 },
            { name: 'metrics', port: 7777, targetPort: TargetPort.named('metrics') },
          ],
        },
        externalAccess: ExternalAccess.clusterIp({
          ports: [{ name: 'http', port: 80, targetPort: TargetPort.named('monitor'), appProtocol: 'http' }],
        }),
      }),
    );
    expect(find(m, 'Service', 'db').spec.ports).toEqual([
      { name: 'client', port: 4222, targetPort: 4222, protocol: 'TCP' },
      { name: 'gateways', port: 7522, targetPort: 7522, protocol: 'TCP' },
      { name: 'metrics', port: 7777, targetPort: 'metrics', protocol: 'TCP' },
    ]);
    expect(find(m, 'Service', 'db-client').spec.ports).toEqual([
      { name: 'http', port: 80, targetPort: 'monitor', protocol: 'TCP', appProtocol: 'http' },
    ]);
  });

  test('one unnamed port, a target port by number, UDP, a node port', () => {
    const m = services(
      baseProps({
        externalAccess: ExternalAccess.nodePort({
          ports: [{ port: 53, targetPort: TargetPort.number(5353), protocol: Protocol.UDP, nodePort: 30053 }],
        }),
        acknowledgements: [{ rule: PolicyRule.NODE_PORT, reason: 'test' }],
      }),
    );
    expect(find(m, 'Service', 'db-np').spec.ports).toEqual([
      { port: 53, targetPort: 5353, protocol: 'UDP', nodePort: 30053 },
    ]);
  });

  test.each<[string, StatefulServiceProps, string[]]>([
    [
      'two ports, one without a name',
      baseProps({ externalAccess: ExternalAccess.clusterIp({ ports: [{ name: 'http' }, { port: 9000 }] }) }),
      [`'externalAccess.ports[1].name' is required when the Service has more than one port`],
    ],
    [
      'a target port outside the container without a port',
      baseProps({ headlessService: { ports: [{ targetPort: TargetPort.number(9000) }] } }),
      [`'headlessService.ports[0].port' is required: 'targetPort' 9000 is no port of the main container`],
    ],
    [
      'neither a name nor a port',
      baseProps({ extraServices: [ExternalAccess.clusterIp({ name: 'x', ports: [{ protocol: Protocol.TCP }] })] }),
      [
        `'extraServices[0].ports[0]' must name a port of the main container with 'name', or give 'port' (and 'targetPort'), got {"protocol":"TCP"}`,
      ],
    ],
    [
      'a name that is no container port, without a port',
      baseProps({ externalAccess: ExternalAccess.clusterIp({ ports: [{ name: 'admin' }] }) }),
      [`'externalAccess.ports[0].name' must name a port of the main container ("http"), got "admin"`],
    ],
    [
      'a target port name that is no port name',
      baseProps({
        externalAccess: ExternalAccess.clusterIp({ ports: [{ port: 80, targetPort: TargetPort.named('8080') }] }),
      }),
      [
        `'externalAccess.ports[0].targetPort' must be a port name (an IANA service name: at most 15 lowercase letters, digits and '-', with at least one letter, no "--"), got "8080"`,
      ],
    ],
    [
      'a node port on the headless Service',
      baseProps({ headlessService: { ports: [{ name: 'http', nodePort: 30001 }] } }),
      [`'headlessService.ports[0].nodePort' is not for the headless Service, which has no node ports`],
    ],
    [
      'a bad appProtocol',
      baseProps({ externalAccess: ExternalAccess.clusterIp({ ports: [{ name: 'http', appProtocol: 'not valid' }] }) }),
      [
        `'externalAccess.ports[0].appProtocol' must be a qualified name such as "http" or "kubernetes.io/h2c", got "not valid"`,
      ],
    ],
    [
      'one node port in two Services: the message names both props',
      baseProps({
        externalAccess: ExternalAccess.nodePort({ ports: [{ name: 'http', nodePort: 30080 }] }),
        extraServices: [ExternalAccess.nodePort({ name: 'db-2', ports: [{ name: 'http', nodePort: 30080 }] })],
        acknowledgements: [{ rule: PolicyRule.NODE_PORT, reason: 'test' }],
      }),
      [
        `'extraServices[0].ports[0].nodePort' must differ from 'externalAccess.ports[0].nodePort' (a node port is the cluster's, for one Service port), got 30080`,
      ],
    ],
  ])('%s is refused', (_name, props, expected) => {
    expect(problemsOf(props)).toEqual(expected);
  });
});

describe('probe and hook ports', () => {
  test('a probe on a port number, as many upstream manifests write it, and a hook on a port by name', () => {
    const { manifests } = synthService(
      withContainer({
        readinessProbe: Probe.httpGet('/', { port: ProbePort.number(8222) }),
        livenessProbe: Probe.tcpSocket({ port: ProbePort.named('http') }),
        lifecycle: { preStop: LifecycleHandler.httpGet('/stop', { port: ProbePort.number(9000) }) },
      }),
    );
    const c = find(manifests, 'StatefulSet').spec.template.spec.containers[0];
    expect(c.readinessProbe.httpGet).toEqual({ path: '/', port: 8222 });
    expect(c.livenessProbe.tcpSocket).toEqual({ port: 'http' });
    expect(c.lifecycle.preStop.httpGet).toEqual({ path: '/stop', port: 9000 });
  });

  test.each<[string, StatefulServiceProps, string]>([
    [
      'port 0',
      withContainer({ readinessProbe: Probe.tcpSocket({ port: ProbePort.number(0) }) }),
      `'container.readinessProbe.port' must be an integer from 1 to 65535, got 0`,
    ],
    [
      'a string where a ProbePort belongs',
      withContainer({ readinessProbe: Probe.tcpSocket({ port: '8222' as any }) }),
      `'container.readinessProbe.port' must be made with ProbePort.number(...) or ProbePort.named(...), got "8222"`,
    ],
  ])('%s is refused', (_name, props, expected) => {
    expect(problemsOf(props)).toEqual([expected]);
  });
});

describe('a StatefulSet without claim templates', () => {
  test('storage: [] makes no claim templates and no retention policy; pod volumes still mount', () => {
    const { manifests } = synthService(
      baseProps({
        storage: [],
        volumes: [PodVolume.emptyDir('pid')],
        container: { ...TWO_PORTS, volumeMounts: [{ volume: 'pid', mountPath: '/var/run/nats' }] },
      }),
    );
    const sts = find(manifests, 'StatefulSet');
    expect(sts.spec.volumeClaimTemplates).toBeUndefined();
    expect(sts.spec.persistentVolumeClaimRetentionPolicy).toBeUndefined();
    expect(sts.spec.template.spec.volumes.map((v: any) => v.name)).toEqual(['tmp', 'pid']);
    expect(manifests.filter((m) => m.kind === 'PersistentVolume')).toEqual([]);
  });
});

describe('session affinity', () => {
  test('ClientIP with a timeout, on the client Service', () => {
    const m = services(
      baseProps({
        externalAccess: ExternalAccess.clusterIp({
          sessionAffinity: SessionAffinity.CLIENT_IP,
          sessionAffinityTimeout: Duration.hours(1),
        }),
      }),
    );
    const spec = find(m, 'Service', 'db-client').spec;
    expect([spec.sessionAffinity, spec.sessionAffinityConfig]).toEqual([
      'ClientIP',
      { clientIP: { timeoutSeconds: 3600 } },
    ]);
  });

  test('a timeout without ClientIP is refused', () => {
    expect(
      problemsOf(
        baseProps({ externalAccess: ExternalAccess.clusterIp({ sessionAffinityTimeout: Duration.hours(1) }) }),
      ),
    ).toEqual([`'externalAccess.sessionAffinityTimeout' applies to SessionAffinity.CLIENT_IP only`]);
  });
});

describe('an unnamed container port', () => {
  test('one unnamed port: probes and Services refer to it by number', () => {
    const { manifests, service } = synthService(
      baseProps({ container: { image: 'example/db:1.2.3', ports: [{ number: 9000 }] } }),
    );
    const c = find(manifests, 'StatefulSet').spec.template.spec.containers[0];
    expect([c.ports, c.readinessProbe.tcpSocket]).toEqual([[{ containerPort: 9000, protocol: 'TCP' }], { port: 9000 }]);
    expect(find(manifests, 'Service', 'db-client').spec.ports).toEqual([
      { port: 9000, targetPort: 9000, protocol: 'TCP' },
    ]);
    expect(() => service.srvRecordName()).toThrow(/has no name, so no SRV record/);
  });

  test('two ports, one unnamed, is refused: the Services name their ports after them', () => {
    expect(
      problemsOf(
        baseProps({
          container: { image: 'example/db:1.2.3', ports: [{ name: 'http', number: 80 }, { number: 9000 }] },
        }),
      ),
    ).toEqual([
      `'container.ports[1].name' is required when the main container has more than one port (the Services name their ports after them)`,
    ]);
  });
});

test("the NetworkPolicy opens the ports the Services send to, besides the main container's", () => {
  const m = services(
    baseProps({
      container: TWO_PORTS,
      headlessService: { ports: [{ name: 'client' }, { name: 'gateways', port: 7522 }] },
      externalAccess: ExternalAccess.clusterIp({
        ports: [{ name: 'metrics', port: 9090, targetPort: TargetPort.named('metrics') }],
      }),
      networkAccess: NetworkAccess.everywhere(),
    }),
  );
  expect(find(m, 'NetworkPolicy').spec.ingress[0].ports).toEqual([
    { port: 4222, protocol: 'TCP' },
    { port: 8222, protocol: 'TCP' },
    { port: 7522, protocol: 'TCP' },
    { port: 'metrics', protocol: 'TCP' },
  ]);
});
