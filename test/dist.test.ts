import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildApps } from '../src/charts/app';

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');

/** Every file under `dir`, by path relative to it, with its text. */
function read(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.join(sub, entry.name);
      if (entry.isDirectory()) walk(rel);
      else out[rel] = fs.readFileSync(path.join(dir, rel), 'utf-8');
    }
  };
  walk('');
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** Synthesizes the apps into a fresh temporary folder, reads it, and removes it. */
function synthTo(): Record<string, string> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-'));
  try {
    for (const app of buildApps(outdir)) app.synth();
    return read(outdir);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

// The single source of truth for the manifests of the book's chart and of the production
// variant: the committed files under dist/ (what users apply, and what a review sees as a
// diff). The chart tests make targeted assertions on the same synth, without a snapshot.
test('the committed dist/ is what the code synthesizes (run `npm run synth` and commit if this fails)', () => {
  const fresh = synthTo();
  const committed = read(dist);
  expect(Object.keys(committed)).toEqual(Object.keys(fresh));
  for (const [file, text] of Object.entries(fresh)) {
    expect(`${file}:\n${committed[file]}`).toBe(`${file}:\n${text}`);
  }
});

test('one folder per target: the minikube example at the top, the production variant in production/', () => {
  expect(Object.keys(read(dist))).toEqual(['production/random-generator.k8s.yaml', 'random-generator.k8s.yaml']);
});

test('synthesis is deterministic: the same code gives the same bytes', () => {
  expect(synthTo()).toEqual(synthTo());
});
