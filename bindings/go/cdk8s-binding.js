#!/usr/bin/env node
// The Go binding of cdk8s (module github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2), built on this
// machine because the Go module proxy refuses it: proxy.golang.org answers
// `@v/v2.70.106.info` and `@v/list` of that module with HTTP 403 "This module version is not
// available", and GitHub, where `go` would fetch it directly, is out of reach.
// cdk8s-core-go is nothing but jsii-pacmak's Go output of the npm package cdk8s, which ships
// its `.jsii` assembly: the installed node_modules/cdk8s (with its bundled dependencies) is
// packaged here by the pinned jsii-pacmak, into node_modules/cdk8s/dist/go/cdk8s/, the folder
// that cdk8s's own jsii configuration names (`jsii.outdir` "dist"). There jsii-pacmak finds it
// when it builds this library's Go package (`npm run package -- --targets go`), and
// bindings/go/go.mod points at it with a `replace` directive. It lives outside git
// (node_modules/), survives `npm run package` (whose `prepack` empties lib/), and is gone
// after `npm ci`, when it is built again.
//
// Built when missing, or when the installed cdk8s or jsii-pacmak is not the one it was built
// from (built-with.json); `--force` builds anyway. About 12 s cold, most of it `go build`.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { jsiiEnv } = require('../../tools/jsii-env');

const root = path.join(__dirname, '..', '..');
const cdk8sDir = path.join(root, 'node_modules', 'cdk8s');
/** cdk8s's jsii outdir for Go: jsii-pacmak writes `<outdir>/go/<package>`. */
const outDir = path.join(cdk8sDir, 'dist');
const goDir = path.join(outDir, 'go');
const moduleDir = path.join(goDir, 'cdk8s');
const stampFile = path.join(goDir, 'built-with.json');

function versionOf(pkg) {
  return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', pkg, 'package.json'), 'utf-8')).version;
}

function wanted() {
  return { cdk8s: versionOf('cdk8s'), 'jsii-pacmak': versionOf('jsii-pacmak') };
}

/** Why the binding must be built, or undefined when it is there and current. */
function reasonToBuild() {
  if (!fs.existsSync(path.join(moduleDir, 'go.mod'))) return 'missing';
  // A failed jsii-pacmak run leaves its local.go.mod behind.
  if (fs.existsSync(path.join(moduleDir, 'local.go.mod'))) return 'left over from a failed build';
  const built = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf-8') : '';
  if (built !== JSON.stringify(wanted())) return `built from ${built || 'unknown versions'}`;
  return undefined;
}

/** Builds the binding if it is missing or stale; returns what was done, for the log. */
function ensureCdk8sGoBinding({ force = false } = {}) {
  const reason = force ? 'forced' : reasonToBuild();
  if (reason === undefined) return `up to date (${moduleDir})`;
  // Nothing of an earlier build may be packed into the new one: cdk8s's package.json has no
  // "files" list, so `npm pack` takes whatever is in its folder.
  fs.rmSync(goDir, { recursive: true, force: true });
  const r = spawnSync(
    process.execPath,
    [require.resolve('jsii-pacmak/bin/jsii-pacmak'), cdk8sDir, '--targets', 'go', '--outdir', outDir],
    {
      cwd: root,
      stdio: 'inherit',
      env: jsiiEnv(),
    },
  );
  if (r.status !== 0) {
    throw new Error(`jsii-pacmak could not build the cdk8s Go binding (exit ${r.status ?? r.signal})`);
  }
  fs.writeFileSync(stampFile, JSON.stringify(wanted()));
  return `built (${reason}) into ${moduleDir}`;
}

module.exports = { ensureCdk8sGoBinding };

if (require.main === module) {
  const started = Date.now();
  try {
    const what = ensureCdk8sGoBinding({ force: process.argv.includes('--force') });
    console.log(`cdk8s Go binding: ${what}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (e) {
    console.error(`cdk8s Go binding: ${e.message}`);
    process.exit(1);
  }
}
