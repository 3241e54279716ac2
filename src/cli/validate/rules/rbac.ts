import { isDnsSubdomain } from '../../k8s-syntax';
import { Ctx, isObject, list, oneOf, show } from './context';
import { isPathSegmentName } from './metadata';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

// rbac validation.go: ValidatePolicyRule.
function checkRules(ctx: Ctx, namespaced: boolean, rules: unknown): void {
  list(rules).forEach((r, i) => {
    if (!isObject(r)) return;
    const at = `rules[${i}]`;
    if (list(r.verbs).length === 0) {
      ctx.report(`${at}.verbs`, 'must contain at least one verb (such as "get"), got none', 'rbac');
    }
    const urls = list(r.nonResourceURLs);
    if (urls.length > 0) {
      if (namespaced) {
        ctx.report(
          `${at}.nonResourceURLs`,
          'a Role (namespaced) cannot grant non-resource URLs: use a ClusterRole',
          'rbac',
        );
      } else if (list(r.apiGroups).length > 0 || list(r.resources).length > 0) {
        ctx.report(
          `${at}.nonResourceURLs`,
          'a rule cannot grant both resources (apiGroups, resources) and non-resource URLs',
          'rbac',
        );
      }
      return;
    }
    if (list(r.apiGroups).length === 0) {
      ctx.report(`${at}.apiGroups`, 'a resource rule must name at least one API group ("" for the core group)', 'rbac');
    }
    if (list(r.resources).length === 0) {
      ctx.report(`${at}.resources`, 'a resource rule must name at least one resource', 'rbac');
    }
  });
}

// rbac validation.go: ValidateRoleBinding, ValidateClusterRoleBinding, ValidateRoleBindingSubject.
function checkBinding(ctx: Ctx, namespaced: boolean, o: Record<string, any>): void {
  const ref = o.roleRef;
  if (isObject(ref)) {
    if (ref.apiGroup !== RBAC_GROUP) {
      ctx.report('roleRef.apiGroup', `must be ${show(RBAC_GROUP)}, got ${show(ref.apiGroup)}`, 'rbac');
    }
    const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
    if (!kinds.includes(ref.kind)) {
      ctx.report('roleRef.kind', `must be ${oneOf(kinds)}, got ${show(ref.kind)}`, 'rbac');
    }
    if (typeof ref.name !== 'string' || ref.name === '') ctx.report('roleRef.name', 'is required', 'rbac');
    else if (!isPathSegmentName(ref.name)) {
      ctx.report('roleRef.name', `must be a path segment (without "/" or "%"), got ${show(ref.name)}`, 'rbac');
    }
  }
  list(o.subjects).forEach((s, i) => {
    if (!isObject(s)) return;
    const at = `subjects[${i}]`;
    if (typeof s.name !== 'string' || s.name === '') ctx.report(`${at}.name`, 'is required', 'rbac');
    switch (s.kind) {
      case 'ServiceAccount':
        if (s.apiGroup !== undefined && s.apiGroup !== '') {
          ctx.report(`${at}.apiGroup`, `must be "" for a ServiceAccount, got ${show(s.apiGroup)}`, 'rbac');
        }
        if (typeof s.name === 'string' && s.name !== '' && !isDnsSubdomain(s.name)) {
          ctx.report(`${at}.name`, `a ServiceAccount name must be a DNS subdomain, got ${show(s.name)}`, 'rbac');
        }
        if (!namespaced && (typeof s.namespace !== 'string' || s.namespace === '')) {
          ctx.report(
            `${at}.namespace`,
            'is required for a ServiceAccount in a ClusterRoleBinding (there is no namespace of the binding to default to)',
            'rbac',
          );
        }
        break;
      case 'User':
      case 'Group':
        if (s.apiGroup !== RBAC_GROUP) {
          ctx.report(`${at}.apiGroup`, `must be ${show(RBAC_GROUP)} for a ${s.kind}, got ${show(s.apiGroup)}`, 'rbac');
        }
        break;
      default:
        ctx.report(`${at}.kind`, `must be ${oneOf(['ServiceAccount', 'User', 'Group'])}, got ${show(s.kind)}`, 'rbac');
    }
  });
}

/** Role, ClusterRole, RoleBinding, ClusterRoleBinding. */
export function checkRbac(ctx: Ctx, o: Record<string, any>): void {
  switch (o.kind) {
    case 'Role':
      return checkRules(ctx, true, o.rules);
    case 'ClusterRole':
      // An aggregated ClusterRole's rules are filled in by the controller.
      return checkRules(ctx, false, o.rules);
    case 'RoleBinding':
      return checkBinding(ctx, true, o);
    case 'ClusterRoleBinding':
      return checkBinding(ctx, false, o);
  }
}
