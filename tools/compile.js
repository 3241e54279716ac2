#!/usr/bin/env node
// `npm run compile`: the library (src/ and the generated imports, per tsconfig.build.json)
// compiled by jsii into lib/ and the `.jsii` assembly, warnings as errors.
//
// jsii downloads its release-support document from GitHub on every run unless
// JSII_SILENCE_SUPPORT_WARNING is set (jsii/lib/support.js: getReleasesDocument), and
// prints a banner for Node 20 unless JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION names
// it (@jsii/check-node): both are set here, so a build never touches the network.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const env = {
  ...process.env,
  JSII_SILENCE_SUPPORT_WARNING: '1',
  JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: process.versions.node.split('.')[0],
};
const [tool = 'jsii', ...args] = process.argv.slice(2);
// A clean lib/ each time: files of deleted sources would otherwise stay and be packed.
if (tool === 'jsii') fs.rmSync(path.join(__dirname, '..', 'lib'), { recursive: true, force: true });
const bin = path.join(__dirname, '..', 'node_modules', '.bin', tool);
const toolArgs = tool === 'jsii' ? ['--fail-on-warnings', ...args] : args;
const r = spawnSync(bin, toolArgs, { stdio: 'inherit', env, cwd: path.join(__dirname, '..') });
process.exit(r.status ?? 1);
