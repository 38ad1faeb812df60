#!/usr/bin/env bash
# Runs one conformance scenario through vault-plugin-host in the ways a real host starts a plugin.
#   usage: tools/run-conformance.sh SCENARIO.jsonl [MODE...]     MODE: protocol5 protocol4 unwrap (default: all)
# Plugin: $CONFORMANCE_PLUGIN, else artifacts/publish/vault-plugin-auth-ec2-instance.
# Per mode it writes <name>.<mode>.jsonl (host stdout) and .log (host stderr) into $CONFORMANCE_OUT, else
# artifacts/conformance, and exits with the host's status of the last failing mode (3 = bring-up failed,
# 1 = a step failed, 124 = timed out).
#
# $CONFORMANCE_HOST_FLAGS: extra host flags for every scenario (split on spaces), e.g. a longer --start-timeout
# for a plugin run under emulation.
#
# Scenario extras, both optional:
#   first line `# host-flags: --config k=v ...`   extra host flags (split on spaces)
#   <name>.env.sh next to the scenario            sourced before each mode in a fresh shell; it may start local
#                                                 fakes (set an EXIT trap to stop them) and append HOST_FLAGS+=(..)
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
HOST="$REPO/artifacts/vault-host/vault-plugin-host"
PLUGIN=${CONFORMANCE_PLUGIN:-"$REPO/artifacts/publish/vault-plugin-auth-ec2-instance"}
OUT_DIR=${CONFORMANCE_OUT:-"$REPO/artifacts/conformance"}
TIME_LIMIT=${CONFORMANCE_TIMEOUT:-300}

[ $# -ge 1 ] || { sed -n '2,3p' "$0" >&2; exit 2; }
SCENARIO=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
MODES=("$@")
[ ${#MODES[@]} -gt 0 ] || MODES=(protocol5 protocol4 unwrap)
NAME=$(basename "$SCENARIO" .jsonl)
HOOK="$(dirname "$SCENARIO")/$NAME.env.sh"
[ -x "$HOST" ] || { echo "conformance: $HOST missing (run tools/build-vault-host.sh)" >&2; exit 2; }
[ -x "$PLUGIN" ] || { echo "conformance: plugin $PLUGIN missing (publish first)" >&2; exit 2; }
mkdir -p "$OUT_DIR"

mode_flags() {
    case "$1" in
        protocol5) echo "--protocols 5" ;;
        protocol4) echo "--protocols 4" ;;
        unwrap)    echo "--metadata-probe --tls-mode unwrap" ;;
        *) echo "conformance: unknown mode $1" >&2; return 2 ;;
    esac
}

run_mode() (
    local mode=$1 flags
    flags=$(mode_flags "$mode") || return 2
    read -r -a HOST_FLAGS <<<"${CONFORMANCE_HOST_FLAGS:-}"
    local first
    first=$(head -n 1 "$SCENARIO")
    if [[ $first =~ ^#[[:space:]]*host-flags:(.*)$ ]]; then
        read -r -a scenario_flags <<<"${BASH_REMATCH[1]}"
        HOST_FLAGS+=("${scenario_flags[@]}")
    fi
    if [ -f "$HOOK" ]; then
        # shellcheck source=/dev/null
        . "$HOOK" || { echo "conformance: setup hook $HOOK failed" >&2; return 2; }
    fi
    # shellcheck disable=SC2086
    timeout --kill-after=10 "$TIME_LIMIT" "$HOST" run --plugin "$PLUGIN" --scenario "$SCENARIO" $flags \
        "${HOST_FLAGS[@]}" </dev/null >"$OUT_DIR/$NAME.$mode.jsonl" 2>"$OUT_DIR/$NAME.$mode.log"
)

status=0
for mode in "${MODES[@]}"; do
    rc=0
    run_mode "$mode" || rc=$?
    echo "conformance: $NAME [$mode] exit $rc"
    [ $rc -eq 0 ] || status=$rc
done
exit $status
