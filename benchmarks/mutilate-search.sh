#!/usr/bin/env bash
# Benchmark: the load generator's capacity search (--search=99:X) against Mutilate's on the same loopback memcached,
# alternating; prints a table. Mutilate is not packaged, shipped or built by this project: build it yourself from its
# public sources and pass the binary. memcached runs under a CPU quota (default 0.25 CPUs; 0: none) so that it, not
# either client, saturates first; "pinned" puts memcached on CPU 1 and both clients on CPU 0 instead (use server_cpus 0).
# Usage: benchmarks/mutilate-search.sh MUTILATE [rounds] [limit_us] [seconds] [server_cpus] [pinned]
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: $0 MUTILATE [rounds] [limit_us] [seconds] [server_cpus] [pinned]" >&2; exit 2; }
mutilate="$(readlink -f "$1")"
bash scripts/setup.sh
dotnet run --project benchmarks/VirtPerf.Benchmarks -c Release -- mutilate-search "$mutilate" "${2:-10}" "${3:-150}" "${4:-1}" "${5:-0.25}" "${6:-shared}"
