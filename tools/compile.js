#!/usr/bin/env node
// `npm run compile`: the library (src/ and the generated imports, per tsconfig.build.json)
// compiled by jsii into lib/ and the `.jsii` assembly, warnings as errors.
//
// jsii downloads its release-support document from GitHub on every run unless
// JSII_SILENCE_SUPPORT_WARNING is set (jsii/lib/support.js: getReleasesDocument), and
// prints a banner for Node 20 unless JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION names
// it (@jsii/check-node): both are set here, so a build never touches the network.
//
// jsii has no incremental build and takes about 9 s: when the content of everything it
// reads (src/, imports/, the package and tsconfig files, README.md, the lock file) is what
// the last successful build read, and lib/ and .jsii are still there, it is not run again.
// `--force` builds anyway; `npm pack` always builds (prepack runs this with `--force`).
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const { jsiiEnv } = require('./jsii-env');

const env = jsiiEnv();
const root = path.join(__dirname, '..');
const force = process.argv.includes('--force');
const args = process.argv.slice(2).filter((a) => a !== '--force'); // passed on to jsii
const stampFile = path.join(root, 'node_modules', '.cache', 'compile', 'jsii.stamp');

function files(dir) {
  return fs
    .readdirSync(path.join(root, dir), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** A digest of the paths and contents of every file jsii reads, with its arguments. */
function inputsDigest() {
  const inputs = [
    ...files('src'),
    ...files('imports'),
    'package.json',
    'package-lock.json',
    'tsconfig.json',
    'tsconfig.build.json',
    'README.md',
  ].sort();
  const hash = require('crypto').createHash('sha256').update(JSON.stringify(args));
  for (const file of inputs) hash.update(`\0${file}\0`).update(fs.readFileSync(path.join(root, file)));
  return hash.digest('hex');
}

const digest = inputsDigest();
const outputsThere = ['.jsii', path.join('lib', 'src', 'index.js')].every((f) => fs.existsSync(path.join(root, f)));
const lastBuilt = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf-8') : undefined;
if (!force && outputsThere && lastBuilt === digest) {
  console.log('compile: lib/ and .jsii are up to date (inputs unchanged since the last build; --force rebuilds)');
  process.exit(0);
}

// A clean lib/ each time: files of deleted sources would otherwise stay and be packed.
// Only what jsii writes: lib/pacmak/ (npm run package) stays, so that packaging one
// language after another does not remove the first one's package.
for (const out of ['lib/src', 'lib/imports', 'lib/tsconfig.build.tsbuildinfo']) {
  fs.rmSync(path.join(root, out), { recursive: true, force: true });
}
fs.rmSync(stampFile, { force: true });
const jsii = path.join(root, 'node_modules', '.bin', 'jsii');
const r = spawnSync(jsii, ['--fail-on-warnings', ...args], { stdio: 'inherit', env, cwd: root });
if (r.status === 0) {
  fs.mkdirSync(path.dirname(stampFile), { recursive: true });
  fs.writeFileSync(stampFile, digest);
}
process.exit(r.status ?? 1);
