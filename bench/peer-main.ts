// The baseline of the default synth: a program that writes the same files as main.ts
// (dist/random-generator.k8s.yaml and dist/production/random-generator.k8s.yaml) as plain
// cdk8s ApiObjects with their final content, nothing to check or resolve. bench/bench.ts
// makes it from the committed dist/ (`makePeerMain`), compiles it to one JavaScript file,
// checks that it writes dist/ byte for byte, and times it next to the real synth.
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

/** The source of the peer program: one App per output folder, one ApiObject per manifest. */
export function makePeerMain(dist: string): string {
  const apps = [
    { file: 'random-generator.k8s.yaml', outdir: '' },
    { file: path.join('production', 'random-generator.k8s.yaml'), outdir: 'production' },
  ];
  const lines = [
    "const { ApiObject, App, Chart } = require('cdk8s');",
    "const path = require('path');",
    "const outdir = process.env.CDK8S_OUTDIR ?? 'dist';",
  ];
  apps.forEach(({ file, outdir }, a) => {
    const docs = parseAllDocuments(fs.readFileSync(path.join(dist, file), 'utf-8')).map((d) => d.toJSON());
    lines.push(
      `const app${a} = new App({ outdir: path.join(outdir, ${JSON.stringify(outdir)}), recordConstructMetadata: false });`,
    );
    lines.push(`const chart${a} = new Chart(app${a}, 'random-generator');`);
    docs.forEach((doc, i) => lines.push(`new ApiObject(chart${a}, 'o${i}', ${JSON.stringify(doc)});`));
    lines.push(`app${a}.synth();`);
  });
  return `${lines.join('\n')}\n`;
}
