import * as os from 'os';
import * as path from 'path';
import { App, Chart, ChartProps, Size, Testing } from 'cdk8s';
import { ContainerProps, StatefulService, StatefulServiceProps, Storage } from '../src';
import { lint } from '../src/cli/validate';

/** A manifest as synthesized: plain JSON. */
export type Manifest = { apiVersion: string; kind: string; metadata: any; spec?: any; [key: string]: any };

/** Finds the one object of `kind` (and `name`, if given); fails the test when there is not exactly one. */
export function find(manifests: Manifest[], kind: string, name?: string): Manifest {
  const found = manifests.filter((m) => m.kind === kind && (name === undefined || m.metadata?.name === name));
  if (found.length !== 1) {
    throw new Error(`expected one ${kind}${name ? ` "${name}"` : ''}, found ${found.length}`);
  }
  return found[0];
}

export function ofKind(manifests: Manifest[], kind: string): Manifest[] {
  return manifests.filter((m) => m.kind === kind);
}

/** The pod spec of the one StatefulSet (named `name`, if given). */
export function podSpecOf(manifests: Manifest[], name?: string): any {
  return find(manifests, 'StatefulSet', name).spec.template.spec;
}

/** The main container (the first one) of the one StatefulSet (named `name`, if given). */
export function mainContainerOf(manifests: Manifest[], name?: string): any {
  return podSpecOf(manifests, name).containers[0];
}

/** The main container of `baseProps`: an image pinned by tag, one TCP port "http". */
export const BASE_CONTAINER: ContainerProps = {
  image: 'example/db:1.2.3',
  ports: [{ name: 'http', number: 5432 }],
};

/** One dynamically provisioned claim template "data" of 1Gi at /var/lib/data. */
export const BASE_STORAGE = { size: Size.gibibytes(1), mountPath: '/var/lib/data' };

/** Minimal valid props: StatefulSet "db" (headless Service "db" by default); tests override what they are about. */
export function baseProps(overrides: Partial<StatefulServiceProps> = {}): StatefulServiceProps {
  return {
    name: 'db',
    container: BASE_CONTAINER,
    storage: [Storage.dynamic(BASE_STORAGE)],
    ...overrides,
  };
}

/** `baseProps` with the main container's props changed (the rest of the container kept). */
export function withContainer(
  container: Partial<ContainerProps>,
  overrides: Partial<StatefulServiceProps> = {},
): StatefulServiceProps {
  return baseProps({ ...overrides, container: { ...BASE_CONTAINER, ...container } });
}

/**
 * An app for tests, instead of `Testing.app()`, which makes a directory in os.tmpdir() on
 * every call and never removes it. This app's outdir is created only by `app.synth()`,
 * which tests that write files call on apps with an outdir of their own, removed after.
 */
export function testApp(): App {
  return new App({ outdir: path.join(os.tmpdir(), 'stateful-service-tests-never-written') });
}

/** A chart in a fresh `testApp()`, instead of `Testing.chart()`. */
/**
 * A chart for tests: in namespace `default` unless the test says otherwise, since
 * pre-bound volumes need to know their claims' namespace (a chart without one is an error
 * the construct reports, tested on its own with `{}`).
 */
export function testChart(props: ChartProps = { namespace: 'default' }): Chart {
  return new Chart(testApp(), 'test', props);
}

/** Synthesizes one StatefulService in a fresh chart (Testing.synth: validated by test/setup). */
export function synthService(
  props: StatefulServiceProps,
  chartProps: ChartProps = { namespace: 'default' },
): { service: StatefulService; manifests: Manifest[] } {
  const chart = testChart(chartProps);
  const service = new StatefulService(chart, 'svc', props);
  return { service, manifests: Testing.synth(chart) as Manifest[] };
}

/** Construct ids of the PersistentVolumes of a claim template (`Volumes/<claim template>/<ordinal>`). */
export function volumeIds(service: StatefulService, claimTemplate: string): string[] {
  return service.node
    .findChild('Volumes')
    .node.findChild(claimTemplate)
    .node.children.map((c) => c.node.id);
}

/** The problems a StatefulService made with `props` reports (`node.validate()`), in a fresh chart. */
export function problemsOf(props: unknown, chartProps: ChartProps = { namespace: 'default' }): string[] {
  return new StatefulService(testChart(chartProps), 'svc', props as StatefulServiceProps).node.validate();
}

/** The policy findings (`stateful-service lint`) that are not acknowledged. */
export function openFindings(manifests: Manifest[]) {
  return lint(manifests.map((object, index) => ({ file: 'test', index, object }))).filter(
    (f) => f.acknowledged === undefined,
  );
}

/** Rule ids of the findings that are not acknowledged. */
export function openRules(manifests: Manifest[]): string[] {
  return openFindings(manifests).map((f) => f.rule.id);
}
