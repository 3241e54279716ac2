// A V8 code cache for the CommonJS modules a synth loads (cdk8s, yaml, constructs and the
// app's bundle): their compiled code is kept in a folder and reused by the next run, so a
// warm synth does not parse and compile the same ~900 KB of JavaScript again (about 10 ms
// of a 115 ms synth on the bench machine; see docs/performance.md).
//
// Node 22.1+ has this built in (`module.enableCompileCache`), and it is used where present.
// Node 20 has no public hook, so `Module.prototype._compile` is replaced by one that
// compiles through `vm.Script` with `cachedData`, as the v8-compile-cache package does; that
// package keeps one blob per main module and measured no faster here.
//
// V8 accepts cached data whose source has the same *length* (its check is not a content
// hash), so each entry also records the file's size and modification time, and an entry
// whose file changed is ignored and rewritten. An entry V8 rejects (another Node version,
// other flags) is rewritten too; a broken entry is as good as none.
'use strict';
const fs = require('fs');
const path = require('path');
const Module = require('module');

const HEADER = 64; // "<size>:<mtimeMs>" padded, before the V8 data

function entryFile(dir, filename) {
  return path.join(dir, filename.replace(/[^A-Za-z0-9_.-]/g, '_'));
}

function readEntry(file, stamp) {
  try {
    const data = fs.readFileSync(file);
    return data.subarray(0, HEADER).toString('latin1').trimEnd() === stamp ? data.subarray(HEADER) : undefined;
  } catch {
    return undefined;
  }
}

function writeEntry(file, stamp, cachedData) {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, Buffer.concat([Buffer.from(stamp.padEnd(HEADER), 'latin1'), cachedData]));
    fs.renameSync(temp, file);
  } catch {
    // A cache that cannot be written costs speed, never correctness.
    fs.rmSync(temp, { force: true });
  }
}

/** Enables the code cache, kept in `dir`, for the modules this process loads from now on. */
function enableCompileCache(dir) {
  if (typeof Module.enableCompileCache === 'function') {
    Module.enableCompileCache(dir);
    return;
  }
  const vm = require('vm');
  const versionDir = path.join(dir, `${process.version}-${process.arch}`);
  fs.mkdirSync(versionDir, { recursive: true });
  const original = Module.prototype._compile;
  const toWrite = [];

  Module.prototype._compile = function compileWithCache(content, filename) {
    // `import()` in a vm.Script needs a loader that Node 20 offers only as an experimental
    // feature (with a warning): such files are left to Node.
    if (content.includes('import(')) return original.call(this, content, filename);
    const stat = fs.statSync(filename, { throwIfNoEntry: false });
    if (!stat) return original.call(this, content, filename);
    const stamp = `${stat.size}:${stat.mtimeMs}`;
    const file = entryFile(versionDir, filename);
    const cachedData = readEntry(file, stamp);
    // A hashbang is legal only at the very start of a script, which the wrapper no longer is.
    const source = Module.wrap(content.startsWith('#!') ? `//${content.slice(2)}` : content);
    const script = new vm.Script(source, { filename, cachedData });
    if (cachedData === undefined || script.cachedDataRejected) toWrite.push({ file, stamp, script });

    // Node's own require for a module, rebuilt: the wrapper's `require` is bound to this module.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const mod = this;
    const require = (id) => mod.require(id);
    require.resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
    require.resolve.paths = (request) => Module._resolveLookupPaths(request, mod);
    require.main = process.mainModule;
    require.extensions = Module._extensions;
    require.cache = Module._cache;
    const compiled = script.runInThisContext({ displayErrors: true });
    return compiled.call(mod.exports, mod.exports, require, mod, filename, path.dirname(filename));
  };

  // Written at exit, when the functions the run used are compiled too and go into the cache.
  process.once('exit', () => {
    for (const { file, stamp, script } of toWrite) writeEntry(file, stamp, script.createCachedData());
  });
}

module.exports = { enableCompileCache };
