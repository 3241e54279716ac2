#!/usr/bin/env node
// `npm run test:python` (issue 24): the Python app and its tests (bindings/python/) against
// the wheel that `npm run package -- --targets python` builds, in a venv of their own. Each
// step prints its time, and the total:
//   1. venv: bindings/python/.venv (git-ignored) from requirements.lock, every file checked
//      against its sha256 (`pip install --require-hashes`). Made again when the lock or the
//      machine's python3 changed (a stamp in the venv records both).
//   2. compile: `npm run compile`, which skips jsii when src/ is unchanged.
//   3. wheel: lib/pacmak/python/<name>-<version>-py3-none-any.whl is checked against the
//      library (wheel_check.py: the npm tarball inside it against lib/ and .jsii, and the
//      jsii-pacmak that made it); missing or stale, it is built (`node tools/package.js
//      --targets python`, about 40 s) and checked again. A stale wheel is never tested.
//   4. install: the wheel into the venv with --no-deps (it is built here, so it has no hash
//      in the lock; its dependencies are in the lock, and `pip check` proves it), when it is
//      not the wheel installed last time.
//   5. pytest: the venv's pinned pytest over bindings/python/tests; arguments go to pytest
//      (`npm run test:python -- -k bad`).
// It needs Node.js, the repository's node_modules (`npm ci`), python3 with venv and PyPI.
'use strict';
const { spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { jsiiEnv } = require('../../tools/jsii-env');

const here = __dirname;
const root = path.join(here, '..', '..');
const venv = path.join(here, '.venv');
const python = path.join(venv, 'bin', 'python');
const lockFile = path.join(here, 'requirements.lock');
const venvStamp = path.join(venv, 'requirements.lock.stamp');
const wheelStamp = path.join(venv, 'cdk8s-stateful-service.whl.sha256');

if (!fs.existsSync(path.join(root, 'node_modules', 'jsii-pacmak', 'package.json'))) {
  console.error('test:python: node_modules is missing or incomplete: run `npm ci` first');
  process.exit(1);
}
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf-8'));
const distName = pkg.jsii.targets.python.distName.replace(/-/g, '_');
const wheel = path.join(root, 'lib', 'pacmak', 'python', `${distName}-${pkg.version}-py3-none-any.whl`);
const pacmakVersion = JSON.parse(
  fs.readFileSync(path.join(root, 'node_modules', 'jsii-pacmak', 'package.json'), 'utf-8'),
).version;

// The jsii runtime (Python's, in a node child process) would print a banner for Node 20.
const env = jsiiEnv({
  // No __pycache__ beside the sources.
  PYTHONDONTWRITEBYTECODE: '1',
  PIP_DISABLE_PIP_VERSION_CHECK: '1',
});

const started = Date.now();
const seconds = (since) => ((Date.now() - since) / 1000).toFixed(1);
const sha256 = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const read = (file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf-8') : undefined);

/** Runs a command; on failure, says which and exits with its status. */
function run(command, args, options = {}) {
  const r = spawnSync(command, args, { stdio: 'inherit', env, cwd: root, encoding: 'utf-8', ...options });
  if (r.status !== 0) {
    if (r.stdout) process.stdout.write(r.stdout);
    console.error(`test:python: ${path.basename(command)} ${args.join(' ')} failed (${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
  return r;
}

/** Runs fn as a named step and prints its time. */
function step(name, fn) {
  const stepStarted = Date.now();
  const note = fn();
  console.log(`test:python: ${name}: ${note} (${seconds(stepStarted)} s)`);
}

step('venv', () => {
  const version = spawnSync('python3', ['--version'], { encoding: 'utf-8' });
  if (version.status !== 0) {
    console.error('test:python: python3 is needed (3.10 or later, with the venv module)');
    process.exit(1);
  }
  const want = `${sha256(lockFile)} ${version.stdout.trim()}\n`;
  if (fs.existsSync(python) && read(venvStamp) === want) return 'up to date with requirements.lock';
  fs.rmSync(venv, { recursive: true, force: true });
  run('python3', ['-m', 'venv', venv]);
  run(python, ['-m', 'pip', 'install', '--quiet', '--require-hashes', '--only-binary', ':all:', '-r', lockFile]);
  fs.writeFileSync(venvStamp, want);
  return 'made from requirements.lock';
});

step('compile', () => {
  const r = run(process.execPath, [path.join(root, 'tools', 'compile.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
  return r.stdout.includes('up to date') ? 'lib/ and .jsii are up to date' : 'lib/ and .jsii compiled by jsii';
});

const staleReason = () => {
  const r = spawnSync(python, [path.join(here, 'wheel_check.py'), wheel, root, pacmakVersion], {
    encoding: 'utf-8',
    env,
  });
  if (r.status !== 0 && r.status !== 1) {
    console.error(`test:python: wheel_check.py failed:\n${r.stdout}${r.stderr}`);
    process.exit(1);
  }
  return r.status === 0 ? '' : r.stdout.trim();
};

step('wheel', () => {
  const reason = staleReason();
  const relative = path.relative(root, wheel);
  if (reason === '') return `${relative} is current`;
  console.log(`test:python: building the wheel: ${reason}`);
  run(process.execPath, [path.join(root, 'tools', 'package.js'), '--targets', 'python']);
  const still = staleReason();
  if (still !== '') {
    console.error(`test:python: the wheel built just now is not current: ${still}`);
    process.exit(1);
  }
  return `${relative} built (before: ${reason.replace(`${relative} `, '')})`;
});

step('install', () => {
  const digest = `${sha256(wheel)}\n`;
  if (read(wheelStamp) === digest) return 'the current wheel is installed';
  fs.rmSync(wheelStamp, { force: true });
  run(python, ['-m', 'pip', 'install', '--quiet', '--no-index', '--no-deps', '--force-reinstall', wheel]);
  run(python, ['-m', 'pip', 'check'], { stdio: ['ignore', 'ignore', 'inherit'] });
  fs.writeFileSync(wheelStamp, digest);
  return 'wheel installed, pip check passed';
});

const pytestStarted = Date.now();
const tests = spawnSync(python, ['-m', 'pytest', ...process.argv.slice(2)], { stdio: 'inherit', env, cwd: here });
console.log(`test:python: pytest: ${tests.status === 0 ? 'ok' : 'FAILED'} (${seconds(pytestStarted)} s)`);
console.log(`test:python: ${tests.status === 0 ? 'ok' : 'FAILED'} in ${seconds(started)} s`);
process.exitCode = tests.status ?? 1;
