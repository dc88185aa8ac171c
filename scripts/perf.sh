#!/usr/bin/env bash
# The main job: set up this machine, then run the perf suite on the local testbed (quick profile unless
# VIRTPERF_PROFILE says otherwise): every row of every technique, each judged against bare metal measured alternately
# beside it in the same row (no baseline needs recording first; the capacity suite only when filtered for), writing
# one results folder; then renders the report
# (results.csv, summary.md, report.html, plots/) into it. Arguments go to dotnet test, e.g.
#   scripts/perf.sh --filter "Technique=DockerNat&Scenario=TCP_RR"
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

bash scripts/setup.sh

export VIRTPERF_RUN_FOLDER="${VIRTPERF_RUN_FOLDER:-$(date -u +%Y%m%d-%H%M%S)}"
# Without a filter the main job runs every row but the capacity searches (a few minutes per technique; README,
# "Capacity"): scripts/perf.sh --filter Suite=Capacity runs those.
arguments=("$@")
[[ " $* " == *" --filter "* || " $* " == *" --filter="* ]] || arguments+=(--filter "Suite!=Capacity")
status=0
dotnet test perf-tests "${arguments[@]}" || status=$?

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
