import { Duration } from 'cdk8s';
import { ImagePullPolicy } from '../src';
import { KubePodDisruptionBudget } from '../imports/k8s';
import {
  Capability,
  ContainerProps,
  DisruptionBudget,
  ExternalAccess,
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
  openRules,
  problemsOf,
  synthService,
  withContainer,
} from './helpers';

const SELECTOR = { 'app.kubernetes.io/name': 'db', 'app.kubernetes.io/instance': 'db' };
const ack = (rule: string) => `acknowledged.lint.stateful-service/${rule}`;

// ClusterIP: a NodePort is a policy finding of its own, not what these tests are about.
function pod(props: Partial<StatefulServiceProps> = {}, container: Partial<ContainerProps> = {}) {
  const { manifests, service } = synthService(
    baseProps({ externalAccess: ExternalAccess.clusterIp(), ...props, container: { ...BASE_CONTAINER, ...container } }),
  );
  const sts = find(manifests, 'StatefulSet');
  return { manifests, service, sts, spec: sts.spec.template.spec, container: sts.spec.template.spec.containers[0] };
}

/** Every finding, acknowledged or not, as [rule, reason]. */
const findingsOf = (manifests: Manifest[]) =>
  lint(manifests.map((object, index) => ({ file: 'test', index, object }))).map((f) => [f.rule.id, f.acknowledged]);

describe('security defaults meet the Pod Security Standards "restricted" profile', () => {
  const { spec, container, manifests } = pod({ replicas: 3 });

  test('pod: non-root UID/GID 1000, fsGroup, seccomp RuntimeDefault, no service account token', () => {
    expect(spec.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 1000,
      runAsGroup: 1000,
      fsGroup: 1000,
      fsGroupChangePolicy: 'OnRootMismatch',
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(spec.automountServiceAccountToken).toBe(false);
  });

  test('container: no privilege escalation, capabilities drop ALL (a real string), read-only root', () => {
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      runAsUser: 1000,
      runAsGroup: 1000,
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  test('a writable emptyDir at /tmp, size-limited, since the root filesystem is read-only', () => {
    expect(spec.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '100Mi' } }]);
    expect(container.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
  });

  test('the policy check finds nothing', () => {
    expect(findingsOf(manifests)).toEqual([]);
  });
});

describe('resources', () => {
  test('defaults: requests 100m/256Mi, limits 1/512Mi, as strings', () => {
    expect(pod().container.resources).toEqual({
      requests: { cpu: '100m', memory: '256Mi' },
      limits: { cpu: '1', memory: '512Mi' },
    });
  });

  test('three default replicas fit on a default minikube (2 CPUs, 2 GiB) next to its ~750m/~170Mi of system pods', () => {
    // GIVEN the requests the construct writes, read back from the manifest
    const { requests } = pod().container.resources;
    const milliCpu = Number(/^(\d+)m$/.exec(requests.cpu)![1]);
    const mebibytes = Number(/^(\d+)Mi$/.exec(requests.memory)![1]);
    // THEN three pods and the system pods fit into minikube's defaults
    expect(3 * milliCpu + 750).toBeLessThanOrEqual(2000);
    expect(3 * mebibytes + 170).toBeLessThanOrEqual(2048);
  });

  test('each of cpu and memory is defaulted as a whole: a memory limit alone keeps the default CPU', () => {
    const memory = { limit: BASE_STORAGE.size };
    expect(pod({}, { resources: { memory } }).container.resources).toEqual({
      requests: { cpu: '100m' },
      limits: { cpu: '1', memory: '1Gi' },
    });
  });
});

describe('probes', () => {
  test("default: TCP on the first port; startup allows 5 minutes; readiness and liveness at Kubernetes's period", () => {
    const { container } = pod();
    const tcp = { tcpSocket: { port: 'http' }, initialDelaySeconds: 0, timeoutSeconds: 1, successThreshold: 1 };
    expect(container.startupProbe).toEqual({ ...tcp, periodSeconds: 5, failureThreshold: 60 });
    expect(container.readinessProbe).toEqual({ ...tcp, periodSeconds: 10, failureThreshold: 3 });
    expect(container.livenessProbe).toEqual({ ...tcp, periodSeconds: 10, failureThreshold: 3 });
  });

  test('HTTP paths and timings are configurable, and each probe can be turned off with Probe.none()', () => {
    const { container } = pod(
      {},
      {
        readinessProbe: Probe.httpGet('/actuator/health/readiness', { period: Duration.seconds(2) }),
        startupProbe: Probe.none(),
      },
    );
    expect(container.readinessProbe.httpGet).toEqual({ path: '/actuator/health/readiness', port: 'http' });
    expect(container.readinessProbe.tcpSocket).toBeUndefined();
    expect(container.readinessProbe.periodSeconds).toBe(2);
    expect(container.startupProbe).toBeUndefined();
    expect(container.livenessProbe.tcpSocket).toEqual({ port: 'http' });
  });

  test('turning probes off is reported by the policy check', () => {
    const { manifests } = pod({}, { livenessProbe: Probe.none() });
    expect(openRules(manifests)).toEqual(['container-probes']);
  });

  test('a main container without ports gets no default probes (there is nothing to connect to)', () => {
    const { container } = pod({ externalAccess: ExternalAccess.none() }, { ports: undefined });
    expect(container.startupProbe).toBeUndefined();
    expect(container.readinessProbe).toBeUndefined();
    expect(container.livenessProbe).toBeUndefined();
  });
});

describe('image pull policy', () => {
  test.each([
    ['example/db:1.2.3', 'IfNotPresent'],
    [`example/db@sha256:${'a'.repeat(64)}`, 'IfNotPresent'],
    ['example/db:latest', 'Always'],
    ['example/db', 'Always'],
    ['localhost:5000/db', 'Always'],
  ])('%s → %s', (image, policy) => {
    expect(pod({}, { image }).container.imagePullPolicy).toBe(policy);
  });

  test('explicit', () => {
    expect(pod({}, { imagePullPolicy: ImagePullPolicy.NEVER }).container.imagePullPolicy).toBe('Never');
  });
});

describe('opting out, explicitly', () => {
  test('a writable root filesystem must be acknowledged; then the /tmp volume goes and the finding is acknowledged', () => {
    const writable = { securityContext: { readOnlyRootFilesystem: false } };
    expect(problemsOf(baseProps({ container: { ...BASE_CONTAINER, ...writable } }))).toEqual([
      `'container.securityContext.readOnlyRootFilesystem' is false: that breaks the policy rule PolicyRule.READ_ONLY_ROOT_FILESYSTEM ("read-only-root-filesystem"); make it an explicit choice with an entry { rule: PolicyRule.READ_ONLY_ROOT_FILESYSTEM, reason: '...' } in 'acknowledgements'`,
    ]);
    const reason = 'the image writes its PID file under /var/run';
    const { spec, container, manifests, sts } = pod(
      { acknowledgements: [{ rule: PolicyRule.READ_ONLY_ROOT_FILESYSTEM, reason }] },
      writable,
    );
    expect(spec.volumes).toBeUndefined();
    expect(container.volumeMounts).toEqual([{ name: 'data', mountPath: '/var/lib/data' }]);
    expect(container.securityContext.readOnlyRootFilesystem).toBe(false);
    expect(sts.metadata.annotations).toEqual({ [ack('read-only-root-filesystem')]: reason });
    expect(findingsOf(manifests)).toEqual([['read-only-root-filesystem', reason]]);
  });

  test("the image's own user (maybe root) only with PodSecurity.imageUser() and the acknowledgement", () => {
    const reason = 'the image writes to a hostPath that ignores fsGroup';
    const keepsRestrictions = {
      securityContext: { readOnlyRootFilesystem: true, capabilitiesDrop: [Capability.ALL] },
    };
    const { spec, container, manifests, sts } = pod(
      { security: PodSecurity.imageUser(), acknowledgements: [{ rule: PolicyRule.RUN_AS_ROOT, reason }] },
      keepsRestrictions,
    );
    expect(spec.securityContext).toEqual({ seccompProfile: { type: 'RuntimeDefault' } });
    expect(container.securityContext.runAsNonRoot).toBeUndefined();
    expect(container.securityContext.runAsUser).toBeUndefined();
    expect(sts.metadata.annotations).toEqual({ [ack('run-as-root')]: reason });
    expect(findingsOf(manifests)).toEqual([['run-as-root', reason]]);
  });

  test('mounting the service account token must be acknowledged, and is then an acknowledged finding', () => {
    const reason = 'the service lists its peers through the API';
    const { spec, manifests } = pod({
      automountServiceAccountToken: true,
      acknowledgements: [{ rule: PolicyRule.SERVICE_ACCOUNT_TOKEN, reason }],
    });
    expect(spec.automountServiceAccountToken).toBe(true);
    expect(findingsOf(manifests)).toEqual([['service-account-token', reason]]);
  });
});

describe('PodDisruptionBudget', () => {
  test('default: maxUnavailable 1 over the set pods', () => {
    const { manifests, service } = pod();
    const pdb = find(manifests, 'PodDisruptionBudget', 'db');
    expect(pdb.apiVersion).toBe('policy/v1');
    expect(pdb.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: SELECTOR } });
    expect(service.disruptionBudget).toBeInstanceOf(KubePodDisruptionBudget);
    expect(service.node.findChild('DisruptionBudget')).toBe(service.disruptionBudget);
  });

  test('named other than the StatefulSet', () => {
    const { manifests } = pod({ disruptionBudget: DisruptionBudget.maxUnavailable(1, { name: 'db-drain' }) });
    expect(ofKind(manifests, 'PodDisruptionBudget').map((m) => m.metadata.name)).toEqual(['db-drain']);
    expect(problemsOf(baseProps({ disruptionBudget: DisruptionBudget.maxUnavailable(1, { name: 'Db' }) }))).toEqual([
      `'disruptionBudget name' must be a DNS subdomain (lowercase letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit, at most 253 characters), got "Db"`,
    ]);
  });

  test('a percentage', () => {
    const { manifests } = pod({ disruptionBudget: DisruptionBudget.maxUnavailablePercent(25) });
    expect(find(manifests, 'PodDisruptionBudget').spec.maxUnavailable).toBe('25%');
  });

  test('a quorum: minAvailable', () => {
    const { manifests } = pod({ replicas: 3, disruptionBudget: DisruptionBudget.minAvailable(2) });
    expect(find(manifests, 'PodDisruptionBudget').spec).toEqual({
      minAvailable: 2,
      selector: { matchLabels: SELECTOR },
    });
  });

  test('off: none made, and the policy check reports a replicated set without one', () => {
    const { manifests, service } = pod({ replicas: 3, disruptionBudget: DisruptionBudget.none() });
    expect(ofKind(manifests, 'PodDisruptionBudget')).toEqual([]);
    expect(service.disruptionBudget).toBeUndefined();
    expect(openRules(manifests)).toEqual(['disruption-budget']);
  });
});

test('acknowledgements go on the objects their findings are about', () => {
  const { manifests } = synthService(
    withContainer(
      { image: 'example/db:latest' },
      {
        externalAccess: ExternalAccess.nodePort(),
        storage: [Storage.hostPath({ ...BASE_STORAGE, mountPath: '/d', path: '/mnt/{ordinal}' })],
        acknowledgements: [
          { rule: PolicyRule.HOST_PATH, reason: 'single node' },
          { rule: PolicyRule.NODE_PORT, reason: 'demo' },
          { rule: PolicyRule.IMAGE_TAG, reason: 'a rolling tag on purpose' },
        ],
      },
    ),
  );
  expect(find(manifests, 'PersistentVolume').metadata.annotations).toEqual({ [ack('host-path')]: 'single node' });
  expect(find(manifests, 'Service', 'db-np').metadata.annotations).toEqual({ [ack('node-port')]: 'demo' });
  expect(find(manifests, 'StatefulSet').metadata.annotations).toEqual({
    [ack('image-tag')]: 'a rolling tag on purpose',
  });
  expect(find(manifests, 'Service', 'db').metadata.annotations).toBeUndefined();
  expect(find(manifests, 'PodDisruptionBudget').metadata.annotations).toBeUndefined();
});
