#!/usr/bin/env node
// Regenerates imports/k8s.ts offline.
//
// `cdk8s import k8s@<version>` downloads the API schema from GitHub, which CI and
// the developers' machines cannot reach. This runs the very same CLI command, but
// serves the schema from a local file (the one the CLI would download), so the
// generated code is byte-for-byte what `cdk8s import` writes.
//
// Usage: node tools/import-k8s.js [--schema <_definitions.json>] [--output <dir>]
//   default schema: $K8S_SCHEMA, else ../shared/k8s-schema/v<version>/_definitions.json
//   default output: imports/
'use strict';
const fs = require('fs');
const path = require('path');

const K8S_VERSION = '1.27.0';
const root = path.resolve(__dirname, '..');

function option(name) {
  const i = process.argv.indexOf(name);
  return i !== -1 && process.argv[i + 1] ? path.resolve(process.argv[i + 1]) : undefined;
}

const schema =
  option('--schema') ??
  (process.env.K8S_SCHEMA && path.resolve(process.env.K8S_SCHEMA)) ??
  path.resolve(root, '..', 'shared', 'k8s-schema', `v${K8S_VERSION}`, '_definitions.json');
const output = option('--output') ?? path.join(root, 'imports');
if (!fs.existsSync(schema)) {
  console.error(`import-k8s: schema file not found: ${schema}`);
  console.error('Pass --schema <path to the Kubernetes ' + K8S_VERSION + ' _definitions.json> or set K8S_SCHEMA.');
  console.error('imports/k8s.ts is committed, so you only need this to regenerate it.');
  process.exit(2);
}

// The CLI's exports map hides its internals; resolve the file directly.
const cliDir = path.dirname(require.resolve('cdk8s-cli/package.json'));
const util = require(path.join(cliDir, 'lib', 'util.js'));
util.download = async (url) => {
  if (url.endsWith(`/kubernetes-schemas/v${K8S_VERSION}/_definitions.json`)) {
    return fs.readFileSync(schema, 'utf-8');
  }
  throw new Error(`import-k8s: refusing network access to ${url}`);
};

process.argv = [
  process.argv[0],
  'cdk8s',
  'import',
  `k8s@${K8S_VERSION}`,
  '--language',
  'typescript',
  '--output',
  output,
  '--no-check-upgrade',
];
require(path.join(cliDir, 'lib', 'cli', 'index.js'));
