/** A resolver option of the pod's `/etc/resolv.conf`. */
export interface DnsOption {
  /** The option's name, e.g. `ndots`. */
  readonly name: string;
  /**
   * The option's value.
   *
   * @default - none
   */
  readonly value?: string;
}

/** Additions to the pod's `/etc/resolv.conf`. */
export interface DnsConfig {
  /**
   * Name server IP addresses (at most 3 in all).
   *
   * @default - none beyond the DNS policy's
   */
  readonly nameservers?: string[];
  /**
   * Search domains (at most 32).
   *
   * @default - none beyond the DNS policy's
   */
  readonly searches?: string[];
  /**
   * Resolver options.
   *
   * @default - none beyond the DNS policy's
   */
  readonly options?: DnsOption[];
}
