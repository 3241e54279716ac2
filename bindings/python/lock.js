#!/usr/bin/env node
// `node bindings/python/lock.js`: regenerates bindings/python/requirements.lock from
// requirements.in with pip-tools' pip-compile, every package with the sha256 of each of its
// files on PyPI (`pip install --require-hashes` then refuses anything else). pip-tools runs in
// a throw-away venv in the system's temp folder, removed at the end; the lock is for the
// machine's python3 (3.11), the one bindings/python/run-tests.js makes its venv with.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const PIP_TOOLS = 'pip-tools==7.7.0';
const here = __dirname;

function run(command, args, options = {}) {
  const r = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (r.status !== 0) {
    console.error(`lock: ${command} ${args.join(' ')} failed (${r.status ?? r.signal})`);
    process.exit(1);
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pip-tools-'));
try {
  run('python3', ['-m', 'venv', tmp]);
  const python = path.join(tmp, 'bin', 'python');
  run(python, ['-m', 'pip', 'install', '--quiet', PIP_TOOLS]);
  run(
    python,
    [
      '-m',
      'piptools',
      'compile',
      '--quiet',
      '--generate-hashes',
      '--strip-extras',
      '--no-emit-index-url',
      '--no-emit-find-links',
      '--no-emit-trusted-host',
      '--cache-dir',
      path.join(tmp, 'cache'),
      '--output-file',
      'requirements.lock',
      'requirements.in',
    ],
    // The command the lock's header names as the one that made it.
    { cwd: here, env: { ...process.env, CUSTOM_COMPILE_COMMAND: 'node bindings/python/lock.js' } },
  );
  console.log(`lock: wrote ${path.relative(process.cwd(), path.join(here, 'requirements.lock'))}`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
