import * as fs from 'fs';
import * as path from 'path';
import { formatResult, fromFinding } from '../src/cli/results';
import { formatProblem, lint, Manifest, manifestFiles, RULES, validate, validatePaths } from '../src/cli/validate';
import { PolicyRule } from '../src';
import { loadManifests } from './fixtures/load-manifests';
import { tempDirs } from './fixtures/temp-dir';

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const example = path.join(dist, 'random-generator.k8s.yaml');
const committed = loadManifests(manifestFiles([example])).manifests;
const temp = tempDirs('validate');
afterAll(() => temp.cleanup());

/** The committed example, changed by `mutate` (which finds objects by kind and name). */
function broken(mutate: (get: (kind: string, name?: string) => any, all: any[]) => void): Manifest[] {
  const all = committed.map((m) => structuredClone(m.object));
  const get = (kind: string, name?: string) => all.find((o) => o.kind === kind && (!name || o.metadata.name === name));
  mutate(get, all);
  return all.map((object, index) => ({ file: 'broken.yaml', index, object }));
}

const sts = (get: (k: string, n?: string) => any) => get('StatefulSet', 'rg');
const container = (get: (k: string, n?: string) => any) => sts(get).spec.template.spec.containers[0];

test('the committed dist/ (both targets) has no problem', () => {
  const { manifests, problems } = validatePaths([dist]);
  expect(problems).toEqual([]);
  expect(manifests.map((m) => m.file.slice(dist.length + 1))).toContain('production/random-generator.k8s.yaml');
});

test('the minikube example is what the book describes', () => {
  expect(committed.map((m) => m.object.kind)).toEqual([
    'PersistentVolume',
    'PersistentVolume',
    'PersistentVolume',
    'Service',
    'StatefulSet',
    'Service',
    'PodDisruptionBudget',
  ]);
});

// [what, mutation, object, field path, message]
const cases: Array<[string, (get: (k: string, n?: string) => any, all: any[]) => void, string, string, string]> = [
  // schema: the cdk8s-plus-27 traps
  [
    'a claim size rendered as null (JSON patch with a plain string)',
    (g) => (sts(g).spec.volumeClaimTemplates[0].spec.resources.requests.storage = null),
    'StatefulSet/rg',
    'spec.volumeClaimTemplates[0].spec.resources.requests.storage',
    'must be a string or a number, got null',
  ],
  [
    'capabilities drop [null] (kplus.Capability.ALL does not exist)',
    (g) => (container(g).securityContext.capabilities.drop = [null]),
    'StatefulSet/rg',
    'spec.template.spec.containers[0].securityContext.capabilities.drop[0]',
    'must be of type string, got null',
  ],
  [
    'a wire key patched in props naming (clusterIp)',
    (g) => (g('Service', 'random-generator').spec.clusterIp = 'None'),
    'Service/random-generator',
    'spec',
    'unknown field "clusterIp"',
  ],
  [
    'a misspelt field',
    (g) => (container(g).imagePullPolcy = 'Always'),
    'StatefulSet/rg',
    'spec.template.spec.containers[0]',
    'unknown field "imagePullPolcy"',
  ],
  [
    'an enum value that does not exist',
    (g) => (container(g).imagePullPolicy = 'Sometimes'),
    'StatefulSet/rg',
    'spec.template.spec.containers[0].imagePullPolicy',
    'must be one of "Always", "IfNotPresent", "Never", got "Sometimes"',
  ],
  [
    'a missing required field',
    (g) => delete sts(g).spec.serviceName,
    'StatefulSet/rg',
    'spec',
    'missing required field "serviceName"',
  ],
  [
    'a number as a string',
    (g) => (sts(g).spec.replicas = '2'),
    'StatefulSet/rg',
    'spec.replicas',
    'must be an integer, got "2"',
  ],
  [
    'an int32 out of range',
    (g) => (sts(g).spec.replicas = 2 ** 31),
    'StatefulSet/rg',
    'spec.replicas',
    'must be <= 2147483647, got 2147483648',
  ],
  [
    'an unknown kind',
    (g) => (g('PodDisruptionBudget').apiVersion = 'policy/v1beta1'),
    'PodDisruptionBudget/rg',
    '',
    'Kubernetes 1.27 does not serve PodDisruptionBudget in policy/v1beta1: use policy/v1',
  ],
  // names
  [
    // A warning: the API server accepts it and drops the namespace (measured, issue 22).
    'a namespace on a PersistentVolume (cdk8s-core#731)',
    (g) => (g('PersistentVolume', 'log-1').metadata.namespace = 'default'),
    'PersistentVolume/log-1',
    'metadata.namespace',
    'a PersistentVolume is cluster-scoped: its namespace "default" is ignored',
  ],
  [
    'a Service name starting with a digit',
    (g) => (g('Service', 'random-generator-np').metadata.name = '1np'),
    'Service/1np',
    'metadata.name',
    'a Service name must be a DNS-1035 label',
  ],
  [
    'a StatefulSet name of 53 characters',
    (g) => (sts(g).metadata.name = 'a'.repeat(53)),
    `StatefulSet/${'a'.repeat(53)}`,
    'metadata.name',
    'a StatefulSet name must be a DNS label of at most 52 characters',
  ],
  [
    'an object name with upper case',
    (g) => (g('PersistentVolume', 'log-2').metadata.name = 'Log-2'),
    'PersistentVolume/Log-2',
    'metadata.name',
    'must be a DNS subdomain',
  ],
  [
    'a bad namespace',
    (g) => (g('Service', 'random-generator').metadata.namespace = 'My_NS'),
    'Service/random-generator',
    'metadata.namespace',
    'must be a DNS label, got "My_NS"',
  ],
  [
    'a bad label value',
    (g) => (g('Service', 'random-generator').metadata.labels.team = 'a b'),
    'Service/random-generator',
    'metadata.labels["team"]',
    'invalid label value "a b"',
  ],
  [
    'a bad label key',
    (g) => (g('Service', 'random-generator').metadata.labels['-bad'] = 'x'),
    'Service/random-generator',
    'metadata.labels',
    'invalid label key "-bad"',
  ],
  [
    'a bad annotation key',
    (g) => (g('Service', 'random-generator').metadata.annotations = { 'a b': 'x' }),
    'Service/random-generator',
    'metadata.annotations',
    'invalid annotation key "a b"',
  ],
  // ports
  [
    'a node port outside 30000-32767',
    (g) => (g('Service', 'random-generator-np').spec.ports[0].nodePort = 8080),
    'Service/random-generator-np',
    'spec.ports[0].nodePort',
    'a node port (default range) must be an integer from 30000 to 32767, got 8080',
  ],
  [
    'a node port on a ClusterIP Service',
    (g) => (g('Service', 'random-generator').spec.ports[0].nodePort = 30080),
    'Service/random-generator',
    'spec.ports[0].nodePort',
    'may only be set for type NodePort or LoadBalancer, not "ClusterIP"',
  ],
  [
    'a container port 0',
    (g) => (container(g).ports[0].containerPort = 0),
    'StatefulSet/rg',
    'spec.template.spec.containers[0].ports[0].containerPort',
    'a port must be an integer from 1 to 65535, got 0',
  ],
  [
    'a service port 70000',
    (g) => (g('Service', 'random-generator').spec.ports[0].port = 70000),
    'Service/random-generator',
    'spec.ports[0].port',
    'a port must be an integer from 1 to 65535, got 70000',
  ],
  [
    'a port name longer than 15',
    (g) => (container(g).ports[0].name = 'http-with-a-long-name'),
    'StatefulSet/rg',
    'spec.template.spec.containers[0].ports[0].name',
    'must be an IANA service name',
  ],
  [
    'a probe on an undeclared port name',
    (g) => (container(g).readinessProbe.tcpSocket.port = 'web'),
    'StatefulSet/rg',
    'spec.template.spec.containers[0].readinessProbe.tcpSocket.port',
    'names port "web", which the container does not declare',
  ],
  [
    'a probe with two handlers',
    (g) => (container(g).livenessProbe.exec = { command: ['true'] }),
    'StatefulSet/rg',
    'spec.template.spec.containers[0].livenessProbe',
    'must have exactly one handler (exec, httpGet, tcpSocket or grpc), got exec, tcpSocket',
  ],
  [
    'a headless Service of type NodePort',
    (g) => (g('Service', 'random-generator').spec.type = 'NodePort'),
    'Service/random-generator',
    'spec.clusterIP',
    'a headless Service (clusterIP "None") must be of type ClusterIP, got "NodePort"',
  ],
  // quantities
  [
    'a size that is not a quantity',
    (g) => (sts(g).spec.volumeClaimTemplates[0].spec.resources.requests.storage = '10MB'),
    'StatefulSet/rg',
    'spec.volumeClaimTemplates[0].spec.resources.requests.storage',
    'must be a Kubernetes quantity such as "10Mi", "500m" or "1", got "10MB"',
  ],
  [
    'a request above its limit',
    (g) => (container(g).resources.requests.memory = '1Gi'),
    'StatefulSet/rg',
    'spec.template.spec.containers[0].resources.requests.memory',
    'must be less than or equal to the memory limit ("512Mi"), got "1Gi"',
  ],
  [
    'a PV capacity of 0',
    (g) => (g('PersistentVolume', 'log-1').spec.capacity.storage = '0'),
    'PersistentVolume/log-1',
    'spec.capacity.storage',
    'must be positive, got "0"',
  ],
  // selectors, volumes, env
  [
    'a selector that does not match the template',
    (g) => (sts(g).spec.template.metadata.labels['app.kubernetes.io/instance'] = 'other'),
    'StatefulSet/rg',
    'spec.selector',
    'does not match the template labels',
  ],
  [
    'a mount without a volume or claim template',
    (g) => (container(g).volumeMounts[0].name = 'data'),
    'StatefulSet/rg',
    'spec.template.spec.containers[0].volumeMounts[0].name',
    'mounts "data", which is neither a volume of the pod nor a claim template',
  ],
  [
    // The API server accepts a relative mountPath (the kubelet makes it absolute), but
    // not a subPath that climbs out of the volume.
    'a subPath climbing out of the volume',
    (g) => (container(g).volumeMounts[0].subPath = '../etc'),
    'StatefulSet/rg',
    'spec.template.spec.containers[0].volumeMounts[0].subPath',
    `must be a relative path without '..' elements, got "../etc"`,
  ],
  [
    'an env name with a space',
    (g) => (container(g).env[0].name = 'LOG FILE'),
    'StatefulSet/rg',
    'spec.template.spec.containers[0].env[0].name',
    'must be a valid environment variable name',
  ],
  [
    'a volume named like the claim template',
    (g) => sts(g).spec.template.spec.volumes.push({ name: 'logs', emptyDir: {} }),
    'StatefulSet/rg',
    'spec.template.spec.volumes[1].name',
    'duplicate volume name "logs"',
  ],
  // volumes and binding
  [
    'a claimRef without namespace',
    (g) => delete g('PersistentVolume', 'log-1').spec.claimRef.namespace,
    'PersistentVolume/log-1',
    'spec.claimRef.namespace',
    'is required: without it Kubernetes never binds the volume',
  ],
  [
    'a pre-bound volume of another class',
    (g) => (g('PersistentVolume', 'log-2').spec.storageClassName = 'fast'),
    'PersistentVolume/log-2',
    'spec.storageClassName',
    'is "fast" but the claim template asks for "standard": claim default/logs-rg-1 would never bind it',
  ],
  [
    'a pre-bound volume too small',
    (g) => (g('PersistentVolume', 'log-3').spec.capacity.storage = '5Mi'),
    'PersistentVolume/log-3',
    'spec.capacity.storage',
    '"5Mi" is less than the "10Mi" the claim template requests',
  ],
  [
    'a PV with two sources',
    (g) => (g('PersistentVolume', 'log-1').spec.local = { path: '/x' }),
    'PersistentVolume/log-1',
    'spec',
    'must have exactly one volume source, got hostPath, local',
  ],
  [
    'a PDB with both bounds',
    (g) => (g('PodDisruptionBudget').spec.minAvailable = 1),
    'PodDisruptionBudget/rg',
    'spec',
    'must set exactly one of minAvailable and maxUnavailable, got both',
  ],
  [
    'the same object twice',
    (_g, all) => all.push(structuredClone(all[0])),
    'PersistentVolume/log-1',
    'metadata.name',
    'duplicate of the object in broken.yaml (document 1)',
  ],
];

test.each(cases)('catches %s', (_what, mutate, object, fieldPath, message) => {
  const problems = validate(broken(mutate), { kubernetesVersion: '1.27' });
  const hit = problems.find((p) => p.object === object && p.path === fieldPath && p.message.includes(message));
  if (!hit)
    throw new Error(
      `no problem "${message}" at ${object} ${fieldPath}; got:\n${problems.map(formatProblem).join('\n')}`,
    );
  expect(formatProblem(hit)).toBe(`broken.yaml: ${object}${fieldPath ? `: ${fieldPath}` : ''}: ${hit.message}`);
});

test('unparsable YAML is reported with its line, not a crash', () => {
  const dir = temp.make();
  fs.writeFileSync(path.join(dir, 'bad.yaml'), 'kind: Service\n  metadata: [\n');
  const { yamlErrors, problems } = validatePaths([dir]);
  expect(problems).toEqual([]);
  expect(yamlErrors).toEqual([
    expect.objectContaining({ file: path.join(dir, 'bad.yaml'), index: 0, line: 1, column: 7 }),
  ]);
  const parsed = loadManifests([path.join(dir, 'bad.yaml')]);
  expect(parsed.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^invalid YAML at line 1, column 7: /)]);
});

describe('policy checks', () => {
  const findings = (m: Manifest[]) => lint(m).filter((f) => f.acknowledged === undefined);

  test('the default app has no finding; its hostPath volumes and NodePort are acknowledged with reasons', () => {
    const all = lint(committed);
    expect(findings(committed)).toEqual([]);
    expect(all.map((f) => `${f.rule.id} ${f.object}`)).toEqual([
      'host-path PersistentVolume/log-1',
      'host-path PersistentVolume/log-2',
      'host-path PersistentVolume/log-3',
      'node-port Service/random-generator-np',
    ]);
    expect(all.every((f) => (f.acknowledged ?? '').length > 20)).toBe(true);
    expect(formatResult(fromFinding(all[3]))).toBe(
      `${example}:6 Service/random-generator-np: spec.type: acknowledged: the book example is reached from outside minikube through \`minikube service random-generator-np\` [node-port]`,
    );
  });

  test.each<[string, (get: (k: string, n?: string) => any, all: any[]) => void, string]>([
    ['no resources', (g) => delete container(g).resources, 'container-resources'],
    ['no CPU limit', (g) => delete container(g).resources.limits.cpu, 'container-resources'],
    ['no readiness probe', (g) => delete container(g).readinessProbe, 'container-probes'],
    ['an image tagged latest', (g) => (container(g).image = 'k8spatterns/random-generator:latest'), 'image-tag'],
    ['an image without a tag', (g) => (container(g).image = 'k8spatterns/random-generator'), 'image-tag'],
    ['a privileged container', (g) => (container(g).securityContext.privileged = true), 'privilege'],
    ['privilege escalation allowed', (g) => delete container(g).securityContext.allowPrivilegeEscalation, 'privilege'],
    ['capabilities not dropped', (g) => (container(g).securityContext.capabilities.drop = [null]), 'privilege'],
    ['an added capability', (g) => (container(g).securityContext.capabilities.add = ['SYS_ADMIN']), 'privilege'],
    ['runAsUser 0', (g) => (container(g).securityContext.runAsUser = 0), 'run-as-root'],
    [
      'runAsNonRoot off at both levels',
      (g) => {
        delete container(g).securityContext.runAsNonRoot;
        delete sts(g).spec.template.spec.securityContext.runAsNonRoot;
      },
      'run-as-root',
    ],
    [
      'no seccomp profile at either level',
      (g) => {
        delete container(g).securityContext.seccompProfile;
        delete sts(g).spec.template.spec.securityContext.seccompProfile;
      },
      'seccomp',
    ],
    [
      'a writable root filesystem',
      (g) => (container(g).securityContext.readOnlyRootFilesystem = false),
      'read-only-root-filesystem',
    ],
    ['host networking', (g) => (sts(g).spec.template.spec.hostNetwork = true), 'host-namespaces'],
    [
      'a mounted service account token',
      (g) => delete sts(g).spec.template.spec.automountServiceAccountToken,
      'service-account-token',
    ],
    [
      'no PodDisruptionBudget',
      (_g, all) =>
        all.splice(
          all.findIndex((o) => o.kind === 'PodDisruptionBudget'),
          1,
        ),
      'disruption-budget',
    ],
    ['an acknowledgement removed', (g) => delete g('Service', 'random-generator-np').metadata.annotations, 'node-port'],
  ])('flags %s', (_what, mutate, rule) => {
    const found = findings(broken(mutate));
    expect(found.map((f) => f.rule.id)).toEqual([rule]);
    expect(formatResult(fromFinding(found[0]))).toMatch(new RegExp(`^broken\\.yaml:\\d+ \\S+: .+ \\[${rule}\\]$`));
  });

  test('a pod-level seccomp profile counts for its containers', () => {
    expect(findings(broken((g) => delete container(g).securityContext.seccompProfile))).toEqual([]);
  });
});

test('every policy rule can be acknowledged through the construct, and every acknowledgeable rule exists', () => {
  expect(
    Object.values(RULES)
      .map((r) => r.id)
      .sort(),
  ).toEqual(Object.values(PolicyRule).sort());
});

test('a PodDisruptionBudget selecting by matchExpressions counts for the set', () => {
  const m = broken((g) => {
    g('PodDisruptionBudget').spec.selector = {
      matchExpressions: [{ key: 'app.kubernetes.io/instance', operator: 'In', values: ['rg'] }],
    };
  });
  expect(lint(m).filter((f) => f.acknowledged === undefined)).toEqual([]);
  const other = broken((g) => {
    g('PodDisruptionBudget').spec.selector = {
      matchExpressions: [{ key: 'app.kubernetes.io/instance', operator: 'NotIn', values: ['rg'] }],
    };
  });
  expect(lint(other).map((f) => f.rule.id)).toContain('disruption-budget');
});
