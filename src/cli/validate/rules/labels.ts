import { isLabelValue, isQualifiedName } from '../../k8s-syntax';
import { Ctx, isObject, list, oneOf, show } from './context';

const LABEL_VALUE = "at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
const QUALIFIED_NAME =
  "an optional DNS-subdomain prefix and '/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";

/** Describes what a label key, annotation key or other qualified name must look like. */
export const qualifiedNameRule = QUALIFIED_NAME;

// meta/v1/validation: ValidateLabels (label maps: metadata.labels, selectors, nodeSelector).
export function checkLabels(ctx: Ctx, path: string, labels: unknown): void {
  if (!isObject(labels)) return;
  for (const [k, value] of Object.entries(labels)) {
    if (!isQualifiedName(k)) ctx.report(path, `invalid label key ${show(k)} (${QUALIFIED_NAME})`, 'labels');
    if (!isLabelValue(value))
      ctx.report(`${path}[${show(k)}]`, `invalid label value ${show(value)} (${LABEL_VALUE})`, 'labels');
  }
}

const LABEL_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
const NODE_OPERATORS = [...LABEL_OPERATORS, 'Gt', 'Lt'];

// meta/v1/validation: ValidateLabelSelector and ValidateLabelSelectorRequirement, with
// AllowInvalidLabelValueInSelector false as for every new object.
export function checkLabelSelector(ctx: Ctx, path: string, selector: unknown): void {
  if (!isObject(selector)) return;
  checkLabels(ctx, `${path}.matchLabels`, selector.matchLabels);
  list(selector.matchExpressions).forEach((e, i) =>
    checkRequirement(ctx, `${path}.matchExpressions[${i}]`, e, 'label'),
  );
}

/**
 * One `key operator values` requirement of a label selector, or of a node selector term
 * (`required` or `preferred`), which adds `Gt` and `Lt`.
 */
// meta/v1/validation: ValidateLabelSelectorRequirement; validation.go: ValidateNodeSelectorRequirement.
export function checkRequirement(ctx: Ctx, path: string, req: unknown, kind: 'label' | 'required' | 'preferred'): void {
  if (!isObject(req)) return;
  const rule = kind === 'label' ? 'label-selector' : 'node-affinity';
  const operators = kind === 'label' ? LABEL_OPERATORS : NODE_OPERATORS;
  if (!isQualifiedName(req.key))
    ctx.report(`${path}.key`, `must be a label key (${QUALIFIED_NAME}), got ${show(req.key)}`, rule);
  const values = list(req.values);
  switch (operators.includes(req.operator) ? req.operator : undefined) {
    case 'In':
    case 'NotIn':
      if (values.length === 0)
        ctx.report(`${path}.values`, `must not be empty when operator is ${show(req.operator)}`, rule);
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) {
        ctx.report(`${path}.values`, `must be empty when operator is ${show(req.operator)}, got ${show(values)}`, rule);
      }
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) {
        ctx.report(
          `${path}.values`,
          `must hold exactly one value when operator is ${show(req.operator)}, got ${show(values)}`,
          rule,
        );
      } else if (!/^[+-]?\d+$/.test(String(values[0]))) {
        // labels.NewRequirement (used by the scheduler) refuses it: the term matches no node.
        ctx.report(
          `${path}.values[0]`,
          `must be an integer when operator is ${show(req.operator)}, got ${show(values[0])}: the scheduler cannot compare it and the term matches no node`,
          'node-selector-integer',
        );
      }
      break;
    default:
      ctx.report(`${path}.operator`, `must be ${oneOf(operators)}, got ${show(req.operator)}`, rule);
  }
  // Values of required node terms are checked as label values only from 1.32
  // (AllowInvalidLabelValueInRequiredNodeAffinity); preferred terms never are.
  if (kind === 'preferred' || (kind === 'required' && ctx.target.minor < 33)) return;
  values.forEach((v, i) => {
    if (!isLabelValue(v))
      ctx.report(`${path}.values[${i}]`, `must be a label value (${LABEL_VALUE}), got ${show(v)}`, rule);
  });
}
