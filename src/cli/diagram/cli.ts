// `npm run diagram [-- <files or dirs>] [--out <file>]`: writes a Mermaid picture of
// what the manifests make (default: dist/ into docs/diagram.md), readable on GitHub.
import * as fs from 'fs';
import * as path from 'path';
import { runMain } from '../run-main';
import { readManifests } from '../manifests';
import { renderMarkdown } from './diagram';

function main(argv: string[]): number {
  const inputs: string[] = [];
  let out = path.join('docs', 'diagram.md');
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') out = argv[++i];
    else inputs.push(argv[i]);
  }
  const paths = inputs.length > 0 ? inputs : ['dist'];
  const manifests = readManifests(paths);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, renderMarkdown(manifests, paths.join(', ')));
  console.log(`diagram: ${manifests.length} objects in ${paths.join(', ')} → ${out}`);
  return 0;
}

runMain(main);
