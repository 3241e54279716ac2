// `npm ci` installs no package the project does not use: every dependency in package.json
// is imported or required somewhere in the project, or run by a script, or has a stated
// reason to be there.
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf-8'));

// Used without an import: type packages read through tsconfig.json, a peer of another tool.
const INDIRECT: Record<string, string> = {
  '@types/node': 'tsconfig.json "types"',
  '@types/jest': 'tsconfig.json "types"',
  'jsii-rosetta': 'peer dependency of jsii-docgen (tools/api-docs.js), which needs it installed',
  jsii: 'run by tools/compile.js (npm run compile) from node_modules/.bin',
  'kubernetes-models': 'tools/fuzz/judge.ts requires its per-kind modules by name from a table',
};

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name.startsWith('.') ? [] : sources(rel);
    return /\.(ts|js|mjs)$/.test(e.name) ? [fs.readFileSync(path.join(root, rel), 'utf-8')] : [];
  });
}

const code = [
  ...['src', 'test', 'tools', 'bench', 'examples', 'docs/samples'].flatMap(sources),
  ...['main.ts', 'jest.config.js', 'eslint.config.mjs'].map((f) => fs.readFileSync(path.join(root, f), 'utf-8')),
].join('\n');
const scripts = Object.values(pkg.scripts as Record<string, string>).join('\n');
const bins = (name: string): string[] => {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf-8'));
  return typeof manifest.bin === 'string' ? [name] : Object.keys(manifest.bin ?? {});
};

test.each([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})])('%s is used', (name) => {
  // require.resolve: a package whose file is run by path (tools/package.js runs jsii-pacmak's bin).
  const imported = new RegExp(
    `(from |require\\(|require\\.resolve\\(|import\\()['"]${name.replace(/[/.]/g, '\\$&')}(/[^'"]*)?['"]`,
  ).test(code);
  const run = bins(name).some((bin) => new RegExp(`(^|[\\s/])${bin}(\\s|$)`, 'm').test(scripts));
  expect({ name, used: imported || run || name in INDIRECT }).toEqual({ name, used: true });
});
