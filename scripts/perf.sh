#!/usr/bin/env bash
# The main job: set up this machine, then run the perf suite on the local testbed (quick profile unless
# VIRTPERF_PROFILE says otherwise): every netperf and memcached row of the study's matrix (bare metal and thesis
# Table 7's eight techniques), each judged against bare metal measured alternately beside it in the same row (no
# baseline needs recording first), writing one results folder; then renders the report (results.csv, summary.md,
# report.html, plots/) into it. Arguments go to dotnet test; a --filter replaces the default one, e.g.
#   scripts/perf.sh --filter "Technique=DockerNat&Scenario=TCP_RR"
#   scripts/perf.sh --filter "Suite!=Capacity"      every technique, the newer ones too (README, "Set-up")
#   scripts/perf.sh --filter "Suite=Capacity"       the capacity searches
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

bash scripts/setup.sh

export VIRTPERF_RUN_FOLDER="${VIRTPERF_RUN_FOLDER:-$(date -u +%Y%m%d-%H%M%S)}"
# Without a filter the main job runs the study's matrix (Matrix=Study) without the capacity searches (a few minutes
# per technique; README, "Capacity"): all seventeen techniques take 49 minutes here, the study's matrix under 20.
arguments=("$@")
[[ " $* " == *" --filter "* || " $* " == *" --filter="* ]] || arguments+=(--filter "Suite!=Capacity&Matrix=Study")
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
