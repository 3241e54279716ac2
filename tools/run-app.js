#!/usr/bin/env node
// Runs a TypeScript cdk8s app fast: `node tools/run-app.js main.ts`.
//
// The stock template runs `npx ts-node main.ts`, which type-checks the 28k-line
// imports/k8s.ts on every synth and takes seconds. Here esbuild bundles the app (our
// sources only; packages stay external, so they load from node_modules as usual) without
// type checking, which also drops the generated classes the app does not use. The bundle
// is reused while the content of every file in it is unchanged, so an unchanged app
// costs little more than loading cdk8s. Type checking stays in `npm run compile`/`npm test`.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const entry = path.resolve(process.argv[2] || 'main.ts');
// Inside the project, so that the bundle's `require('cdk8s')` resolves to node_modules.
const cacheDir = path.resolve(__dirname, '..', 'node_modules', '.cache', 'run-app');
const base = path.join(cacheDir, crypto.createHash('sha1').update(entry).digest('hex').slice(0, 12));
const outfile = `${base}.js`;
const stampFile = `${base}.inputs.json`;

function digest(file) {
  try {
    return crypto.createHash('sha1').update(fs.readFileSync(file)).digest('hex');
  } catch {
    return 'missing';
  }
}

function upToDate() {
  try {
    const stamp = JSON.parse(fs.readFileSync(stampFile, 'utf-8'));
    return fs.existsSync(outfile) && Object.entries(stamp).every(([file, hash]) => digest(file) === hash);
  } catch {
    return false;
  }
}

function build() {
  const esbuild = require('esbuild');
  const result = esbuild.buildSync({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    metafile: true,
    logLevel: 'warning',
  });
  const stamp = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    const file = path.resolve(input);
    stamp[file] = digest(file);
  }
  fs.writeFileSync(stampFile, JSON.stringify(stamp, null, 1));
}

if (!upToDate()) build();
process.setSourceMapsEnabled(true);
try {
  require(outfile);
} catch (err) {
  // Invalid props are the user's to fix: the message says what and where; a stack would bury it.
  if (err && err.name === 'StatefulServiceError') {
    console.error(`error: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
