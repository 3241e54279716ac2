// Jest transformer: TypeScript to CommonJS with esbuild, without type checking
// (`npm test` runs `tsc` first, which type-checks everything once, ts-jest style
// per-file checking of the 28k-line imports/k8s.ts would cost seconds per run).
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const esbuild = require('esbuild');

const self = crypto.createHash('sha1').update(fs.readFileSync(__filename)).digest('hex');

module.exports = {
  process(source, filename) {
    const result = esbuild.transformSync(source, {
      loader: filename.endsWith('.ts') ? 'ts' : 'js',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'external',
      sourcefile: filename,
    });
    return { code: result.code, map: result.map };
  },
  getCacheKey(source, filename) {
    return crypto
      .createHash('sha1')
      .update(self)
      .update(esbuild.version)
      .update(filename)
      .update('\0')
      .update(source)
      .digest('hex');
  },
};
