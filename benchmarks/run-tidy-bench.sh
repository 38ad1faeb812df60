#!/usr/bin/env bash
# Tidy at scale: 10,000 instance records (one in ten terminated in the fake EC2), two tidies, their wall time,
# DescribeInstances calls and the process's peak RSS. Writes benchmarks/results/tidy-scale.md.
#   Tunables: TIDY_FLEET (10000)
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
cd "$REPO"
dotnet run -c Release --project benchmarks/VaultEc2Auth.Benchmarks -- tidy-scale "${TIDY_FLEET:-10000}" benchmarks/results/tidy-scale.md
