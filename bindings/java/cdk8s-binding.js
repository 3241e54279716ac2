#!/usr/bin/env node
// The Java binding of cdk8s, built on this machine from the npm package the TypeScript app
// uses (node_modules/cdk8s, which ships its .jsii), because Maven Central serves
// org.cdk8s:cdk8s only up to 2.70.47 and the project pins cdk8s 2.70.106 in every language
// (bindings/java/README.md, "Why cdk8s is built here").
//
// jsii-pacmak (the project's pinned 1.140.0) writes it as a Maven repository into
// node_modules/cdk8s/dist/java: `dist` is cdk8s's own jsii output folder (its package.json,
// "jsii.outdir"), where jsii-pacmak looks for a dependency built locally. So
// `npm run package -- --targets java` resolves org.cdk8s:cdk8s from it without any setting,
// and bindings/java/pom.xml names it as a file repository. It lives and dies with the
// installed cdk8s: `npm ci` removes it, and a new cdk8s version needs a new build.
//
// `node bindings/java/cdk8s-binding.js` builds it when it is missing or was made from another
// cdk8s or by another jsii-pacmak; `--force` builds anyway.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { jsiiEnv } = require('../../tools/jsii-env');
const { spawnSync } = require('child_process');

const root = path.join(__dirname, '..', '..');
const cdk8sDir = path.join(root, 'node_modules', 'cdk8s');
/** The Maven repository the binding is written to. */
const repository = path.join(cdk8sDir, 'dist', 'java');

function cdk8sVersion() {
  return JSON.parse(fs.readFileSync(path.join(cdk8sDir, 'package.json'), 'utf-8')).version;
}

/** The pom of the binding for the installed cdk8s. */
function pomPath(version = cdk8sVersion()) {
  return path.join(repository, 'org', 'cdk8s', 'cdk8s', version, `cdk8s-${version}.pom`);
}

/**
 * The fingerprint jsii-pacmak writes into the poms it makes (`@jsii-pacmak:meta@`): a digest
 * of its own version and of the assembly's fingerprint, so that it differs when either does.
 */
function pacmakFingerprint(assemblyFile) {
  const { VERSION_DESC } = require('jsii-pacmak/lib/version');
  const assembly = JSON.parse(fs.readFileSync(assemblyFile, 'utf-8'));
  return crypto.createHash('sha256').update(VERSION_DESC).update('\0').update(assembly.fingerprint).digest('base64');
}

/** Why the binding must be (re)built, or undefined when it is up to date. */
function staleness() {
  const pom = pomPath();
  if (!fs.existsSync(pom) || !fs.existsSync(pom.replace(/\.pom$/, '.jar'))) {
    return `no binding of cdk8s ${cdk8sVersion()} in ${path.relative(root, repository)}`;
  }
  if (!fs.readFileSync(pom, 'utf-8').includes(pacmakFingerprint(path.join(cdk8sDir, '.jsii')))) {
    return 'it was made from another cdk8s assembly or by another jsii-pacmak';
  }
  return undefined;
}

/**
 * Builds the binding if it is missing or stale (or `force`). Returns what it did, for the
 * caller's log. `env` is merged into the build's environment (e.g. a private TMPDIR).
 */
function ensureCdk8sBinding({ force = false, env = {} } = {}) {
  const reason = force ? 'forced' : staleness();
  if (reason === undefined) return { built: false, message: `cdk8s ${cdk8sVersion()} binding is up to date` };
  // Nothing of an older build may stay: Maven would offer its versions too.
  fs.rmSync(repository, { recursive: true, force: true });
  const r = spawnSync(
    process.execPath,
    [
      require.resolve('jsii-pacmak/bin/jsii-pacmak'),
      cdk8sDir,
      '--targets',
      'java',
      '--outdir',
      path.dirname(repository),
      // Not cdk8s's .npmignore: node_modules/cdk8s is npm's, and is left as npm made it.
      '--no-npmignore',
    ],
    { cwd: root, stdio: 'inherit', env: jsiiEnv(env) },
  );
  if (r.status !== 0) throw new Error(`jsii-pacmak failed for node_modules/cdk8s (exit ${r.status ?? r.signal})`);
  const after = staleness();
  if (after !== undefined) throw new Error(`jsii-pacmak ran, but the cdk8s binding is not there: ${after}`);
  return { built: true, message: `cdk8s ${cdk8sVersion()} binding built (${reason})` };
}

module.exports = { ensureCdk8sBinding, pacmakFingerprint, cdk8sVersion, repository };

if (require.main === module) {
  const started = Date.now();
  try {
    const { message } = ensureCdk8sBinding({ force: process.argv.includes('--force') });
    console.log(`cdk8s-binding: ${message} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (e) {
    console.error(`cdk8s-binding: ${e.message}`);
    process.exit(1);
  }
}
