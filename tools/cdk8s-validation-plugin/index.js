// The package's cdk8s validation plugin (src/cli/plugin.ts), loaded from the sources for
// this repository's own `cdk8s synth`: no build step first, and no network (cdk8s.yaml
// names this folder with a ./ path, which the cdk8s CLI loads from the project directory).
// Users of the package load the compiled plugin instead; see docs/tools.md.
'use strict';
const path = require('path');
const { requireTs } = require('../run-ts');

module.exports = requireTs(path.join(__dirname, '..', '..', 'src', 'cli', 'plugin.ts'));
