/**
 * The rules of the package's policy check (`stateful-service lint`), by id. A finding a
 * service needs on purpose is acknowledged with an {@link Acknowledgement}: it becomes
 * the annotation `acknowledged.lint.stateful-service/<rule>: <reason>` on the object the
 * finding is about, and the check reports it as acknowledged, with the reason.
 */
export enum PolicyRule {
  /** Every container sets CPU and memory requests and limits. */
  CONTAINER_RESOURCES = 'container-resources',
  /** Every container has readiness and liveness probes. */
  CONTAINER_PROBES = 'container-probes',
  /** Images are pinned to a tag other than `latest`, or to a digest. */
  IMAGE_TAG = 'image-tag',
  /** Containers are not privileged, cannot gain privileges, and drop all capabilities. */
  PRIVILEGE = 'privilege',
  /** Containers run as a non-root user. */
  RUN_AS_ROOT = 'run-as-root',
  /** Containers run with a seccomp profile. */
  SECCOMP = 'seccomp',
  /** Containers have a read-only root filesystem. */
  READ_ONLY_ROOT_FILESYSTEM = 'read-only-root-filesystem',
  /** Pods do not share the node's network, PID or IPC namespaces. */
  HOST_NAMESPACES = 'host-namespaces',
  /** Pods do not mount a service account token. */
  SERVICE_ACCOUNT_TOKEN = 'service-account-token',
  /** Replicated workloads have a PodDisruptionBudget. */
  DISRUPTION_BUDGET = 'disruption-budget',
  /** No hostPath volumes. */
  HOST_PATH = 'host-path',
  /** No Services of type NodePort. */
  NODE_PORT = 'node-port',
  /** Containers open no ports on the node's IP (`hostPort`). */
  HOST_PORTS = 'host-ports',
  /**
   * A non-root container declares no port below 1024 (it cannot bind it without
   * NET_BIND_SERVICE, unless the runtime lowers net.ipv4.ip_unprivileged_port_start). A
   * warning: the plugin lists it without failing the synth.
   */
  PRIVILEGED_PORT = 'privileged-port',
}

/** A policy finding the service has on purpose, with the reason. */
export interface Acknowledgement {
  /** The rule whose finding is acknowledged. */
  readonly rule: PolicyRule;
  /** Why the finding is acceptable here; written into the annotation and the lint report. */
  readonly reason: string;
}
