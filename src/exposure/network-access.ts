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

/**
 * Who may reach the service's ports, as a NetworkPolicy. The set's own pods may always
 * reach each other on every port (replication, gossip); everything else is refused.
 */
export class NetworkAccess {
  /** Any client may reach the service's ports. */
  public static fromEverywhere(): NetworkAccess {
    return new NetworkAccess(undefined);
  }

  /** Only pods of the given namespaces or with the given labels. */
  public static fromPeers(peers: NetworkPeers): NetworkAccess {
    return new NetworkAccess({ ...peers });
  }

  private constructor(/** @internal */ public readonly _peers: NetworkPeers | undefined) {}
}
