// The API rules as a whole: the valid app passes for every version, and every rule has
// cases in test/api-rules-*.test.ts (a manifest it rejects, the nearest one it accepts).
import { checkApiRules, RuleId, RULES } from '../src/cli/validate/api-rules';
import { formatProblem } from '../src/cli/manifests';
import { app, asManifests } from './fixtures/api-rules/app';
import { containersCases } from './fixtures/api-rules/cases/containers';
import { kindsCases } from './fixtures/api-rules/cases/kinds';
import { metadataCases } from './fixtures/api-rules/cases/metadata';
import { podsCases } from './fixtures/api-rules/cases/pods';
import { servicesCases } from './fixtures/api-rules/cases/services';
import { storageCases } from './fixtures/api-rules/cases/storage';

test.each(['1.27', '1.33', '1.34', '1.35', '1.36'])('the valid app has no problem for Kubernetes %s', (version) => {
  expect(checkApiRules(asManifests(app().objects), { version }).map(formatProblem)).toEqual([]);
});

test('every rule has a case', () => {
  const cases = [...metadataCases, ...containersCases, ...storageCases, ...podsCases, ...servicesCases, ...kindsCases];
  const covered = new Set(cases.map((c) => c.rule));
  expect(Object.keys(RULES).filter((r) => !covered.has(r as RuleId))).toEqual([]);
});
