#!/usr/bin/env bash
# The soak (issue 16): SOAK_SECONDS (600) of mixed logins, renewals, role reads and injected faults (EC2 throttling,
# Vault 5xx) through vault-host against the published plugin and fake EC2/IAM and Vault (SoakTests, explicit test).
# Samples the plugin's RSS and open fds every 30 s; writes benchmarks/results/soak.md. Not in CI (CI runs a 15 s
# version). Needs artifacts/publish (./build.sh Publish) and artifacts/vault-host (./build.sh VaultHost).
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
SECONDS_TO_RUN=${SOAK_SECONDS:-600}
WORK="$REPO/artifacts/soak"
REPORT="$REPO/benchmarks/results/soak.md"

dotnet build "$REPO/tests/VaultEc2Auth.EndToEnd.Tests" -c Release -tl:off -nologo -v q
rm -rf "$WORK" "$REPO/artifacts/faults/soak.md" && mkdir -p "$WORK"
cp -r "$REPO/tests/VaultEc2Auth.EndToEnd.Tests/bin/Release/net10.0" "$WORK/bin"

echo "soak: $SECONDS_TO_RUN s (log: $WORK/run.log)"
rc=0
( cd "$WORK/bin" && SOAK_SECONDS=$SECONDS_TO_RUN ./VaultEc2Auth.EndToEnd.Tests -method "*Ten_minute_soak*" -explicit only ) >"$WORK/run.log" 2>&1 || rc=$?
[ -f "$REPO/artifacts/faults/soak.md" ] || { echo "soak: no results written (exit $rc); see $WORK/run.log" >&2; tail -20 "$WORK/run.log" >&2; exit 1; }

{
    echo "# Soak: mixed traffic against one plugin process"
    echo
    echo "\`./build.sh Soak\` (benchmarks/run-soak.sh), $(date -u +%Y-%m-%d), commit $(git -C "$REPO" rev-parse --short HEAD), $SECONDS_TO_RUN s," \
         "$(nproc) shared cores, under nice on a machine other builds were using. vault-host (protocol 5) drives the published"
    echo "plugin with fake EC2/IAM and fake Vault on loopback; 8 instances log in (55 %), log in and renew (30 %), role reads"
    echo "(8 %), and logins of fresh instances under injected EC2 throttling (4 %) or a Vault 5xx on the policy write (3 %),"
    echo "which must fail with a 5xx and no token and leave nothing in Vault. RSS is VmRSS from /proc/<pid>/status, fds"
    echo "the entries of /proc/<pid>/fd; the first sample is taken right after set-up, the baseline for \"flat\" 30 s later."
    echo
    cat "$REPO/artifacts/faults/soak.md"
    echo
    echo "Test exit code $rc (0: no unexpected errors, one plugin process, fds within +8 and RSS within +25 % of the 30 s sample)."
} >"$REPORT"
echo "soak: wrote $REPORT"
exit $rc
