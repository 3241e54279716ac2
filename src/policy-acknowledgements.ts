/**
 * Policy findings a chart needs on purpose are acknowledged on the object concerned
 * with the annotation `acknowledged.lint.stateful-service/<rule>: <reason>`, so
 * `npm run lint:manifests` (which reads only manifests) reports them as acknowledged
 * with the reason instead of failing. The rule ids are those of the policy check.
 */
export const ACKNOWLEDGE_PREFIX = 'acknowledged.lint.stateful-service/';

/** Which object a rule's finding is reported on, among those a StatefulService makes. */
export const POLICY_RULE_TARGETS = {
  'container-resources': 'statefulSet',
  'container-probes': 'statefulSet',
  'image-tag': 'statefulSet',
  privilege: 'statefulSet',
  'run-as-root': 'statefulSet',
  seccomp: 'statefulSet',
  'read-only-root-filesystem': 'statefulSet',
  'host-namespaces': 'statefulSet',
  'service-account-token': 'statefulSet',
  'disruption-budget': 'statefulSet',
  'host-path': 'persistentVolumes',
  'node-port': 'externalService',
} as const;

/** The id of a policy rule. */
export type PolicyRuleId = keyof typeof POLICY_RULE_TARGETS;

export function acknowledgementAnnotation(rule: PolicyRuleId): string {
  return `${ACKNOWLEDGE_PREFIX}${rule}`;
}
