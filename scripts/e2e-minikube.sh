#!/usr/bin/env bash
# Runs docs/walkthrough-minikube.md against the current kubectl context and checks every
# step: the book's "Stateful Service" example (Kubernetes Patterns), made from the
# synthesized manifests. See --help.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/.." && pwd)
export E2E_REPO_ROOT="$REPO_ROOT"
# shellcheck source=scripts/lib/assert.sh
. "$SCRIPT_DIR/lib/assert.sh"
# shellcheck source=scripts/lib/cluster.sh
. "$SCRIPT_DIR/lib/cluster.sh"
# shellcheck source=scripts/lib/manifests.sh
. "$SCRIPT_DIR/lib/manifests.sh"

usage() {
  cat <<'EOF'
Usage: scripts/e2e-minikube.sh [options]

Runs the minikube walkthrough (docs/walkthrough-minikube.md) end to end against the
current kubectl context and asserts each step: the volume directories on the node, the
PersistentVolumes, the headless Service, the StatefulSet and its claims (logs-<set>-<k>
bound to the volume whose claimRef names it), the NodePort Service reached from outside,
each pod's log in its own volume, scale down to 1 and up again with the data kept, the
DNS SRV records of the pods, and a clean-up that leaves the data on the node.

It refuses to run unless the current context is a local minikube cluster (its kubeconfig
entry carries the minikube.sigs.k8s.io provider) or a kind cluster (a kind-* context with
the API server on 127.0.0.1), and unless none of the example's objects exist yet. On exit,
failed or not, it deletes what it created (unless --keep).

Options:
  --manifests DIR      directory of synthesized manifests (default: dist/ of this checkout)
  --namespace NS       namespace to create the objects in (default: the manifests' own,
                       else the one the volumes' claimRef names, else "default"); the
                       current context's namespace is never used
  --log-path PATH      the image's log endpoint: /logs, /tmp/logs, or auto (default: auto,
                       the first of them that answers 200)
  --timeout SECONDS    how long to wait for pods to become ready (default: 300)
  --client-image IMG   in-cluster client with curl and dig
                       (default: registry.k8s.io/e2e-test-images/agnhost:2.39)
  --keep               leave the objects in the cluster at the end
  -h, --help           show this help

Requires kubectl, curl and node (npm ci done), plus minikube (minikube) or docker (kind).
Exit status: 0 all steps passed, 1 a step failed, 2 usage error or refused to run.
EOF
}

MANIFESTS="$REPO_ROOT/dist"
NAMESPACE=""
LOG_PATH=auto
TIMEOUT=300
CLIENT_IMAGE=registry.k8s.io/e2e-test-images/agnhost:2.39
KEEP=0
CLIENT_POD=e2e-client

usage_error() {
  printf 'e2e-minikube: %s\n\n' "$1" >&2
  usage >&2
  exit 2
}

while [ "$#" -gt 0 ]; do
  case "$1" in
    --manifests) [ "$#" -ge 2 ] || usage_error "--manifests needs a directory"; MANIFESTS=$2; shift 2 ;;
    --namespace) [ "$#" -ge 2 ] || usage_error "--namespace needs a name"; NAMESPACE=$2; shift 2 ;;
    --log-path) [ "$#" -ge 2 ] || usage_error "--log-path needs /logs, /tmp/logs or auto"; LOG_PATH=$2; shift 2 ;;
    --timeout) [ "$#" -ge 2 ] || usage_error "--timeout needs a number of seconds"; TIMEOUT=$2; shift 2 ;;
    --client-image) [ "$#" -ge 2 ] || usage_error "--client-image needs an image"; CLIENT_IMAGE=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage_error "unknown option '$1'" ;;
  esac
done
case "$TIMEOUT" in '' | *[!0-9]*) usage_error "--timeout must be a whole number of seconds, got '$TIMEOUT'" ;; esac
case "$LOG_PATH" in auto | /*) ;; *) usage_error "--log-path must be auto or start with '/', got '$LOG_PATH'" ;; esac

# A precondition is not met: nothing was changed, exit 2. (Not `fail ...; exit 2`: under
# `set -e` the failing `fail` would end the script with status 1 first.)
refuse() {
  printf 'FAIL: %s\n' "$*" >&2
  exit 2
}

require() {
  command -v "$1" >/dev/null 2>&1 || refuse "'$1' is not installed or not on PATH ($2)"
}

# ---------------------------------------------------------------------------------------
# Preflight: which cluster, what the manifests say, and that nothing of ours exists yet.
# ---------------------------------------------------------------------------------------
log_step "Preflight: cluster, manifests, tools"
require kubectl "the script drives the cluster with it"
require curl "to call the service from outside the cluster"
require node "to read the manifests (npm ci first)"
detect_cluster || exit 2
case "$E2E_CLUSTER" in
  minikube) require minikube "for minikube ssh and minikube service" ;;
  kind) require docker "kind's node is a docker container" ;;
esac
log_ok "context '$E2E_CONTEXT' is a $E2E_CLUSTER cluster (node: $E2E_NODE)"

FACTS=$(manifest_facts "$MANIFESTS") || exit 2

VOL_COUNT=0
STS_NAME="" STS_SVC="" STS_REPLICAS="" CLAIM_TEMPLATE="" OBJECT_NS="" RUN_UID="" RUN_GID=""
SELECTOR="" LOG_FILE="" LOG_MOUNT="" EXT_SVC="" EXT_TYPE="" SVC_PORT_NAME="" SVC_PORT=""
HEADLESS=""
while read -r kind a b c d e f g; do
  case "$kind" in
    volume)
      VOL_NAME[VOL_COUNT]=$a VOL_PATH[VOL_COUNT]=$b VOL_CLAIM_NS[VOL_COUNT]=$c VOL_CLAIM[VOL_COUNT]=$d
      VOL_COUNT=$((VOL_COUNT + 1))
      ;;
    statefulset)
      [ -z "$STS_NAME" ] || refuse "the manifests hold more than one StatefulSet ($STS_NAME, $a); this run checks one"
      STS_NAME=$a STS_SVC=$b STS_REPLICAS=$c CLAIM_TEMPLATE=$d RUN_UID=$f RUN_GID=$g
      [ "$e" = "-" ] || OBJECT_NS=$e
      ;;
    selector) SELECTOR=$a ;;
    logfile) LOG_FILE=$a LOG_MOUNT=$b ;;
    service)
      if [ "$c" = "None" ]; then
        HEADLESS="$HEADLESS $a:$d:$e"
      elif [ -z "$EXT_SVC" ]; then
        EXT_SVC=$a EXT_TYPE=$b
      fi
      ;;
    namespace) if [ "$a" != "-" ]; then OBJECT_NS=$a; fi ;;
  esac
done <<EOF
$FACTS
EOF

[ -n "$STS_NAME" ] || refuse "no StatefulSet in $MANIFESTS"
# The headless Service that governs the set: its first port's name makes the SRV name.
for entry in $HEADLESS; do
  case "$entry" in
    "$STS_SVC":*)
      rest=${entry#*:}
      SVC_PORT_NAME=${rest%%:*}
      SVC_PORT=${rest#*:}
      ;;
  esac
done
[ -n "$SVC_PORT" ] || refuse "no headless Service (clusterIP: None) named '$STS_SVC', the StatefulSet's serviceName, in $MANIFESTS"
[ -n "$EXT_SVC" ] || refuse "no external Service in $MANIFESTS: the walkthrough reaches the pods through one"
[ "$VOL_COUNT" -gt 0 ] || refuse "no hostPath PersistentVolume in $MANIFESTS: this walkthrough is the pre-made volumes mode"
case "$RUN_UID:$RUN_GID" in
  *-* | ':') refuse "the StatefulSet sets no runAsUser/runAsGroup: cannot tell who must own the volume directories" ;;
esac
case "$LOG_FILE:$LOG_MOUNT" in
  -:* | *:-) refuse "the container has no LOG_FILE on its claim's mount: the log cannot be found on the node" ;;
esac
case "$LOG_FILE" in
  "$LOG_MOUNT"/*) LOG_RELATIVE=${LOG_FILE#"$LOG_MOUNT"/} ;;
  *) refuse "LOG_FILE $LOG_FILE is not on the claim's mount $LOG_MOUNT: the log would not land in the volume" ;;
esac

# The namespace: claims are made in the StatefulSet's namespace, and a pre-bound volume
# only binds a claim whose namespace AND name match its claimRef
# (component-helpers/storage/volume/pv_helpers.go, IsVolumeBoundToClaim), so all three
# must agree. Passing -n explicitly keeps the current context's namespace out of it.
if [ -z "$NAMESPACE" ]; then NAMESPACE=${OBJECT_NS:-${VOL_CLAIM_NS[0]}}; fi
[ "$NAMESPACE" != "-" ] || NAMESPACE=default
if [ -n "$OBJECT_NS" ] && [ "$OBJECT_NS" != "$NAMESPACE" ]; then
  refuse "--namespace '$NAMESPACE' differs from the manifests' own namespace '$OBJECT_NS'"
fi

# Which volume each ordinal's claim must bind: the one whose claimRef names that claim.
SCALE_MAX=0
for ((k = 0; k < VOL_COUNT; k++)); do
  claim="$CLAIM_TEMPLATE-$STS_NAME-$k"
  EXPECT_VOLUME[k]=""
  for ((i = 0; i < VOL_COUNT; i++)); do
    if [ "${VOL_CLAIM[i]}" = "$claim" ]; then
      if [ "${VOL_CLAIM_NS[i]}" != "$NAMESPACE" ]; then
        refuse "volume ${VOL_NAME[i]} is reserved for claim ${VOL_CLAIM_NS[i]}/$claim, but the claims will be made in namespace '$NAMESPACE': they would never bind it (on minikube they get a freshly provisioned volume instead)"
      fi
      EXPECT_VOLUME[k]=${VOL_NAME[i]} EXPECT_PATH[k]=${VOL_PATH[i]}
    fi
  done
  if [ -n "${EXPECT_VOLUME[k]}" ] && [ "$SCALE_MAX" -eq "$k" ]; then SCALE_MAX=$((k + 1)); fi
done
[ "$SCALE_MAX" -ge "$STS_REPLICAS" ] || refuse "only $SCALE_MAX volumes are reserved for the first claims of $STS_NAME, which starts $STS_REPLICAS replicas"
[ "$SCALE_MAX" -ge 2 ] || refuse "the scaling steps need at least 2 reserved volumes, found $SCALE_MAX"
[ "$STS_REPLICAS" -ge 2 ] || refuse "the scaling steps need a StatefulSet that starts at least 2 replicas, got $STS_REPLICAS"

log_info "manifests: $MANIFESTS; namespace: $NAMESPACE"
log_info "StatefulSet $STS_NAME ($STS_REPLICAS replicas, UID:GID $RUN_UID:$RUN_GID), headless Service $STS_SVC ($SVC_PORT_NAME/$SVC_PORT), external Service $EXT_SVC ($EXT_TYPE)"
for ((k = 0; k < SCALE_MAX; k++)); do
  log_info "claim $CLAIM_TEMPLATE-$STS_NAME-$k -> volume ${EXPECT_VOLUME[k]} at ${EXPECT_PATH[k]}"
done

kubectl get namespace "$NAMESPACE" >/dev/null 2>&1 || refuse "namespace '$NAMESPACE' does not exist"

# Refuse to touch anything that was there before: the clean-up deletes these names.
exists() { kubectl get "$@" -o name 2>/dev/null | grep -q .; }
for ((i = 0; i < VOL_COUNT; i++)); do
  if exists pv "${VOL_NAME[i]}"; then
    refuse "PersistentVolume ${VOL_NAME[i]} already exists: delete the example first (walkthrough, 'Clean up') or use a fresh cluster"
  fi
done
for object in "statefulset/$STS_NAME" "service/$STS_SVC" "service/$EXT_SVC" "pod/$CLIENT_POD"; do
  if exists "$object" -n "$NAMESPACE"; then
    refuse "$object already exists in namespace $NAMESPACE: delete the example first (walkthrough, 'Clean up') or use a fresh cluster"
  fi
done
if exists pvc -n "$NAMESPACE" -l "$SELECTOR"; then
  refuse "claims labelled $SELECTOR already exist in namespace $NAMESPACE: delete them first (walkthrough, 'Clean up')"
fi
log_ok "none of the example's objects exist yet"

# ---------------------------------------------------------------------------------------
# From here on objects exist: whatever happens, clean up on exit.
# ---------------------------------------------------------------------------------------
E2E_TMP=$(mktemp -d "${TMPDIR:-/tmp}/e2e-minikube.XXXXXX")
STEPS_DIR="$E2E_TMP/steps"
mkdir "$STEPS_DIR"
TUNNEL_PID=""
CLEANED=0
# Reverse of the creation order. Volumes come last (after the claims), and Namespace
# objects (0-namespace) are never deleted: the namespace may hold other things.
DELETE_ORDER="5-disruption-budget 4-external-service 3-statefulset 2-headless-service 0-other"

stop_tunnel() {
  [ -n "$TUNNEL_PID" ] || return 0
  # SIGINT is what `minikube service` waits for before it stops its ssh tunnel
  # (cmd/minikube/cmd/service.go, startKicServiceTunnel). A background job starts with
  # SIGINT ignored, but Go's signal.Notify installs a handler anyway (pkg.go.dev/os/signal).
  kill -INT "$TUNNEL_PID" 2>/dev/null || true
  for _ in 1 2 3 4 5; do
    kill -0 "$TUNNEL_PID" 2>/dev/null || break
    sleep 1
  done
  if kill -0 "$TUNNEL_PID" 2>/dev/null; then
    # Still there: end its children (the ssh tunnel) and it, by process id only.
    pkill -TERM -P "$TUNNEL_PID" 2>/dev/null || true
    kill -TERM "$TUNNEL_PID" 2>/dev/null || true
  fi
  wait "$TUNNEL_PID" 2>/dev/null || true
  TUNNEL_PID=""
}

# Best effort, in the only order that does not hang: workload and Services, then the
# claims (not in the manifests: the StatefulSet controller made them, labelled with its
# selector), then the volumes, whose pv-protection finalizer holds them while bound.
delete_everything() {
  kubectl delete pod "$CLIENT_POD" -n "$NAMESPACE" --ignore-not-found --wait=false >/dev/null 2>&1 || true
  for step in $DELETE_ORDER; do
    [ -f "$STEPS_DIR/$step.yaml" ] || continue
    kubectl delete -f "$STEPS_DIR/$step.yaml" -n "$NAMESPACE" --ignore-not-found --wait=false >/dev/null 2>&1 || true
  done
  wait_for "$TIMEOUT" 2 "the pods of $STS_NAME to be gone" -- pods_gone 0 || true
  kubectl delete pvc -n "$NAMESPACE" -l "$SELECTOR" --ignore-not-found --timeout=120s >/dev/null 2>&1 || true
  if [ -f "$STEPS_DIR/1-volumes.yaml" ]; then
    kubectl delete -f "$STEPS_DIR/1-volumes.yaml" --ignore-not-found --timeout=120s >/dev/null 2>&1 || true
  fi
}

on_exit() {
  local rc=$?
  set +e
  # A failing command leaves its own status (kubectl's 1, ssh's 255, ...): report 1, as
  # documented, keeping 130/143 for an interrupted run.
  case "$rc" in 0 | 1 | 130 | 143) ;; *) rc=1 ;; esac
  trap - EXIT INT TERM
  stop_tunnel
  if [ "$CLEANED" = 0 ]; then
    if [ "$KEEP" = 1 ]; then
      printf '\n--keep: the objects stay in namespace %s; the walkthrough, "Clean up", removes them.\n' "$NAMESPACE"
    else
      printf '\n==> Cleaning up after a failed or interrupted run\n'
      delete_everything
    fi
  fi
  rm -rf "$E2E_TMP"
  if [ "$rc" -eq 0 ]; then printf '\nAll steps passed.\n'; else printf '\nFAILED (exit %d) in step %d.\n' "$rc" "$E2E_STEP" >&2; fi
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------
# Helpers that know the example
# ---------------------------------------------------------------------------------------
pod_name() { printf '%s-%s' "$STS_NAME" "$1"; }
pod_host() { printf '%s-%s.%s.%s.svc.cluster.local' "$STS_NAME" "$1" "$STS_SVC" "$NAMESPACE"; }

# pods_gone FROM: no pod of the set with an ordinal >= FROM is left.
pods_gone() {
  local k
  for ((k = $1; k < SCALE_MAX; k++)); do
    if kubectl get pod "$(pod_name "$k")" -n "$NAMESPACE" -o name >/dev/null 2>&1; then
      echo "pod $(pod_name "$k") still exists"
      return 1
    fi
  done
}

client_curl() { kubectl exec -n "$NAMESPACE" "$CLIENT_POD" -- curl -sS -m 10 "$@"; }

# random_from ORDINAL: ask pod ORDINAL for a random number (which appends a log line)
# and print the id it answers with, the per-process UUID the log lines carry.
random_from() {
  local body id
  body=$(client_curl "http://$(pod_host "$1"):$SVC_PORT/") || { fail "GET / on $(pod_name "$1") failed: $body"; return 1; }
  id=$(json_string_field id "$body")
  [ -n "$id" ] || { fail "GET / on $(pod_name "$1"): expected a JSON document with \"id\", got '$(_e2e_excerpt "$body")'"; return 1; }
  printf '%s' "$id"
}

node_log() { node_cat "${EXPECT_PATH[$1]}/$LOG_RELATIVE"; }

node_log_contains() {
  local text
  text=$(node_log "$1" 2>&1) || { echo "$text"; return 1; }
  case "$text" in *"$2"*) return 0 ;; *) echo "no '$2' in ${EXPECT_PATH[$1]}/$LOG_RELATIVE"; return 1 ;; esac
}

apply_step() {
  [ -f "$STEPS_DIR/$1.yaml" ] || return 0
  kubectl apply ${2:+-n "$2"} -f "$STEPS_DIR/$1.yaml" | sed 's/^/    /'
}

tunnel_url() {
  local url
  case "$E2E_CLUSTER" in
    minikube) url=$(grep -Eo '^https?://[^[:space:]]+' "$E2E_TMP/url.txt" | head -n 1 || true) ;;
    kind) url=$(sed -n 's|^Forwarding from 127\.0\.0\.1:\([0-9][0-9]*\) .*|http://127.0.0.1:\1|p' "$E2E_TMP/url.txt" | head -n 1) ;;
  esac
  [ -n "$url" ] || { cat "$E2E_TMP/tunnel.log" 2>/dev/null; return 1; }
  printf '%s' "$url"
}

srv_complete() {
  local out
  out=$(kubectl exec -n "$NAMESPACE" "$CLIENT_POD" -- dig +short SRV "$SRV_NAME" 2>&1) || { echo "$out"; return 1; }
  [ "$(printf '%s\n' "$out" | srv_targets | grep -c .)" -eq "$SCALE_MAX" ] || { echo "$out"; return 1; }
}

manifest_split "$MANIFESTS" "$STEPS_DIR" >/dev/null

# ---------------------------------------------------------------------------------------
# The walkthrough, in the book's order
# ---------------------------------------------------------------------------------------
log_step "Make the volume directories on the node, owned by $RUN_UID:$RUN_GID"
# hostPath volumes get no fsGroup ownership change (pkg/volume/hostpath/host_path.go:
# SetUp only checks the path type), and a missing directory is made root-owned 0755 by
# the runtime, so the directories must exist, owned by the container's UID, before the
# pods start.
for ((k = 0; k < SCALE_MAX; k++)); do
  node_exec install -d -o "$RUN_UID" -g "$RUN_GID" -m 0750 "${EXPECT_PATH[k]}"
  owner=$(node_exec stat -c '%u:%g' "${EXPECT_PATH[k]}" | tr -d '\r')
  assert_eq "$RUN_UID:$RUN_GID" "$owner" "owner of ${EXPECT_PATH[k]} on the node"
done

log_step "Create the PersistentVolumes"
apply_step 1-volumes
for ((k = 0; k < SCALE_MAX; k++)); do
  wait_for 60 1 "volume ${EXPECT_VOLUME[k]} to be Available" -- expect_pv_phase "${EXPECT_VOLUME[k]}" Available >/dev/null
  expect_pv_phase "${EXPECT_VOLUME[k]}" Available
  ref=$(kubectl get pv "${EXPECT_VOLUME[k]}" -o 'jsonpath={.spec.claimRef.namespace}/{.spec.claimRef.name}')
  assert_eq "$NAMESPACE/$CLAIM_TEMPLATE-$STS_NAME-$k" "$ref" "claimRef of ${EXPECT_VOLUME[k]}"
done

log_step "Create the headless Service $STS_SVC"
apply_step 0-namespace
apply_step 0-other "$NAMESPACE"
apply_step 2-headless-service "$NAMESPACE"
assert_eq None "$(kubectl get service "$STS_SVC" -n "$NAMESPACE" -o 'jsonpath={.spec.clusterIP}')" "clusterIP of $STS_SVC"

log_step "Create the StatefulSet $STS_NAME ($STS_REPLICAS replicas)"
apply_step 3-statefulset "$NAMESPACE"
kubectl rollout status "statefulset/$STS_NAME" -n "$NAMESPACE" --timeout="${TIMEOUT}s" | sed 's/^/    /'
for ((k = 0; k < STS_REPLICAS; k++)); do
  expect_claim_bound "$NAMESPACE" "$CLAIM_TEMPLATE-$STS_NAME-$k" "${EXPECT_VOLUME[k]}"
done
for ((k = STS_REPLICAS; k < SCALE_MAX; k++)); do
  expect_pv_phase "${EXPECT_VOLUME[k]}" Available
done
# The tag is rebuilt in place upstream: record which image this run actually tested.
log_info "image: $(kubectl get pod "$(pod_name 0)" -n "$NAMESPACE" -o 'jsonpath={.status.containerStatuses[0].imageID}')"

log_step "Create the external Service $EXT_SVC"
apply_step 4-external-service "$NAMESPACE"
apply_step 5-disruption-budget "$NAMESPACE"
assert_eq "$EXT_TYPE" "$(kubectl get service "$EXT_SVC" -n "$NAMESPACE" -o 'jsonpath={.spec.type}')" "type of $EXT_SVC"
if [ "$EXT_TYPE" = NodePort ]; then
  assert_match '^[0-9]+$' "$(kubectl get service "$EXT_SVC" -n "$NAMESPACE" -o 'jsonpath={.spec.ports[0].nodePort}')" "nodePort of $EXT_SVC"
fi

log_step "Reach $EXT_SVC from outside the cluster"
case "$E2E_CLUSTER" in
  minikube)
    # As the book does: the URL into a file, the command in the background. With the docker
    # driver on macOS/Windows it keeps an ssh tunnel open until interrupted; on Linux it
    # prints the node's address and exits (pkg/minikube/driver NeedsPortForward).
    minikube -p "$E2E_NODE" service "$EXT_SVC" -n "$NAMESPACE" --url >"$E2E_TMP/url.txt" 2>"$E2E_TMP/tunnel.log" &
    TUNNEL_PID=$!
    ;;
  kind)
    # kind has no `minikube service`; a port-forward to the Service is the portable way in.
    kubectl port-forward -n "$NAMESPACE" "service/$EXT_SVC" ":$SVC_PORT" >"$E2E_TMP/url.txt" 2>"$E2E_TMP/tunnel.log" &
    TUNNEL_PID=$!
    ;;
esac
wait_for 90 1 "the URL of $EXT_SVC" -- tunnel_url
URL=$(tunnel_url)
log_info "URL: $URL"
body=$(curl -sS -m 10 "$URL/")
assert_contains "$body" '"random"' "GET $URL/"
assert_match '"id" *: *"[^"]+"' "$body" "GET $URL/"

log_step "Each pod logs into its own volume"
kubectl run "$CLIENT_POD" -n "$NAMESPACE" --image="$CLIENT_IMAGE" --restart=Never \
  --labels=app.kubernetes.io/name=e2e-client >/dev/null
kubectl wait --for=condition=Ready "pod/$CLIENT_POD" -n "$NAMESPACE" --timeout="${TIMEOUT}s" | sed 's/^/    /'
for ((k = 0; k < STS_REPLICAS; k++)); do
  ID_BEFORE[k]=$(random_from "$k")
  log_info "$(pod_name "$k") answers with id ${ID_BEFORE[k]}"
  wait_for 30 1 "${ID_BEFORE[k]} in ${EXPECT_PATH[k]}/$LOG_RELATIVE" -- node_log_contains "$k" "${ID_BEFORE[k]}"
  log_ok "${EXPECT_PATH[k]}/$LOG_RELATIVE on the node holds the log of $(pod_name "$k")"
done
for ((k = 0; k < STS_REPLICAS; k++)); do
  for ((j = 0; j < STS_REPLICAS; j++)); do
    [ "$j" -ne "$k" ] || continue
    assert_not_contains "$(node_log "$k")" "${ID_BEFORE[j]}" "log in ${EXPECT_PATH[k]} (id of $(pod_name "$j"))"
  done
done
if [ "$LOG_PATH" = auto ]; then
  # The image tag 1.0 is rebuilt from newer commits: its log endpoint has been /logs, and
  # is reported as /tmp/logs now (docs/research/minikube-and-image.md). Take what answers.
  for candidate in /logs /tmp/logs; do
    code=$(client_curl -o /dev/null -w '%{http_code}' "http://$(pod_host 0):$SVC_PORT$candidate" || true)
    log_info "GET $candidate on $(pod_name 0): HTTP $code"
    if [ "$code" = 200 ]; then LOG_PATH=$candidate; break; fi
  done
  [ "$LOG_PATH" != auto ] || { fail "neither /logs nor /tmp/logs answered 200 on $(pod_name 0): pass --log-path"; exit 1; }
fi
for ((k = 0; k < STS_REPLICAS; k++)); do
  assert_contains "$(client_curl "http://$(pod_host "$k"):$SVC_PORT$LOG_PATH")" "${ID_BEFORE[k]}" "GET $LOG_PATH on $(pod_name "$k")"
done

log_step "Scale $STS_NAME down to 1: the claims stay"
kubectl scale "statefulset/$STS_NAME" -n "$NAMESPACE" --replicas=1 | sed 's/^/    /'
wait_for "$TIMEOUT" 2 "pods $(pod_name 1) and up to be gone" -- pods_gone 1
for ((k = 0; k < STS_REPLICAS; k++)); do
  expect_claim_bound "$NAMESPACE" "$CLAIM_TEMPLATE-$STS_NAME-$k" "${EXPECT_VOLUME[k]}"
done
assert_contains "$(node_log 1)" "${ID_BEFORE[1]}" "log of $(pod_name 1) in ${EXPECT_PATH[1]} while it is scaled away"
# Only pod 0 is left behind the external Service: once the proxy rules caught up with
# the endpoints, it answers every call.
only_pod0_answers() {
  local id
  id=$(json_string_field id "$(curl -sS -m 10 "$URL/")")
  [ "$id" = "${ID_BEFORE[0]}" ] || { echo "answered by id '$id'"; return 1; }
}
wait_for 30 1 "$URL/ to be answered by $(pod_name 0) alone" -- only_pod0_answers
log_ok "$URL/ is answered by $(pod_name 0), the only replica left"

log_step "Scale $STS_NAME up to $SCALE_MAX: each pod gets its old volume back"
kubectl scale "statefulset/$STS_NAME" -n "$NAMESPACE" --replicas="$SCALE_MAX" | sed 's/^/    /'
kubectl rollout status "statefulset/$STS_NAME" -n "$NAMESPACE" --timeout="${TIMEOUT}s" | sed 's/^/    /'
for ((k = 0; k < SCALE_MAX; k++)); do
  expect_claim_bound "$NAMESPACE" "$CLAIM_TEMPLATE-$STS_NAME-$k" "${EXPECT_VOLUME[k]}"
done
ID_AFTER=$(random_from 1)
if [ "$ID_AFTER" = "${ID_BEFORE[1]}" ]; then
  fail "$(pod_name 1) answers with its old id ${ID_BEFORE[1]}: expected a new process after the scale-up"; exit 1
fi
log_ok "$(pod_name 1) is a new process (id $ID_AFTER)"
pod1_log=$(client_curl "http://$(pod_host 1):$SVC_PORT$LOG_PATH")
assert_contains "$pod1_log" "${ID_BEFORE[1]}" "GET $LOG_PATH on the new $(pod_name 1) (lines of the old one)"
assert_contains "$pod1_log" "$ID_AFTER" "GET $LOG_PATH on the new $(pod_name 1) (its own lines)"
for ((k = STS_REPLICAS; k < SCALE_MAX; k++)); do
  id=$(random_from "$k")
  wait_for 30 1 "$id in ${EXPECT_PATH[k]}/$LOG_RELATIVE" -- node_log_contains "$k" "$id"
  log_ok "the new $(pod_name "$k") logs into ${EXPECT_PATH[k]}"
done

log_step "Stable network identity: the DNS records of the headless Service"
SRV_NAME="_$SVC_PORT_NAME._tcp.$STS_SVC.$NAMESPACE.svc.cluster.local"
wait_for 60 2 "$SCALE_MAX SRV records for $SRV_NAME" -- srv_complete
srv=$(kubectl exec -n "$NAMESPACE" "$CLIENT_POD" -- dig +short SRV "$SRV_NAME")
printf '%s\n' "$srv" | sed 's/^/    /'
targets=""
for ((k = 0; k < SCALE_MAX; k++)); do targets="$targets $(pod_host "$k")."; done
expect_srv_records "$targets" "$SVC_PORT" "$srv"
assert_eq "$(kubectl get pod "$(pod_name 0)" -n "$NAMESPACE" -o 'jsonpath={.status.podIP}')" \
  "$(kubectl exec -n "$NAMESPACE" "$CLIENT_POD" -- dig +short "$(pod_host 0)" | tail -n 1)" "address of $(pod_host 0)"

if [ "$KEEP" = 1 ]; then
  log_step "Clean up: skipped (--keep)"
  exit 0
fi

log_step "Clean up: workload, claims, volumes; the data stays on the node"
stop_tunnel
kubectl delete pod "$CLIENT_POD" -n "$NAMESPACE" --wait=false | sed 's/^/    /'
for step in $DELETE_ORDER; do
  [ -f "$STEPS_DIR/$step.yaml" ] || continue
  kubectl delete -f "$STEPS_DIR/$step.yaml" -n "$NAMESPACE" --timeout="${TIMEOUT}s" | sed 's/^/    /'
done
wait_for "$TIMEOUT" 2 "the pods of $STS_NAME to be gone" -- pods_gone 0
# The claims outlive the StatefulSet (persistentVolumeClaimRetentionPolicy whenDeleted:
# Retain), and so keep their volumes Bound: deleting the volumes now would wait on the
# kubernetes.io/pv-protection finalizer until the claims are gone.
for ((k = 0; k < SCALE_MAX; k++)); do
  expect_claim_bound "$NAMESPACE" "$CLAIM_TEMPLATE-$STS_NAME-$k" "${EXPECT_VOLUME[k]}"
done
kubectl delete pvc -n "$NAMESPACE" -l "$SELECTOR" --timeout=120s | sed 's/^/    /'
for ((k = 0; k < SCALE_MAX; k++)); do
  # reclaimPolicy Retain: the controller only marks the volume Released.
  wait_for 60 1 "volume ${EXPECT_VOLUME[k]} to be Released" -- expect_pv_phase "${EXPECT_VOLUME[k]}" Released >/dev/null
  expect_pv_phase "${EXPECT_VOLUME[k]}" Released
done
kubectl delete -f "$STEPS_DIR/1-volumes.yaml" --timeout=120s | sed 's/^/    /'
for ((i = 0; i < VOL_COUNT; i++)); do expect_absent pv "${VOL_NAME[i]}"; done
CLEANED=1
for ((k = 0; k < STS_REPLICAS; k++)); do
  assert_contains "$(node_log "$k")" "${ID_BEFORE[k]}" "${EXPECT_PATH[k]}/$LOG_RELATIVE on the node after the clean-up"
done
case "$E2E_CLUSTER" in
  minikube) log_info "the logs stay in ${EXPECT_PATH[0]%/*} on the node until it stops; remove them with: minikube -p $E2E_NODE ssh -- sudo rm -rf ${EXPECT_PATH[0]%/*}" ;;
  kind) log_info "the logs stay in ${EXPECT_PATH[0]%/*} on the node; remove them with: docker exec $E2E_NODE rm -rf ${EXPECT_PATH[0]%/*}" ;;
esac
