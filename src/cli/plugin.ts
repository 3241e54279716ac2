import * as fs from 'fs';
import * as path from 'path';
import { readInputs, yamlProblem } from './input';
import { documentLines, fromFinding, fromProblem, fullPath, Result, summarize } from './results';
import { ACKNOWLEDGE_PREFIX, DEFAULT_VERSION, lint, resolveVersion, validate } from './validate';

/**
 * The cdk8s validation plugin (cdk8s.yaml `validations:`): after `cdk8s synth` has written
 * the manifests, runs `stateful-service validate` and `lint` on them and submits one
 * report. Errors fail the synth; warnings and acknowledged findings are listed only.
 *
 * The cdk8s CLI writes the manifests before it validates them, and leaves them in place
 * when validation fails. So that a failed synth leaves nothing `kubectl apply -f dist/`
 * would apply, the plugin renames every manifest of a failed synth to `<file>.invalid`
 * (kubectl reads only .yaml, .yml and .json files), unless `keepInvalidOutput` is set;
 * and it removes cdk8s's construct-metadata.json, which kubectl cannot apply either.
 */

/** The parts of cdk8s-cli's ValidationContext the plugin uses (cdk8s-cli lib/plugins/validation.d.ts). */
export interface ValidationContext {
  readonly manifests: readonly string[];
  readonly stdout?: boolean;
  readonly report: {
    addViolation(violation: {
      ruleName: string;
      recommendation: string;
      fix: string;
      violatingResources: { resourceName: string; locations: string[]; manifestPath: string }[];
    }): void;
    submit(status: 'success' | 'failure', metadata?: Record<string, string>): void;
  };
  readonly logger: { log(message: string): void };
}

/** The `properties:` of the plugin's entry in cdk8s.yaml. */
export interface ManifestValidationProperties {
  /** The Kubernetes version to validate against: 1.27 (default), 1.33, 1.34, 1.35 or 1.36. */
  readonly kubernetesVersion?: string;
  /** Run the policy checks too (default true). */
  readonly lint?: boolean;
  /** Leave the manifests of a failed synth as they are (default false: renamed to `<file>.invalid`). */
  readonly keepInvalidOutput?: boolean;
}

const PROPERTIES = ['kubernetesVersion', 'lint', 'keepInvalidOutput'];

const FIX: Record<string, string> = {
  'unknown-field':
    'Remove the field or correct its spelling: the API server rejects unknown fields (kubectl apply --validate=strict), or drops them silently.',
  required: 'Set the field: the API server rejects the object without it.',
  type: 'Give the field a value of the type the API expects.',
  enum: 'Use one of the values the API allows.',
  range: 'Use a value within the range of the field.',
  'unknown-kind': 'Use an apiVersion and kind that the target Kubernetes version serves.',
};
// The member of the construct's PolicyRule enum whose value is the rule id
// ('node-port' is PolicyRule.NODE_PORT); the plugin does not import the construct.
const policyRuleMember = (id: string): string => id.toUpperCase().replace(/-/g, '_');
const fixOf = (r: Result): string =>
  r.help !== undefined
    ? `Why it matters: ${r.help}. Fix it, or acknowledge it: in a StatefulService with the prop acknowledgements: [{ rule: PolicyRule.${policyRuleMember(r.rule)}, reason: '...' }], elsewhere on the object with the annotation ${ACKNOWLEDGE_PREFIX}${r.rule}: <reason>.`
    : (FIX[r.rule] ??
      'Change the manifest (or the code that writes it) so that the API server accepts it and it runs as meant.');

// Kubernetes names never contain '/': what follows the kind is the name, which is how cdk8s
// keys the construct paths it records for the report.
const resourceName = (object: string) => (object.includes('/') ? object.slice(object.indexOf('/') + 1) : object);

const toRename = new Set<string>();
const toRemove = new Set<string>();
let exitHookInstalled = false;

/**
 * cdk8s writes `construct-metadata.json` next to the manifests for the validation report
 * (src/util.ts findConstructMetadata); `kubectl apply -f dist/` fails on it (no kind), so
 * once the report is printed it goes. Only a file of that shape is removed.
 */
function constructMetadata(manifests: readonly string[]): string[] {
  return [...new Set(manifests.map((f) => path.join(path.dirname(f), 'construct-metadata.json')))].filter((f) => {
    try {
      const json = JSON.parse(fs.readFileSync(f, 'utf-8'));
      return typeof json?.version === 'string' && typeof json?.resources === 'object';
    } catch {
      return false;
    }
  });
}

/** Once the synth is over: if it failed, whichever check failed it, move its manifests aside. */
function atExit(rename: readonly string[], remove: readonly string[]): void {
  rename.forEach((f) => toRename.add(f));
  remove.forEach((f) => toRemove.add(f));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // cdk8s-cli's validateApp calls process.exit(2) after printing every report: an exit
  // hook sees the outcome of all plugins, not only of this one, and runs after them.
  process.on('exit', (code) => {
    toRemove.forEach((f) => fs.rmSync(f, { force: true }));
    if (code === 0) return;
    const renamed = [...toRename].filter((f) => {
      try {
        fs.renameSync(f, `${f}.invalid`);
        return true;
      } catch {
        return false; // already gone: nothing to hide
      }
    });
    if (renamed.length > 0) {
      fs.writeSync(
        2,
        `stateful-service: the synth failed, so its manifests were renamed to *.invalid and nothing in the output can be applied by mistake:\n${renamed.map((f) => `  ${f}.invalid`).join('\n')}\n`,
      );
    }
  });
}

export class ManifestValidation {
  private readonly kubernetesVersion: string;
  private readonly lint: boolean;
  private readonly keepInvalidOutput: boolean;

  constructor(properties: ManifestValidationProperties = {}) {
    const unknown = Object.keys(properties).filter((k) => !PROPERTIES.includes(k));
    if (unknown.length > 0) {
      throw new Error(
        `stateful-service plugin: unknown properties ${unknown.map((k) => JSON.stringify(k)).join(', ')} in cdk8s.yaml (known: ${PROPERTIES.join(', ')})`,
      );
    }
    this.kubernetesVersion = resolveVersion(String(properties.kubernetesVersion ?? DEFAULT_VERSION));
    this.lint = properties.lint ?? true;
    this.keepInvalidOutput = properties.keepInvalidOutput ?? false;
  }

  public async validate(context: ValidationContext): Promise<void> {
    if (!context.stdout) {
      atExit(this.keepInvalidOutput ? [] : context.manifests, constructMetadata(context.manifests));
    }
    const { manifests, errors } = readInputs(context.manifests);
    const lines = documentLines(manifests);
    const results: Result[] = [
      ...errors.map((e) => fromProblem(yamlProblem(e), lines)),
      ...validate(manifests, { kubernetesVersion: this.kubernetesVersion })
        // lint reports a non-root process's port below 1024 too, where an acknowledgement silences it.
        .filter((p) => !(this.lint && p.rule === 'privileged-port'))
        .map((p) => fromProblem(p, lines)),
      ...(this.lint ? lint(manifests).map((f) => fromFinding(f, lines)) : []),
    ];
    for (const r of results.filter((x) => x.acknowledged === undefined)) {
      const where = fullPath(r);
      context.report.addViolation({
        ruleName: r.severity === 'warning' ? `${r.rule} (warning)` : r.rule,
        recommendation: `${r.object}${where ? ` ${where}` : ''}: ${r.message}`,
        fix: fixOf(r),
        violatingResources: [{ resourceName: resourceName(r.object), locations: [where || '.'], manifestPath: r.file }],
      });
    }
    for (const r of results.filter((x) => x.acknowledged !== undefined)) {
      context.logger.log(`acknowledged [${r.rule}] ${r.object}: ${r.acknowledged}`);
    }
    const s = summarize(results);
    context.report.submit(s.errors > 0 ? 'failure' : 'success', {
      'Kubernetes version': this.kubernetesVersion,
      Objects: String(manifests.length),
      Errors: String(s.errors),
      Warnings: String(s.warnings),
      Acknowledged: String(s.acknowledged),
    });
  }
}
