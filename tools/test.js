#!/usr/bin/env node
// `npm test`: the checks in two rounds, each round's steps side by side on the machine's
// cores (each step alone keeps one core busy; jest keeps two).
//   1. lint (ESLint, Prettier)  |  compile (jsii: lib/ and .jsii, which tests read)
//   2. typecheck (tsc)          |  jest --ci
// Every step runs even when another fails; the output of each is printed whole when it
// ends, then one line per step with its time. Exit 1 when any step failed.
'use strict';
const { spawn } = require('child_process');

function run(name, command, args) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    const out = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => out.push(d));
    child.on('close', (code) => {
      process.stdout.write(`\n> ${name}\n${Buffer.concat(out).toString()}`);
      resolve({ name, ok: code === 0, seconds: (Date.now() - started) / 1000 });
    });
  });
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const jest = require.resolve('jest/bin/jest');

async function main() {
  const started = Date.now();
  const steps = [
    ...(await Promise.all([
      run('lint', npm, ['run', '--silent', 'lint']),
      run('compile', npm, ['run', '--silent', 'compile']),
    ])),
    ...(await Promise.all([
      run('typecheck', npm, ['run', '--silent', 'typecheck']),
      run('jest', process.execPath, [jest, '--ci', ...process.argv.slice(2)]),
    ])),
  ];
  console.log('');
  for (const s of steps) console.log(`${s.ok ? 'ok    ' : 'FAILED'} ${s.name} (${s.seconds.toFixed(1)} s)`);
  console.log(`npm test: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exitCode = steps.every((s) => s.ok) ? 0 : 1;
}

main();
