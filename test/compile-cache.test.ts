import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as Module from 'module';
import * as path from 'path';
import { tempDirs } from './fixtures/temp-dir';

// tools/compile-cache.js replaces how Node compiles every module of a synth: a module must
// behave exactly as without it, and a changed file must never run its old code.
const root = path.resolve(__dirname, '..');
const temp = tempDirs('compile-cache');
afterAll(() => temp.cleanup());

/** Runs `main` as the main module of a fresh Node process, with the cache kept in `cache`. */
function runWithCache(cache: string, main: string) {
  const tool = JSON.stringify(path.join(root, 'tools', 'compile-cache.js'));
  const script = `require(${tool}).enableCompileCache(${JSON.stringify(cache)});
    process.argv[1] = ${JSON.stringify(main)};
    require('module').runMain();`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf-8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function entries(cache: string): string[] {
  if (!fs.existsSync(cache)) return [];
  return fs.readdirSync(cache, { recursive: true, withFileTypes: true }).flatMap((e) => (e.isFile() ? [e.name] : []));
}

function project(files: Record<string, string>): string {
  const dir = temp.make();
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const nodeHasOwnCache = typeof (Module as { enableCompileCache?: unknown }).enableCompileCache === 'function';

describe('tools/compile-cache.js', () => {
  test('a module sees the CommonJS environment it has without the cache, on the first run and from the cache', () => {
    const dir = project({
      'main.js': [
        '#!/usr/bin/env node',
        "const lib = require('./lib/value');",
        'console.log(JSON.stringify({',
        '  value: lib.value,',
        '  isMain: require.main === module,',
        "  resolved: require.resolve('./lib/value'),",
        "  paths: Array.isArray(require.resolve.paths('x')),",
        '  cached: Object.keys(require.cache).some((f) => f.endsWith("value.js")),',
        "  ext: typeof require.extensions['.js'],",
        '  file: __filename, dir: __dirname,',
        '  exportsIsThis: this === module.exports,',
        '  json: require("./data.json").n,',
        '}));',
      ].join('\n'),
      'lib/value.js': "exports.value = 'from lib'; exports.parentIsLoaded = true;",
      'data.json': '{"n": 7}',
    });
    const cache = temp.make();
    const expected = {
      value: 'from lib',
      isMain: true,
      resolved: path.join(dir, 'lib', 'value.js'),
      paths: true,
      cached: true,
      ext: 'function',
      file: path.join(dir, 'main.js'),
      dir,
      exportsIsThis: true,
      json: 7,
    };
    const first = runWithCache(cache, path.join(dir, 'main.js'));
    expect(first.stderr).toBe('');
    expect(JSON.parse(first.stdout)).toEqual(expected);
    const written = entries(cache);
    if (!nodeHasOwnCache) {
      expect(written.filter((f) => f.endsWith('main.js') || f.endsWith('value.js'))).toHaveLength(2);
    }
    expect(written.length).toBeGreaterThan(0);

    const second = runWithCache(cache, path.join(dir, 'main.js'));
    expect(second.stderr).toBe('');
    expect(JSON.parse(second.stdout)).toEqual(expected);
  });

  test('a file changed to new code of the same length runs the new code', () => {
    const dir = project({ 'main.js': "console.log('old value');" });
    const main = path.join(dir, 'main.js');
    const cache = temp.make();
    expect(runWithCache(cache, main).stdout).toBe('old value\n');
    expect(runWithCache(cache, main).stdout).toBe('old value\n');
    // V8 accepts cached data for any source of the same length: only the stamp tells them apart.
    fs.writeFileSync(main, "console.log('new value');");
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(main, later, later);
    expect(runWithCache(cache, main).stdout).toBe('new value\n');
    expect(runWithCache(cache, main).stdout).toBe('new value\n');
  });

  test('a damaged cache entry costs a recompile, not a failure', () => {
    const dir = project({ 'main.js': "console.log(require('./two').x * 3);", 'two.js': 'exports.x = 14;' });
    const main = path.join(dir, 'main.js');
    const cache = temp.make();
    expect(runWithCache(cache, main).stdout).toBe('42\n');
    const files = fs.readdirSync(cache, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(files.length).toBeGreaterThan(0);
    for (const e of files) {
      const file = path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name);
      const data = fs.readFileSync(file);
      // Keep whatever header there is, break the compiled code after it.
      fs.writeFileSync(file, Buffer.concat([data.subarray(0, Math.min(64, data.length)), Buffer.from('garbage')]));
    }
    const r = runWithCache(cache, main);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('42\n');
  });

  test('dynamic import() works in a cached module', () => {
    const dir = project({
      'main.js': "import('./esm.mjs').then((m) => console.log(m.answer));",
      'esm.mjs': 'export const answer = 42;',
    });
    const cache = temp.make();
    for (let i = 0; i < 2; i++) {
      const r = runWithCache(cache, path.join(dir, 'main.js'));
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe('42\n');
    }
  });

  test('an error points at the file and line it comes from', () => {
    const dir = project({ 'main.js': "require('./broken');", 'broken.js': "\n\nthrow new Error('line three');\n" });
    const cache = temp.make();
    for (let i = 0; i < 2; i++) {
      const r = runWithCache(cache, path.join(dir, 'main.js'));
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`${path.join(dir, 'broken.js')}:3`);
      expect(r.stderr).toContain('Error: line three');
    }
  });
});

describe('tools/run-ts.js with the code cache', () => {
  test('main.ts writes dist/ byte for byte with the cache cold, warm, and turned off', () => {
    const out = temp.make();
    const synth = (env: NodeJS.ProcessEnv) => {
      fs.rmSync(out, { recursive: true, force: true });
      const r = spawnSync(process.execPath, ['tools/run-ts.js', 'main.ts'], {
        cwd: root,
        encoding: 'utf-8',
        env: { ...process.env, CDK8S_OUTDIR: out, ...env },
      });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const files = fs
        .readdirSync(out, { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('.yaml'));
      return Object.fromEntries(files.sort().map((f) => [f, fs.readFileSync(path.join(out, f), 'utf-8')]));
    };
    const expected = Object.fromEntries(
      Object.keys(synth({ NODE_DISABLE_COMPILE_CACHE: '1' })).map((f) => [
        f,
        fs.readFileSync(path.join(root, 'dist', f), 'utf-8'),
      ]),
    );
    expect(Object.keys(expected)).toEqual(['production/random-generator.k8s.yaml', 'random-generator.k8s.yaml']);
    expect(synth({ NODE_DISABLE_COMPILE_CACHE: '1' })).toEqual(expected);
    expect(synth({})).toEqual(expected);
    expect(synth({})).toEqual(expected);
  });
});
