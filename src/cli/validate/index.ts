import { checkApiRules } from './api-rules';
import { describe, Manifest, Problem } from '../manifests';
import { readInputs, ReadOptions, YamlError } from '../input';
import { Finding, lint } from './policy';
import { checkSchema } from './schema-check';
import { DEFAULT_VERSION } from './schema/versions';

export { ACKNOWLEDGE_PREFIX, lint, RULES } from './policy';
export type { Finding } from './policy';
export { manifestFiles } from '../input';
export { formatProblem } from '../manifests';
export type { Manifest, Problem } from '../manifests';
export { DEFAULT_VERSION, KNOWN_VERSIONS, resolveVersion, UnknownVersionError } from './schema/versions';

export interface ValidateOptions {
  /** The Kubernetes version to check against (`1.33`); default the newest known (1.36). */
  readonly kubernetesVersion?: string;
}

/** The same kind, namespace and name twice: `kubectl apply` would let the last one win. */
function checkDuplicates(manifests: readonly Manifest[]): Problem[] {
  const seen = new Map<string, Manifest>();
  const problems: Problem[] = [];
  for (const m of manifests) {
    const o = m.object;
    if (!o?.kind || !o?.metadata?.name) continue;
    const key = `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    const first = seen.get(key);
    if (first) {
      problems.push({
        file: m.file,
        object: describe(m),
        path: 'metadata.name',
        message: `duplicate of the object in ${first.file} (document ${first.index + 1})`,
        rule: 'duplicate',
        index: m.index,
        ...(m.item !== undefined ? { item: m.item } : {}),
      });
    } else {
      seen.set(key, m);
    }
  }
  return problems;
}

/**
 * Gives each problem the document (and List item) of its object, for checks that report
 * only the file and `Kind/name`: the first object of that file with that description.
 */
export function locate(problems: readonly Problem[], manifests: readonly Manifest[]): Problem[] {
  const byKey = new Map<string, Manifest>();
  for (const m of manifests) {
    const key = `${m.file}\0${describe(m)}`;
    if (!byKey.has(key)) byKey.set(key, m);
  }
  return problems.map((p) => {
    if (p.index !== undefined) return p;
    const m = byKey.get(`${p.file}\0${p.object}`);
    return m ? { ...p, index: m.index, ...(m.item !== undefined ? { item: m.item } : {}) } : p;
  });
}

/**
 * Strict validation: the schema of the Kubernetes version with unknown fields rejected,
 * the API server's own rules, duplicates. Problems with severity `warning` do not fail.
 */
export function validate(manifests: readonly Manifest[], options: ValidateOptions = {}): Problem[] {
  const schemaProblems = checkSchema(manifests, options.kubernetesVersion ?? DEFAULT_VERSION);
  // A field the schema already rejects is not reported again by the rules that read it.
  const key = (p: Problem) => `${p.file}\0${p.object}\0${p.path}`;
  const rejected = new Set(schemaProblems.map(key));
  const ruleProblems = checkApiRules(manifests, { version: options.kubernetesVersion ?? DEFAULT_VERSION }).filter(
    (p) => !rejected.has(key(p)),
  );
  return locate([...schemaProblems, ...ruleProblems, ...checkDuplicates(manifests)], manifests);
}

/** Whether a problem fails the check (an error), rather than being reported only (a warning). */
export const isError = (p: Problem): boolean => p.severity !== 'warning';

/** Reads the files and directories and validates every object in them. */
export function validatePaths(
  paths: readonly string[],
  options: ValidateOptions & ReadOptions = {},
): { files: string[]; manifests: Manifest[]; problems: Problem[]; yamlErrors: YamlError[] } {
  const { files, manifests, errors } = readInputs(paths, options);
  return { files, manifests, problems: validate(manifests, options), yamlErrors: errors };
}

/** Runs the policy checks on the files and directories. */
export function lintPaths(
  paths: readonly string[],
  options: ReadOptions = {},
): { files: string[]; manifests: Manifest[]; findings: Finding[]; yamlErrors: YamlError[] } {
  const { files, manifests, errors } = readInputs(paths, options);
  return { files, manifests, findings: lint(manifests), yamlErrors: errors };
}
