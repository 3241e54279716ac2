#!/usr/bin/env node
// `npm run docs`: API.md, the API reference, made by jsii-docgen from the jsii assembly
// (`.jsii`, written by `npm run compile`). test/jsii-api.test.ts makes it again and compares.
//
// jsii-docgen's own command (Documentation.forProject) copies the whole project folder,
// node_modules included, to a temp folder before it reads the assemblies: 20 s and
// gigabytes of writes. Here it is given a folder with only the assemblies it reads: this
// package's and those of its jsii dependencies.
'use strict';
const fs = require('fs');
const { jsiiEnv } = require('./jsii-env');
const path = require('path');

async function renderApiMd(root = process.cwd()) {
  // jsii and jsii-rosetta download their release support notes unless told not to.
  Object.assign(process.env, jsiiEnv());
  const { Documentation, Language } = require('jsii-docgen');
  const assembly = JSON.parse(fs.readFileSync(path.join(root, '.jsii'), 'utf-8'));
  const dir = path.join(root, 'node_modules', '.cache', 'api-docs');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(path.join(root, '.jsii'), path.join(dir, '.jsii'));
  for (const dependency of Object.keys(assembly.dependencyClosure ?? {})) {
    const target = path.join(dir, 'node_modules', dependency);
    fs.mkdirSync(target, { recursive: true });
    fs.copyFileSync(path.join(root, 'node_modules', dependency, '.jsii'), path.join(target, '.jsii'));
  }
  try {
    const docs = await Documentation.forAssembly(assembly.name, dir);
    return (await docs.toMarkdown({ language: Language.TYPESCRIPT })).render();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { renderApiMd };

if (require.main === module) {
  renderApiMd().then(
    (markdown) => fs.writeFileSync('API.md', markdown),
    (e) => {
      console.error(`error: ${e.message} (run \`npm run compile\` first: it writes .jsii)`);
      process.exitCode = 1;
    },
  );
}
