import { App, AppProps } from 'cdk8s';
import { RandomGeneratorChart } from './random-generator-chart';

/** The app `main.ts` synthesizes: the book's example, one file `random-generator.k8s.yaml`. */
export function buildApp(props: AppProps = {}): App {
  // No construct-metadata.json next to the manifests: `kubectl apply -f dist/` would try to apply it.
  const app = new App({ recordConstructMetadata: false, ...props });
  new RandomGeneratorChart(app, 'random-generator');
  return app;
}
