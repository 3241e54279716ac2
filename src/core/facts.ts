/**
 * What one concern tells another, as plain data: the composition in
 * stateful-service.ts passes these along, so no concern imports another's internals.
 */

/** A per-pod claim (claim template) and how the main container gets it. */
export interface ClaimFact {
  readonly name: string;
  /** Where the main container gets it; undefined when containers mount it themselves. */
  readonly mountPath?: string;
  readonly subPath?: string;
  readonly readOnly: boolean;
  /** A raw block device (`volumeDevices`) rather than a mounted filesystem. */
  readonly block: boolean;
}

/** A port of the main container, which the Services may expose. */
export interface PortFact {
  /** Undefined for an unnamed port (the Services then have that one port only). */
  readonly name?: string;
  readonly number: number;
  readonly protocol: string;
}

/** A field the 1.27 typed classes cannot carry (newer API), written into the JSON at this path. */
export interface ExtraField {
  readonly path: ReadonlyArray<string | number>;
  readonly value: unknown;
}
