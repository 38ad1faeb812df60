#!/usr/bin/env bash
# Real-Vault login benchmark: Vault 0.10.1's built-in aws/ec2 login and the published plugin side by side in one
# dev server, against the same fake EC2/IAM/STS, driven by one closed-loop client. Writes
# benchmarks/results/login.md and login-ratios.svg and prints the table.
#   Needs: artifacts/publish (./build.sh Publish), ../shared/vault-0.10.1 (or $VAULT_EC2_SHARED).
#   Tunables: BENCH_DURATION_S (10) BENCH_FIRST_LOGINS (8000) BENCH_DISTINCT (256) BENCH_ONLY (a label part).
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
PLUGIN=${BENCH_PLUGIN:-"$REPO/artifacts/publish/vault-plugin-auth-ec2-instance"}
PROJECTS=("$REPO/tools/VaultEc2Auth.DevPeers" "$REPO/benchmarks/VaultEc2Auth.LoginBench")
[ -x "$PLUGIN" ] || { echo "login bench: $PLUGIN missing (./build.sh Publish)" >&2; exit 1; }
for project in "${PROJECTS[@]}"; do
    dotnet build "$project" -c Release -tl:off -nologo -v q >/dev/null \
        || { echo "login bench: building $project failed" >&2; dotnet build "$project" -c Release -tl:off -nologo -v q | tail -20 >&2; exit 1; }
done
exec dotnet "$REPO/benchmarks/VaultEc2Auth.LoginBench/bin/Release/net10.0/VaultEc2Auth.LoginBench.dll" \
    "$PLUGIN" "$REPO/tools/VaultEc2Auth.DevPeers/bin/Release/net10.0/VaultEc2Auth.DevPeers.dll" "$REPO/benchmarks/results"
