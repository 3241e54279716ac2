import { propNames } from '../core/prop-names';
import { enumValue, listOf, structOf } from '../core/values';
import { Problems, show } from '../core/problems';
import { Acknowledgement, PolicyRule } from './policy-rule';

/** The prefix of an acknowledgement annotation; the rule id follows it. */
export const ACKNOWLEDGE_PREFIX = 'acknowledged.lint.stateful-service/';

/** The objects a finding of each rule is reported on. */
export type AcknowledgementTarget = 'statefulSet' | 'persistentVolumes' | 'nodePortServices';

const TARGETS: Record<PolicyRule, AcknowledgementTarget> = {
  [PolicyRule.CONTAINER_RESOURCES]: 'statefulSet',
  [PolicyRule.CONTAINER_PROBES]: 'statefulSet',
  [PolicyRule.IMAGE_TAG]: 'statefulSet',
  [PolicyRule.PRIVILEGE]: 'statefulSet',
  [PolicyRule.RUN_AS_ROOT]: 'statefulSet',
  [PolicyRule.SECCOMP]: 'statefulSet',
  [PolicyRule.READ_ONLY_ROOT_FILESYSTEM]: 'statefulSet',
  [PolicyRule.HOST_NAMESPACES]: 'statefulSet',
  [PolicyRule.SERVICE_ACCOUNT_TOKEN]: 'statefulSet',
  [PolicyRule.DISRUPTION_BUDGET]: 'statefulSet',
  [PolicyRule.HOST_PATH]: 'persistentVolumes',
  [PolicyRule.NODE_PORT]: 'nodePortServices',
  [PolicyRule.HOST_PORTS]: 'statefulSet',
  [PolicyRule.PRIVILEGED_PORT]: 'statefulSet',
};

/** Acknowledgement annotations by the objects they go on. */
export type AcknowledgementAnnotations = Readonly<Record<AcknowledgementTarget, Readonly<Record<string, string>>>>;

const ACKNOWLEDGEMENT_PROPS = propNames<Acknowledgement>({ rule: true, reason: true });

/**
 * Validates the acknowledgements. `needed` are the rules the service's own choices break
 * (running as root, a writable root filesystem...), each with the choice that breaks it:
 * such a choice must be acknowledged, so that it is explicit. `found` are the findings the
 * service's objects will have: acknowledging any other is an error (a stale
 * acknowledgement would hide the finding when it comes back).
 */
export function resolveAcknowledgements(
  given: unknown,
  needed: ReadonlyMap<PolicyRule, string>,
  found: ReadonlySet<PolicyRule>,
  p: Problems,
): AcknowledgementAnnotations {
  const out: Record<AcknowledgementTarget, Record<string, string>> = {
    statefulSet: {},
    persistentVolumes: {},
    nodePortServices: {},
  };
  const seen = new Set<PolicyRule>();
  listOf<Acknowledgement>('acknowledgements', given, p).forEach((a, i) => {
    const prop = `acknowledgements[${i}]`;
    const ack = structOf<Acknowledgement>(prop, a, p, ACKNOWLEDGEMENT_PROPS);
    const rule = enumValue(`${prop}.rule`, ack.rule, 'PolicyRule', PolicyRule, p);
    const reason = ack.reason;
    if (typeof reason !== 'string' || reason.trim() === '') {
      p.add(`'${prop}.reason' must say why the finding is acceptable (a non-empty string), got ${show(reason)}`);
      return;
    }
    if (rule === undefined) return;
    if (seen.has(rule)) {
      p.add(`'${prop}.rule' acknowledges PolicyRule.${ruleKey(rule)} a second time; give one reason per rule`);
      return;
    }
    seen.add(rule);
    const target = TARGETS[rule];
    if (!found.has(rule)) {
      p.add(
        `'${prop}.rule' acknowledges PolicyRule.${ruleKey(rule)}, a finding this service does not have (${WHY_NOT[rule]})`,
      );
      return;
    }
    out[target][`${ACKNOWLEDGE_PREFIX}${rule}`] = reason;
  });
  for (const [rule, choice] of needed) {
    if (!seen.has(rule)) {
      p.add(
        `${choice}: that breaks the policy rule PolicyRule.${ruleKey(rule)} (${show(rule)}); make it an explicit choice with an entry { rule: PolicyRule.${ruleKey(rule)}, reason: '...' } in 'acknowledgements'`,
      );
    }
  }
  return out;
}

/** Why a service may not have a rule's finding, for the message. */
const WHY_NOT: Record<PolicyRule, string> = {
  [PolicyRule.CONTAINER_RESOURCES]: 'every container sets CPU and memory requests and limits',
  [PolicyRule.CONTAINER_PROBES]: 'every container has readiness and liveness probes',
  [PolicyRule.IMAGE_TAG]: 'every image is pinned',
  [PolicyRule.PRIVILEGE]: 'every container drops all capabilities and cannot gain privileges',
  [PolicyRule.RUN_AS_ROOT]: 'every container runs as a non-root user',
  [PolicyRule.SECCOMP]: 'the pod has the RuntimeDefault seccomp profile',
  [PolicyRule.READ_ONLY_ROOT_FILESYSTEM]: 'every container has a read-only root filesystem',
  [PolicyRule.HOST_NAMESPACES]: "the pods never share the node's namespaces",
  [PolicyRule.SERVICE_ACCOUNT_TOKEN]: 'the token is not mounted',
  [PolicyRule.DISRUPTION_BUDGET]: 'it has a PodDisruptionBudget, or at most one replica',
  [PolicyRule.HOST_PATH]: 'it makes no hostPath PersistentVolumes',
  [PolicyRule.NODE_PORT]: 'it makes no NodePort Service',
  [PolicyRule.HOST_PORTS]: 'no container opens a hostPort',
  [PolicyRule.PRIVILEGED_PORT]: 'no non-root container declares a port below 1024',
};

function ruleKey(rule: PolicyRule): string {
  return Object.entries(PolicyRule).find(([, v]) => v === rule)![0];
}
