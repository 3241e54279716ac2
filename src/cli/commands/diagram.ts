import * as fs from 'fs';
import * as path from 'path';
import { choice, last, parseArgs, positiveNumber } from '../args';
import { renderDiagram, renderMarkdown } from '../diagram/diagram';
import { readManifests } from '../input';
import { Command, INPUT_HELP, inputPaths } from './command';

export const diagramCommand: Command = {
  name: 'diagram',
  summary: 'a Mermaid picture of what the manifests make: Services, pods, claims, volumes',
  help: `Usage: stateful-service diagram [options] [files, directories or -]

Draws, per namespace, the Services, the pods of each StatefulSet (by ordinal), the claims
the StatefulSet controller makes for them and the PersistentVolumes they bind, as a
Mermaid flowchart (GitHub renders it in Markdown).

Options:
  --format markdown|mermaid a Markdown document with the chart (default), or the chart alone
  --out <file>              write it to this file instead of standard output
${INPUT_HELP}

Exit status: 0 drawn, 2 wrong usage or input that cannot be read.`,
  run(argv, io) {
    const args = parseArgs(argv, { format: 'value', out: 'value', 'max-file-size': 'value' }, 'diagram');
    if (args.flags.has('help')) {
      io.out(this.help);
      return 0;
    }
    const format = choice(args, 'format', ['markdown', 'mermaid'] as const, 'markdown');
    const paths = inputPaths(args, 'draw');
    const manifests = readManifests(paths, {
      maxFileMiB: positiveNumber(args, 'max-file-size'),
      onNote: (n) => io.err(`note: ${n}`),
    });
    const text = format === 'mermaid' ? renderDiagram(manifests) : renderMarkdown(manifests, paths.join(', '));
    const out = last(args, 'out');
    if (out === undefined) {
      io.out(text.replace(/\n$/, ''));
    } else {
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, text.endsWith('\n') ? text : `${text}\n`);
      io.out(`diagram: ${manifests.length} objects in ${paths.join(', ')} → ${out}`);
    }
    return 0;
  },
};
