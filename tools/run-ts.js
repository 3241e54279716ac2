#!/usr/bin/env node
// Runs TypeScript fast: `node tools/run-ts.js main.ts [args...]`, or `requireTs(file)`.
//
// The stock cdk8s template runs `npx ts-node main.ts`, which type-checks the 28k-line
// imports/k8s.ts on every synth and takes seconds. Here esbuild bundles the entry (our
// sources only; packages stay external and load from node_modules as usual) without type
// checking, which also drops the generated classes the app does not use. The bundle is
// reused while every file in it is unchanged, so an unchanged app costs little more than
// loading cdk8s. Type checking stays in `npm run typecheck` and `npm test`.
//
// The source map is a file next to the bundle, read only when Node is asked for source
// maps (`NODE_OPTIONS=--enable-source-maps`): an inline map made every run parse twice
// the bundle's size again (about 20 ms of a 120 ms synth).
//
// Run as a program on Node 22.1+, it turns on Node's own compile cache
// (`module.enableCompileCache`), so a warm run reuses V8's compiled code of what it loads.
'use strict';
const fs = require('fs');
const path = require('path');

// Inside the project, so that a bundle's `require('cdk8s')` resolves to node_modules.
const cacheDir = path.resolve(__dirname, '..', 'node_modules', '.cache', 'run-ts');

// crypto is loaded only to build a bundle or when a file's stat changed: a warm run skips it.
function digest(file) {
  try {
    return require('crypto').createHash('sha1').update(fs.readFileSync(file)).digest('hex');
  } catch {
    return 'missing';
  }
}

/** A file's size and modification time: when both are unchanged, its content is taken as unchanged. */
function statOf(file) {
  const s = fs.statSync(file, { throwIfNoEntry: false });
  return s ? `${s.size}:${s.mtimeMs}` : 'missing';
}

function upToDate(outfile, stampFile) {
  try {
    const stamp = JSON.parse(fs.readFileSync(stampFile, 'utf-8'));
    // A changed stat (a checkout, a touch) falls back to the content hash.
    return (
      fs.existsSync(outfile) &&
      Object.entries(stamp).every(([file, { stat, hash }]) => statOf(file) === stat || digest(file) === hash)
    );
  } catch {
    return false;
  }
}

function build(entry, outfile, stampFile) {
  const esbuild = require('esbuild');
  const result = esbuild.buildSync({
    entryPoints: [entry],
    outfile,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  const stamp = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    const file = path.resolve(input);
    stamp[file] = { stat: statOf(file), hash: digest(file) };
  }
  // Write-then-rename: a synth running at the same time never loads a half-written bundle.
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  const unique = `.${process.pid}.${Date.now()}.tmp`;
  for (const out of result.outputFiles) {
    fs.writeFileSync(out.path + unique, out.contents);
    fs.renameSync(out.path + unique, out.path);
  }
  fs.writeFileSync(stampFile + unique, JSON.stringify(stamp));
  fs.renameSync(stampFile + unique, stampFile);
}

/** Bundles `file` if its sources changed; returns the bundle's path. */
function bundle(file) {
  const entry = path.resolve(file);
  // The entry's path, made a file name (readable, and no hashing on the warm path).
  const base = path.join(
    cacheDir,
    path.relative(path.resolve(__dirname, '..'), entry).replace(/[^A-Za-z0-9_.-]/g, '_'),
  );
  const outfile = `${base}.js`;
  const stampFile = `${base}.inputs.json`;
  if (!upToDate(outfile, stampFile)) build(entry, outfile, stampFile);
  return outfile;
}

/** Loads a TypeScript module (and what it imports from this project) without type checking. */
function requireTs(file) {
  return require(bundle(file));
}

module.exports = { requireTs };

if (require.main === module) {
  const [node, , entry = 'main.ts', ...args] = process.argv;
  // Older Node has no public compile cache, and runs without one. Node itself honours
  // NODE_DISABLE_COMPILE_CACHE=1 here.
  const { enableCompileCache } = require('module');
  if (typeof enableCompileCache === 'function') enableCompileCache(path.join(cacheDir, 'v8'));
  const outfile = bundle(entry);
  // Run the bundle as the main module, so `require.main === module` holds in it.
  process.argv = [node, outfile, ...args];
  try {
    require('module').runMain();
  } catch (err) {
    // Invalid props are the user's to fix: cdk8s's App.synth() lists each problem with the
    // construct path, which says what and where; a stack would bury it.
    if (err instanceof Error && err.message.startsWith('Validation failed with the following errors:')) {
      console.error(`error: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
}
