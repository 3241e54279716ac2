import { Chart, ChartProps, Testing } from 'cdk8s';
import { StatefulService, StatefulServiceProps } from '../src';

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

/** Minimal valid props; tests override what they are about. */
export function baseProps(overrides: Partial<StatefulServiceProps> = {}): StatefulServiceProps {
  return {
    name: 'db',
    serviceName: 'db',
    image: 'example/db:1.2.3',
    port: 5432,
    storage: { size: '1Gi', mountPath: '/var/lib/data' },
    ...overrides,
  };
}

/** Synthesizes one StatefulService in a fresh chart. */
export function synthService(
  props: StatefulServiceProps,
  chartProps: ChartProps = {},
): { service: StatefulService; manifests: Manifest[] } {
  const chart = new Chart(Testing.app(), 'test', chartProps);
  const service = new StatefulService(chart, 'svc', props);
  return { service, manifests: Testing.synth(chart) as Manifest[] };
}
