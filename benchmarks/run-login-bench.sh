#!/usr/bin/env bash
# Real-Vault login benchmark: Vault 0.10.1's built-in aws/ec2 login and the published plugin side by side in one
# dev server, against the same fake EC2/IAM/STS, driven by one closed-loop client. Writes
# benchmarks/results/login.md and login-ratios.svg and prints the table.
#   Needs: artifacts/publish (./build.sh Publish), ../shared/vault-0.10.1 (or $VAULT_EC2_SHARED).
#   Tunables: BENCH_DURATION_S (10) BENCH_ROUNDS (2) BENCH_FIRST_LOGINS (8000) BENCH_DISTINCT (256) BENCH_ONLY (a label part).
#   --build-tools only builds the fake peers and the load generator (./build.sh BenchLogin does it while the plugin
#   compiles); --tools-built runs with what that built. The tools build into artifacts/login-bench, apart from
#   every other build's output, so the two builds can run at once.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
PLUGIN=${BENCH_PLUGIN:-"$REPO/artifacts/publish/vault-plugin-auth-ec2-instance"}
TOOLS="$REPO/artifacts/login-bench"
PROJECTS=("$REPO/tools/VaultEc2Auth.DevPeers" "$REPO/benchmarks/VaultEc2Auth.LoginBench")

build_tools() {
    for project in "${PROJECTS[@]}"; do
        dotnet build "$project" -c Release -tl:off -nologo -v q --artifacts-path "$TOOLS" >/dev/null \
            || { echo "login bench: building $project failed" >&2; dotnet build "$project" -c Release -tl:off -nologo -v q --artifacts-path "$TOOLS" | tail -20 >&2; exit 1; }
    done
}

case "${1:-}" in
    --build-tools) build_tools; exit 0 ;;
    --tools-built) ;;
    *) build_tools ;;
esac

[ -x "$PLUGIN" ] || { echo "login bench: $PLUGIN missing (./build.sh Publish)" >&2; exit 1; }
exec dotnet "$TOOLS/bin/VaultEc2Auth.LoginBench/release/VaultEc2Auth.LoginBench.dll" \
    "$PLUGIN" "$TOOLS/bin/VaultEc2Auth.DevPeers/release/VaultEc2Auth.DevPeers.dll" "$REPO/benchmarks/results"
