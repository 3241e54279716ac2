import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { ExtraField } from './core/facts';
import { apiObject, WireBody } from './core/wire';
import type { LifecycleSettings } from './lifecycle/resolve-lifecycle';
import type { PlacementSettings } from './placement/resolve-placement';
import type { PodSettings } from './pod/resolve-pod';
import { claimTemplates } from './storage/claim-templates';
import type { ClaimSettings } from './storage/resolve-storage';

const POD_SPEC = ['spec', 'template', 'spec'];

type Json = Record<string | number, unknown>;

/**
 * `body` with the fields newer than the 1.27 types set (a native sidecar's
 * `restartPolicy`, a `sleep` lifecycle action), which the typed body cannot name. Each
 * object on a field's path is copied, so the settings the body shares stay as they were.
 */
function withExtraFields<T extends object>(body: T, fields: readonly ExtraField[]): T {
  const root = { ...(body as object) } as Json;
  for (const { path, value } of fields) {
    let node = root;
    for (const key of path.slice(0, -1)) {
      const next = node[key];
      const copy = Array.isArray(next) ? [...next] : { ...(next as Json | undefined) };
      node[key] = copy;
      node = copy as Json;
    }
    node[path[path.length - 1]] = value;
  }
  return root as T;
}

/**
 * The StatefulSet, written from the concerns' settings rather than by cdk8s-plus's `StatefulSet`:
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
): ApiObject {
  const body: WireBody<'StatefulSet'> = {
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
  };
  const extras = s.pod.extras.map((x) => ({ path: [...POD_SPEC, ...x.path], value: x.value }));
  return apiObject(scope, id, 'StatefulSet', extras.length > 0 ? withExtraFields(body, extras) : body);
}
