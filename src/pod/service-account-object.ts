import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { apiObject } from '../core/wire';
import type { ServiceAccountSettings } from './resolve-pod';

/** The ServiceAccount the pods run as, when the construct makes it; its token is mounted only where a pod asks. */
export function makeServiceAccount(
  scope: Construct,
  id: string,
  sa: ServiceAccountSettings | undefined,
  metadata: { labels: Record<string, string>; annotations?: Record<string, string> },
): ApiObject | undefined {
  if (!sa?.create) return undefined;
  const annotations = { ...metadata.annotations, ...sa.annotations };
  return apiObject(scope, id, 'ServiceAccount', {
    metadata: {
      name: sa.name,
      labels: { ...metadata.labels },
      annotations: Object.keys(annotations).length > 0 ? annotations : undefined,
    },
    automountServiceAccountToken: false,
  });
}

/**
 * The Role of the ServiceAccount's rules and its RoleBinding, both named like the
 * ServiceAccount, in the service's namespace; none without rules.
 */
export function makeRole(
  scope: Construct,
  sa: ServiceAccountSettings | undefined,
  namespace: string,
  metadata: { labels: Record<string, string>; annotations?: Record<string, string> },
): { role?: ApiObject; roleBinding?: ApiObject } {
  if (!sa?.create || sa.rules.length === 0) return {};
  const meta = {
    name: sa.name,
    labels: { ...metadata.labels },
    annotations:
      metadata.annotations && Object.keys(metadata.annotations).length > 0 ? { ...metadata.annotations } : undefined,
  };
  const role = apiObject(scope, 'Role', 'Role', {
    metadata: meta,
    rules: sa.rules.map((r) => ({
      apiGroups: [...r.apiGroups],
      resources: [...r.resources],
      verbs: [...r.verbs],
      resourceNames: r.resourceNames ? [...r.resourceNames] : undefined,
    })),
  });
  const roleBinding = apiObject(scope, 'RoleBinding', 'RoleBinding', {
    metadata: meta,
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: sa.name },
    // A ServiceAccount subject names its namespace (the API server requires it).
    subjects: [{ kind: 'ServiceAccount', name: sa.name, namespace }],
  });
  return { role, roleBinding };
}
