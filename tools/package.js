#!/usr/bin/env node
// `npm run package`: the library compiled by jsii (`npm run compile`), then packaged by
// jsii-pacmak for JavaScript, Python, Java and Go into lib/pacmak/<language>/ (outside git:
// /lib/ is ignored). The declared .NET target needs a .NET SDK, which the project's machines
// lack, so it is not built (README, "Other languages").
//
// `--targets python,java` builds only those. The time of each step is printed, and the total.
'use strict';
const { spawnSync } = require('child_process');
const path = require('path');
const { jsiiEnv } = require('./jsii-env');

const ALL_TARGETS = ['js', 'python', 'java', 'go'];
const root = path.join(__dirname, '..');

function parseTargets(argv) {
  const i = argv.indexOf('--targets');
  if (i < 0) return ALL_TARGETS;
  const targets = (argv[i + 1] ?? '').split(',').filter(Boolean);
  const unknown = targets.filter((t) => !ALL_TARGETS.includes(t));
  if (targets.length === 0 || unknown.length > 0) {
    console.error(
      `package: --targets takes a comma-separated list of ${ALL_TARGETS.join(', ')}; got '${argv[i + 1] ?? ''}'`,
    );
    process.exit(2);
  }
  return targets;
}

function run(label, command, args) {
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: jsiiEnv(),
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`package: ${label} FAILED after ${seconds} s`);
    process.exit(result.status ?? 1);
  }
  console.log(`package: ${label}: ${seconds} s`);
}

const started = Date.now();
const targets = parseTargets(process.argv.slice(2));
run('compile', process.execPath, [path.join(root, 'tools', 'compile.js')]);
// Go and Java: the Go module proxy refuses cdk8s's Go module and Maven Central serves cdk8s only
// up to 2.70.47, so each binding of the pinned cdk8s is built from node_modules/cdk8s when
// missing, where jsii-pacmak finds it (bindings/<language>/cdk8s-binding.js).
for (const language of ['go', 'java'].filter((t) => targets.includes(t))) {
  run(`cdk8s ${language} binding`, process.execPath, [path.join(root, 'bindings', language, 'cdk8s-binding.js')]);
}
// One pacmak run for all targets: each run packs the npm tarball the others embed.
run(`jsii-pacmak --targets ${targets.join(',')}`, process.execPath, [
  require.resolve('jsii-pacmak/bin/jsii-pacmak'),
  '--targets',
  targets.join(','),
  '--outdir',
  path.join('lib', 'pacmak'),
]);
console.log(`package: ${targets.join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
