import * as fs from 'fs';
import * as path from 'path';
import { KNOWN_VERSIONS, resolveVersion, schemaFor, UnknownVersionError } from '../src/cli/validate/schema/versions';
import { checkSchema } from '../src/cli/validate/schema-check';
import { Manifest } from '../src/cli/manifests';

const root = path.resolve(__dirname, '..');

const manifest = (object: unknown, index = 0): Manifest => ({ file: 'test.yaml', index, object });
const check = (object: unknown, version: string) =>
  checkSchema([manifest(object)], version).map((p) => `${p.path}: ${p.message} [${p.rule}]`);

describe('versions', () => {
  test('the known versions, and how a version is written', () => {
    expect(KNOWN_VERSIONS).toEqual(['1.27', '1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36']);
    expect(resolveVersion('v1.31.4')).toBe('1.31');
    expect(resolveVersion('1.33')).toBe('1.33');
    expect(resolveVersion('v1.34.2')).toBe('1.34');
    expect(resolveVersion()).toBe('1.36'); // the newest, as the CLI's and the plugin's default
  });

  test('an unknown version is an error that lists the known ones', () => {
    expect(() => resolveVersion('1.26')).toThrow(UnknownVersionError);
    expect(() => resolveVersion('1.37')).toThrow(UnknownVersionError);
    expect(() => resolveVersion('latest')).toThrow(
      `unknown Kubernetes version "latest": the known versions are 1.27, 1.28, 1.29, 1.30, 1.31, 1.32, 1.33, 1.34, 1.35, 1.36`,
    );
  });

  test('every reference of every version resolves, and every kind has its definition', () => {
    for (const v of KNOWN_VERSIONS) {
      const s = schemaFor(v);
      const refs = new Set<string>();
      JSON.stringify(s.defs, (_k, value) => {
        if (typeof value === 'string' && value.startsWith('#')) refs.add(value.slice(1));
        return value;
      });
      expect([...refs].filter((r) => !(r in s.defs))).toEqual([]);
      expect(Object.values(s.kinds).filter((d) => !(d in s.defs))).toEqual([]);
      expect(Object.keys(s.kinds)).toContain('apps/v1/StatefulSet');
    }
  });

  test('the committed schemas stay small', () => {
    const dir = path.join(root, 'src', 'cli', 'validate', 'schemas');
    const total = fs.readdirSync(dir).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
    // 222 kB for the ten versions 1.27 to 1.36 with every built-in kind checked field by
    // field (92 kB when only 27 kinds were).
    expect(total).toBeLessThan(250_000);
  });
});

describe('what differs between versions', () => {
  const service = (spec: object) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec });
  const pod = (spec: object) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: { containers: [{ name: 'c', image: 'i:1' }], ...spec },
  });

  test('a field added in a later version is unknown before it, and the message says where it exists', () => {
    const s = service({ trafficDistribution: 'PreferClose' });
    expect(check(s, '1.29')).toEqual([
      'spec: unknown field "trafficDistribution" (Kubernetes 1.30 and later have it) [unknown-field]',
    ]);
    expect(check(s, '1.30')).toEqual([]);
  });

  test('a value allowed from a later version is a finding before it', () => {
    const p = pod({ tolerations: [{ key: 'k', operator: 'Gt', value: '3' }] });
    expect(check(p, '1.34')).toEqual([
      // The 1.35 schema lists Gt, but the API server refuses it while its gate is off (issue 22).
      'spec.tolerations[0].operator: must be one of "Equal", "Exists", got "Gt" (the TaintTolerationComparisonOperators feature gate (alpha from Kubernetes 1.35, off by default) is needed for "Gt" and "Lt") [enum]',
    ]);
    expect(check(p, '1.35')).toEqual([]);
  });

  test('a sidecar (init container restartPolicy): unknown in 1.27, only Always from 1.28 to 1.33, not limited from 1.34', () => {
    const sidecar = (restartPolicy: string) => pod({ initContainers: [{ name: 'side', image: 'i:1', restartPolicy }] });
    expect(check(sidecar('Always'), '1.27')).toEqual([
      'spec.initContainers[0]: unknown field "restartPolicy" (Kubernetes 1.28 and later have it) [unknown-field]',
    ]);
    expect(check(sidecar('Always'), '1.28')).toEqual([]);
    expect(check(sidecar('OnFailure'), '1.28')).toEqual([
      'spec.initContainers[0].restartPolicy: must be one of "Always", got "OnFailure" [enum]',
    ]);
    expect(check(sidecar('Always'), '1.33')).toEqual([]);
    expect(check(sidecar('OnFailure'), '1.33')).toEqual([
      'spec.initContainers[0].restartPolicy: must be one of "Always", got "OnFailure" [enum]',
    ]);
    expect(check(sidecar('OnFailure'), '1.34')).toEqual([]);
  });

  test('an apiVersion a version no longer serves names the one to use', () => {
    const pdb = { apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', metadata: { name: 'b' } };
    for (const v of KNOWN_VERSIONS) {
      expect(check(pdb, v)).toEqual([
        `: Kubernetes ${v} does not serve PodDisruptionBudget in policy/v1beta1: use policy/v1 [unknown-kind]`,
      ]);
    }
    const flow = { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kind: 'FlowSchema', metadata: { name: 'f' } };
    // Served by 1.27, and checked there field by field like every built-in kind.
    expect(check({ ...flow, spec: { matchingPrecedence: 'high' } }, '1.27')).toEqual([
      'spec: missing required field "priorityLevelConfiguration" [required]',
      'spec.matchingPrecedence: must be an integer, got "high" [type]',
    ]);
    expect(check(flow, '1.33')).toEqual([
      ': Kubernetes 1.33 does not serve FlowSchema in flowcontrol.apiserver.k8s.io/v1beta2: use flowcontrol.apiserver.k8s.io/v1 [unknown-kind]',
    ]);
  });

  test('every built-in kind is checked field by field: a ReplicationController with replicas "asd"', () => {
    const rc = { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'r' }, spec: { replicas: 'asd' } };
    for (const v of KNOWN_VERSIONS) {
      expect(check(rc, v)).toEqual([expect.stringMatching(/^spec\.replicas: must be an integer, got "asd"/)]);
    }
  });

  test('a custom resource is a warning, not checked; a misspelt built-in kind is an error', () => {
    const [cert] = checkSchema(
      [manifest({ apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'c' } })],
      '1.27',
    );
    expect(cert).toMatchObject({ rule: 'custom-resource', severity: 'warning' });
    expect(check({ apiVersion: 'v1', kind: 'Servce', metadata: { name: 'x' } }, '1.27')).toEqual([
      ': Kubernetes 1.27 does not serve Servce in v1 [unknown-kind]',
    ]);
  });
});
