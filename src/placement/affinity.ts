/** Options of a pod anti-affinity rule. */
export interface PodAntiAffinityOptions {
  /**
   * The node label whose values are the domains no two pods of the set share.
   *
   * @default 'kubernetes.io/hostname' - one pod per node
   */
  readonly topologyKey?: string;
}

/** Options of a preferred pod anti-affinity rule. */
export interface PreferredPodAntiAffinityOptions extends PodAntiAffinityOptions {
  /**
   * The rule's weight against the scheduler's other preferences, from 1 to 100.
   *
   * @default 100
   */
  readonly weight?: number;
}

/** @internal The typed form of a PodAntiAffinity. */
export type PodAntiAffinitySpec =
  | { readonly kind: 'required'; readonly options: PodAntiAffinityOptions }
  | { readonly kind: 'preferred'; readonly options: PreferredPodAntiAffinityOptions };

/** Keeps the set's own pods apart (such as the members of a quorum). */
export class PodAntiAffinity {
  /** Never two pods of the set in one domain: a replica stays Pending when no domain is free. */
  public static required(options: PodAntiAffinityOptions = {}): PodAntiAffinity {
    return new PodAntiAffinity({ kind: 'required', options: { ...options } });
  }

  /** Prefer not to put two pods of the set in one domain. */
  public static preferred(options: PreferredPodAntiAffinityOptions = {}): PodAntiAffinity {
    return new PodAntiAffinity({ kind: 'preferred', options: { ...options } });
  }

  // Private, so that the class is nominal: TypeScript refuses an object of the same shape.
  private constructor(private readonly spec: PodAntiAffinitySpec) {}

  /** @internal */
  public get _spec(): PodAntiAffinitySpec {
    return this.spec;
  }
}

/** @internal The typed form of a NodeRequirement: the operator, and its values as strings. */
export type NodeRequirementSpec = {
  readonly kind: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  readonly key: string;
  readonly values: readonly string[];
};

/** A condition on a node label. */
export class NodeRequirement {
  /** The label has one of the values. */
  public static valueIn(key: string, values: string[]): NodeRequirement {
    return new NodeRequirement({ kind: 'In', key, values });
  }

  /** The label has none of the values (or is missing). */
  public static valueNotIn(key: string, values: string[]): NodeRequirement {
    return new NodeRequirement({ kind: 'NotIn', key, values });
  }

  /** The node has the label. */
  public static exists(key: string): NodeRequirement {
    return new NodeRequirement({ kind: 'Exists', key, values: [] });
  }

  /** The node does not have the label. */
  public static doesNotExist(key: string): NodeRequirement {
    return new NodeRequirement({ kind: 'DoesNotExist', key, values: [] });
  }

  /** The label's value is an integer greater than `value`. */
  public static greaterThan(key: string, value: number): NodeRequirement {
    return new NodeRequirement({ kind: 'Gt', key, values: [String(value)] });
  }

  /** The label's value is an integer less than `value`. */
  public static lessThan(key: string, value: number): NodeRequirement {
    return new NodeRequirement({ kind: 'Lt', key, values: [String(value)] });
  }

  // Private, so that the class is nominal: TypeScript refuses an object of the same shape.
  private constructor(private readonly spec: NodeRequirementSpec) {}

  /** @internal */
  public get _spec(): NodeRequirementSpec {
    return this.spec;
  }
}

/** @internal The typed form of a NodeAffinity. */
export type NodeAffinitySpec =
  | { readonly kind: 'required'; readonly requirements: readonly NodeRequirement[] }
  | { readonly kind: 'preferred'; readonly weight: number; readonly requirements: readonly NodeRequirement[] };

/** Which nodes the pods may (or prefer to) run on. */
export class NodeAffinity {
  /**
   * Only nodes that meet every requirement. Several `required` rules are alternatives:
   * a node that meets any one of them will do.
   */
  public static required(requirements: NodeRequirement[]): NodeAffinity {
    return new NodeAffinity({ kind: 'required', requirements });
  }

  /** Prefer nodes that meet every requirement, with a weight from 1 to 100. */
  public static preferred(weight: number, requirements: NodeRequirement[]): NodeAffinity {
    return new NodeAffinity({ kind: 'preferred', weight, requirements });
  }

  // Private, so that the class is nominal: TypeScript refuses an object of the same shape.
  private constructor(private readonly spec: NodeAffinitySpec) {}

  /** @internal */
  public get _spec(): NodeAffinitySpec {
    return this.spec;
  }
}
