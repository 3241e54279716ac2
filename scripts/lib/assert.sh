# shellcheck shell=bash
# Assertion helpers for scripts/e2e-minikube.sh.
#
# Sourced, never executed. Every helper returns non-zero after printing one line
# "FAIL: <what>: expected ..., got ..." on stderr, so a caller running under
# `set -euo pipefail` stops at the first broken expectation and the last line of the
# output says what was expected and what was seen. test/e2e-script.test.ts runs each
# helper against a stub `kubectl` and checks both the passing and the failing message.
#
# Written for bash 3.2 as well (the /bin/bash of macOS): no associative arrays, no
# ${var,,}, no mapfile, no `wait -n`.

E2E_STEP=0

# A numbered step header, so a failure can be matched to the walkthrough step it belongs to.
log_step() {
  E2E_STEP=$((E2E_STEP + 1))
  printf '\n==> [%d] %s\n' "$E2E_STEP" "$*"
}

log_info() { printf '    %s\n' "$*"; }

log_ok() { printf '    ok: %s\n' "$*"; }

# Print the failure and return 1. Callers write `fail "..."; return 1` so that the helper
# still returns non-zero where `set -e` is suspended (inside `if`, `||`, `&&`).
fail() {
  printf 'FAIL: %s\n' "$*" >&2
  return 1
}

# Shorten command output for a one-line message: first lines only, newlines as " | ".
_e2e_excerpt() {
  printf '%s' "$1" | head -n "${2:-3}" | tr '\n' '|' | sed 's/|$//; s/|/ | /g'
}

# assert_eq EXPECTED ACTUAL [WHAT]
assert_eq() {
  if [ "$1" != "$2" ]; then
    fail "${3:-value}: expected '$1', got '$2'"
    return 1
  fi
  log_ok "${3:-value} is '$1'"
}

# assert_contains HAYSTACK NEEDLE [WHAT]
assert_contains() {
  case "$1" in
    *"$2"*) log_ok "${3:-output} contains '$2'" ;;
    *)
      fail "${3:-output}: expected to contain '$2', got '$(_e2e_excerpt "$1")'"
      return 1
      ;;
  esac
}

# assert_not_contains HAYSTACK NEEDLE [WHAT]
assert_not_contains() {
  case "$1" in
    *"$2"*)
      fail "${3:-output}: expected not to contain '$2', got '$(_e2e_excerpt "$1")'"
      return 1
      ;;
    *) log_ok "${3:-output} does not contain '$2'" ;;
  esac
}

# assert_match EXTENDED_REGEX ACTUAL [WHAT]
assert_match() {
  if ! printf '%s' "$2" | grep -Eq -- "$1"; then
    fail "${3:-value}: expected to match /$1/, got '$(_e2e_excerpt "$2")'"
    return 1
  fi
  log_ok "${3:-value} matches /$1/"
}

# wait_for TIMEOUT_SECONDS INTERVAL_SECONDS DESCRIPTION -- COMMAND [ARG...]
# Runs COMMAND until it exits 0. Tries at least once, so a timeout of 0 is a single check.
# On timeout the message carries the last output of COMMAND: "timed out" alone would not
# say whether the pod was Pending, crash-looping or simply slow.
wait_for() {
  local timeout=$1 interval=$2 what=$3 deadline out
  shift 3
  if [ "${1:-}" = "--" ]; then shift; fi
  if [ "$#" -eq 0 ]; then
    fail "wait_for: no command given for '$what'"
    return 1
  fi
  deadline=$((SECONDS + timeout))
  while :; do
    if out=$("$@" 2>&1); then
      return 0
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      fail "timed out after ${timeout}s waiting for $what; last output: '$(_e2e_excerpt "$out")'"
      return 1
    fi
    sleep "$interval"
  done
}

# expect_claim_bound NAMESPACE CLAIM VOLUME
# The claim must be Bound, and to VOLUME: on minikube a claim whose pre-made volume did
# not match (wrong namespace in claimRef, say) is not left Pending but bound to a volume
# the default storage class provisions on the fly, so "Bound" alone proves nothing.
expect_claim_bound() {
  local ns=$1 claim=$2 volume=$3 out phase name
  if ! out=$(kubectl get pvc "$claim" -n "$ns" -o 'jsonpath={.status.phase} {.spec.volumeName}' 2>&1); then
    fail "claim $ns/$claim: expected Bound to '$volume', but it could not be read: $(_e2e_excerpt "$out")"
    return 1
  fi
  read -r phase name <<EOF
$out
EOF
  if [ "$phase" != "Bound" ]; then
    fail "claim $ns/$claim: expected Bound to '$volume', got phase '${phase:-<none>}'"
    return 1
  fi
  if [ "$name" != "$volume" ]; then
    fail "claim $ns/$claim: expected to be bound to '$volume', got '${name:-<none>}'"
    return 1
  fi
  log_ok "claim $ns/$claim is Bound to $volume"
}

# expect_pv_phase VOLUME PHASE
expect_pv_phase() {
  local volume=$1 want=$2 out
  if ! out=$(kubectl get pv "$volume" -o 'jsonpath={.status.phase}' 2>&1); then
    fail "volume $volume: expected phase '$want', but it could not be read: $(_e2e_excerpt "$out")"
    return 1
  fi
  if [ "$out" != "$want" ]; then
    fail "volume $volume: expected phase '$want', got '${out:-<none>}'"
    return 1
  fi
  log_ok "volume $volume is $want"
}

# expect_absent KIND NAME [NAMESPACE]
expect_absent() {
  local out
  if out=$(kubectl get "$1" "$2" ${3:+-n "$3"} -o name 2>&1); then
    fail "$1 $2: expected to be gone, but it still exists ($(_e2e_excerpt "$out"))"
    return 1
  fi
  case "$out" in
    *NotFound* | *"not found"*) log_ok "$1 $2 is gone" ;;
    *)
      fail "$1 $2: expected NotFound, got: $(_e2e_excerpt "$out")"
      return 1
      ;;
  esac
}

# json_string_field KEY JSON: the value of the first "KEY": "value" pair. Enough for the
# flat documents the random-generator returns; not a JSON parser.
json_string_field() {
  printf '%s' "$2" | sed -n 's/.*"'"$1"'"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' | head -n 1
}

# srv_targets: the target names of `dig +short SRV` output (priority weight port target),
# sorted, one a line. Ports are checked separately by expect_srv_records.
srv_targets() {
  awk 'NF == 4 { print $4 }' | sort -u
}

# expect_srv_records "EXPECTED TARGETS" PORT DIG_OUTPUT
# EXPECTED TARGETS is a space-separated list of fully qualified names with the trailing dot.
expect_srv_records() {
  local want got bad_ports
  want=$(printf '%s' "$1" | tr ' ' '\n' | sed '/^$/d' | sort -u)
  got=$(printf '%s\n' "$3" | srv_targets)
  bad_ports=$(printf '%s\n' "$3" | awk -v port="$2" 'NF == 4 && $3 != port { print $4 ":" $3 }')
  if [ "$got" != "$want" ]; then
    fail "SRV records: expected targets '$(printf '%s' "$want" | tr '\n' ' ')', got '$(printf '%s' "$got" | tr '\n' ' ')' (dig said: '$(_e2e_excerpt "$3" 6)')"
    return 1
  fi
  if [ -n "$bad_ports" ]; then
    fail "SRV records: expected port $2 on every record, got $(printf '%s' "$bad_ports" | tr '\n' ' ')"
    return 1
  fi
  log_ok "SRV records name $(printf '%s' "$got" | tr '\n' ' ')on port $2"
}
