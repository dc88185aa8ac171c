#!/usr/bin/env bash
# Benchmark: payload image build time (build context cold, then cached) and DockerBridge/DockerNat fixture start
# to netserver ready with the run's image built; prints a table. Usage: benchmarks/docker-start.sh [starts]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
dotnet run --project benchmarks/VirtPerf.Benchmarks -c Release -- docker-start "${1:-5}"
