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

/** Keeps the set's own pods apart (such as the members of a quorum). */
export class PodAntiAffinity {
  /** Never two pods of the set in one domain: a replica stays Pending when no domain is free. */
  public static required(options: PodAntiAffinityOptions = {}): PodAntiAffinity {
    return new PodAntiAffinity(true, options.topologyKey, undefined);
  }

  /** Prefer not to put two pods of the set in one domain. */
  public static preferred(options: PreferredPodAntiAffinityOptions = {}): PodAntiAffinity {
    return new PodAntiAffinity(false, options.topologyKey, options.weight);
  }

  private constructor(
    /** @internal */ public readonly _required: boolean,
    /** @internal */ public readonly _topologyKey: string | undefined,
    /** @internal */ public readonly _weight: number | undefined,
  ) {}
}

/** A condition on a node label. */
export class NodeRequirement {
  /** The label has one of the values. */
  public static valueIn(key: string, values: string[]): NodeRequirement {
    return new NodeRequirement(key, 'In', values);
  }

  /** The label has none of the values (or is missing). */
  public static valueNotIn(key: string, values: string[]): NodeRequirement {
    return new NodeRequirement(key, 'NotIn', values);
  }

  /** The node has the label. */
  public static exists(key: string): NodeRequirement {
    return new NodeRequirement(key, 'Exists', []);
  }

  /** The node does not have the label. */
  public static doesNotExist(key: string): NodeRequirement {
    return new NodeRequirement(key, 'DoesNotExist', []);
  }

  /** The label's value is an integer greater than `value`. */
  public static greaterThan(key: string, value: number): NodeRequirement {
    return new NodeRequirement(key, 'Gt', [String(value)]);
  }

  /** The label's value is an integer less than `value`. */
  public static lessThan(key: string, value: number): NodeRequirement {
    return new NodeRequirement(key, 'Lt', [String(value)]);
  }

  private constructor(
    /** @internal */ public readonly _key: string,
    /** @internal */ public readonly _operator: string,
    /** @internal */ public readonly _values: string[],
  ) {}
}

/** Which nodes the pods may (or prefer to) run on. */
export class NodeAffinity {
  /**
   * Only nodes that meet every requirement. Several `required` rules are alternatives:
   * a node that meets any one of them will do.
   */
  public static required(requirements: NodeRequirement[]): NodeAffinity {
    return new NodeAffinity(true, requirements, undefined);
  }

  /** Prefer nodes that meet every requirement, with a weight from 1 to 100. */
  public static preferred(weight: number, requirements: NodeRequirement[]): NodeAffinity {
    return new NodeAffinity(false, requirements, weight);
  }

  private constructor(
    /** @internal */ public readonly _required: boolean,
    /** @internal */ public readonly _requirements: NodeRequirement[],
    /** @internal */ public readonly _weight: number | undefined,
  ) {}
}
