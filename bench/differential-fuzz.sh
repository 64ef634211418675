#!/usr/bin/env bash
# The Java ↔ JS differential fuzzer for longer than the test suite runs it: the same mutated objects,
# proofs and root sequences judged by the Java verifier and by the viewer's verifier under node; any
# disagreement fails, with the case in viewer/target/differential-fuzz/disagreements.txt.
# Not a test: the count goes to docs/benchmarks.md.
# Usage: bench/differential-fuzz.sh [CASES] [SEED]   (default 200000 cases, a seed from the clock)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cases="${1:-200000}"
seed="${2:-$(date +%s)}"
[[ "$cases" =~ ^[1-9][0-9]*$ ]] || { echo "CASES must be a positive whole number, not '$cases'" >&2; exit 2; }
[[ "$seed" =~ ^-?[0-9]+$ ]] || { echo "SEED must be a whole number, not '$seed'" >&2; exit 2; }
echo "differential fuzz: $cases cases, seed $seed" >&2
status=0
(cd "$root" && mvn -q -B -pl viewer -am test-compile surefire:test -Dtest=DifferentialVerdictsTest \
  -Dsurefire.failIfNoSpecifiedTests=false -Downerless.fuzz.cases="$cases" -Downerless.fuzz.seed="$seed") || status=$?
cat "$root/viewer/target/differential-fuzz/report.txt"
if [ -s "$root/viewer/target/differential-fuzz/disagreements.txt" ]; then
  head -n 20 "$root/viewer/target/differential-fuzz/disagreements.txt"
fi
exit "$status"
