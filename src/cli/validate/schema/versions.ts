import { CompactSchema, Type } from './compact';
import * as v127 from '../schemas/k8s-1.27';
import * as v128 from '../schemas/k8s-1.28';
import * as v129 from '../schemas/k8s-1.29';
import * as v130 from '../schemas/k8s-1.30';
import * as v131 from '../schemas/k8s-1.31';
import * as v132 from '../schemas/k8s-1.32';
import * as v133 from '../schemas/k8s-1.33';
import * as v134 from '../schemas/k8s-1.34';
import * as v135 from '../schemas/k8s-1.35';
import * as v136 from '../schemas/k8s-1.36';

/** The Kubernetes versions whose schemas ship, oldest first. */
const MODULES = [v127, v128, v129, v130, v131, v132, v133, v134, v135, v136];
export const KNOWN_VERSIONS: readonly string[] = MODULES.map((m) => m.version);
/**
 * The newest version with a schema: what the tools check against unless told otherwise
 * (a cluster is more likely to run a recent version than the construct's 1.27).
 */
export const DEFAULT_VERSION = KNOWN_VERSIONS[KNOWN_VERSIONS.length - 1];

/** A version the tools have no schema for: the user's to fix (exit 2). */
export class UnknownVersionError extends Error {
  constructor(input: string) {
    super(
      `unknown Kubernetes version ${JSON.stringify(input)}: the known versions are ${KNOWN_VERSIONS.join(', ')} (a patch version such as 1.33.2 counts as its minor version)`,
    );
    this.name = 'UnknownVersionError';
  }
}

/** `1.33`, `1.33.2`, `v1.33` → `1.33`; throws UnknownVersionError for a version without schema. */
export function resolveVersion(input: string = DEFAULT_VERSION): string {
  const m = /^v?(\d+)\.(\d+)(\.\d+)?$/.exec(input.trim());
  const version = m ? `${Number(m[1])}.${Number(m[2])}` : undefined;
  if (!version || !KNOWN_VERSIONS.includes(version)) throw new UnknownVersionError(input);
  return version;
}

interface Changes {
  readonly kinds: Record<string, string | null>;
  readonly builtin: { readonly add: readonly string[]; readonly remove: readonly string[] };
  readonly defs: Record<string, Type | null>;
}

function apply<T>(base: Record<string, T>, changes: Record<string, T | null>): Record<string, T> {
  const out = { ...base };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete out[key];
    else out[key] = value;
  }
  return out;
}

const cache = new Map<string, CompactSchema>();

/** The schema of a known version (`1.33`): the first version's, with the changes of each version up to it. */
export function schemaFor(version: string): CompactSchema {
  const cached = cache.get(version);
  if (cached) return cached;
  const i = KNOWN_VERSIONS.indexOf(version);
  if (i === -1) throw new UnknownVersionError(version);
  let schema: CompactSchema;
  if (i === 0) {
    schema = JSON.parse(MODULES[0].schema);
  } else {
    const previous = schemaFor(KNOWN_VERSIONS[i - 1]);
    const changes: Changes = JSON.parse(MODULES[i].schema);
    schema = {
      kinds: apply(previous.kinds, changes.kinds),
      builtin: [...previous.builtin.filter((k) => !changes.builtin.remove.includes(k)), ...changes.builtin.add],
      defs: apply(previous.defs, changes.defs),
    };
  }
  cache.set(version, schema);
  return schema;
}
