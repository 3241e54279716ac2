import type { NodeAffinity, PodAntiAffinity } from './affinity';
import type { Spread } from './spread';
import type { Toleration } from './toleration';

/** Where the pods may run, and how they are spread. */
export interface PlacementProps {
  /**
   * Topology spread over nodes and zones.
   *
   * @default Spread.soft() - prefer one pod per node and balanced zones, schedule anyway
   */
  readonly spread?: Spread;
  /**
   * Rules that keep the set's own pods apart.
   *
   * @default - none (the spread applies)
   */
  readonly podAntiAffinity?: PodAntiAffinity[];
  /**
   * Node affinity rules.
   *
   * @default - any node
   */
  readonly nodeAffinity?: NodeAffinity[];
  /**
   * Only nodes with these labels.
   *
   * @default - any node
   */
  readonly nodeSelector?: { [key: string]: string };
  /**
   * Taints the pods tolerate.
   *
   * @default - none
   */
  readonly tolerations?: Toleration[];
}

/** The placement concern of a StatefulService. */
export interface PlacementOptions {
  /**
   * Where the pods may run and how they are spread.
   *
   * @default - spread over nodes and zones with soft rules; no affinity, node selector or tolerations
   */
  readonly placement?: PlacementProps;
}
