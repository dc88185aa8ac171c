#!/usr/bin/env bash
# Benchmark: does the gate's stated confidence hold on this testbed? Real gates, bare metal paired with bare metal
# through the suite's own row code (default profile, committed budgets), every iteration kept in FOLDER/gates.jsonl.
#   benchmarks/calibration.sh FOLDER [minutes] [scenarios]        A/A gates for that long (default 60 minutes, all 9)
#   benchmarks/calibration.sh --inject FOLDER [gates] [scenarios] real slowdowns (CPU quota, HTB rate limit): true
#                                                                 size from a long run, then that many gates each
#   benchmarks/calibration.sh --table [--first-look] FOLDER...    the table again, re-judged from the recorded series
#                                                                 (--first-look: budget verdicts alone, as rows without an
#                                                                 accepted overhead, each A/A gate cut into consecutive ones)
# Scenarios: comma-separated, e.g. TCP_RR,MemcachedRead. Prints coverage, false alarms and detection per metric.
set -euo pipefail
cd "$(dirname "$0")/.."
bench() { dotnet run --project benchmarks/VirtPerf.Benchmarks -c Release -- "$@"; }
case "${1:-}" in
  --table) shift; bench calibration-table "$@" ;;
  --inject) shift; bash scripts/setup.sh; bench calibration-inject "$@" ;;
  "") echo "usage: $0 FOLDER [minutes] [scenarios] | --inject FOLDER [gates] [scenarios] | --table [--first-look] FOLDER..." >&2; exit 2 ;;
  *) bash scripts/setup.sh; bench calibration "$@" ;;
esac
