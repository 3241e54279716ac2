import { KubePodDisruptionBudget } from '../imports/k8s';
import { StatefulServiceProps } from '../src';
import { lint } from '../src/cli/validate';
import { baseProps, find, Manifest, ofKind, synthService } from './helpers';

// ClusterIP: a NodePort is a policy finding of its own, not what these tests are about.
function pod(props: Partial<StatefulServiceProps> = {}) {
  const { manifests, service } = synthService(baseProps({ externalService: { type: 'ClusterIP' }, ...props }));
  const sts = find(manifests, 'StatefulSet');
  return { manifests, service, sts, spec: sts.spec.template.spec, container: sts.spec.template.spec.containers[0] };
}

const lintOf = (manifests: Manifest[]) =>
  lint(manifests.map((object, index) => ({ file: 'test', index, object }))).filter((f) => f.acknowledged === undefined);

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
    expect(lintOf(manifests)).toEqual([]);
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
    const { requests } = pod().container.resources;
    expect(3 * 100 + 750).toBeLessThanOrEqual(2000);
    expect(requests.cpu).toBe('100m');
    expect(3 * 256 + 170).toBeLessThanOrEqual(2048);
    expect(requests.memory).toBe('256Mi');
  });

  test('overridable one at a time', () => {
    expect(pod({ resources: { memory: { limit: '1Gi' } } }).container.resources).toEqual({
      requests: { cpu: '100m', memory: '256Mi' },
      limits: { cpu: '1', memory: '1Gi' },
    });
  });
});

describe('probes', () => {
  test('default: TCP on the http port; startup allows 5 minutes; liveness differs from readiness', () => {
    const { container } = pod();
    const tcp = { tcpSocket: { port: 'http' }, initialDelaySeconds: 0, timeoutSeconds: 1, successThreshold: 1 };
    expect(container.startupProbe).toEqual({ ...tcp, periodSeconds: 5, failureThreshold: 60 });
    expect(container.readinessProbe).toEqual({ ...tcp, periodSeconds: 5, failureThreshold: 3 });
    expect(container.livenessProbe).toEqual({ ...tcp, periodSeconds: 10, failureThreshold: 3 });
  });

  test('HTTP paths and timings are configurable, and each probe can be turned off', () => {
    const { container } = pod({
      probes: { readiness: { httpPath: '/actuator/health/readiness', periodSeconds: 2 }, startup: false },
    });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/actuator/health/readiness', port: 'http' });
    expect(container.readinessProbe.tcpSocket).toBeUndefined();
    expect(container.readinessProbe.periodSeconds).toBe(2);
    expect(container.startupProbe).toBeUndefined();
    expect(container.livenessProbe.tcpSocket).toEqual({ port: 'http' });
  });

  test('turning probes off is reported by the policy check', () => {
    const { manifests } = pod({ probes: { liveness: false } });
    expect(lintOf(manifests).map((f) => f.rule.id)).toEqual(['container-probes']);
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
    expect(pod({ image }).container.imagePullPolicy).toBe(policy);
  });

  test('explicit', () => {
    expect(pod({ imagePullPolicy: 'Never' }).container.imagePullPolicy).toBe('Never');
  });
});

describe('opting out, explicitly', () => {
  test('a writable root filesystem drops the /tmp volume and is reported', () => {
    const { spec, container, manifests } = pod({ securityContext: { readOnlyRootFilesystem: false } });
    expect(spec.volumes).toBeUndefined();
    expect(container.volumeMounts).toEqual([{ name: 'data', mountPath: '/var/lib/data' }]);
    expect(container.securityContext.readOnlyRootFilesystem).toBe(false);
    expect(lintOf(manifests).map((f) => f.rule.id)).toEqual(['read-only-root-filesystem']);
  });

  test('root only with allowRoot, and then acknowledged with the reason', () => {
    const { spec, container, manifests, sts } = pod({
      securityContext: { user: 0, group: 0, allowRoot: true },
      acknowledge: { 'run-as-root': 'the image writes to a hostPath that ignores fsGroup' },
    });
    expect(spec.securityContext.runAsNonRoot).toBe(false);
    expect(spec.securityContext.runAsUser).toBe(0);
    expect(container.securityContext.runAsNonRoot).toBe(false);
    expect(sts.metadata.annotations).toEqual({
      'acknowledged.lint.stateful-service/run-as-root': 'the image writes to a hostPath that ignores fsGroup',
    });
    const findings = lint(manifests.map((object, index) => ({ file: 'test', index, object })));
    expect(findings.map((f) => [f.rule.id, f.acknowledged])).toEqual([
      ['run-as-root', 'the image writes to a hostPath that ignores fsGroup'],
    ]);
  });

  test('mounting the service account token is reported', () => {
    const { spec, manifests } = pod({ automountServiceAccountToken: true });
    expect(spec.automountServiceAccountToken).toBe(true);
    expect(lintOf(manifests).map((f) => f.rule.id)).toEqual(['service-account-token']);
  });
});

describe('PodDisruptionBudget', () => {
  test('default: maxUnavailable 1 over the set pods', () => {
    const { manifests, service, sts } = pod();
    const pdb = find(manifests, 'PodDisruptionBudget', 'db');
    expect(pdb.apiVersion).toBe('policy/v1');
    expect(pdb.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: sts.spec.selector.matchLabels } });
    expect(service.disruptionBudget).toBeInstanceOf(KubePodDisruptionBudget);
    expect(service.node.findChild('DisruptionBudget')).toBe(service.disruptionBudget);
  });

  test('a percentage', () => {
    const { manifests } = pod({ disruptionBudget: { maxUnavailable: '25%' } });
    expect(find(manifests, 'PodDisruptionBudget').spec.maxUnavailable).toBe('25%');
  });

  test('off: none made, and the policy check reports a replicated set without one', () => {
    const { manifests, service } = pod({ replicas: 3, disruptionBudget: { enabled: false } });
    expect(ofKind(manifests, 'PodDisruptionBudget')).toEqual([]);
    expect(service.disruptionBudget).toBeUndefined();
    expect(lintOf(manifests).map((f) => f.rule.id)).toEqual(['disruption-budget']);
  });
});

test('acknowledgements go on the objects their findings are about', () => {
  const { manifests } = synthService(
    baseProps({
      storage: { size: '1Gi', mountPath: '/d', hostPathVolumes: { path: (k) => `/mnt/${k}` } },
      acknowledge: { 'host-path': 'single node', 'node-port': 'demo', 'image-tag': 'pinned elsewhere' },
    }),
  );
  const key = (rule: string) => `acknowledged.lint.stateful-service/${rule}`;
  expect(find(manifests, 'PersistentVolume').metadata.annotations).toEqual({ [key('host-path')]: 'single node' });
  expect(find(manifests, 'Service', 'db-np').metadata.annotations).toEqual({ [key('node-port')]: 'demo' });
  expect(find(manifests, 'StatefulSet').metadata.annotations).toEqual({ [key('image-tag')]: 'pinned elsewhere' });
  expect(find(manifests, 'Service', 'db').metadata.annotations).toBeUndefined();
});
