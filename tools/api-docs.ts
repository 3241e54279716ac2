// `npm run docs`: writes API.md, the API reference, from the doc comments of what
// src/index.ts exports (read with the TypeScript compiler, so it cannot drift from the
// code; a test regenerates it and compares). `--check` only compares.
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { runMain } from '../src/cli/run-main';

// The project root: npm scripts run tools from there (__dirname would be the bundle's folder).
const root = process.cwd();

interface Entry {
  readonly name: string;
  readonly section: 'Constructs' | 'Props' | 'Types' | 'Constants' | 'Errors';
  readonly text: string;
}

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();
const cell = (s: string) => oneLine(s).replace(/\|/g, '\\|');

const links = (s: string) => s.replace(/\{@link\s+([^}\s]+)\s*\}/g, '`$1`').trim();

function docOf(symbol: ts.Symbol, checker: ts.TypeChecker): string {
  return links(ts.displayPartsToString(symbol.getDocumentationComment(checker)));
}

function tag(symbol: ts.Symbol, checker: ts.TypeChecker, name: string): string | undefined {
  const t = symbol.getJsDocTags(checker).find((x) => x.name === name);
  return t ? links(ts.displayPartsToString(t.text)) : undefined;
}

function isPublic(node: ts.Node): boolean {
  const mods = ts.canHaveModifiers(node) ? (ts.getModifiers(node) ?? []) : [];
  return !mods.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword);
}

function describeInterface(symbol: ts.Symbol, decl: ts.InterfaceDeclaration, checker: ts.TypeChecker): string {
  const lines = [
    `### ${symbol.name}`,
    '',
    docOf(symbol, checker),
    '',
    '| prop | type | default | description |',
    '| --- | --- | --- | --- |',
  ];
  for (const member of decl.members) {
    if (!ts.isPropertySignature(member) || !member.name) continue;
    const prop = checker.getSymbolAtLocation(member.name)!;
    const optional = member.questionToken !== undefined;
    const defaultText = optional ? (tag(prop, checker, 'default') ?? '') : '*required*';
    lines.push(
      `| \`${prop.name}\` | \`${cell(member.type?.getText() ?? 'unknown')}\` | ${cell(defaultText)} | ${cell(docOf(prop, checker))} |`,
    );
  }
  return lines.join('\n');
}

function describeClass(symbol: ts.Symbol, decl: ts.ClassDeclaration, checker: ts.TypeChecker): string {
  const lines = [`### ${symbol.name}`, '', docOf(symbol, checker), ''];
  const ctor = decl.members.find(ts.isConstructorDeclaration);
  if (ctor) {
    const params = ctor.parameters
      .map((p) => p.getText().replace(/^(public|private|protected)\s+readonly\s+/, ''))
      .join(', ');
    lines.push('```ts', `new ${symbol.name}(${oneLine(params)})`, '```', '');
  }
  const props = decl.members.filter((m): m is ts.PropertyDeclaration => ts.isPropertyDeclaration(m) && isPublic(m));
  const params = (ctor?.parameters ?? []).filter(
    (p) => ts.canHaveModifiers(p) && (ts.getModifiers(p) ?? []).some((m) => m.kind === ts.SyntaxKind.PublicKeyword),
  );
  if (props.length + params.length > 0) {
    lines.push('| property | type | description |', '| --- | --- | --- |');
    for (const p of [...params, ...props]) {
      const s = checker.getSymbolAtLocation(p.name)!;
      const optional = p.questionToken !== undefined ? '?' : '';
      lines.push(
        `| \`${s.name}${optional}\` | \`${cell(p.type?.getText() ?? 'unknown')}\` | ${cell(docOf(s, checker))} |`,
      );
    }
    lines.push('');
  }
  const methods = decl.members.filter((m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && isPublic(m));
  for (const m of methods) {
    const s = checker.getSymbolAtLocation(m.name)!;
    const params = m.parameters.map((p) => oneLine(p.getText())).join(', ');
    lines.push(`- \`${s.name}(${params}): ${m.type?.getText() ?? 'void'}\` — ${oneLine(docOf(s, checker))}`);
  }
  return lines.join('\n').trimEnd();
}

/** The API reference as Markdown. */
export function renderApi(entry = path.join(root, 'src', 'index.ts')): string {
  const program = ts.createProgram([entry], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    strict: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  const entries: Entry[] = [];
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const decl = symbol.declarations?.[0];
    if (!decl) continue;
    if (ts.isClassDeclaration(decl)) {
      const isError = decl.heritageClauses?.some((h) => h.types.some((t) => t.expression.getText() === 'Error'));
      entries.push({
        name: symbol.name,
        section: isError ? 'Errors' : 'Constructs',
        text: describeClass(symbol, decl, checker),
      });
    } else if (ts.isInterfaceDeclaration(decl)) {
      entries.push({ name: symbol.name, section: 'Props', text: describeInterface(symbol, decl, checker) });
    } else if (ts.isTypeAliasDeclaration(decl)) {
      entries.push({
        name: symbol.name,
        section: 'Types',
        text: [`### ${symbol.name}`, '', docOf(symbol, checker), '', '```ts', oneLine(decl.getText()), '```'].join(
          '\n',
        ),
      });
    } else if (ts.isVariableDeclaration(decl)) {
      entries.push({
        name: symbol.name,
        section: 'Constants',
        text: [
          `### ${symbol.name}`,
          '',
          docOf(symbol, checker),
          '',
          '```ts',
          `const ${oneLine(decl.getText())}`,
          '```',
        ].join('\n'),
      });
    }
  }
  const sections = ['Constructs', 'Props', 'Types', 'Constants', 'Errors'] as const;
  const out = [
    '# API reference',
    '',
    'Generated from the doc comments of what `src/index.ts` exports, by `npm run docs` (tools/api-docs.ts). Do not edit by hand.',
    '',
  ];
  for (const section of sections) {
    const list = entries.filter((e) => e.section === section).sort((a, b) => a.name.localeCompare(b.name));
    if (list.length === 0) continue;
    out.push(`## ${section}`, '', ...list.map((e) => `${e.text.replace(/\n{3,}/g, '\n\n')}\n`));
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function main(argv: string[]): number {
  const file = path.join(root, 'API.md');
  const text = renderApi();
  if (argv.includes('--check')) {
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf-8') : '';
    if (current === text) return 0;
    console.error('API.md is out of date: run `npm run docs` and commit it');
    return 1;
  }
  fs.writeFileSync(file, text);
  console.log(`wrote API.md (${text.length} bytes)`);
  return 0;
}

if (require.main === module) runMain(main);
