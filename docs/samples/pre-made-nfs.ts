import { App, Chart, Size } from 'cdk8s';
import {
  ExternalAccess,
  PersistentVolumeAccessMode,
  PersistentVolumeSource,
  StatefulService,
  Storage,
} from 'cdk8s-stateful-service';

const app = new App();
const chart = new Chart(app, 'shared-files', { namespace: 'files' });
new StatefulService(chart, 'files', {
  name: 'files',
  replicas: 3,
  container: { image: 'example/file-server:2.1.0', ports: [{ name: 'http', number: 8080 }] },
  storage: [
    Storage.preMade({
      size: Size.gibibytes(50),
      mountPath: '/data',
      accessModes: [PersistentVolumeAccessMode.READ_WRITE_MANY],
      storageClassName: 'nfs',
      count: 3,
      source: PersistentVolumeSource.nfs({ server: 'nfs.example.com', path: '/exports/files-{ordinal}' }),
      mountOptions: ['nfsvers=4.1'],
    }),
  ],
  externalAccess: ExternalAccess.clusterIp({ name: 'files-http' }),
});
app.synth();
