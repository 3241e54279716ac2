/**
 * The one place names and labels are made, so the selector that the StatefulSet,
 * both Services and the pre-made volumes use cannot drift apart.
 *
 * Selector labels come from the user's names only (never from construct paths or
 * hashes): a StatefulSet's selector is immutable in a live cluster, so a refactor
 * of the construct tree must not change it.
 */

export const NAME_LABEL = 'app.kubernetes.io/name';
export const INSTANCE_LABEL = 'app.kubernetes.io/instance';
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';

/** The labels that select the set's pods: `app.kubernetes.io/name` and `app.kubernetes.io/instance`. */
export function selectorLabels(appName: string, instance: string): Record<string, string> {
  return { [NAME_LABEL]: appName, [INSTANCE_LABEL]: instance };
}

/** Labels for every object: user labels first, selector labels last so nothing overrides them. */
export function objectLabels(
  userLabels: Readonly<Record<string, string>>,
  selector: Readonly<Record<string, string>>,
): Record<string, string> {
  return { [MANAGED_BY_LABEL]: 'cdk8s', ...userLabels, ...selector };
}

/** The name the StatefulSet controller gives the claim of `ordinal`: `<template>-<set>-<ordinal>`. */
export function claimName(templateName: string, statefulSetName: string, ordinal: number): string {
  return `${templateName}-${statefulSetName}-${ordinal}`;
}

/** The name (and hostname) of the pod of `ordinal`: `<set>-<ordinal>`. */
export function podName(statefulSetName: string, ordinal: number): string {
  return `${statefulSetName}-${ordinal}`;
}

/** Annotations, or `undefined` so an empty map is not rendered. */
export function annotations(a: Readonly<Record<string, string>>): Record<string, string> | undefined {
  return Object.keys(a).length > 0 ? { ...a } : undefined;
}
