import * as fs from 'fs';
import * as path from 'path';
import { readInputs, yamlProblem } from './input';
import { describeCrash, toolVersion } from './io';
import type { Manifest } from './manifests';
import { documentLines, fromFinding, fromProblem, fullPath, groupResults, Result, summarize, Where } from './results';
import { ACKNOWLEDGE_PREFIX, DEFAULT_VERSION, lint, resolveVersion, UnknownVersionError, validate } from './validate';

/**
 * The cdk8s validation plugin (cdk8s.yaml `validations:`): after `cdk8s synth` has written
 * the manifests, runs `stateful-service validate` and `lint` on them and submits one
 * report. Errors fail the synth; warnings and acknowledged findings are listed only.
 *
 * The cdk8s CLI writes the manifests before it validates them, and leaves them in place
 * when validation fails. So that a failed synth leaves nothing `kubectl apply -f dist/`
 * would apply, the plugin renames every manifest of a failed synth to `<file>.invalid`
 * (kubectl reads only .yaml, .yml and .json files), unless `keepInvalidOutput` is set;
 * and it removes cdk8s's construct-metadata.json, which kubectl cannot apply either. In a
 * Helm chart (`cdk8s synth --format helm`) the manifests of a failed synth are moved out
 * of `templates/`, since Helm installs every file there whatever its name.
 *
 * It fails closed on every path: a wrong property in cdk8s.yaml, an unknown version, a
 * crash of a check are each one finding in the report (never a stack trace), the synth
 * fails, and its manifests are moved aside as above.
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
  /** The Kubernetes version to validate against, 1.27 to 1.36 (default: the newest). */
  readonly kubernetesVersion?: string;
  /** Run the policy checks too (default true; a YAML boolean, not the string 'false'). */
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

// Kubernetes names never contain '/': what follows the kind is the name.
const nameOf = (object: string) => (object.includes('/') ? object.slice(object.indexOf('/') + 1) : object);

/**
 * The resource name under which cdk8s's report finds the construct path of a finding's
 * object. cdk8s records one path per metadata.name (cdk8s App.writeConstructMetadata:
 * `resources[apiObject.name]`, each object in the order the manifests are written, the
 * last one winning), so a StatefulSet and a PodDisruptionBudget both named `db` share
 * the entry of the last. A finding gets the bare name only when its object is the one
 * the entry was recorded for: the only object of that name, or the last of a file that
 * holds all of them. Any other is named `Kind/name`, which the report shows with no
 * construct path rather than with another object's.
 */
function resourceNames(manifests: readonly Manifest[]): (r: Where) => string {
  const byName = new Map<string, Manifest[]>();
  for (const m of manifests) {
    const name = m.object?.metadata?.name;
    if (typeof name === 'string') byName.set(name, [...(byName.get(name) ?? []), m]);
  }
  return (r) => {
    const name = nameOf(r.object);
    const all = byName.get(name) ?? [];
    const last = all[all.length - 1];
    const owns =
      all.length <= 1 ||
      (all.every((m) => m.file === last.file) &&
        r.file === last.file &&
        r.document === last.index + 1 &&
        r.item === last.item);
    return owns ? name : r.object;
  };
}

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

/**
 * Where a failed manifest goes: `<file>.invalid` beside it; in a Helm chart, out of
 * `templates/` (whose files Helm installs whatever their name), to
 * `<chart>/invalid-templates/<path under templates/>.invalid`.
 */
function invalidPath(file: string): string {
  for (let dir = path.dirname(file); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const chart = path.dirname(dir);
    if (path.basename(dir) === 'templates' && fs.existsSync(path.join(chart, 'Chart.yaml'))) {
      return path.join(chart, 'invalid-templates', `${path.relative(dir, file)}.invalid`);
    }
  }
  return `${file}.invalid`;
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
    const renamed = [...toRename].flatMap((f) => {
      try {
        const to = invalidPath(f);
        fs.mkdirSync(path.dirname(to), { recursive: true });
        fs.renameSync(f, to);
        return [to];
      } catch {
        return []; // already gone: nothing to hide
      }
    });
    if (renamed.length > 0) {
      fs.writeSync(
        2,
        `stateful-service: the synth failed, so its manifests were renamed to *.invalid (out of a Helm chart's templates/) and nothing in the output can be applied or installed by mistake:\n${renamed.map((f) => `  ${f}`).join('\n')}\n`,
      );
    }
  });
}

/** A property that must be a YAML boolean: `true` or `false`, never the string 'false'. */
function booleanProperty(properties: Record<string, unknown>, name: string, fallback: boolean, problems: string[]) {
  const value = properties[name];
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  problems.push(`'${name}' must be true or false (a YAML boolean, unquoted), got ${JSON.stringify(value)}`);
  return fallback;
}

export class ManifestValidation {
  private readonly kubernetesVersion: string;
  private readonly lint: boolean;
  private readonly keepInvalidOutput: boolean;
  /** What is wrong with the properties: reported as one finding, failing the synth (never thrown). */
  private readonly problems: readonly string[];

  constructor(properties: ManifestValidationProperties = {}) {
    const problems: string[] = [];
    const isMapping = typeof properties === 'object' && properties !== null && !Array.isArray(properties);
    const props: Record<string, unknown> = isMapping ? { ...properties } : {};
    if (!isMapping && properties !== undefined && properties !== null) {
      problems.push(`'properties' must be a mapping, got ${JSON.stringify(properties)}`);
    }
    const unknown = Object.keys(props).filter((k) => !PROPERTIES.includes(k));
    if (unknown.length > 0) {
      problems.push(
        `unknown ${unknown.length === 1 ? 'property' : 'properties'} ${unknown.map((k) => JSON.stringify(k)).join(', ')} (known: ${PROPERTIES.join(', ')})`,
      );
    }
    const version = props.kubernetesVersion ?? DEFAULT_VERSION;
    this.kubernetesVersion = DEFAULT_VERSION;
    if (typeof version !== 'string') {
      problems.push(
        `'kubernetesVersion' must be a string such as '1.31' (quoted: YAML reads 1.30 as the number 1.3), got ${JSON.stringify(version)}`,
      );
    } else {
      try {
        this.kubernetesVersion = resolveVersion(version);
      } catch (e) {
        if (!(e instanceof UnknownVersionError)) throw e;
        problems.push(e.message);
      }
    }
    this.lint = booleanProperty(props, 'lint', true, problems);
    // When the properties are wrong, the manifests are moved aside whatever was asked.
    this.keepInvalidOutput = booleanProperty(props, 'keepInvalidOutput', false, problems) && problems.length === 0;
    this.problems = problems;
  }

  public async validate(context: ValidationContext): Promise<void> {
    if (!context.stdout) {
      atExit(this.keepInvalidOutput ? [] : context.manifests, constructMetadata(context.manifests));
    }
    if (this.problems.length > 0) {
      context.report.addViolation({
        ruleName: 'plugin-properties',
        recommendation: `stateful-service plugin: ${this.problems.join('; ')}`,
        fix: 'Correct the properties of the stateful-service entry under validations: in cdk8s.yaml (see the package\'s docs/tools.md, "The cdk8s validation plugin").',
        violatingResources: [],
      });
      context.report.submit('failure', { Errors: '1' });
      return;
    }
    let manifests: Manifest[];
    let results: Result[];
    try {
      const read = readInputs(context.manifests);
      manifests = read.manifests;
      const lines = documentLines(manifests);
      results = [
        ...read.errors.map((e) => fromProblem(yamlProblem(e), lines)),
        ...validate(manifests, { kubernetesVersion: this.kubernetesVersion })
          // lint reports a non-root process's port below 1024 too, where an acknowledgement silences it.
          .filter((p) => !(this.lint && p.rule === 'privileged-port'))
          .map((p) => fromProblem(p, lines)),
        ...(this.lint ? lint(manifests).map((f) => fromFinding(f, lines)) : []),
      ];
    } catch (e) {
      context.report.addViolation({
        ruleName: 'internal-error',
        recommendation: `stateful-service ${toolVersion()} failed on these manifests (${describeCrash(e)}), so they are not validated`,
        fix: 'A bug of stateful-service, not of the manifests: please report it with the manifests. Until it is fixed, `cdk8s synth --no-validate` skips all validation plugins.',
        violatingResources: context.manifests.map((f) => ({
          resourceName: path.basename(f),
          locations: ['.'],
          manifestPath: f,
        })),
      });
      context.report.submit('failure', { 'Kubernetes version': this.kubernetesVersion, Errors: '1' });
      return;
    }
    const resourceName = resourceNames(manifests);
    for (const r of groupResults(results.filter((x) => x.acknowledged === undefined))) {
      const where = fullPath(r);
      const also = r.alsoIn
        ? ` (and ${r.alsoIn.count} more objects with the same finding: ${r.alsoIn.objects.map((o) => o.object).join(', ')}${r.alsoIn.count > r.alsoIn.objects.length ? ', ...' : ''})`
        : '';
      context.report.addViolation({
        ruleName: r.severity === 'warning' ? `${r.rule} (warning)` : r.rule,
        recommendation: `${r.object}${where ? ` ${where}` : ''}: ${r.message}${also}`,
        fix: fixOf(r),
        violatingResources: [r, ...(r.alsoIn?.objects ?? [])].map((o) => ({
          resourceName: resourceName(o),
          locations: [where || '.'],
          manifestPath: o.file,
        })),
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
