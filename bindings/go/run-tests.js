#!/usr/bin/env node
// `npm run test:go`: the Go app in bindings/go/ against this library's Go package, in four steps,
// each timed:
//   1. the cdk8s Go binding, built from node_modules/cdk8s when missing (cdk8s-binding.js: the
//      Go module proxy refuses cdk8s-core-go);
//   2. `npm run compile` (skipped by tools/compile.js when its inputs are unchanged);
//   3. this library's Go package, lib/pacmak/go/cdk8sstatefulservice/, built by
//      `npm run package -- --targets go` when it is missing or stale: its embedded npm tarball
//      must hold exactly the `.jsii` and lib/ that step 2 left, and its go.mod must ask for the
//      jsii runtime of the installed jsii-pacmak. Never tested stale;
//   4. `go test -count=1 ./...` in bindings/go/ (arguments after `--` go to `go test`).
// Both packages are outside git (node_modules/, lib/); Go's module and build caches are Go's own.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { jsiiEnv } = require('../../tools/jsii-env');
const zlib = require('zlib');
const { ensureCdk8sGoBinding } = require('./cdk8s-binding');

const root = path.join(__dirname, '..', '..');
const packageDir = path.join(root, 'lib', 'pacmak', 'go', 'cdk8sstatefulservice');
// The jsii kernel that `go test` starts would print an end-of-life banner for Node 20.
const nodeEnv = jsiiEnv();

const started = Date.now();
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

function step(name, fn) {
  const stepStarted = Date.now();
  console.log(`test:go: ${name}: started`);
  let what;
  try {
    what = fn();
  } catch (e) {
    console.error(`test:go: ${name}: FAILED after ${seconds(stepStarted)}: ${e.message}`);
    console.log(`test:go: FAILED in ${seconds(started)}`);
    process.exit(1);
  }
  console.log(`test:go: ${name}: ${what ? `${what}, ` : ''}${seconds(stepStarted)}`);
}

function run(command, args, cwd = root) {
  const r = spawnSync(command, args, { cwd, stdio: 'inherit', env: nodeEnv });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${[path.basename(command), ...args].join(' ')} exited ${r.status ?? r.signal}`);
}

/** The regular files of a .tgz, by path: a minimal reader of the ustar and pax format npm pack writes. */
function filesOfTarball(file) {
  const tar = zlib.gunzipSync(fs.readFileSync(file));
  const files = new Map();
  const text = (from, length) => tar.toString('utf-8', from, from + length).replace(/\0.*$/s, '');
  let paxPath;
  for (let at = 0; at + 512 <= tar.length && tar[at] !== 0;) {
    const size = parseInt(text(at + 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(tar[at + 156] || 48);
    const prefix = text(at + 345, 155);
    const name = paxPath ?? (prefix ? `${prefix}/${text(at, 100)}` : text(at, 100));
    const body = tar.subarray(at + 512, at + 512 + size);
    paxPath = undefined;
    if (type === 'x') paxPath = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body.toString('utf-8'))?.[1];
    else if (type === '0') files.set(name, body);
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

function filesUnder(dir) {
  if (!fs.existsSync(path.join(root, dir))) return [];
  return fs
    .readdirSync(path.join(root, dir), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const toPosix = (file) => file.split(path.sep).join('/');

/** A package.json "files" glob as a regex: `**` + `/` is any number of folders, `*` any name part. */
function globRegex(pattern) {
  const parts = pattern
    .split(/(\*\*\/|\*)/)
    .map((t) => (t === '**/' ? '(?:[^/]+/)*' : t === '*' ? '[^/]*' : t.replace(/[.+?^${}()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${parts.join('')}$`);
}

/** The package's "files" patterns under lib/ (the build's output). */
const packedPatterns = require(path.join(root, 'package.json'))
  .files.filter((f) => f.startsWith('lib/'))
  .map(globRegex);

/** Why the Go package must be built, or undefined when it is current. */
function reasonToPackage() {
  if (!fs.existsSync(path.join(packageDir, 'go.mod'))) return 'missing';
  if (fs.existsSync(path.join(packageDir, 'local.go.mod'))) return 'left over from a failed build';
  const runtime = `github.com/aws/jsii-runtime-go v${require('jsii-pacmak/package.json').version}`;
  if (!fs.readFileSync(path.join(packageDir, 'go.mod'), 'utf-8').includes(runtime)) {
    return `made by another jsii-pacmak (go.mod lacks ${runtime})`;
  }
  const tarballs = fs.readdirSync(path.join(packageDir, 'jsii')).filter((f) => f.endsWith('.tgz'));
  if (tarballs.length !== 1) return `jsii/ holds ${tarballs.length} tarballs`;
  const packed = filesOfTarball(path.join(packageDir, 'jsii', tarballs[0]));
  // What the package's "files" patterns take from the build: the assembly and lib/'s files.
  const built = ['.jsii', ...filesUnder('lib').filter((f) => packedPatterns.some((re) => re.test(toPosix(f))))];
  for (const file of built) {
    const inTarball = packed.get(`package/${toPosix(file)}`);
    if (!inTarball) return `${file} is not in the packaged tarball`;
    if (!inTarball.equals(fs.readFileSync(path.join(root, file)))) return `${file} changed since it was packaged`;
  }
  const packedBuild = [...packed.keys()].filter((f) => /^package\/(\.jsii$|lib\/)/.test(f));
  if (packedBuild.length !== built.length) return 'the packaged tarball holds files the build no longer makes';
  return undefined;
}

step('cdk8s Go binding', () => ensureCdk8sGoBinding());
step('compile', () => run(process.execPath, [path.join(root, 'tools', 'compile.js')]));
step('Go package', () => {
  const reason = reasonToPackage();
  if (reason === undefined) return `up to date (${path.relative(root, packageDir)})`;
  console.log(`test:go: Go package: ${reason}: npm run package -- --targets go`);
  // Files of types that no longer exist must not survive: jsii-pacmak copies over what is there.
  fs.rmSync(packageDir, { recursive: true, force: true });
  run(process.execPath, [path.join(root, 'tools', 'package.js'), '--targets', 'go']);
  const after = reasonToPackage();
  if (after !== undefined) throw new Error(`the package just built is not current: ${after}`);
  return `built (${reason})`;
});
const goArgs = process.argv.slice(2);
step(`go test -count=1 ./... ${goArgs.join(' ')}`.trim(), () =>
  run('go', ['test', '-count=1', ...goArgs, './...'], __dirname),
);
console.log(`test:go: ok in ${seconds(started)}`);
