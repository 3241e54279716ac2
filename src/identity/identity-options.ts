/** What the service is called, and the labels and annotations of everything it makes. */
export interface IdentityOptions {
  /**
   * Name of the StatefulSet. Pods are named `<name>-<ordinal>` and their claims
   * `<storage name>-<name>-<ordinal>`.
   *
   * A DNS label of at most 52 characters: the StatefulSet controller appends a revision
   * hash of up to 11 characters in the pods' `controller-revision-hash` label, whose
   * values may not exceed 63.
   */
  readonly name: string;

  /**
   * Name of the headless Service that governs the set (the StatefulSet's `serviceName`):
   * pod `<name>-<k>` resolves as `<name>-<k>.<serviceName>`. A DNS-1035 label.
   *
   * @default - `name`
   */
  readonly serviceName?: string;

  /**
   * Value of the `app.kubernetes.io/name` label, part of the selector.
   *
   * @default - `serviceName`
   */
  readonly appName?: string;

  /**
   * The cluster's DNS domain, for the DNS names the construct reports.
   *
   * @default 'cluster.local'
   */
  readonly clusterDomain?: string;

  /**
   * Labels for every object made, and the pod template. They cannot replace the
   * selector labels `app.kubernetes.io/name` and `app.kubernetes.io/instance`.
   *
   * @default - only `app.kubernetes.io/managed-by: cdk8s` and the selector labels
   */
  readonly labels?: { [key: string]: string };

  /**
   * Annotations for every object made (GitOps, backup and mesh tools read them); not
   * for the pod template (see `podAnnotations`) nor the claim templates (immutable in a
   * live StatefulSet).
   *
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}
