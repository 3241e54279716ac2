/**
 * The one place names and labels are made, so that the selector the StatefulSet, the
 * Services, the disruption budget and the network policy use cannot drift apart.
 *
 * Selector labels come from the user's names only, never from construct paths or
 * hashes: a StatefulSet's selector is immutable in a live cluster, so a refactor of the
 * construct tree must not change it.
 */

export const NAME_LABEL = 'app.kubernetes.io/name';
export const INSTANCE_LABEL = 'app.kubernetes.io/instance';
const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';

/** The labels that select the set's pods. */
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

/** The claim the StatefulSet controller makes for `ordinal`: `<template>-<set>-<ordinal>`. */
export function claimName(templateName: string, statefulSetName: string, ordinal: number): string {
  return `${templateName}-${statefulSetName}-${ordinal}`;
}

/** The name (and hostname) of the pod of `ordinal`: `<set>-<ordinal>`. */
export function podName(statefulSetName: string, ordinal: number): string {
  return `${statefulSetName}-${ordinal}`;
}

/** A map, or `undefined` so that an empty map is not written. */
export function nonEmpty(map: Readonly<Record<string, string>>): Record<string, string> | undefined {
  return Object.keys(map).length > 0 ? { ...map } : undefined;
}
