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
};

/** Acknowledgement annotations by the objects they go on. */
export type AcknowledgementAnnotations = Readonly<Record<AcknowledgementTarget, Readonly<Record<string, string>>>>;

/**
 * Validates the acknowledgements. `needed` are the rules the service's own choices break
 * (running as root, a writable root filesystem...), each with the choice that breaks it:
 * such a choice must be acknowledged, so that it is explicit. `present` says whether the
 * objects a target names exist: acknowledging a finding the service cannot have is an error.
 */
export function resolveAcknowledgements(
  given: unknown,
  needed: ReadonlyMap<PolicyRule, string>,
  present: Readonly<Record<AcknowledgementTarget, boolean>>,
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
    const ack = structOf<Acknowledgement>(prop, a, p);
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
    if (!present[target]) {
      p.add(
        `'${prop}.rule' acknowledges PolicyRule.${ruleKey(rule)}, a finding this service cannot have (it makes no ${target === 'persistentVolumes' ? 'hostPath PersistentVolumes' : 'NodePort Service'})`,
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

function ruleKey(rule: PolicyRule): string {
  return Object.entries(PolicyRule).find(([, v]) => v === rule)![0];
}
