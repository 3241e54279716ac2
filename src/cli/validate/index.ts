import { checkApiRules } from './api-rules';
import { describe, formatProblem, loadManifests, Manifest, manifestFiles, Problem } from '../manifests';
import { Finding, lint } from './policy';
import { checkSchema } from './schema-check';

export { ACKNOWLEDGE_PREFIX, lint, RULES } from './policy';
export type { Finding } from './policy';
export { formatProblem, loadManifests, manifestFiles } from '../manifests';
export type { Manifest, Problem } from '../manifests';

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
      });
    } else {
      seen.set(key, m);
    }
  }
  return problems;
}

/** Strict validation: the 1.27 schema with unknown fields rejected, the API server's own rules, duplicates. */
export function validate(manifests: readonly Manifest[]): Problem[] {
  const schemaProblems = checkSchema(manifests);
  // A field the schema already rejects is not reported again by the rules that read it.
  const key = (p: Problem) => `${p.file}\0${p.object}\0${p.path}`;
  const rejected = new Set(schemaProblems.map(key));
  const ruleProblems = checkApiRules(manifests).filter((p) => !rejected.has(key(p)));
  return [...schemaProblems, ...ruleProblems, ...checkDuplicates(manifests)];
}

/** Reads the files and directories and validates every object in them. */
export function validatePaths(paths: readonly string[]): { manifests: Manifest[]; problems: Problem[] } {
  const { manifests, problems } = loadManifests(manifestFiles(paths));
  return { manifests, problems: [...problems, ...validate(manifests)] };
}

/** Runs the policy checks on the files and directories. */
export function lintPaths(paths: readonly string[]): {
  manifests: Manifest[];
  findings: Finding[];
  problems: Problem[];
} {
  const { manifests, problems } = loadManifests(manifestFiles(paths));
  return { manifests, findings: lint(manifests), problems };
}

export function formatFinding(f: Finding): string {
  const where = `${f.file}: ${f.object}${f.path ? `: ${f.path}` : ''}`;
  return f.acknowledged !== undefined
    ? `${where}: [${f.rule.id}] acknowledged: ${f.acknowledged}`
    : `${where}: [${f.rule.id}] ${f.message}\n    why: ${f.rule.why}`;
}

export { formatProblem as format };
