// Jest transformer: TypeScript to CommonJS with esbuild, without type checking
// (`npm test` runs `tsc` first, which type-checks everything once, ts-jest style
// per-file checking of the 28k-line imports/k8s.ts would cost seconds per run).
//
// For the mutation check (tools/mutate-rules.ts) only: STATEFUL_SERVICE_MUTANT=<file>:<offset>
// removes the report call at that offset of that file before compiling, so one rule of
// the validator is broken for the run, without touching a file on disk.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const esbuild = require('esbuild');

const self = crypto.createHash('sha1').update(fs.readFileSync(__filename)).digest('hex');
const mutant = process.env.STATEFUL_SERVICE_MUTANT ?? '';

/** The source with the report call at `offset` turned into a call of a no-op. */
function mutate(source, filename) {
  const [file, offset] = mutant.split(':');
  if (!file || path.resolve(file) !== filename) return source;
  const at = Number(offset);
  const call = /^(?:\w+\.)?report\(/.exec(source.slice(at));
  if (!call) throw new Error(`STATEFUL_SERVICE_MUTANT: no report call at ${mutant}`);
  return `${source.slice(0, at)}(() => undefined)(${source.slice(at + call[0].length)}`;
}

module.exports = {
  process(source, filename) {
    const result = esbuild.transformSync(mutant ? mutate(source, filename) : source, {
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
      .update(mutant)
      .update(filename)
      .update('\0')
      .update(source)
      .digest('hex');
  },
};
