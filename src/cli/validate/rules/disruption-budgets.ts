import { Ctx, isObject, show } from './context';
import { checkLabelSelector } from './labels';
import { intOrPercentProblem } from './workloads';

/** A PodDisruptionBudget. */
// policy validation.go: ValidatePodDisruptionBudgetSpec (with apps ValidatePositiveIntOrPercent
// and IsNotMoreThan100Percent).
export function checkDisruptionBudget(ctx: Ctx, o: Record<string, any>): void {
  const spec = o.spec;
  if (!isObject(spec)) return;
  // Setting neither is accepted: the budget then blocks no eviction.
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
    ctx.report('spec', 'must set exactly one of minAvailable and maxUnavailable, got both', 'disruption-budget');
  }
  for (const field of ['minAvailable', 'maxUnavailable']) {
    const problem = spec[field] === undefined ? undefined : intOrPercentProblem(spec[field]);
    if (problem) ctx.report(`spec.${field}`, problem, 'disruption-budget');
  }
  const policy = spec.unhealthyPodEvictionPolicy;
  if (policy !== undefined && policy !== 'IfHealthyBudget' && policy !== 'AlwaysAllow') {
    ctx.report(
      'spec.unhealthyPodEvictionPolicy',
      `must be "IfHealthyBudget" or "AlwaysAllow", got ${show(policy)}`,
      'disruption-budget',
    );
  }
  checkLabelSelector(ctx, 'spec.selector', spec.selector);
}
