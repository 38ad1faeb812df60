#!/usr/bin/env bash
# Entry point: ./build.sh [Target]   (default Test; ./build.sh Help lists the targets)
# Restores the Cake tool, installs missing Debian prerequisites and runs build.cake.
set -euo pipefail
cd "$(dirname "$0")"

target=${1:-Test}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Tests, benchmarks and the demo run off EC2: no plugin or Vault they start may ask the instance metadata service.
export AWS_EC2_METADATA_DISABLED=true
[ -t 1 ] || export NO_COLOR=1

mkdir -p artifacts/logs
dotnet tool restore >artifacts/logs/tool-restore.log 2>&1 \
    || { cat artifacts/logs/tool-restore.log >&2; exit 1; }
if [ "$target" = Help ]; then
    exec dotnet cake build.cake --description
fi
tools/prereqs.sh "$target"

rm -f artifacts/test-summary.txt
rc=0
dotnet cake build.cake --target="$target" || rc=$?
# Cake prints its task report last; the test targets' one-line summary goes after it.
[ ! -f artifacts/test-summary.txt ] || cat artifacts/test-summary.txt
exit $rc
