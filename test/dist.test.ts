import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildApp } from '../src/charts/app';

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');

function synthTo(outdir: string): Record<string, string> {
  buildApp({ outdir }).synth();
  return Object.fromEntries(fs.readdirSync(outdir).sort().map((f) => [f, fs.readFileSync(path.join(outdir, f), 'utf-8')]));
}

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'synth-'));
}

test('the committed dist/ is what the code synthesizes (run `npm run synth` and commit if this fails)', () => {
  const fresh = synthTo(tmp());
  const committed = Object.fromEntries(
    fs.readdirSync(dist).sort().map((f) => [f, fs.readFileSync(path.join(dist, f), 'utf-8')]),
  );
  expect(Object.keys(committed)).toEqual(Object.keys(fresh));
  for (const [file, text] of Object.entries(fresh)) {
    expect(`${file}:\n${committed[file]}`).toBe(`${file}:\n${text}`);
  }
});

test('synthesis is deterministic: the same code gives the same bytes', () => {
  expect(synthTo(tmp())).toEqual(synthTo(tmp()));
});
