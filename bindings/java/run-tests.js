#!/usr/bin/env node
// `npm run test:java`: the Java app of bindings/java against this repository's jsii package,
// with every artifact it needs made fresh when it is missing or stale, never tested stale:
//   1. the cdk8s binding (org.cdk8s:cdk8s, built from node_modules/cdk8s: cdk8s-binding.js);
//   2. the library's jsii build (tools/compile.js: skipped when no input changed);
//   3. the library's Java package (`npm run package -- --targets java` into lib/pacmak/java),
//      rebuilt when it is missing, older than the jsii build, or made by another jsii-pacmak;
//   4. the copies of those two local artifacts in Maven's local repository are dropped when
//      they differ from the builds (Maven never fetches a release version twice);
//   5. `mvn -B -q test` in bindings/java.
// The time of each step is printed, and the total. Everything else comes from Maven Central
// into ~/.m2/repository (or $MAVEN_REPO_LOCAL, passed to Maven as -Dmaven.repo.local).
//
// The steps run with TMPDIR set to a folder of their own, removed at the end, so that
// nothing is left in the system's temp folder. That folder must not be inside this
// repository: jsii's Node.js process loads each package by name with a require made for its
// temp folder (createRequire), and inside the repository Node.js resolves the name
// cdk8s-stateful-service to the repository itself (package.json: a package may import itself
// by name) and runs lib/, not the jar's copy, beside a second cdk8s ("'storage[0].size' must
// be a Size such as Size.mebibytes(10) or Size.gibibytes(1), got a Size").
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { jsiiEnv } = require('../../tools/jsii-env');
const { spawnSync } = require('child_process');
const { ensureCdk8sBinding, pacmakFingerprint, cdk8sVersion, repository: cdk8sRepository } = require('./cdk8s-binding');

const here = __dirname;
const root = path.join(here, '..', '..');
const started = Date.now();
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

function fail(message) {
  console.error(`test:java: ${message}`);
  process.exit(1);
}

function step(label, fn) {
  const stepStarted = Date.now();
  let note;
  try {
    note = fn();
  } catch (e) {
    fail(`${label} FAILED after ${seconds(stepStarted)}: ${e.message}`);
  }
  console.log(`test:java: ${label}: ${seconds(stepStarted)}${note ? ` (${note})` : ''}`);
}

function run(command, args, options) {
  const r = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
}

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf-8'));

/** A property of pom.xml's <properties>. */
function pomProperty(pom, name) {
  const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(pom);
  if (!m) fail(`bindings/java/pom.xml has no <${name}> property`);
  return m[1];
}

/** Every file under `dir` (relative to the root), recursively. */
function files(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const pkg = readJson(path.join(root, 'package.json'));
const pom = fs.readFileSync(path.join(here, 'pom.xml'), 'utf-8');

// The pom pins what the TypeScript side uses; say so when one of them moved without the other.
const pins = [
  ['stateful-service.version', pkg.version, "package.json's version"],
  ['cdk8s.version', cdk8sVersion(), 'the installed cdk8s (node_modules/cdk8s)'],
  [
    'constructs.version',
    readJson(path.join(root, 'node_modules', 'constructs', 'package.json')).version,
    'the installed constructs',
  ],
  ['jsii-runtime.version', readJson(require.resolve('jsii-pacmak/package.json')).version, 'the installed jsii-pacmak'],
];
for (const [property, expected, what] of pins) {
  const pinned = pomProperty(pom, property);
  if (pinned !== expected) fail(`bindings/java/pom.xml pins ${property} ${pinned}, but ${what} is ${expected}`);
}

const ourJar = path.join(
  root,
  'lib',
  'pacmak',
  'java',
  ...pkg.jsii.targets.java.maven.groupId.split('.'),
  pkg.jsii.targets.java.maven.artifactId,
  pkg.version,
  `${pkg.jsii.targets.java.maven.artifactId}-${pkg.version}.jar`,
);

/** Why lib/pacmak/java must be rebuilt, or undefined when it was made from the current build. */
function packageStaleness() {
  if (!fs.existsSync(ourJar)) return `no ${path.relative(root, ourJar)}`;
  const made = fs.statSync(ourJar).mtimeMs;
  // A jsii build rewrites all of these (tools/compile.js empties lib/ first).
  const newer = ['.jsii', ...files(path.join(root, 'lib', 'src')), ...files(path.join(root, 'lib', 'imports'))]
    .map((f) => path.resolve(root, f))
    .find((f) => fs.statSync(f).mtimeMs > made);
  if (newer !== undefined) return `${path.relative(root, newer)} is newer than the jar`;
  const ourPom = ourJar.replace(/\.jar$/, '.pom');
  if (!fs.readFileSync(ourPom, 'utf-8').includes(pacmakFingerprint(path.join(root, '.jsii')))) {
    return 'the jar was made from another .jsii or by another jsii-pacmak';
  }
  return undefined;
}

/** Maven's local repository: where it keeps what it fetched, from Central and from the file repositories. */
const localRepository = process.env.MAVEN_REPO_LOCAL
  ? path.resolve(process.env.MAVEN_REPO_LOCAL)
  : path.join(os.homedir(), '.m2', 'repository');

/**
 * Drops Maven's copy of a locally built artifact when it is not the build: Maven fetches a
 * release version once and never again, so after a rebuild it would test the old jar.
 */
function dropStaleCopy(sourceDir, relativeDir) {
  const copyDir = path.join(localRepository, relativeDir);
  if (!fs.existsSync(copyDir)) return undefined;
  const stale = fs
    .readdirSync(sourceDir)
    .filter((f) => /\.(jar|pom)$/.test(f))
    .some((f) => {
      const copy = path.join(copyDir, f);
      return fs.existsSync(copy) && !fs.readFileSync(copy).equals(fs.readFileSync(path.join(sourceDir, f)));
    });
  if (!stale) return undefined;
  fs.rmSync(copyDir, { recursive: true, force: true });
  return relativeDir;
}

// A temp folder of our own, outside the repository (see above), removed at the end.
const systemTemp = fs.realpathSync(os.tmpdir());
if (!path.relative(fs.realpathSync(root), systemTemp).startsWith('..')) {
  fail(
    `the temp folder ${systemTemp} is inside the repository: point TMPDIR elsewhere (see bindings/java/run-tests.js)`,
  );
}
const tmp = fs.mkdtempSync(path.join(systemTemp, 'stateful-service-java-'));
const env = jsiiEnv({ TMPDIR: tmp });
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

step('cdk8s binding', () => ensureCdk8sBinding({ env: { TMPDIR: tmp } }).message);
step('compile', () => run(process.execPath, [path.join(root, 'tools', 'compile.js')], { cwd: root, env }));
step('package', () => {
  const reason = packageStaleness();
  if (reason === undefined) return `${path.relative(root, ourJar)} is up to date`;
  console.log(`test:java: packaging for Java: ${reason}`);
  const npm = process.env.npm_execpath;
  const [command, args] = npm
    ? [process.execPath, [npm, 'run', 'package', '--', '--targets', 'java']]
    : ['npm', ['run', 'package', '--', '--targets', 'java']];
  run(command, args, { cwd: root, env });
  const after = packageStaleness();
  if (after !== undefined) throw new Error(`npm run package ran, but ${after}`);
  return `built: ${reason}`;
});
step('Maven cache', () => {
  const { groupId, artifactId } = pkg.jsii.targets.java.maven;
  const dropped = [
    dropStaleCopy(path.dirname(ourJar), path.join(...groupId.split('.'), artifactId, pkg.version)),
    dropStaleCopy(
      path.join(cdk8sRepository, 'org', 'cdk8s', 'cdk8s', cdk8sVersion()),
      path.join('org', 'cdk8s', 'cdk8s', cdk8sVersion()),
    ),
  ].filter(Boolean);
  return dropped.length > 0 ? `dropped the stale copies of ${dropped.join(', ')}` : 'no stale copy';
});
step('mvn test', () => {
  try {
    run('mvn', ['-B', '-q', `-Dmaven.repo.local=${localRepository}`, 'test', ...process.argv.slice(2)], {
      cwd: here,
      env,
    });
  } finally {
    // jsii-runtime leaves an empty jsii-java-runtime<digits>/{bin,lib} per JVM in the
    // tests' java.io.tmpdir (target/, by the pom): remove them.
    const target = path.join(here, 'target');
    for (const name of fs.existsSync(target) ? fs.readdirSync(target) : []) {
      if (/^jsii-java-runtime\d+$/.test(name)) fs.rmSync(path.join(target, name), { recursive: true, force: true });
    }
  }
});
const left = fs.readdirSync(tmp);
if (left.length > 0) console.log(`test:java: removed what the steps left in the temp folder: ${left.join(', ')}`);
console.log(`test:java: ok in ${seconds(started)}`);
