import { Chart, ChartProps, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { EnvValue, ExternalAccess, NetworkAccess, PodServiceAccount, Storage } from '..';
import { apiObject } from '../core/wire';
import { StatefulService } from '../stateful-service';

/**
 * The same random-generator service for a multi-node cluster: its own namespace (which
 * enforces the "restricted" Pod Security Standard), claims provisioned by the cluster's
 * default storage class, three replicas spread over nodes and zones, a ClusterIP Service
 * for clients inside the cluster (an ingress or a LoadBalancer goes in front), a
 * ServiceAccount of its own and a NetworkPolicy. No hostPath, no NodePort.
 */
export class RandomGeneratorProductionChart extends Chart {
  public readonly service: StatefulService;

  public constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'random-generator', ...props });
    apiObject(this, 'Namespace', 'Namespace', {
      metadata: {
        name: this.namespace,
        labels: {
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/enforce-version': 'v1.27',
        },
      },
    });
    this.service = new StatefulService(this, 'rg', {
      name: 'rg',
      serviceName: 'random-generator',
      replicas: 3,
      container: {
        image: 'k8spatterns/random-generator:1.0',
        ports: [{ name: 'http', number: 8080 }],
        env: { LOG_FILE: EnvValue.literal('/opt/logs/random.log') },
      },
      // No pre-made volumes: the cluster's default class provisions a volume per claim,
      // in the zone where the pod is scheduled. 1Gi: many cloud disks have a minimum size.
      storage: [Storage.dynamic({ name: 'logs', size: Size.gibibytes(1), mountPath: '/opt/logs' })],
      externalAccess: ExternalAccess.clusterIp({ name: 'random-generator-http' }),
      serviceAccount: PodServiceAccount.create(),
      // Clients: the ingress controller, and pods labelled as clients in this namespace.
      networkAccess: NetworkAccess.peers({
        namespaces: ['ingress-nginx'],
        podLabels: { 'random-generator/client': 'true' },
      }),
    });
  }
}
