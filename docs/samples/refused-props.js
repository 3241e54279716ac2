// JavaScript, where no compiler checks the props: the construct refuses what TypeScript would.
const { App, Chart } = require('cdk8s');
const { StatefulService, Storage } = require('cdk8s-stateful-service');

const app = new App();
const chart = new Chart(app, 'cache');
new StatefulService(chart, 'cache', {
  name: 'cache',
  replica: 3,
  container: { image: 'example/cache:2.4.1', ports: [{ name: 'http', number: 8080 }] },
  storage: [Storage.dynamic({ size: '1Gi', mountpath: '/data' })],
});
app.synth();
