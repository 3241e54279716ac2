// Every chart a test synthesizes through `Testing.synth` must pass the strict manifest
// validation (src/cli/validate), so an invalid manifest can never land unnoticed.
import { Testing } from 'cdk8s';
import { formatProblem, validate } from '../../src/cli/validate';

const synth = Testing.synth.bind(Testing);
Testing.synth = (chart) => {
  const objects = synth(chart);
  const problems = validate(objects.map((object, index) => ({ file: `chart ${chart.node.path}`, index, object })));
  if (problems.length > 0) {
    throw new Error(`synthesized manifests fail validation:\n${problems.map(formatProblem).join('\n')}`);
  }
  return objects;
};
