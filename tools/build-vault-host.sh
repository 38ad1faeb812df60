#!/usr/bin/env bash
# Builds the Go plugin host and its Go test plugin from the read-only shared tree into artifacts/vault-host,
# skipping the build when both outputs are newer than every source file.
#   Shared tree: $VAULT_EC2_SHARED, else <repo>/../shared.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${VAULT_EC2_SHARED:-"$REPO/../shared"}
SRC="$SHARED/vault-host"
OUT="$REPO/artifacts/vault-host"
LOG="$REPO/artifacts/logs/vault-host-build.log"

[ -x "$SRC/build.sh" ] || { echo "build-vault-host: $SRC/build.sh not found (set VAULT_EC2_SHARED)" >&2; exit 1; }

up_to_date() {
    local out
    for out in "$OUT/vault-plugin-host" "$OUT/vault-testplugin"; do
        [ -x "$out" ] || return 1
        [ -z "$(find "$SRC" -type f -newer "$out" -print -quit)" ] || return 1
    done
}

if up_to_date; then
    echo "vault-host: up to date ($OUT)"
    exit 0
fi

mkdir -p "$OUT" "$(dirname "$LOG")"
if "$SRC/build.sh" "$OUT" >"$LOG" 2>&1; then
    echo "vault-host: built $OUT/vault-plugin-host and vault-testplugin"
else
    echo "vault-host: build failed, last lines of $LOG:" >&2
    tail -n 30 "$LOG" >&2
    exit 1
fi
