import { Construct } from 'constructs';
import { KubeStatefulSet } from '../imports/k8s';
import type { ExtraField } from './core/facts';
import type { LifecycleSettings } from './lifecycle/resolve-lifecycle';
import type { PlacementSettings } from './placement/resolve-placement';
import type { PodSettings } from './pod/resolve-pod';
import { claimTemplates } from './storage/claim-templates';
import type { ClaimSettings } from './storage/resolve-storage';

const POD_SPEC = ['spec', 'template', 'spec'];

/**
 * A StatefulSet that also writes fields newer than the 1.27 types (a native sidecar's
 * `restartPolicy`, a `sleep` lifecycle action): the typed `toJson` drops fields it does
 * not know, so they are set on its output. Tests pin each such field in the YAML.
 */
class StatefulSetWithExtras extends KubeStatefulSet {
  public extraFields: readonly ExtraField[] = [];

  public override toJson(): ReturnType<KubeStatefulSet['toJson']> {
    const json = super.toJson();
    for (const { path, value } of this.extraFields) {
      let node: Record<string | number, unknown> = json;
      for (const key of path.slice(0, -1)) {
        node[key] ??= {};
        node = node[key] as Record<string | number, unknown>;
      }
      node[path[path.length - 1]] = value;
    }
    return json;
  }
}

/**
 * The StatefulSet, as the typed L1 object rather than cdk8s-plus's `StatefulSet`:
 * cdk8s-plus-27 cannot declare volumeClaimTemplates, selects pods by a label derived
 * from the construct path (`cdk8s.io/metadata.addr`, which a refactor changes while a
 * live StatefulSet's selector is immutable), and adds resource and security defaults of
 * its own that would change our output whenever cdk8s-plus changes them. Here every
 * field comes from the concerns' resolved settings.
 */
export function makeStatefulSet(
  scope: Construct,
  id: string,
  s: {
    readonly name: string;
    readonly serviceName: string;
    readonly replicas?: number;
    readonly labels: Record<string, string>;
    readonly annotations: Record<string, string>;
    readonly selector: Record<string, string>;
    readonly pod: PodSettings;
    readonly placement: PlacementSettings;
    readonly lifecycle: LifecycleSettings;
    readonly claims: readonly ClaimSettings[];
  },
): KubeStatefulSet {
  const set = new StatefulSetWithExtras(scope, id, {
    metadata: {
      name: s.name,
      labels: { ...s.labels },
      annotations: Object.keys(s.annotations).length > 0 ? { ...s.annotations } : undefined,
    },
    spec: {
      serviceName: s.serviceName,
      replicas: s.replicas,
      ...s.lifecycle.spec,
      selector: { matchLabels: { ...s.selector } },
      template: {
        metadata: {
          labels: { ...s.labels },
          annotations: Object.keys(s.pod.templateAnnotations).length > 0 ? { ...s.pod.templateAnnotations } : undefined,
        },
        spec: { ...s.pod.spec, ...s.placement },
      },
      volumeClaimTemplates: s.claims.length > 0 ? claimTemplates(s.claims) : undefined,
    },
  });
  set.extraFields = s.pod.extras.map((x) => ({ path: [...POD_SPEC, ...x.path], value: x.value }));
  return set;
}
