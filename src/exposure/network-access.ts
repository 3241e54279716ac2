/** Pods allowed to reach the service: matching either list admits them. */
export interface NetworkPeers {
  /**
   * Namespaces whose pods are admitted (by their `kubernetes.io/metadata.name` label).
   *
   * @default - none
   */
  readonly namespaces?: string[];
  /**
   * Labels of pods in the service's namespace that are admitted.
   *
   * @default - none
   */
  readonly podLabels?: { [key: string]: string };
}

/** @internal The typed form of a NetworkAccess. */
export type NetworkAccessSpec =
  { readonly kind: 'everywhere' } | { readonly kind: 'peers'; readonly peers: NetworkPeers };

/**
 * Who may reach the service's ports, as a NetworkPolicy. The set's own pods may always
 * reach each other on every port (replication, gossip); everything else is refused.
 */
export class NetworkAccess {
  /** Any client may reach the service's ports. */
  public static everywhere(): NetworkAccess {
    return new NetworkAccess({ kind: 'everywhere' });
  }

  /** Only pods of the given namespaces or with the given labels. */
  public static peers(peers: NetworkPeers): NetworkAccess {
    return new NetworkAccess({ kind: 'peers', peers: { ...peers } });
  }

  // Private, so that the class is nominal: TypeScript refuses an object of the same shape.
  private constructor(private readonly spec: NetworkAccessSpec) {}

  /** @internal */
  public get _spec(): NetworkAccessSpec {
    return this.spec;
  }
}
