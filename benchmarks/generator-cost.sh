#!/usr/bin/env bash
# Benchmark: the memcached load generator's own cost on loopback (peak QPS at depth 1 and 16, p50/p99 at a fixed
# rate, client CPU per request), its depth-1 p50 against a bare blocking get loop, and the generator run as the suite
# runs it (a process) from a Debug build against the Release build the suite carries; prints a table.
# Usage: benchmarks/generator-cost.sh [rounds] [seconds] [qps]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The Debug build the suite ran before it carried a Release one (issue 17 item 6), for comparison.
debug_generator=$(dotnet build src/VirtPerf.Mutilate -c Debug -getProperty:TargetPath)
dotnet run --project benchmarks/VirtPerf.Benchmarks -c Release -- generator-cost "${1:-5}" "${2:-3}" "${3:-5000}" "$debug_generator"
