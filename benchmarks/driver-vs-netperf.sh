#!/usr/bin/env bash
# Benchmark: the netperf driver's TCP_RR mean latency and TCP_STREAM throughput against raw netperf's, run
# alternately on the same local testbed; prints a table. Usage: benchmarks/driver-vs-netperf.sh [rounds] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
dotnet run --project benchmarks/VirtPerf.Benchmarks -c Release -- driver-vs-netperf "${1:-5}" "${2:-5}"
