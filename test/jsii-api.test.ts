// The public API as other languages see it: the jsii assembly that `npm run compile`
// (part of `npm test`) writes to .jsii, and its rules. That API.md is generated from it is
// checked by test/integration/api-docs.test.ts.
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..');
const assemblyFile = path.join(root, '.jsii');

interface TypeRef {
  primitive?: string;
  fqn?: string;
  collection?: { kind: string; elementtype: TypeRef };
  union?: { types: TypeRef[] };
}
interface Member {
  name: string;
  optional?: boolean;
  type?: TypeRef;
  returns?: { type: TypeRef };
  parameters?: Array<{ name: string; type: TypeRef; optional?: boolean }>;
  docs?: { summary?: string; default?: string };
  static?: boolean;
}
interface JsiiType {
  fqn: string;
  kind: 'class' | 'interface' | 'enum';
  datatype?: boolean;
  properties?: Member[];
  methods?: Member[];
  initializer?: Member;
  members?: Array<{ name: string }>;
  docs?: { summary?: string };
}

function assembly(): { types: Record<string, JsiiType> } {
  if (!fs.existsSync(assemblyFile))
    throw new Error(`no ${assemblyFile}: run \`npm run compile\` first (npm test does)`);
  return JSON.parse(fs.readFileSync(assemblyFile, 'utf-8'));
}

/** Every type reference of the API, with where it is used. */
function typeRefs(types: Record<string, JsiiType>): Array<{ where: string; ref: TypeRef }> {
  const out: Array<{ where: string; ref: TypeRef }> = [];
  const add = (where: string, ref: TypeRef | undefined) => {
    if (!ref) return;
    out.push({ where, ref });
    if (ref.collection) add(`${where}[]`, ref.collection.elementtype);
    ref.union?.types.forEach((t) => add(`${where}|`, t));
  };
  for (const t of Object.values(types)) {
    for (const p of t.properties ?? []) add(`${t.fqn}.${p.name}`, p.type);
    for (const m of [...(t.methods ?? []), ...(t.initializer ? [t.initializer] : [])]) {
      add(`${t.fqn}.${m.name}()`, m.returns?.type);
      for (const a of m.parameters ?? []) add(`${t.fqn}.${m.name}(${a.name})`, a.type);
    }
  }
  return out;
}

describe('the jsii assembly', () => {
  const { types } = assembly();

  test('exports the construct, its props and the factory classes other languages need', () => {
    const names = Object.keys(types).map((fqn) => fqn.split('.').pop());
    expect(names).toEqual(
      expect.arrayContaining([
        'StatefulService',
        'StatefulServiceProps',
        'Storage',
        'ExternalAccess',
        'NetworkAccess',
        'UpdateStrategy',
        'DisruptionBudget',
        'Probe',
        'EnvValue',
        'PodVolume',
        'PodSecurity',
        'PolicyRule',
      ]),
    );
  });

  test('has no union types and no `any` in its API', () => {
    const bad = typeRefs(types).filter(({ ref }) => ref.union !== undefined || ref.primitive === 'any');
    expect(bad.map((b) => b.where)).toEqual([]);
  });

  test('describes every type and every prop, and gives every optional struct prop a @default', () => {
    const problems: string[] = [];
    for (const t of Object.values(types)) {
      if (!t.docs?.summary) problems.push(`${t.fqn}: no description`);
      for (const p of t.properties ?? []) {
        if (!p.docs?.summary) problems.push(`${t.fqn}.${p.name}: no description`);
        if (t.datatype && p.optional && p.docs?.default === undefined) problems.push(`${t.fqn}.${p.name}: no @default`);
      }
    }
    expect(problems).toEqual([]);
  });

  test('uses cdk8s value types for quantities: no size, duration or CPU prop is a string or number', () => {
    const quantityNames =
      /(size|sizeLimit|period|timeout|initialDelay|expiration|minReady|tolerationSeconds|terminationGracePeriod|request|limit)$/;
    const bad = Object.values(types).flatMap((t) =>
      (t.properties ?? [])
        .filter((p) => quantityNames.test(p.name) && p.type?.primitive !== undefined)
        .map((p) => `${t.fqn}.${p.name}: ${p.type!.primitive}`),
    );
    expect(bad).toEqual([]);
  });

  test('closed sets are enums, and props use them rather than strings', () => {
    const enums = Object.values(types).filter((t) => t.kind === 'enum');
    expect(enums.map((e) => e.fqn.split('.').pop())).toEqual(
      expect.arrayContaining(['PolicyRule', 'Capability', 'ClaimRetention', 'SpreadPolicy', 'ExternalTrafficPolicy']),
    );
    const props = types['cdk8s-stateful-service.LifecycleOptions'].properties!;
    expect(props.find((p) => p.name === 'podManagementPolicy')!.type).toEqual({
      fqn: 'cdk8s-stateful-service.PodManagementPolicy',
    });
  });

  test('every struct lists its prop names for the unknown-key check (propNames, src/core/prop-names.ts)', () => {
    // Checked against the list of a struct with the same props, or more (a prop of the
    // wider one that does not apply gets a message of its own).
    const checkedAs: Record<string, string> = {
      ClusterIpAccessOptions: 'LoadBalancerAccessOptions',
      NodePortAccessOptions: 'LoadBalancerAccessOptions',
      PodAntiAffinityOptions: 'PreferredPodAntiAffinityOptions',
      MemoryResources: 'CpuResources',
    };
    const sources = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const f = path.join(dir, e.name);
        return e.isDirectory() ? sources(f) : f.endsWith('.ts') ? [fs.readFileSync(f, 'utf-8')] : [];
      });
    const code = sources(path.join(root, 'src')).join('\n');
    const structs = Object.values(types).filter((t) => t.kind === 'interface' && t.datatype);
    expect(structs.length).toBeGreaterThan(30);
    const unlisted = structs
      .map((t) => t.fqn.split('.').pop()!)
      .filter((name) => !code.includes(`propNames<${checkedAs[name] ?? name}>(`));
    expect(unlisted).toEqual([]);
    for (const [narrow, wide] of Object.entries(checkedAs)) {
      // Its own props and its base interfaces'.
      const names = (n: string): string[] => {
        const t = types[n.includes('.') ? n : `cdk8s-stateful-service.${n}`] as JsiiType & { interfaces?: string[] };
        return [...(t.properties ?? []).map((p) => p.name), ...(t.interfaces ?? []).flatMap(names)];
      };
      expect(names(wide)).toEqual(expect.arrayContaining(names(narrow)));
    }
  });

  test('names no type of cdk8s-plus: the package depends on cdk8s and constructs only', () => {
    const a = assembly() as { dependencies?: Record<string, string> };
    expect(Object.keys(a.dependencies ?? {}).sort()).toEqual(['cdk8s', 'constructs']);
    expect(JSON.stringify(assembly().types)).not.toMatch(/"fqn":"cdk8s-plus/);
  });
});

describe('the TypeScript declarations of the public API', () => {
  // The files index.d.ts re-exports from: what a TypeScript user's editor shows.
  const libSrc = path.join(root, 'lib', 'src');
  const index = fs.readFileSync(path.join(libSrc, 'index.d.ts'), 'utf-8');
  const files = [...new Set([...index.matchAll(/from '\.\/([^']+)'/g)].map((m) => `${m[1]}.d.ts`))];

  test.each(files)('%s has no union and no function type in a public member', (file) => {
    const code = fs
      .readFileSync(path.join(libSrc, file), 'utf-8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    const members = code.split('\n').filter((line) => /^\s+(readonly |static |get )?\w+\??[(:]/.test(line));
    // `T | undefined` is how TypeScript writes an optional type, which jsii allows.
    const bad = members.filter(
      (line) => / \| |=>/.test(line.replace(/ \| undefined\b/g, '')) && !/^\s+private /.test(line),
    );
    expect(bad).toEqual([]);
  });
});
