// SinglePassApp writes what cdk8s's App writes, byte for byte, validating and resolving the
// app once per synth instead of once per chart; its YAML writer writes what cdk8s's
// Yaml.stringify writes.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Size, Yaml, YamlOutputType } from 'cdk8s';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { BookExampleChart } from '../examples/book-example';
import { DatabaseWithPeersChart } from '../examples/database-with-peers';
import { MySqlChart } from '../examples/kubernetes-tutorials/mysql';
import { WebChart } from '../examples/kubernetes-tutorials/web';
import { ZooKeeperChart } from '../examples/kubernetes-tutorials/zookeeper';
import { SinglePassApp, StatefulService, Storage } from '../src';
import { YamlWriter } from '../src/app/yaml-writer';
import { RandomGeneratorProductionChart } from '../src/charts/random-generator-production-chart';
import { RandomGeneratorChart } from '../src/charts/random-generator-chart';
import { statefulServiceProps } from '../tools/fuzz/arbitraries';

const cdk8sYaml = (docs: unknown[]) => Yaml.stringify(...docs);
const ourYaml = (docs: unknown[]) => new YamlWriter().stringify(docs);

describe('the YAML writer writes what Yaml.stringify writes', () => {
  const charts: Array<[string, (app: App) => Chart]> = [
    ['the book chart', (app) => new RandomGeneratorChart(app, 'c')],
    ['the production chart', (app) => new RandomGeneratorProductionChart(app, 'c')],
    ['the book example', (app) => new BookExampleChart(app, 'c')],
    ['the database example', (app) => new DatabaseWithPeersChart(app, 'c')],
    ['the web tutorial', (app) => new WebChart(app, 'c')],
    ['the ZooKeeper tutorial', (app) => new ZooKeeperChart(app, 'c')],
    ['the MySQL tutorial (multi-line scripts and a ConfigMap)', (app) => new MySqlChart(app, 'c')],
  ];
  test.each(charts)('%s', (_name, make) => {
    const docs = make(new App({ outdir: 'never-written' })).toJson();
    expect(ourYaml(docs)).toBe(cdk8sYaml(docs));
  });

  test('the objects of 300 random prop sets the construct accepts', () => {
    let compared = 0;
    for (const props of fc.sample(statefulServiceProps, { numRuns: 600, seed: 7 })) {
      const chart = new Chart(new App({ outdir: 'never-written' }), 'c', { namespace: 'fuzz' });
      const service = new StatefulService(chart, 's', props);
      if (service.node.validate().length > 0) continue;
      const docs = chart.toJson();
      expect(ourYaml(docs)).toBe(cdk8sYaml(docs));
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(50);
  });

  test('strings YAML 1.1 reads as something else, or that need quotes, escapes or several lines', () => {
    const strings = [
      '',
      ' ',
      'y',
      'Y',
      'yes',
      'No',
      'ON',
      'off',
      'true',
      'False',
      'null',
      'NULL',
      '~',
      '=',
      '-',
      '--',
      '---',
      '...',
      '1',
      '-1',
      '0.5',
      '1e3',
      '0x1F',
      '010',
      '1_000',
      '12:30',
      '2001-12-14',
      '.inf',
      '.NaN',
      'a: b',
      'a #b',
      'a:',
      '#x',
      '&a',
      '*a',
      '!a',
      '|a',
      '>a',
      "'a'",
      '"a"',
      '%a',
      '@a',
      '`a`',
      '? a',
      ': a',
      '[a]',
      '{a}',
      'a,b',
      ' lead',
      'trail ',
      'tab\there',
      'line\nbreak',
      'end\n',
      'ünïcödé',
      'k8spatterns/random-generator:1.0',
      'http://x.example/a?b=c',
      '/opt/logs',
      'a'.repeat(300),
      '\u0007bell',
    ];
    const docs = [
      { values: Object.fromEntries(strings.map((s, i) => [`k${i}`, s])) },
      { list: strings },
      Object.fromEntries(strings.filter((s) => s !== '').map((s) => [s, 1])),
    ];
    for (const doc of docs) expect(ourYaml([doc])).toBe(cdk8sYaml([doc]));
  });

  test('numbers, booleans, nulls, empty and nested collections', () => {
    const doc = {
      int: 1,
      negative: -7,
      zero: 0,
      negativeZero: -0,
      float: 0.5,
      big: 2 ** 60,
      yes: true,
      no: false,
      nothing: null,
      emptyMap: {},
      emptyList: [],
      nested: [[1, [2, []]], [{}], [{ a: [{ b: { c: [] } }] }]],
      mapInList: [{ a: 1, b: { c: 2 } }, { d: [3, 4] }],
    };
    expect(ourYaml([doc, undefined, [1, 2], 'top', 3, null])).toBe(cdk8sYaml([doc, undefined, [1, 2], 'top', 3, null]));
  });

  test('random strings that look plain (the writer answers those without asking the yaml library)', () => {
    const plainLooking = fc.stringMatching(/^[A-Za-z/][A-Za-z0-9_./:@=+-]{0,8}$/);
    fc.assert(
      fc.property(fc.array(plainLooking, { maxLength: 8 }), (values) => {
        const doc = { values, map: Object.fromEntries(values.map((v, i) => [`k${i}`, v])) };
        return ourYaml([doc]) === cdk8sYaml([doc]);
      }),
      { numRuns: 2000, seed: 5 },
    );
  });

  test('random strings of the characters that decide how YAML writes them', () => {
    const chars = 'aeyNn01789 :#-?.,\'"!&*|>%@`{}[]\n\t~_+=<\\/\u0007é'.split('');
    const tricky = fc.array(fc.constantFrom(...chars), { maxLength: 7 }).map((c) => c.join(''));
    fc.assert(
      fc.property(fc.array(tricky, { maxLength: 6 }), (values) => {
        const doc = { values, map: Object.fromEntries(values.map((v, i) => [`k${i}`, v])) };
        return ourYaml([doc]) === cdk8sYaml([doc]);
      }),
      { numRuns: 5000, seed: 3 },
    );
  });

  test('random JSON documents', () => {
    const key = fc.oneof(fc.constantFrom('a', 'app.kubernetes.io/name', 'x-y', 'yes', '1', 'a b', 'a: b'), fc.string());
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
    const doc = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, tie('list'), tie('map')),
      list: fc.array(tie('node'), { maxLength: 4 }),
      map: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
    })).node;
    fc.assert(
      fc.property(doc, (d) => ourYaml([d]) === cdk8sYaml([d])),
      { numRuns: 500, seed: 11 },
    );
  });
});

describe('SinglePassApp writes the files App writes', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'single-pass-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** Two charts, one depending on the other (so charts are numbered), three services. */
  function build(app: App): void {
    const storage = [Storage.dynamic({ size: Size.gibibytes(1), mountPath: '/data' })];
    const container = { image: 'example/db:1.2.3', ports: [{ name: 'http', number: 8080 }] };
    const first = new Chart(app, 'databases', { namespace: 'shop' });
    new StatefulService(first, 'db', { name: 'db', container, storage });
    new StatefulService(first, 'cache', { name: 'cache', container, storage });
    const second = new Chart(app, 'api', { namespace: 'shop' });
    new StatefulService(second, 'api', { name: 'api', container, storage });
    second.addDependency(first);
  }

  function files(dir: string): Record<string, string> {
    const out: Record<string, string> = {};
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else out[path.relative(dir, p)] = fs.readFileSync(p, 'utf-8');
      }
    };
    walk(dir);
    return out;
  }

  test.each([
    ['FILE_PER_CHART', YamlOutputType.FILE_PER_CHART],
    ['FILE_PER_APP', YamlOutputType.FILE_PER_APP],
    ['FILE_PER_RESOURCE', YamlOutputType.FILE_PER_RESOURCE],
    ['FOLDER_PER_CHART_FILE_PER_RESOURCE', YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE],
  ])('%s, with construct metadata', (name, yamlOutputType) => {
    const theirs = new App({ outdir: path.join(tmp, name, 'app'), yamlOutputType, recordConstructMetadata: true });
    const ours = new SinglePassApp({
      outdir: path.join(tmp, name, 'ours'),
      yamlOutputType,
      recordConstructMetadata: true,
    });
    build(theirs);
    build(ours);
    theirs.synth();
    ours.synth();
    const expected = files(theirs.outdir);
    expect(Object.keys(expected).length).toBeGreaterThan(1);
    expect(files(ours.outdir)).toEqual(expected);
  });

  test('synthYaml', () => {
    const theirs = new App({ outdir: 'never-written' });
    const ours = new SinglePassApp({ outdir: 'never-written' });
    build(theirs);
    build(ours);
    expect(ours.synthYaml()).toBe(theirs.synthYaml());
  });

  test('a chart that overrides toJson() is written by its own toJson()', () => {
    class Stamped extends Chart {
      public override toJson(): any[] {
        return super.toJson().map((o) => ({ ...o, metadata: { ...o.metadata, annotations: { stamped: 'yes' } } }));
      }
    }
    const make = (app: App) => new ApiObject(new Stamped(app, 'c'), 'o', { apiVersion: 'v1', kind: 'ConfigMap' });
    const theirs = new App({ outdir: 'never-written' });
    const ours = new SinglePassApp({ outdir: 'never-written' });
    make(theirs);
    make(ours);
    expect(ours.synthYaml()).toBe(theirs.synthYaml());
    expect(ours.synthYaml()).toContain('stamped: "yes"');
  });

  test('the same validation error, before any file is written', () => {
    const outdir = path.join(tmp, 'invalid');
    const app = new SinglePassApp({ outdir });
    new StatefulService(new Chart(app, 'c'), 's', { name: 'Bad', container: { image: 'x:1' }, storage: [] });
    expect(() => app.synth()).toThrow(
      /^Validation failed with the following errors:\n {2}\[c\/s\] 'name' must be a DNS label/,
    );
    expect(fs.readdirSync(outdir)).toEqual([]);
  });

  test('each construct is validated once per synth, however many charts there are (App: once per chart)', () => {
    const count = (app: App, charts: number) => {
      let calls = 0;
      for (let i = 0; i < charts; i++) {
        new Construct(new Chart(app, `c${i}`), 'x').node.addValidation({ validate: () => (calls++, []) });
      }
      app.synthYaml();
      return calls;
    };
    expect(count(new SinglePassApp({ outdir: 'never-written' }), 20)).toBe(20);
    expect(count(new App({ outdir: 'never-written' }), 20)).toBe(20 * 21);
  });
});
