// The library's modules import each other without a circle (a circle makes load order
// matter: a module can see another's exports as undefined while both are loading).
import * as fs from 'fs';
import * as path from 'path';

const src = path.join(__dirname, '..', 'src');

function modules(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const f = path.join(dir, e.name);
    return e.isDirectory() ? modules(f) : f.endsWith('.ts') ? [f] : [];
  });
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf-8');
  return [...text.matchAll(/^(?:import|export)\b[^;]*?from '(\.[^']+)'/gms)].flatMap(([, spec]) => {
    const base = path.resolve(path.dirname(file), spec);
    return [`${base}.ts`, path.join(base, 'index.ts')].filter((f) => fs.existsSync(f)).slice(0, 1);
  });
}

test('no module of src/ imports itself through others', () => {
  const graph = new Map(modules(src).map((f) => [f, importsOf(f)]));
  const circles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (f: string, trail: string[]) => {
    if (state.get(f) === 'done') return;
    if (state.get(f) === 'open') {
      circles.push([...trail.slice(trail.indexOf(f)), f].map((x) => path.relative(src, x)).join(' -> '));
      return;
    }
    state.set(f, 'open');
    for (const g of graph.get(f) ?? []) visit(g, [...trail, f]);
    state.set(f, 'done');
  };
  for (const f of graph.keys()) visit(f, []);
  expect(circles).toEqual([]);
});
