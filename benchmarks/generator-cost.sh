#!/usr/bin/env bash
# Benchmark: the memcached load generator's own cost on loopback (peak QPS at depth 1 and 16, p50/p99 at a fixed
# rate, client CPU per request) and its depth-1 p50 against a bare blocking get loop; prints a table.
# Usage: benchmarks/generator-cost.sh [rounds] [seconds] [qps]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
dotnet run --project benchmarks/VirtPerf.Benchmarks -c Release -- generator-cost "${1:-5}" "${2:-3}" "${3:-5000}"
