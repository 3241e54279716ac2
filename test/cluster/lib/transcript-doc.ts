// A transcript quoted in a doc, between `<!-- transcript:NAME -->` and `<!-- /transcript -->`
// in a ```console block, and the masking that makes two runs comparable: ages, IPs, uids,
// node ports and column widths differ from run to run, nothing else may.

const start = (name: string) => `<!-- transcript:${name} -->`;
const END = '<!-- /transcript -->';

export function docTranscript(doc: string, name: string): string {
  const from = doc.indexOf(start(name));
  const to = doc.indexOf(END, from);
  if (from < 0 || to < 0) throw new Error(`no '${start(name)}' ... '${END}' block in the doc`);
  const block = doc.slice(from + start(name).length, to);
  const m = /```console\n([\s\S]*?)```/.exec(block);
  if (!m) throw new Error(`the '${name}' transcript block holds no \`\`\`console fence`);
  return m[1];
}

/** The doc with the transcript block's console fence replaced (the text around it is kept). */
export function replaceDocTranscript(doc: string, name: string, text: string): string {
  const from = doc.indexOf(start(name));
  const to = doc.indexOf(END, from);
  if (from < 0 || to < 0) throw new Error(`no '${start(name)}' ... '${END}' block in the doc`);
  const block = doc.slice(from, to);
  const fence = /```console\n[\s\S]*?```/;
  if (!fence.test(block)) throw new Error(`the '${name}' transcript block holds no \`\`\`console fence`);
  const replaced = block.replace(fence, () => `\`\`\`console\n${text.replace(/\n*$/, '\n')}\`\`\``);
  return doc.slice(0, from) + replaced + doc.slice(to);
}

export function maskTranscript(text: string): string[] {
  return text
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '<uid>')
    .replace(/\b\d{1,3}(\.\d{1,3}){3}\b/g, '<ip>')
    .replace(/:3\d{4}\//g, ':<nodeport>/')
    // kubectl's ages: 5s, 70s, 2m3s, 6m, 1h2m, 3d
    .replace(/(^|\s)(\d+[smhd])+(?=\s|$)/gm, '$1<age>')
    .split('\n')
    .map((l) => l.trim().replace(/\s+/g, ' '))
    .filter((l) => l !== '');
}
