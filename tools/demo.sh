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
DEV_PEERS="$REPO/tools/VaultEc2Auth.DevPeers/bin/Release/net10.0/VaultEc2Auth.DevPeers.dll"

[ -x "$VAULT_BIN" ] || { echo "demo: $VAULT_BIN not found (set VAULT_EC2_SHARED)" >&2; exit 1; }
[ -x "$PLUGIN" ] || { echo "demo: $PLUGIN not found (./build.sh Publish)" >&2; exit 1; }
[ -f "$DEV_PEERS" ] || { echo "demo: $DEV_PEERS not found (./build.sh Build)" >&2; exit 1; }

WORK=$(mktemp -d)
mkdir -p "$WORK/home" "$WORK/plugins" "$LOG_DIR"
# Vault registers every file of -dev-plugin-dir under its file name, with its SHA-256: give it a copy, so a
# rebuild during the demo cannot change the file under it.
cp "$PLUGIN" "$WORK/plugins/$PLUGIN_NAME"
export HOME="$WORK/home"   # dev mode writes ~/.vault-token
VAULT_LOG="$LOG_DIR/vault.log"
VAULT_PID=""
PEERS_PID=""

stop_vault() {
    local rc=$?
    if [ -n "$PEERS_PID" ] && kill -0 "$PEERS_PID" 2>/dev/null; then
        kill "$PEERS_PID" 2>/dev/null || true
        wait "$PEERS_PID" 2>/dev/null || true
    fi
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
show() { printf '$ %s\n' "$*" | sed -E 's/VAULT_TOKEN=[^ ]+/VAULT_TOKEN=<worker-1 token>/'; }
# Every token and accessor Vault prints is masked: a transcript gets pasted into tickets.
mask() { sed -E 's/^(token|token_accessor)( +).*/\1\2<masked>/'; }
resolve() { local arg; for arg in "$@"; do [ "$arg" = vault ] && printf '%s\0' "$VAULT_BIN" || printf '%s\0' "$arg"; done; }
run() {
    show "$@"
    local out rc=0 cmd
    mapfile -d '' cmd < <(resolve "$@")
    out=$(timeout 60 "${cmd[@]}" 2>&1) || rc=$?
    [ -z "$out" ] || printf '%s\n' "$out" | mask | sed 's/^/    /'
    if [ $rc -ne 0 ]; then
        echo "    (exit $rc)"
        return $rc
    fi
}

# Expects the command to be refused: prints it like run, and fails the demo if it succeeds.
refused() {
    show "$@"
    local out rc=0 cmd
    mapfile -d '' cmd < <(resolve "$@")
    out=$(timeout 60 "${cmd[@]}" 2>&1) || rc=$?
    [ -z "$out" ] || printf '%s\n' "$out" | mask | sed 's/^/    /'
    if [ $rc -eq 0 ]; then
        echo "demo: this should have been refused" >&2
        return 1
    fi
    echo "    (refused, as it must be)"
}

# The local stand-ins for AWS: a fake EC2/IAM on loopback with two worker instances, and a test CA that signs
# their identity documents the way AWS does (registered below as an extra AWS certificate).
dotnet "$DEV_PEERS" "$WORK/peers" 2>"$LOG_DIR/dev-peers.log" &
PEERS_PID=$!
for i in $(seq 1 100); do
    [ -f "$WORK/peers/aws-url" ] && break
    kill -0 "$PEERS_PID" 2>/dev/null || { echo "demo: dev peers exited" >&2; cat "$LOG_DIR/dev-peers.log" >&2; exit 1; }
    sleep 0.2
done
AWS_URL=$(cat "$WORK/peers/aws-url")

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

say "A PKI engine to issue worker certificates from"
run vault secrets enable pki
run vault write -field=issuing_ca pki/root/generate/internal common_name=ec2.internal ttl=8760h

say "AWS client settings (here: the local fake EC2/IAM); the secret key is stored but never read back"
run vault write auth/ec2/config/client access_key=AKIAIOSFODNN7EXAMPLE \
    secret_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY ec2_endpoint="$AWS_URL" iam_endpoint="$AWS_URL" max_retries=2
run vault read auth/ec2/config/client

say "The plugin writes into Vault with its own least-privilege token (README, 'Least privilege')"
cat >"$WORK/writer.hcl" <<'HCL'
path "sys/policies/acl/ec2-instance-*" { capabilities = ["create", "update", "read", "delete"] }
path "pki/roles/ec2-*"                 { capabilities = ["create", "update", "read", "delete"] }
path "auth/token/lookup-self"          { capabilities = ["read"] }
path "auth/token/renew-self"           { capabilities = ["update"] }
HCL
run vault policy write ec2-plugin-writer "$WORK/writer.hcl"
# The token goes through a file so that it appears in no command line and no transcript.
timeout 60 "$VAULT_BIN" token create -policy=ec2-plugin-writer -period=1h -field=token >"$WORK/writer-token"
run vault write auth/ec2/config/vault address="$VAULT_ADDR" token=@"$WORK/writer-token"
run vault read auth/ec2/config/vault

say "Trust the test CA that signs the demo's identity documents (AWS's own certificates are built in)"
run vault write auth/ec2/config/certificate/test-ca aws_public_cert=@"$WORK/peers/test-ca.pem" type=pkcs7
run vault read auth/ec2/config/certificate/test-ca

say "A role for instances with the IAM role 'worker', and its two templates"
run vault write auth/ec2/roles/worker iam_role_arn=arn:aws:iam::123456789012:role/worker \
    base_path=pki/roles token_ttl=1h token_max_ttl=24h
run vault write auth/ec2/templates/worker/pki-role type=generic 'path=ec2-{{ InstanceHash }}' \
    'template={"allowed_domains": ["{{ FQDN }}"], "allow_bare_domains": true, "allow_subdomains": false, "max_ttl": "72h"}'
run vault write auth/ec2/templates/worker/issue type=policy 'path={{ InstanceHash }}' \
    'template=path "pki/issue/ec2-{{ InstanceHash }}" { capabilities = ["update"] }'

say "A template that would give every instance the same policy is refused when written"
refused vault write auth/ec2/templates/worker/shared type=policy path=workers 'template=path "pki/issue/*" { capabilities = ["update"] }'

say "What would a login of worker-1 write? (preview: nothing is written)"
run vault write -format=json auth/ec2/roles/worker/preview instance_id=i-0a1b2c3d4e5f60001 account_id=123456789012 \
    region=us-east-1 fqdn=ip-10-0-1-11.ec2.internal

say "worker-1 logs in with its signed identity document: the DSA-signed PKCS#7 form (on EC2: curl .../dynamic/instance-identity/pkcs7)"
run vault write auth/ec2/login pkcs7=@"$WORK/peers/worker-1.pkcs7" nonce=worker-1-secret-nonce
WORKER_TOKEN=$(timeout 60 "$VAULT_BIN" write -field=token auth/ec2/login pkcs7=@"$WORK/peers/worker-1.pkcs7" nonce=worker-1-secret-nonce)
HASH1=$(printf '%s' "123456789012:us-east-1:i-0a1b2c3d4e5f60001" | sha256sum | cut -c1-32)
HASH2=$(printf '%s' "123456789012:us-east-1:i-0a1b2c3d4e5f60002" | sha256sum | cut -c1-32)

say "Vault now holds worker-1's own policy and PKI role"
run vault policy read "ec2-instance-$HASH1"
run vault read "pki/roles/ec2-$HASH1"

say "With its token, worker-1 gets a certificate for its own name ..."
run env VAULT_TOKEN="$WORKER_TOKEN" vault write -field=serial_number "pki/issue/ec2-$HASH1" common_name=ip-10-0-1-11.ec2.internal
say "... but not for worker-2's name, and not from worker-2's role"
refused env VAULT_TOKEN="$WORKER_TOKEN" vault write "pki/issue/ec2-$HASH1" common_name=ip-10-0-1-12.ec2.internal
run vault write -field=token_policies auth/ec2/login pkcs7=@"$WORK/peers/worker-2.pkcs7" nonce=worker-2-secret-nonce
refused env VAULT_TOKEN="$WORKER_TOKEN" vault write "pki/issue/ec2-$HASH2" common_name=ip-10-0-1-12.ec2.internal

say "Replay defence: the same document with another nonce is refused"
refused vault write auth/ec2/login pkcs7=@"$WORK/peers/worker-1.pkcs7" nonce=guessed

say "The token renews while the instance runs, and not once EC2 says it is terminated"
run env VAULT_TOKEN="$WORKER_TOKEN" vault token renew
say "EC2 now reports worker-1 as terminated (the local fake EC2 terminates it on SIGHUP)"
show "kill -HUP <fake EC2>"
kill -HUP "$PEERS_PID"
sleep 0.5
say "So the next renewal is refused, and says why"
refused env VAULT_TOKEN="$WORKER_TOKEN" vault token renew

say "Done; Vault's log: $VAULT_LOG"
