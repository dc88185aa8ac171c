#!/usr/bin/env bash
# The framework's own tests: set up this machine, then run unit and integration tests (the integration
# tests use the real netperf/netserver and network namespaces, so run as root). Prints a summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

bash scripts/setup.sh

rm -rf TestResults
status=0
# One test assembly at a time: integration tests share the host (namespaces, Docker, leftover sweeps).
dotnet test VirtNetPerf.Tests.slnf -m:1 --logger "trx;LogFilePrefix=tests" --results-directory TestResults "$@" || status=$?

# One closing line over every test assembly, from the trx files' counters (skipped = notExecuted).
count() { cat TestResults/*.trx | grep -o "<Counters [^>]*" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' | awk '{s+=$1} END {print s+0}'; }
if ls TestResults/*.trx >/dev/null 2>&1; then
  echo "Tests: $(count passed) passed, $(( $(count failed) + $(count error) )) failed, $(count notExecuted) skipped"
fi
exit "$status"
