import { Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { KubeNamespace } from '../../imports/k8s';
import { clusterScoped } from '../cluster-scoped';
import { StatefulService } from '../stateful-service';

const ClusterScopedNamespace = clusterScoped(KubeNamespace);

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
    new ClusterScopedNamespace(this, 'Namespace', {
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
      image: 'k8spatterns/random-generator:1.0',
      replicas: 3,
      port: 8080,
      env: { LOG_FILE: '/opt/logs/random.log' },
      // No pre-made volumes: the cluster's default class provisions a volume per claim,
      // in the zone where the pod is scheduled. 1Gi: many cloud disks have a minimum size.
      storage: { name: 'logs', size: '1Gi', mountPath: '/opt/logs' },
      externalService: { type: 'ClusterIP', name: 'random-generator-http' },
      serviceAccount: {},
      // Clients: the ingress controller, and pods labelled as clients in this namespace.
      networkPolicy: { allowFrom: { namespaces: ['ingress-nginx'], podLabels: { 'random-generator/client': 'true' } } },
    });
  }
}
