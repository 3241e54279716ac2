#!/usr/bin/env node
// Regenerates imports/k8s.ts offline.
//
// `cdk8s import k8s@<version>` downloads the API schema from GitHub, which CI and
// the developers' machines cannot reach. This runs the very same CLI command, but
// serves the schema from a local file (the one the CLI would download), so the
// generated code is byte-for-byte what `cdk8s import` writes.
//
// Usage: node tools/import-k8s.js [--schema <_definitions.json>] [--output <dir>] [--check]
//   default schema: $K8S_SCHEMA, else ../shared/k8s-schema/v<version>/_definitions.json
//   default output: imports/
//   --check: write nothing; exit 1 when <output>/k8s.ts differs from a fresh import.
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

if (process.argv.includes('--check')) {
  // The import runs in a child process (the CLI finishes asynchronously), into a temporary
  // folder that is removed afterwards.
  const os = require('os');
  const { spawnSync } = require('child_process');
  const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'import-k8s-'));
  const r = spawnSync(process.execPath, [__filename, '--schema', schema, '--output', fresh], { encoding: 'utf-8' });
  const committed = path.join(output, 'k8s.ts');
  const same =
    r.status === 0 &&
    fs.existsSync(committed) &&
    fs.readFileSync(committed, 'utf-8') === fs.readFileSync(path.join(fresh, 'k8s.ts'), 'utf-8');
  fs.rmSync(fresh, { recursive: true, force: true });
  const where = path.relative(process.cwd(), committed);
  if (r.status !== 0) {
    console.error(`import-k8s: the import failed:\n${r.stdout}${r.stderr}`);
    process.exit(2);
  }
  if (!same) {
    console.error(`import-k8s: ${where} is not what \`npm run import\` makes of ${schema}`);
    process.exit(1);
  }
  console.log(`import-k8s: ${where} is what \`npm run import\` makes of ${schema}`);
  process.exit(0);
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
