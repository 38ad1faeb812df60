#!/usr/bin/env bash
# Demo: the published plugin inside a real Vault 0.10.1 dev server (../shared/vault-0.10.1), which starts
# external plugins the old way (metadata mode, then unwrap-token TLS, protocol 3). Prints a transcript of every
# command and its output; stops Vault on exit. Needs artifacts/publish (./build.sh Demo does that first).
#   Shared tree: $VAULT_EC2_SHARED, else <repo>/../shared. Another binary: DEMO_PLUGIN=/path/to/plugin.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${VAULT_EC2_SHARED:-"$REPO/../shared"}
VAULT_BIN="$SHARED/vault-0.10.1/vault"
PLUGIN_NAME=vault-plugin-auth-ec2-instance
PLUGIN=${DEMO_PLUGIN:-"$REPO/artifacts/publish/$PLUGIN_NAME"}
LOG_DIR="$REPO/artifacts/demo"

[ -x "$VAULT_BIN" ] || { echo "demo: $VAULT_BIN not found (set VAULT_EC2_SHARED)" >&2; exit 1; }
[ -x "$PLUGIN" ] || { echo "demo: $PLUGIN not found (./build.sh Publish)" >&2; exit 1; }

WORK=$(mktemp -d)
mkdir -p "$WORK/home" "$WORK/plugins" "$LOG_DIR"
# Vault registers every file of -dev-plugin-dir under its file name, with its SHA-256: give it a copy, so a
# rebuild during the demo cannot change the file under it.
cp "$PLUGIN" "$WORK/plugins/$PLUGIN_NAME"
export HOME="$WORK/home"   # dev mode writes ~/.vault-token
VAULT_LOG="$LOG_DIR/vault.log"
VAULT_PID=""

stop_vault() {
    local rc=$?
    if [ -n "$VAULT_PID" ] && kill -0 "$VAULT_PID" 2>/dev/null; then
        kill "$VAULT_PID" 2>/dev/null || true
        wait "$VAULT_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
    if [ $rc -ne 0 ]; then
        echo "demo: FAILED (exit $rc); last lines of $VAULT_LOG:" >&2
        tail -n 25 "$VAULT_LOG" >&2 || true
    fi
}
trap stop_vault EXIT

free_port() {
    local port
    for _ in $(seq 1 50); do
        port=$((20000 + RANDOM % 40000))
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
    done
    echo "demo: no free port found" >&2
    return 1
}

# Prints the command as typed (`vault ...`), then its output indented; a failing command ends the demo.
# The time limit matters: Vault 0.10.1 hangs for good when a plugin it started never answers.
say() { printf '\n# %s\n' "$*"; }
run() {
    printf '$ %s\n' "$*"
    local out rc=0 cmd=("$@")
    [ "${cmd[0]}" != vault ] || cmd[0]=$VAULT_BIN
    out=$(timeout 60 "${cmd[@]}" 2>&1) || rc=$?
    [ -z "$out" ] || printf '%s\n' "$out" | sed 's/^/    /'
    if [ $rc -ne 0 ]; then
        echo "    (exit $rc)"
        return $rc
    fi
}

PORT=$(free_port)
export VAULT_ADDR="http://127.0.0.1:$PORT" VAULT_TOKEN=root
"$VAULT_BIN" server -dev -dev-root-token-id=root -dev-listen-address="127.0.0.1:$PORT" \
    -dev-plugin-dir="$WORK/plugins" >"$VAULT_LOG" 2>&1 &
VAULT_PID=$!

say "Vault $("$VAULT_BIN" version | cut -d' ' -f2) dev server on $VAULT_ADDR, plugin dir with a copy of $PLUGIN_NAME"
for i in $(seq 1 60); do
    "$VAULT_BIN" status >/dev/null 2>&1 && break
    kill -0 "$VAULT_PID" 2>/dev/null || { echo "demo: vault exited during start" >&2; exit 1; }
    [ "$i" -lt 60 ] || { echo "demo: vault not healthy after 30 s" >&2; exit 1; }
    sleep 0.5
done
run vault status

say "The dev server put the plugin in its catalog (name = file name, with its SHA-256)"
run vault read "sys/plugins/catalog/$PLUGIN_NAME"

say "Mount it at auth/ec2 (0.10 syntax): Vault starts it in metadata mode, then for real with an unwrap token"
run vault auth enable -path=ec2 -plugin-name="$PLUGIN_NAME" plugin
run vault auth list

say "Help comes from the plugin"
run vault path-help auth/ec2

say "AWS client settings: the secret key is stored but never read back"
run vault write auth/ec2/config/client access_key=AKIAEXAMPLE secret_key=s3cr3t region=us-east-1 max_retries=3
run vault read auth/ec2/config/client

say "Done; Vault's log: $VAULT_LOG"
