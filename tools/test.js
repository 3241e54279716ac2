#!/usr/bin/env node
// `npm test`: lint, jsii compile, type check and the unit suites, in two rounds whose steps
// run side by side on the machine's cores:
//   1. eslint | prettier --check | compile (jsii: lib/ and .jsii, which tsc and tests read)
//   2. typecheck (tsc)          | jest (the unit suites, jest.config.js)
// The tools are started directly, not through `npm run` (about 0.3 s of CPU each), with the
// same arguments as the package's `lint`, `compile` and `typecheck` scripts.
// Progress as it goes: a line when a step starts and when it ends, with its time; jest's
// own lines (one per suite) as they come. The output of the other steps is printed when
// they end, whole if they failed. Every step runs even when another fails; exit 1 when any
// failed. Arguments go to jest (`npm test -- test/docs.test.ts`).
'use strict';
const { spawn } = require('child_process');

const started = Date.now();
const clock = () => `${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s`;

function run(name, command, args, { stream = false } = {}) {
  console.log(`${clock()}  ${name}: started`);
  return new Promise((resolve) => {
    const stepStarted = Date.now();
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    const out = [];
    const take = (d) => {
      if (stream) process.stdout.write(d);
      else out.push(d);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('close', (code) => {
      const ok = code === 0;
      const seconds = (Date.now() - stepStarted) / 1000;
      const text = Buffer.concat(out).toString().trim();
      if (text && !ok) console.log(`\n--- ${name} ---\n${text}\n`);
      console.log(`${clock()}  ${name}: ${ok ? 'ok' : 'FAILED'} (${seconds.toFixed(1)} s)`);
      resolve({ name, ok, seconds });
    });
  });
}

// By path: some packages' exports maps hide their bin files from require.resolve.
const bin = (pkg, file) => require('path').join(__dirname, '..', 'node_modules', pkg, file);
const node = (name, file, args, options) => run(name, process.execPath, [file, ...args], options);
const cache = (tool) => ['--cache', '--cache-location', `node_modules/.cache/${tool}`];

async function main() {
  const steps = [
    ...(await Promise.all([
      node('eslint', bin('eslint', 'bin/eslint.js'), [...cache('eslint/'), '.']),
      node('prettier', bin('prettier', 'bin/prettier.cjs'), ['--check', ...cache('prettier/.cache'), '.']),
      node('compile', 'tools/compile.js', []),
    ])),
    ...(await Promise.all([
      node('typecheck', bin('typescript', 'bin/tsc'), ['-p', 'tsconfig.json', '--noEmit']),
      node('jest', bin('jest', 'bin/jest.js'), ['--ci', ...process.argv.slice(2)], { stream: true }),
    ])),
  ];
  const failed = steps.filter((s) => !s.ok).map((s) => s.name);
  console.log(`npm test: ${failed.length === 0 ? 'ok' : `FAILED (${failed.join(', ')})`} in ${clock().trim()}`);
  process.exitCode = failed.length === 0 ? 0 : 1;
}

main();
