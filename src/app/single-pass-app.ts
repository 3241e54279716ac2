import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, AppProps, Chart, DependencyGraph, Names, YamlOutputType } from 'cdk8s';
import { IConstruct } from 'constructs';
import { YamlWriter } from './yaml-writer';

/**
 * A cdk8s `App` that synthesizes in one pass, with the same files and bytes as `App`.
 *
 * `App.synth()` validates the app and resolves its dependencies once, and then once more
 * for every chart (each `chart.toJson()` does both over the whole app), so N charts cost
 * O(N²): 1000 charts of one StatefulService each take several times 1000 services in one
 * chart. This app does both once, then writes each chart's objects in the same order, with
 * a YAML writer that gives the same bytes as cdk8s's in a fraction of the time. Only public
 * cdk8s API is used. Use it wherever `App` is used: `new SinglePassApp()`, then
 * `app.synth()` or `app.synthYaml()`.
 */
export class SinglePassApp extends App {
  private readonly recordMetadata: boolean;

  public constructor(props: AppProps = {}) {
    super(props);
    // App keeps its own copy private: the same default, read again.
    this.recordMetadata = props.recordConstructMetadata ?? process.env.CDK8S_RECORD_CONSTRUCT_METADATA === 'true';
  }

  /** Synthesizes all manifests to the output directory, as `App.synth()` does. */
  public override synth(): void {
    fs.mkdirSync(this.outdir, { recursive: true });
    const all = this.node.findAll();
    validate(all);
    const hasDependantCharts = resolveDependencies(all);
    const charts = this.charts;
    const writer = new YamlWriter();
    const save = (file: string, docs: unknown[]) =>
      fs.writeFileSync(file, writer.stringify(docs), { encoding: 'utf8' });
    const fileName = (o: Manifest) =>
      `${o.kind}.${o.metadata.name}`.replace(/[^0-9a-zA-Z-_.]/g, '') + this.outputFileExtension;
    const namer = chartNamer(hasDependantCharts);
    switch (this.yamlOutputType) {
      case YamlOutputType.FILE_PER_APP:
        if (charts.length > 0) {
          save(
            path.join(this.outdir, `app${this.outputFileExtension}`),
            charts.flatMap((c) => chartJson(c)),
          );
        }
        break;
      case YamlOutputType.FILE_PER_CHART:
        for (const chart of charts)
          save(path.join(this.outdir, namer(chart) + this.outputFileExtension), chartJson(chart));
        break;
      case YamlOutputType.FILE_PER_RESOURCE:
        for (const chart of charts) {
          for (const o of chartJson(chart)) if (o !== undefined) save(path.join(this.outdir, fileName(o)), [o]);
        }
        break;
      case YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE:
        for (const chart of charts) {
          const dir = path.join(this.outdir, namer(chart));
          fs.mkdirSync(dir, { recursive: true });
          for (const o of chartJson(chart)) if (o !== undefined) save(path.join(dir, fileName(o)), [o]);
        }
        break;
      default:
        break;
    }
    if (this.recordMetadata) {
      const resources: Record<string, { path: string }> = {};
      for (const o of charts.flatMap(chartObjects)) resources[o.name] = { path: o.node.path };
      fs.writeFileSync(
        path.join(this.outdir, 'construct-metadata.json'),
        JSON.stringify({ version: '1.0.0', resources }),
      );
    }
  }

  /** All objects of all charts as one YAML string, as `App.synthYaml()` returns it. */
  public override synthYaml(): string {
    const all = this.node.findAll();
    resolveDependencies(all);
    validate(all);
    return new YamlWriter().stringify(this.charts.flatMap((c) => chartJson(c)));
  }
}

// The rest mirrors cdk8s's app.ts (validate, resolveDependencies, chartToKube and the chart
// namers), written against the public API, each step once per synth instead of per chart.

function validate(all: IConstruct[]): void {
  const errors = all.flatMap((c) => c.node.validate().map((e) => `[${c.node.path}] ${e}`));
  if (errors.length > 0) throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
}

/** Turns construct dependencies into chart and API object dependencies; true when a chart depends on another. */
function resolveDependencies(all: IConstruct[]): boolean {
  let hasDependantCharts = false;
  for (const parent of all.filter(Chart.isChart)) {
    for (const child of parent.node.children.filter(Chart.isChart)) {
      parent.node.addDependency(child);
      hasDependantCharts = true;
    }
  }
  const dependencies = () => all.flatMap((source) => source.node.dependencies.map((target) => ({ source, target })));
  for (const { source, target } of dependencies()) {
    const sourceChart = Chart.of(source);
    const targetChart = Chart.of(target);
    if (sourceChart !== targetChart) {
      sourceChart.node.addDependency(targetChart);
      hasDependantCharts = true;
    }
  }
  // Again, with the chart dependencies just added, as cdk8s does.
  for (const dep of dependencies()) {
    const sourceChart = Chart.of(dep.source);
    const targetChart = Chart.of(dep.target);
    const targets = dep.target.node.findAll().filter((c) => ApiObject.isApiObject(c) && Chart.of(c) === targetChart);
    const sources = dep.source.node.findAll().filter((c) => ApiObject.isApiObject(c) && Chart.of(c) === sourceChart);
    for (const target of targets)
      for (const source of sources) if (target !== source) source.node.addDependency(target);
  }
  return hasDependantCharts;
}

/** A chart's API objects in dependency order, each in its closest chart only. */
function chartObjects(chart: Chart): ApiObject[] {
  return new DependencyGraph(chart.node)
    .topology()
    .filter((x): x is ApiObject => ApiObject.isApiObject(x) && Chart.of(x) === chart);
}

interface Manifest {
  readonly kind: string;
  readonly metadata: { readonly name: string };
}

/** A chart's manifests; a chart class that overrides `toJson()` is asked for them itself. */
export function chartJson(chart: Chart): Manifest[] {
  if (chart.toJson !== Chart.prototype.toJson) return chart.toJson();
  return chartObjects(chart).map((o) => o.toJson());
}

function chartNamer(indexed: boolean): (chart: Chart) => string {
  let index = 0;
  return (chart) => (indexed ? `${String(index++).padStart(4, '0')}-` : '') + Names.toDnsLabel(chart);
}
