#!/usr/bin/env bash
# The main job: set up this machine, run the perf suite on the local testbed (quick profile unless
# VIRTPERF_PROFILE says otherwise) and say where the results went. Extra arguments go to dotnet test,
# e.g.  scripts/perf.sh --filter "Technique=BareMetal&Scenario=TCP_RR"
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

bash scripts/setup.sh

status=0
dotnet test perf-tests "$@" || status=$?

results="${VIRTPERF_RESULTS_DIR:-results}/latest"
if [ -e "$results" ]; then
  echo
  echo "Results of this run: $(readlink -f "$results")"
  ls -1 "$results"
else
  echo "No results were written (every row skipped or failed before measuring)."
fi
exit "$status"
