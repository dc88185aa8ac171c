#!/usr/bin/env bash
# Benchmark: the overhead gate's false-alarm and detection rates on the noise recorded on this testbed
# (tests/VirtPerf.Assertions.Tests/Gate/Noise/noise.json): simulated gates per scenario and metric with 0, 5, 10 and
# 25 % injected, whole rows, real pairs of runs and other settings; seeded, prints a table.
# Usage: benchmarks/gate-simulation.sh [gates] [spread] [noise file]   (spread: factor on the noise, default 1 = as
# recorded, unbiased for each measurement's own mean; noise file: e.g. the shared-machine noise-shared.json)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run --project benchmarks/VirtPerf.Benchmarks -c Release -- gate-simulation "${1:-1000}" "${2:-1}" ${3:+"$3"}
