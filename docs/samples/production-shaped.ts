import { App, Chart, Duration, Size } from 'cdk8s';
import {
  Cpu,
  DisruptionBudget,
  EnvValue,
  ExternalAccess,
  NetworkAccess,
  PodAntiAffinity,
  Probe,
  StatefulService,
  Storage,
} from 'cdk8s-stateful-service';

const app = new App();
const chart = new Chart(app, 'orders-db', { namespace: 'orders' });
new StatefulService(chart, 'db', {
  name: 'orders-db',
  replicas: 3,
  container: {
    image: 'example/db:5.1.0',
    ports: [{ name: 'sql', number: 5432 }],
    env: { DB_PASSWORD: EnvValue.secret('orders-db', 'password') },
    resources: {
      cpu: { request: Cpu.millis(500), limit: Cpu.units(2) },
      memory: { request: Size.gibibytes(1), limit: Size.gibibytes(2) },
    },
    readinessProbe: Probe.exec(['db-ready'], { period: Duration.seconds(5) }),
  },
  storage: [
    Storage.dynamic({ size: Size.gibibytes(20), mountPath: '/var/lib/db', storageClassName: 'fast-ssd' }),
    Storage.dynamic({ name: 'wal', size: Size.gibibytes(5), mountPath: '/var/lib/wal' }),
  ],
  externalAccess: ExternalAccess.clusterIp({ name: 'orders-db' }),
  serviceName: 'orders-db-peers',
  networkAccess: NetworkAccess.peers({ podLabels: { app: 'orders-api' } }),
  disruptionBudget: DisruptionBudget.maxUnavailable(1),
  placement: { podAntiAffinity: [PodAntiAffinity.required()] },
  labels: { team: 'orders' },
});
app.synth();
