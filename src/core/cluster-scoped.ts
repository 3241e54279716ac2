import { ApiObject } from 'cdk8s';

/**
 * Makes an L1 class of a cluster-scoped kind (PersistentVolume, Namespace): cdk8s
 * stamps a chart's namespace onto every object (cdk8s-core#731), and a namespace on a
 * cluster-scoped object is wrong (the API server drops it; the validation warns of it).
 */
// TypeScript's mixin pattern requires a constructor of `any[]` arguments.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function clusterScoped<T extends new (...args: any[]) => ApiObject>(Base: T): T {
  return class extends Base {
    public override toJson(): ReturnType<ApiObject['toJson']> {
      const json = super.toJson();
      delete json.metadata?.namespace;
      return json;
    }
  };
}
