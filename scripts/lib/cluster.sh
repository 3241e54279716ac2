# shellcheck shell=bash
# Which cluster the current kubectl context points at, and how to reach its node.
#
# Sourced by scripts/e2e-minikube.sh after scripts/lib/assert.sh. The end-to-end run
# creates and deletes cluster-scoped PersistentVolumes and writes into directories of the
# node, so it must never run against a shared cluster: detect_cluster refuses anything
# that is not provably a local minikube or kind cluster.

# detect_cluster: sets E2E_CONTEXT, E2E_CLUSTER (minikube|kind) and E2E_NODE (the
# minikube profile, or the kind node container). Returns 1 with the reason otherwise.
#
# How it decides, from the kubeconfig entry of the current context only (no request to
# the API server, so a wrong context is refused before anything is sent to it):
# - minikube writes an extension with provider "minikube.sigs.k8s.io" into the cluster
#   and context entries it creates (kubernetes/minikube pkg/minikube/kubeconfig/extension.go,
#   NewExtension); its context name is the profile name, which `minikube -p` takes.
# - kind names its context "kind-<cluster>" (kubernetes-sigs/kind
#   pkg/cluster/internal/kubeconfig, KINDClusterKey) and publishes the API server on the
#   loopback address by default; both are required, so a remote cluster that merely has
#   a "kind-" name is refused. Its node container is "<cluster>-control-plane".
# shellcheck disable=SC2034 # E2E_CONTEXT, E2E_CLUSTER and E2E_NODE are this function's output
detect_cluster() {
  local ctx view server
  if ! ctx=$(kubectl config current-context 2>/dev/null) || [ -z "$ctx" ]; then
    fail "no current kubectl context: start minikube (it selects its context) or run 'kubectl config use-context minikube'"
    return 1
  fi
  E2E_CONTEXT=$ctx
  view=$(kubectl config view --minify -o json 2>/dev/null || true)
  if printf '%s' "$view" | grep -q '"provider": *"minikube\.sigs\.k8s\.io"'; then
    E2E_CLUSTER=minikube
    E2E_NODE=$ctx
    return 0
  fi
  server=$(kubectl config view --minify -o 'jsonpath={.clusters[0].cluster.server}' 2>/dev/null || true)
  case "$ctx" in
    kind-?*)
      case "$server" in
        https://127.0.0.1:* | https://localhost:* | https://\[::1\]:*)
          E2E_CLUSTER=kind
          E2E_NODE="${ctx#kind-}-control-plane"
          return 0
          ;;
      esac
      ;;
  esac
  fail "refusing to run against context '$ctx' (server '${server:-unknown}'): it is neither a minikube cluster (no 'minikube.sigs.k8s.io' provider in its kubeconfig entry) nor a kind cluster (a 'kind-' context with the API server on 127.0.0.1). This script creates and deletes PersistentVolumes and writes into node directories; switch with 'kubectl config use-context minikube'"
  return 1
}

# node_exec COMMAND [ARG...]: run a command as root on the single node. Arguments must not
# contain spaces: `minikube ssh` joins them into one remote command line.
node_exec() {
  case "${E2E_CLUSTER:-}" in
    minikube) minikube -p "$E2E_NODE" ssh -- sudo "$@" ;;
    kind) docker exec "$E2E_NODE" "$@" ;;
    *)
      fail "node_exec: no cluster detected (call detect_cluster first)"
      return 1
      ;;
  esac
}

# node_cat PATH: a file of the node, without the carriage returns an ssh session may add.
node_cat() {
  node_exec cat "$1" | tr -d '\r'
}
