#!/usr/bin/env bash
# Builds and runs the JMH microbenchmarks (protocol costs). Not a test: figures go to docs/benchmarks.md.
# Usage: bench/run-jmh.sh [JMH args...]   e.g. bench/run-jmh.sh LogAppend -f 1 -wi 3 -i 5
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$root" && mvn -q -B -DskipTests -pl bench -am package)
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(-f 1 -wi 3 -w 2s -i 5 -r 2s)
exec java -jar "$root/bench/target/benchmarks.jar" "${args[@]}"
