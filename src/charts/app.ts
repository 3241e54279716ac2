import * as path from 'path';
import { App } from 'cdk8s';
import { RandomGeneratorProductionChart } from './random-generator-production-chart';
import { RandomGeneratorChart } from './random-generator-chart';

/**
 * The apps `main.ts` synthesizes, one per target cluster, each into its own folder so
 * that `kubectl apply -f <folder>/` never mixes them (kubectl does not descend into
 * sub-folders without `-R`):
 * - `<outdir>/random-generator.k8s.yaml`: the book's example for minikube;
 * - `<outdir>/production/random-generator.k8s.yaml`: the same service for a real cluster.
 *
 * @param outdir default: `$CDK8S_OUTDIR` (set by `cdk8s synth`), else `dist`
 */
export function buildApps(outdir: string = process.env.CDK8S_OUTDIR ?? 'dist'): App[] {
  // No construct-metadata.json next to the manifests: `kubectl apply -f dist/` would try to
  // apply it.
  const minikube = new App({ outdir, recordConstructMetadata: false });
  new RandomGeneratorChart(minikube, 'random-generator');
  const production = new App({ outdir: path.join(outdir, 'production'), recordConstructMetadata: false });
  new RandomGeneratorProductionChart(production, 'random-generator');
  return [minikube, production];
}
