import { Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { StatefulService } from '../stateful-service';

/**
 * The book's example (Kubernetes Patterns, "Stateful Service"): the random-generator
 * service as StatefulSet `rg` with two replicas, each writing its log to its own
 * volume, on a single-node minikube.
 */
export class RandomGeneratorChart extends Chart {
  public readonly service: StatefulService;

  public constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    this.service = new StatefulService(this, 'rg', {
      name: 'rg',
      serviceName: 'random-generator',
      image: 'k8spatterns/random-generator:1.0',
      replicas: 2,
      port: 8080,
      env: { LOG_FILE: '/opt/logs/random.log' },
      storage: {
        name: 'logs',
        size: '10Mi',
        mountPath: '/opt/logs',
        accessModes: ['ReadWriteOnce'],
        // minikube's default class: the class the book's volumes and claims share.
        storageClassName: 'standard',
        // Three volumes for two replicas, so the walkthrough's scale-up to 3 finds one.
        hostPathVolumes: {
          count: 3,
          name: (ordinal) => `log-${ordinal + 1}`,
          path: (ordinal) => `/tmp/example/${ordinal + 1}`,
        },
      },
      externalService: { type: 'NodePort', name: 'random-generator-np' },
      // The log directory /tmp/example/<n> is mounted with --mount-uid 1000 --mount-gid 1000
      // (see README): hostPath volumes ignore fsGroup, so the UID must own it.
      securityContext: { user: 1000, group: 1000 },
      acknowledge: {
        'host-path':
          'the book example runs on single-node minikube, where a hostPath volume is a directory of the one node',
        'node-port': 'the book example is reached from outside minikube through `minikube service random-generator-np`',
      },
    });
  }
}
