#!/usr/bin/env bash
# The main job: set up this machine, then run the perf suite on the local testbed (quick profile unless
# VIRTPERF_PROFILE says otherwise) in two phases writing one results folder:
#   1. BareMetal, recording the bare-metal baselines this testbed lacks (never replacing one);
#   2. every other technique, judged against those baselines and baselines/budgets.json;
# then renders the report (results.csv, summary.md, plots/) into the results folder.
# Extra arguments replace phase 2's filter, e.g.  scripts/perf.sh --filter "Technique=DockerNat&Scenario=TCP_RR"
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

bash scripts/setup.sh

export VIRTPERF_RUN_FOLDER="${VIRTPERF_RUN_FOLDER:-$(date -u +%Y%m%d-%H%M%S)}"
status=0
echo "== phase 1: BareMetal (records the baselines this testbed lacks) =="
VIRTPERF_RECORD_BASELINE="${VIRTPERF_RECORD_BASELINE:-missing}" dotnet test perf-tests --filter Technique=BareMetal || status=$?
echo "== phase 2: the other techniques, judged against the baselines =="
if [ "$#" -eq 0 ]; then set -- --filter "Technique!=BareMetal"; fi
dotnet test perf-tests "$@" || status=$?

results="${VIRTPERF_RESULTS_DIR:-results}/latest"
if [ -e "$results" ]; then
  echo "== report =="
  dotnet run --project src/VirtPerf.Reports -- render "$results" > /dev/null || status=$?
  echo
  echo "Results of this run: $(readlink -f "$results")"
  ls -1 "$results"
  [ -n "${GITHUB_STEP_SUMMARY:-}" ] && cat "$results/summary.md" >> "$GITHUB_STEP_SUMMARY"
  echo
  cat "$results/summary.md"
else
  echo "No results were written (every row skipped or failed before measuring)."
fi
exit "$status"
