// cdk8s validation plugin (cdk8s.yaml `validations`), loaded by `cdk8s synth` from this
// local folder without network. It runs the same checks as `npm run validate` and
// `npm run lint:manifests` (src/cli/validate), so an invalid manifest fails the synth.
'use strict';
const path = require('path');
const { requireTs } = require('../run-ts');

const checks = () => requireTs(path.join(__dirname, '..', '..', 'src', 'cli', 'validate', 'index.ts'));

function report(context, violations) {
  for (const violation of violations) context.report.addViolation(violation);
  context.report.submit(violations.length > 0 ? 'failure' : 'success');
}

/** Strict schema (unknown fields rejected) and API-server rules. */
class StrictManifestValidation {
  async validate(context) {
    const { loadManifests, validate } = checks();
    const { manifests, problems } = loadManifests(context.manifests);
    const all = [...problems, ...validate(manifests)];
    report(
      context,
      all.map((p) => ({
        ruleName: p.rule,
        recommendation: `${p.object}${p.path ? ` ${p.path}` : ''}: ${p.message}`,
        fix: 'Change the props (or the escape-hatch code) that produce this field.',
        violatingResources: [{ resourceName: p.object, locations: [p.path || '.'], manifestPath: p.file }],
      })),
    );
  }
}

/** Policy checks; acknowledged findings are logged, not failed. */
class ManifestPolicy {
  async validate(context) {
    const { loadManifests, lint } = checks();
    const findings = lint(loadManifests(context.manifests).manifests);
    for (const f of findings.filter((x) => x.acknowledged !== undefined)) {
      context.logger.log(`acknowledged [${f.rule.id}] ${f.object}: ${f.acknowledged}`);
    }
    report(
      context,
      findings
        .filter((f) => f.acknowledged === undefined)
        .map((f) => ({
          ruleName: f.rule.id,
          recommendation: `${f.object} ${f.path}: ${f.message}`,
          fix: `Why it matters: ${f.rule.why}. Fix it, or acknowledge it with the StatefulService prop 'acknowledge'.`,
          violatingResources: [{ resourceName: f.object, locations: [f.path || '.'], manifestPath: f.file }],
        })),
    );
  }
}

module.exports = { StrictManifestValidation, ManifestPolicy };
