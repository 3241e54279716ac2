import { Problems, show } from './problems';

/**
 * Per-ordinal names and paths are written as patterns, not callbacks (which other
 * languages cannot pass through jsii): `{ordinal}` is the pod's ordinal (0, 1, ...) and
 * `{ordinal+N}` adds N, as the book numbers its volumes from 1 (`log-{ordinal+1}`).
 */
const PLACEHOLDER = /\{ordinal(?:\+(\d+))?\}/g;
// Without the g flag, test() keeps no lastIndex between calls: one object for the module.
const HAS_PLACEHOLDER = new RegExp(PLACEHOLDER.source);

function hasOrdinal(pattern: string): boolean {
  return HAS_PLACEHOLDER.test(pattern);
}

export function expandOrdinal(pattern: string, ordinal: number): string {
  return pattern.replace(PLACEHOLDER, (_, offset: string | undefined) => String(ordinal + Number(offset ?? 0)));
}

/**
 * Checks a pattern: a string whose braces are only placeholders, and which contains
 * one when several ordinals need different values.
 */
export function checkPattern(prop: string, value: unknown, count: number, p: Problems): value is string {
  if (typeof value !== 'string' || value === '') {
    p.add(`'${prop}' must be a string pattern such as "log-{ordinal+1}", got ${show(value)}`);
    return false;
  }
  const rest = value.replace(PLACEHOLDER, '');
  if (rest.includes('{') || rest.includes('}')) {
    p.add(`'${prop}' may contain only the placeholders {ordinal} and {ordinal+N} in braces, got ${show(value)}`);
    return false;
  }
  if (count > 1 && !hasOrdinal(value)) {
    p.add(
      `'${prop}' must contain {ordinal} (or {ordinal+N}) so that each of the ${count} ordinals gets its own value, got ${show(value)}`,
    );
    return false;
  }
  return true;
}
