#!/usr/bin/env bash
# Regenerates src/VaultEc2Auth.Plugin/method-order.txt: the managed methods the plugin runs while it starts,
# completes the go-plugin handshake in each connection mode and serves requests. ILC places them first and
# together (IlcOrderFile), so those code pages are contiguous instead of scattered over the ~12 MB of code: the
# kernel maps file pages 64 KiB around each fault, and scattered startup code made most of the binary resident.
# Run after publishing the plugin from the current sources; names that later disappear are ignored by ILC and
# new methods go after the listed ones, so a stale list only costs memory, never correctness.
#   Needs: artifacts/publish/vault-plugin-auth-ec2-instance(.dbg), artifacts/vault-host (tools/build-vault-host.sh),
#          valgrind, python3, readelf/nm (binutils).  Overrides: ORDER_PLUGIN, ORDER_HOST.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/../.." && pwd)
PLUGIN=${ORDER_PLUGIN:-"$REPO/artifacts/publish/vault-plugin-auth-ec2-instance"}
HOST=${ORDER_HOST:-"$REPO/artifacts/vault-host/vault-plugin-host"}
OUT="$REPO/src/VaultEc2Auth.Plugin/method-order.txt"
WORK="$REPO/artifacts/method-order"

for f in "$PLUGIN" "$PLUGIN.dbg" "$HOST"; do
    [ -e "$f" ] || { echo "method-order: $f missing (publish the plugin, tools/build-vault-host.sh)" >&2; exit 1; }
done
for tool in valgrind python3 readelf nm; do
    command -v "$tool" >/dev/null || { echo "method-order: $tool not found (apt-get install valgrind binutils python3)" >&2; exit 1; }
done
rm -rf "$WORK" && mkdir -p "$WORK/bin"
# Valgrind 3.19 gives up on the DWARF 5 in the .dbg file: profile a copy without it beside.
cp "$PLUGIN" "$WORK/bin/plugin"
PROFILED="valgrind --tool=callgrind --dump-instr=yes --compress-strings=no --compress-pos=no --callgrind-out-file=$WORK/callgrind.%p $WORK/bin/plugin"

cat >"$WORK/scenario.jsonl" <<'JSONL'
{"op":"update","path":"config/client","data":{"access_key":"AKIAEXAMPLE","secret_key":"s3cr3t","region":"us-east-1","max_retries":3}}
{"op":"read","path":"config/client"}
{"op":"help","path":"config/client"}
{"op":"list","path":"roles/"}
{"op":"update","path":"login","data":{"pkcs7":"not a signature"}}
{"op":"read","path":"config/client"}
JSONL

profile() { # label, host arguments...
    local label=$1; shift
    echo "method-order: $label"
    "$HOST" "$@" >"$WORK/$label.out" 2>"$WORK/$label.log" || { echo "method-order: $label failed, see $WORK/$label.log" >&2; exit 1; }
}
profile v5 run --plugin "$PROFILED" --protocols 5 --storage-file "$WORK/storage.json" --scenario "$WORK/scenario.jsonl" --rollback-interval 0
profile v4 run --plugin "$PROFILED" --protocols 4 --storage-file "$WORK/storage.json" --scenario "$WORK/scenario.jsonl" --rollback-interval 0
profile unwrap run --plugin "$PROFILED" --metadata-probe --tls-mode unwrap --storage-file "$WORK/storage.json" --scenario "$WORK/scenario.jsonl"
profile bench bench --plugin "$PROFILED" --protocols 5 --op read --path config/client --storage-file "$WORK/storage.json" \
    --concurrency 8 --duration 4s --warmup 1s --handshake-runs 1 --json

python3 "$(dirname "$0")/executed_methods.py" "$PLUGIN.dbg" "$WORK"/callgrind.* >"$OUT"
echo "method-order: wrote $OUT"
