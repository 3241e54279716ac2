import type * as k8s from '../../imports/k8s';
import type { Wire } from '../core/wire';
import { isImagePinned } from '../core/checks';
import { PolicyRule } from './policy-rule';

type Container = Wire<k8s.Container>;
type PodSpec = Wire<k8s.PodSpec>;

/**
 * The policy findings the StatefulSet's pod template will have, read from the pod spec
 * the construct made, so that an acknowledgement of a finding the service does not have
 * is refused (a stale acknowledgement would hide the finding when it comes back).
 * Conservative: where the policy check could find something, the rule counts as found.
 */
export function podFindings(
  spec: PodSpec,
  opts: { readonly replicated: boolean; readonly budget: boolean },
): Set<PolicyRule> {
  const found = new Set<PolicyRule>();
  const all: Container[] = [...(spec.initContainers ?? []), ...spec.containers];
  const pod = spec.securityContext ?? {};
  for (const c of all) {
    const r = c.resources ?? {};
    if (!r.requests?.cpu || !r.requests?.memory || !r.limits?.cpu || !r.limits?.memory) {
      found.add(PolicyRule.CONTAINER_RESOURCES);
    }
    if (!isImagePinned(c.image ?? '')) found.add(PolicyRule.IMAGE_TAG);
    const sc = c.securityContext ?? {};
    const added = (sc.capabilities?.add ?? []).filter((cap) => cap !== 'NET_BIND_SERVICE');
    if (
      sc.privileged ||
      sc.allowPrivilegeEscalation !== false ||
      !(sc.capabilities?.drop ?? []).includes('ALL') ||
      added.length > 0
    ) {
      found.add(PolicyRule.PRIVILEGE);
    }
    if ((sc.runAsNonRoot ?? pod.runAsNonRoot) !== true || (sc.runAsUser ?? pod.runAsUser) === 0)
      found.add(PolicyRule.RUN_AS_ROOT);
    if (!sc.seccompProfile && !pod.seccompProfile) found.add(PolicyRule.SECCOMP);
    // Conservative: a non-root user (or not known to be root) with a port below 1024.
    if ((sc.runAsUser ?? pod.runAsUser) !== 0 && (c.ports ?? []).some((x) => x.containerPort < 1024))
      found.add(PolicyRule.PRIVILEGED_PORT);
    if (sc.readOnlyRootFilesystem !== true) found.add(PolicyRule.READ_ONLY_ROOT_FILESYSTEM);
  }
  for (const c of spec.containers) {
    if (!c.readinessProbe || !c.livenessProbe) found.add(PolicyRule.CONTAINER_PROBES);
  }
  if (all.some((c) => (c.ports ?? []).some((x) => x.hostPort !== undefined))) found.add(PolicyRule.HOST_PORTS);
  if (spec.hostNetwork || spec.hostPID || spec.hostIPC) found.add(PolicyRule.HOST_NAMESPACES);
  if (spec.automountServiceAccountToken !== false) found.add(PolicyRule.SERVICE_ACCOUNT_TOKEN);
  if (opts.replicated && !opts.budget) found.add(PolicyRule.DISRUPTION_BUDGET);
  return found;
}
