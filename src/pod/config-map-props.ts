/** A ConfigMap the construct makes, next to the StatefulSet. */
export interface ConfigMapProps {
  /** Name of the ConfigMap. */
  readonly name: string;
  /**
   * Text entries, e.g. configuration files by file name.
   *
   * @default - none
   */
  readonly data?: { [key: string]: string };
  /**
   * Binary entries, base64-encoded.
   *
   * @default - none
   */
  readonly binaryData?: { [key: string]: string };
}
