#!/usr/bin/env bash
# Benchmark: guest initramfs build time (uncached, cached) and LinuxVirtio/LinuxVirtioOffload boot to ready
# (QEMU start to netserver answering in the guest); prints a table. Usage: benchmarks/guest-boot.sh [boots]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
dotnet run --project benchmarks/VirtPerf.Benchmarks -c Release -- guest-boot "${1:-3}"
