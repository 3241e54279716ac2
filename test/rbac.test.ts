// RBAC for peer discovery (issue 23): a Role with the ServiceAccount's rules and its
// RoleBinding, named and labelled like the rest, in the service's namespace.
import { PodServiceAccount, PolicyRule, StatefulServiceProps } from '../src';
import { baseProps, find, problemsOf, synthService } from './helpers';

const TOKEN = { rule: PolicyRule.SERVICE_ACCOUNT_TOKEN, reason: 'peer discovery lists endpoints through the API' };
const discovery = (overrides: Partial<StatefulServiceProps> = {}) =>
  baseProps({
    serviceAccount: PodServiceAccount.create({ rules: [{ resources: ['endpoints'], verbs: ['get', 'list'] }] }),
    automountServiceAccountToken: true,
    acknowledgements: [TOKEN],
    ...overrides,
  });

test('GIVEN rules WHEN synthesized THEN a Role and a RoleBinding named like the ServiceAccount, labelled like the rest', () => {
  const { manifests, service } = synthService(discovery(), { namespace: 'brokers' });
  const labels = find(manifests, 'StatefulSet').metadata.labels;
  const role = find(manifests, 'Role', 'db');
  const binding = find(manifests, 'RoleBinding', 'db');
  expect(role.apiVersion).toBe('rbac.authorization.k8s.io/v1');
  expect(role.metadata).toEqual({ name: 'db', namespace: 'brokers', labels });
  expect(role.rules).toEqual([{ apiGroups: [''], resources: ['endpoints'], verbs: ['get', 'list'] }]);
  expect(binding.metadata).toEqual({ name: 'db', namespace: 'brokers', labels });
  expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'db' });
  expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'db', namespace: 'brokers' }]);
  expect(find(manifests, 'StatefulSet').spec.template.spec.serviceAccountName).toBe('db');
  expect([service.role?.node.id, service.roleBinding?.node.id]).toEqual(['Role', 'RoleBinding']);
});

test('without rules there is no Role', () => {
  const { manifests, service } = synthService(baseProps({ serviceAccount: PodServiceAccount.create() }));
  expect(manifests.filter((m) => m.kind === 'Role' || m.kind === 'RoleBinding')).toEqual([]);
  expect(service.role).toBeUndefined();
});

test.each<[string, StatefulServiceProps, string[]]>([
  [
    'rules without the token',
    discovery({ automountServiceAccountToken: undefined, acknowledgements: undefined }),
    [
      `'serviceAccount' grants API access with 'rules', but 'automountServiceAccountToken' is false: the pods have no token to use it; set it to true (and acknowledge PolicyRule.SERVICE_ACCOUNT_TOKEN)`,
    ],
  ],
  [
    'an unknown verb and no resources',
    discovery({
      serviceAccount: PodServiceAccount.create({ rules: [{ resources: [], verbs: ['read'] }] }),
    }),
    [
      `'serviceAccount rules[0].verbs[0]' must be one of "get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "*", got "read"`,
      `'serviceAccount rules[0].resources' must list at least one, got []`,
    ],
  ],
])('%s is refused', (_name, props, expected) => {
  expect(problemsOf(props)).toEqual(expected);
});

test('rules in a chart without a namespace are refused: the binding names the namespace', () => {
  expect(problemsOf(discovery(), {})).toEqual([
    `'serviceAccount' rules make a RoleBinding whose subject names the ServiceAccount's namespace, so the namespace must be known: give the chart a namespace (new Chart(app, id, { namespace: 'default' }))`,
  ]);
});
