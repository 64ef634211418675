#!/usr/bin/env bash
# Coverage-guided fuzzing of the parsers' Jazzer harnesses (issue 15), one harness after another.
# Every harness also runs in a plain `mvn test` (regression mode: only its committed inputs); this
# script is the real fuzzing. See docs/benchmarks.md, "Issue 15: coverage-guided fuzzing (Jazzer)".
set -euo pipefail

usage() {
  cat <<'EOF'
usage: scripts/fuzz.sh MINUTES [HARNESS...]

Fuzzes each @FuzzTest harness for MINUTES minutes (JAZZER_FUZZ=1), one after another, never two at
once, and prints per harness: executions, coverage (libFuzzer's cov = edges, ft = features), exec/s
and findings. HARNESS is a class (RtmpSessionFuzzTest) or class#method (FlvFuzzTest#codecHeaders);
none means all of them.

A finding's input is kept in the harness's regression directory
(MODULE/src/test/resources/PACKAGE/CLASSInputs/METHOD/crash-SHA1), so every later `mvn test` replays
it; a note (harness, date, the failure) goes to MODULE/target/fuzz/. Commit the input with the fix.

Each run gets -Xmx512m: Jazzer has no memory assertion of its own, so an allocation driven by a
declared length shows up as an OutOfMemoryError finding. Needs the Maven dependencies locally
(run the build once online); runs offline.

exit status: 0 no finding, 1 a finding, 2 usage error, 3 a run failed without a finding (build error)
EOF
}

case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  "") usage >&2; exit 2 ;;
esac
minutes="$1"; shift
if ! [[ "$minutes" =~ ^[0-9]+([.][0-9]+)?$ ]] || [ "$(awk -v m="$minutes" 'BEGIN { print (m > 0) }')" != 1 ]; then
  echo "fuzz.sh: MINUTES must be a positive number, got '$minutes'" >&2
  exit 2
fi
seconds=$(awk -v m="$minutes" 'BEGIN { s = int(m * 60 + 0.5); print (s < 1 ? 1 : s) }')

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

# Every harness: "module class method", found from the sources so a new one needs no edit here.
all_harnesses() {
  grep -rl --include='*FuzzTest.java' '@FuzzTest' -- */src/test/java | sort | while read -r file; do
    module="${file%%/*}"
    class="$(basename "$file" .java)"
    awk '/@FuzzTest/ { want = 1; next } want && match($0, /void [A-Za-z0-9_]+\(/) {
           print substr($0, RSTART + 5, RLENGTH - 6); want = 0 }' "$file" |
      while read -r method; do echo "$module ${file#*/src/test/java/} $class $method"; done
  done
}

mapfile -t known < <(all_harnesses)
selected=()
if [ $# -eq 0 ]; then
  selected=("${known[@]}")
else
  for want in "$@"; do
    found=0
    for h in "${known[@]}"; do
      read -r _ _ class method <<<"$h"
      if [ "$want" = "$class" ] || [ "$want" = "$class#$method" ]; then selected+=("$h"); found=1; fi
    done
    if [ $found = 0 ]; then
      echo "fuzz.sh: no harness '$want'; known:" >&2
      for h in "${known[@]}"; do read -r _ _ class method <<<"$h"; echo "  $class#$method" >&2; done
      exit 2
    fi
  done
fi

status=0
summary=()
for h in "${selected[@]}"; do
  read -r module source class method <<<"$h"
  package_dir="$(dirname "$source")"
  fqcn="${package_dir//\//.}.$class"
  inputs="$module/src/test/resources/$package_dir/${class}Inputs/$method"
  mkdir -p "$inputs" "$module/target/fuzz"   # Jazzer writes findings there only if the directory exists
  log="$module/target/fuzz/$class.$method.log"
  stamp="$(mktemp)"
  echo "== $class#$method ($module): fuzzing ${seconds}s, log $log"
  # -am builds the modules it depends on from this tree rather than taking whatever snapshot is in
  # ~/.m2; -Dtest leaves their tests out. jazzer.hooks is off in the pom for plain test runs: on here,
  # or Jazzer would fuzz without coverage feedback. Jazzer 0.24 takes the duration only from the annotation,
  # so the libFuzzer flag goes in through its JUnit configuration parameters (the last flag wins).
  set +e
  JAZZER_FUZZ=1 mvn -o -B -pl "$module" -am test \
    -Dtest="$class#$method" -Dsurefire.failIfNoSpecifiedTests=false \
    -Djazzer.hooks=true -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1="-max_total_time=$seconds" \
    -DargLine=-Xmx512m >"$log" 2>&1
  rc=$?
  set -e
  done_line="$(grep -a -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 || true)"
  execs="$(sed -E 's/^#([0-9]+).*/\1/' <<<"$done_line")"
  cov="$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$done_line")"
  ft="$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$done_line")"
  eps="$(sed -nE 's/.* exec\/s: ([0-9]+).*/\1/p' <<<"$done_line")"
  # A finding is written as crash-SHA1 (into $inputs, or the working directory if Jazzer missed it).
  mapfile -t crashes < <(find "$module" -path "$module/target" -prune -o -name 'crash-*' -newer "$stamp" -print)
  rm -f "$stamp"
  findings=0
  for c in "${crashes[@]}"; do
    [ -n "$c" ] || continue
    if [ "$(dirname "$c")" != "$inputs" ]; then mv "$c" "$inputs/"; c="$inputs/$(basename "$c")"; fi
    findings=$((findings + 1))
    note="$module/target/fuzz/$(basename "$c").note"
    {
      echo "harness: $fqcn#$method"
      echo "found:   $(date -u +%Y-%m-%dT%H:%M:%SZ), fuzzing ${seconds}s"
      echo "input:   $c (replayed by every mvn test from now on)"
      echo "failure:"
      grep -a -m1 -A12 -E '== Java Exception|FuzzTestFinding' "$log" || true
    } >"$note"
    echo "   FINDING: $c"
    sed 's/^/     /' "$note"
  done
  if [ $findings -gt 0 ]; then
    status=1
  elif [ $rc -ne 0 ] || [ -z "$done_line" ]; then
    echo "   run failed without a finding (exit $rc); see $log" >&2
    [ $status -ne 0 ] || status=3
  fi
  line="$(printf '%-40s %12s %8s %8s %9s %s' "$class#$method" "${execs:--}" "${cov:--}" "${ft:--}" "${eps:--}" "$findings")"
  echo "   $line"
  summary+=("$line")
done

echo
printf '%-40s %12s %8s %8s %9s %s\n' "harness (${seconds}s each)" executions cov ft exec/s findings
printf '%s\n' "${summary[@]}"
exit $status
