import {
  canonicalQuantity,
  isQualifiedName,
  isWholeQuantity,
  parseQuantityExact,
  Quantity,
  quantityValue,
} from '../../k8s-syntax';
import { Ctx, entries, isObject, key, show } from './context';

/**
 * Checks a quantity: its syntax, and that it is not negative (or, for `positive`, above
 * zero). Returns it parsed, or `undefined` when it is not a quantity.
 */
// validation.go: ValidateNonnegativeQuantity, ValidatePositiveQuantityValue.
export function checkQuantity(ctx: Ctx, path: string, value: unknown, positive = false): Quantity | undefined {
  if (value === undefined || value === null) return undefined; // the schema check reports null
  const q = parseQuantityExact(value);
  if (q === undefined) {
    ctx.report(path, `must be a Kubernetes quantity such as "10Mi", "500m" or "1", got ${show(value)}`, 'quantity');
  } else if (q.nano < 0n || (positive && q.nano === 0n)) {
    ctx.report(path, `must be ${positive ? 'positive' : 'zero or more'}, got ${show(value)}`, 'quantity');
  }
  return q;
}

/**
 * A byte count with a fraction (`100m` of memory is a tenth of a byte): the API server
 * accepts it and rounds it up to a whole byte, which is almost always `100Mi` mistyped.
 */
// pkg/api/pod/warnings.go: "fractional byte value" (an API warning, not an error).
export function checkWholeBytes(ctx: Ctx, path: string, value: unknown, q: Quantity | undefined): void {
  if (!q || q.nano <= 0n || isWholeQuantity(q)) return;
  const hint = /^\d+m$/.test(String(value)) ? ` Did you mean "${String(value).slice(0, -1)}Mi"?` : '';
  ctx.report(
    path,
    `${show(value)} is not a whole number of bytes; it is rounded up to ${quantityValue(q)} byte(s).${hint}`,
    'fractional-bytes',
  );
}

const BYTE_RESOURCES = new Set(['memory', 'ephemeral-storage', 'storage']);
const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const isHugePages = (name: string) => name.startsWith('hugepages-');
// helpers.go: IsNativeResource (unprefixed, or in the kubernetes.io/ namespace).
const isNative = (name: string) => !name.includes('/') || name.includes('kubernetes.io/');
// helpers.go: IsExtendedResourceName.
const isExtended = (name: string) =>
  !isNative(name) && !name.startsWith('requests.') && isQualifiedName(`requests.${name}`);
// helpers.go: IsOvercommitAllowed (native and not huge pages).
const mayOvercommit = (name: string) => isNative(name) && !isHugePages(name);

// validation.go: validateContainerResourceName (validateResourceName, then the container kinds).
function resourceNameProblem(name: string): string | undefined {
  if (!isQualifiedName(name)) return 'is not a qualified name';
  if (!name.includes('/') && !STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name)) {
    return 'is not a container resource: use cpu, memory, ephemeral-storage, hugepages-<size> or a domain-prefixed extended resource';
  }
  if (name.includes('/') && !isNative(name) && !isExtended(name)) return 'is not a valid extended resource name';
  return undefined;
}

// helpers.go: IsHugePageResourceValueDivisible.
function hugePagesProblem(name: string, q: Quantity): string | undefined {
  const page = parseQuantityExact(name.slice('hugepages-'.length));
  if (!page || page.nano <= 0n || !isWholeQuantity(page)) return `${show(name)} does not name a page size`;
  if (quantityValue(q) % quantityValue(page) !== 0n) {
    return `must be a whole number of ${canonicalQuantity(page)} pages, got ${canonicalQuantity(q)}`;
  }
  return undefined;
}

/** A container's `resources`: names, quantities, requests against limits, huge pages. */
// validation.go: validateResourceRequirements, ValidateResourceQuantityValue,
// validateResourceQuantityHugePageValue.
export function checkContainerResources(ctx: Ctx, path: string, resources: unknown): void {
  if (!isObject(resources)) return;
  const parsed: Record<'limits' | 'requests', Map<string, Quantity>> = { limits: new Map(), requests: new Map() };
  for (const field of ['limits', 'requests'] as const) {
    for (const [name, value] of entries(resources[field])) {
      const at = key(`${path}.${field}`, name);
      const nameProblem = resourceNameProblem(name);
      if (nameProblem) ctx.report(at, `resource name ${show(name)} ${nameProblem}`, 'resources');
      const q = checkQuantity(ctx, at, value);
      if (!q || q.nano < 0n) continue;
      parsed[field].set(name, q);
      if (isExtended(name) && !isWholeQuantity(q)) {
        ctx.report(at, `an extended resource is counted in whole units, got ${show(value)}`, 'resources');
      }
      if (isHugePages(name)) {
        const problem = hugePagesProblem(name, q);
        if (problem) ctx.report(at, problem, 'resources');
      }
      if (BYTE_RESOURCES.has(name)) checkWholeBytes(ctx, at, value, q);
    }
  }
  for (const [name, request] of parsed.requests) {
    const limit = parsed.limits.get(name);
    const at = key(`${path}.requests`, name);
    const limitText = show(resources.limits?.[name]);
    if (limit === undefined) {
      if (!mayOvercommit(name))
        ctx.report(
          key(`${path}.limits`, name),
          `must be set: ${show(name)} cannot be overcommitted, so its limit must equal its request`,
          'resources',
        );
    } else if (!mayOvercommit(name) && request.nano !== limit.nano) {
      ctx.report(
        at,
        `must equal the ${name} limit (${limitText}): ${show(name)} cannot be overcommitted, got ${show(resources.requests[name])}`,
        'resources',
      );
    } else if (request.nano > limit.nano) {
      ctx.report(
        at,
        `must be less than or equal to the ${name} limit (${limitText}), got ${show(resources.requests[name])}`,
        'resources',
      );
    }
  }
  const names = [...parsed.limits.keys(), ...parsed.requests.keys()];
  if (names.some(isHugePages) && !names.some((n) => n === 'cpu' || n === 'memory')) {
    ctx.report(path, 'a container that asks for huge pages must also ask for cpu or memory', 'resources');
  }
}
