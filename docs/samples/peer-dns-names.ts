import { App, Chart, Size } from 'cdk8s';
import { EnvValue, StatefulService, Storage } from 'cdk8s-stateful-service';

const app = new App();
const chart = new Chart(app, 'peers', { namespace: 'default' });
const db = new StatefulService(chart, 'db', {
  name: 'rg',
  serviceName: 'random-generator',
  replicas: 3,
  container: { image: 'example/db:1.2.3', ports: [{ name: 'http', number: 8080 }] },
  storage: [Storage.dynamic({ size: Size.gibibytes(1), mountPath: '/data' })],
});
console.log(db.podDnsName(0)); // rg-0.random-generator.default.svc.cluster.local
console.log(db.headlessServiceDnsName); // random-generator.default.svc.cluster.local
console.log(db.srvRecordName()); // _http._tcp.random-generator.default.svc.cluster.local
new StatefulService(chart, 'app', {
  name: 'app',
  container: {
    image: 'example/app:1.0.0',
    ports: [{ name: 'http', number: 8080 }],
    env: { PEERS: EnvValue.literal(db.peerDnsNames().join(',')) },
  },
  storage: [Storage.dynamic({ size: Size.gibibytes(1), mountPath: '/cache' })],
});
app.synth();
