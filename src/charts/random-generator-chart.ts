import { Chart, ChartProps, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { EnvValue, ExternalAccess, PolicyRule, Storage } from '..';
import { StatefulService } from '../stateful-service';

/**
 * The book's example (Kubernetes Patterns, "Stateful Service"): the random-generator
 * service as StatefulSet `rg` with two replicas, each writing its log to its own
 * volume, on a single-node minikube.
 */
export class RandomGeneratorChart extends Chart {
  public readonly service: StatefulService;

  public constructor(scope: Construct, id: string, props: ChartProps = {}) {
    // The namespace the pre-bound volumes' claimRefs name: every object carries it, so that
    // `kubectl apply -f` puts the claims where the volumes expect them, whatever the
    // current namespace.
    super(scope, id, { namespace: 'default', ...props });
    this.service = new StatefulService(this, 'rg', {
      name: 'rg',
      serviceName: 'random-generator',
      replicas: 2,
      container: {
        image: 'k8spatterns/random-generator:1.0',
        ports: [{ name: 'http', number: 8080 }],
        env: { LOG_FILE: EnvValue.literal('/opt/logs/random.log') },
      },
      storage: [
        Storage.hostPath({
          name: 'logs',
          size: Size.mebibytes(10),
          mountPath: '/opt/logs',
          // minikube's default class: the class the book's volumes and claims share.
          storageClassName: 'standard',
          // Three volumes for two replicas, so that the walkthrough's scale-up to 3 finds one.
          count: 3,
          volumeName: 'log-{ordinal+1}',
          path: '/tmp/example/{ordinal+1}',
        }),
      ],
      externalAccess: ExternalAccess.nodePort({ name: 'random-generator-np' }),
      acknowledgements: [
        {
          rule: PolicyRule.HOST_PATH,
          reason:
            'the book example runs on single-node minikube, where a hostPath volume is a directory of the one node',
        },
        {
          rule: PolicyRule.NODE_PORT,
          reason: 'the book example is reached from outside minikube through `minikube service random-generator-np`',
        },
      ],
    });
  }
}
