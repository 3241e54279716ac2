// Every chart a test synthesizes through `Testing.synth` must pass the strict manifest
// validation (src/cli/validate), so an invalid manifest can never land unnoticed: against
// Kubernetes 1.27 (the version of imports/k8s.ts), or 1.33 when the output uses fields
// newer than 1.27 (a native sidecar's restartPolicy, a sleep hook), which 1.27 rejects.
// Warnings (what the API server accepts but may not run as meant) do not fail.
import * as os from 'os';
import * as path from 'path';
import { App, Testing } from 'cdk8s';
import { formatProblem, isError, validate } from '../../src/cli/validate';

const synth = Testing.synth.bind(Testing);
Testing.synth = (chart) => {
  const objects = synth(chart);
  const json = JSON.stringify(objects);
  const version = json.includes('"sleep":') || json.includes('"restartPolicy":"Always"') ? '1.33' : '1.27';
  const manifests = objects.map((object, index) => ({ file: `chart ${chart.node.path}`, index, object }));
  const problems = validate(manifests, { kubernetesVersion: version }).filter(isError);
  if (problems.length > 0) {
    throw new Error(
      `synthesized manifests fail validation (Kubernetes ${version}):\n${problems.map(formatProblem).join('\n')}`,
    );
  }
  return objects;
};

// Testing.app() makes a directory in os.tmpdir() on every call and never removes it (tens
// of thousands over a few runs). Tests synthesize in memory; an app that writes files is
// given an outdir of its own, which the test removes. So the default outdir is a path that
// nothing creates unless a test calls app.synth() on it.
const NEVER_WRITTEN = path.join(os.tmpdir(), 'stateful-service-tests-never-written');
Testing.app = (props = {}) => new App({ outdir: NEVER_WRITTEN, ...props });
