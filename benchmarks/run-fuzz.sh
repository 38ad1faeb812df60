#!/usr/bin/env bash
# The bench-style fuzz campaign (issue 16): FUZZ_INPUTS (1,000,000) mutated identity proofs and login bodies with
# seed FUZZ_SEED (1), through the real verifier and the backend's login path (FuzzTests, explicit test). Runs from a
# copy of the test build so that rebuilding meanwhile cannot disturb it; writes benchmarks/results/fuzz.md, and the
# first input of each distinct behaviour under artifacts/fuzz/behaviours (to pick corpus cases from).
#   FUZZ_NO_BUILD=1 uses the test build as it is. Too slow for CI; CI runs the fixed-seed slice and the corpus. Run it with nice on a shared machine.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
INPUTS=${FUZZ_INPUTS:-1000000}
SEED=${FUZZ_SEED:-1}
WORK="$REPO/artifacts/fuzz"
REPORT="$REPO/benchmarks/results/fuzz.md"

[ "${FUZZ_NO_BUILD:-}" = 1 ] || dotnet build "$REPO/tests/VaultEc2Auth.Tests" -c Release -tl:off -nologo -v q
rm -rf "$WORK" && mkdir -p "$WORK"
cp -r "$REPO/tests/VaultEc2Auth.Tests/bin/Release/net10.0" "$WORK/bin"

echo "fuzz: $INPUTS inputs, seed $SEED (log: $WORK/run.log)"
rc=0
( cd "$WORK/bin" && FUZZ_INPUTS=$INPUTS FUZZ_SEED=$SEED FUZZ_OUT=$WORK \
    /usr/bin/time -v ./VaultEc2Auth.Tests -method "*Campaign_of_a_million*" -explicit only ) >"$WORK/run.log" 2>&1 || rc=$?
[ -f "$WORK/summary.md" ] || { echo "fuzz: no summary written (exit $rc); see $WORK/run.log" >&2; tail -20 "$WORK/run.log" >&2; exit 1; }

{
    echo "# Fuzzing: mutated identity proofs and login bodies"
    echo
    echo "\`./build.sh Fuzz\` (benchmarks/run-fuzz.sh), $(date -u +%Y-%m-%d), commit $(git -C "$REPO" rev-parse --short HEAD)," \
         "$(nproc) shared cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), run under nice on a machine other" \
         "builds were using: the times are wall-clock per input and only rough."
    echo
    cat "$WORK/summary.md"
    echo
    echo "Process: $(grep -E 'Maximum resident set size' "$WORK/run.log" | sed 's/^\s*//'), user $(grep -E 'User time' "$WORK/run.log" | awk '{print $NF}') s," \
         "elapsed $(grep -E 'Elapsed \(wall' "$WORK/run.log" | awk '{print $NF}'); test exit code $rc."
    echo
    echo "Oracle: the verifier returns a genuine document (one of the unmutated proofs' documents, or any document the"
    echo "test CA signed after its JSON was mutated) or reports invalid input (a 400 at the edge); a login returns a token only for a genuine"
    echo "document, naming its instance, or fails with a 4xx. Forged, 5xx, crash and no-answer must all be 0."
    echo "Targets are described in tests/VaultEc2Auth.Tests/Fuzz/FuzzTarget.cs; CI runs a 3,000-input slice with a fixed"
    echo "seed and replays tests/VaultEc2Auth.Tests/Fuzz/FuzzCorpus/*.json."
} >"$REPORT"
echo "fuzz: wrote $REPORT"
exit $rc
