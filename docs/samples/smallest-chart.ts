import { App, Chart, Size } from 'cdk8s';
import { StatefulService, Storage } from 'cdk8s-stateful-service';

const app = new App();
const chart = new Chart(app, 'cache');
new StatefulService(chart, 'cache', {
  name: 'cache',
  replicas: 3,
  container: { image: 'example/cache:2.4.1', ports: [{ name: 'http', number: 8080 }] },
  storage: [Storage.dynamic({ size: Size.gibibytes(1), mountPath: '/data' })],
});
app.synth();
