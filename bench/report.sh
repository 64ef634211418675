#!/usr/bin/env bash
# The whole benchmark report in one command: runs every bench/ script one after the other (never two
# at once: they share this machine's cores), keeps each one's full output, and ends with one table of
# figures and verdicts against the targets of the issues. Not a test; copy what it prints, with the
# machine it ran on, into docs/benchmarks.md.
#
# Usage: bench/report.sh [--quick] [NAME...]
#   NAME: jmh ingest publish origin tracker relay hostile latency egress firstframe manifestjs fuzz
#         (default: all, in that order)
#   --quick: shorter runs (about 40 minutes in all instead of about 100); the figures are noisier.
# Needs what the individual scripts need: java, mvn, ffmpeg, node, npm, nginx, libnginx-mod-rtmp, wrk,
# chromium (Debian: apt-get install -y ffmpeg nginx libnginx-mod-rtmp wrk chromium).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
quick=0
names=()
for a in "$@"; do
  case "$a" in
    --quick) quick=1 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    jmh|ingest|publish|origin|tracker|relay|hostile|latency|egress|firstframe|manifestjs|fuzz) names+=("$a") ;;
    *) echo "unknown benchmark '$a' (try --help)" >&2; exit 2 ;;
  esac
done
(( ${#names[@]} )) || names=(jmh ingest publish origin tracker relay hostile latency egress firstframe manifestjs fuzz)
out="$root/bench/target/report-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
summary="$out/summary.txt"

# Durations: full | quick.
pick() { if (( quick )); then echo "$2"; else echo "$1"; fi; }

machine() {
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
    "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)," \
    "$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")," \
    "$(java -version 2>&1 | head -1)"
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
}

# Runs one benchmark, its output to the terminal and to NAME.log; appends the lines that carry
# verdicts or headline figures (selected by the pattern) to the summary.
run() {
  local name=$1 pattern=$2; shift 2
  echo "== $name: $*" | tee -a "$summary"
  local start=$SECONDS
  "$@" 2>&1 | tee "$out/$name.log"
  local rc=${PIPESTATUS[0]}
  # mvn -q still writes colour resets; the summary is plain text.
  sed 's/\x1b\[[0-9;]*m//g' "$out/$name.log" | grep -E "$pattern" | sed 's/^/   /' >>"$summary"
  (( rc == 0 )) || echo "   $name exited with $rc (see $out/$name.log)" >>"$summary"
  echo "   ($(( SECONDS - start )) s)" >>"$summary"
}

jmh() {
  "$root/bench/run-jmh.sh" -f 1 -wi "$(pick 3 2)" -w 2s -i "$(pick 5 3)" -r 2s -rf json -rff "$out/jmh.json" || return
  python3 - "$out/jmh.json" <<'PY'
import json, sys
for b in json.load(open(sys.argv[1])):
    name = b["benchmark"].rsplit(".", 2)
    score, unit = b["primaryMetric"]["score"], b["primaryMetric"]["scoreUnit"]
    params = ",".join(f"{k}={v}" for k, v in (b.get("params") or {}).items())
    line = f"{name[-2]}.{name[-1]}{'(' + params + ')' if params else ''}: {score:.1f} {unit}"
    if name[-1] == "appendLeafAndSignNewRoot":
        us = score * {"us/op": 1, "ms/op": 1000, "ns/op": 0.001}[unit]
        line += f" -> target append + sign root < 1 ms: {'MET' if us < 1000 else 'NOT MET'}"
    if name[-1] == "verifyManifest" and params == "window=live":
        us = score * {"us/op": 1, "ms/op": 1000, "ns/op": 0.001}[unit]
        line += f" -> target v2 manifest parse + recompute + verify <= 1 ms: {'MET' if us <= 1000 else 'NOT MET'}"
    print("jmh " + line)
PY
}

ingest() {
  "$root/bench/run-jmh.sh" -l >/dev/null || return
  java -cp "$root/bench/target/benchmarks.jar" org.ownerless.bench.ingest.IngestBench "$out/ingest-work" "$(pick 60 30)"
}

publish() {
  "$root/bench/run-jmh.sh" -l >/dev/null || return
  java -cp "$root/bench/target/benchmarks.jar" org.ownerless.bench.manifest.PublishLatencyBench "$(pick 10 2)"
}

machine | tee "$summary"
for n in "${names[@]}"; do
  case "$n" in
    jmh) run jmh '^jmh ' jmh ;;
    ingest) run ingest 'ownerless ingest|nginx-rtmp|ratio of medians|per Mbit|realtime' ingest ;;
    publish) run publish 'p50|p99|target' publish ;;
    origin) run origin '^[a-z0-9.-]+\.(ts|m3u8), |target' "$root/bench/origin-vs-nginx.sh" "$(pick 10 5)" ;;
    tracker) run tracker '^responses/s,|^server µs CPU per response|^RSS bytes/peer|live heap bytes/peer' "$root/bench/tracker-vs-bittorrent-tracker.sh" "$(pick 10 5)" ;;
    relay) run relay '^all:|MEETS|MISSES' "$root/bench/relay-latency.sh" "$(pick 120 60)" ;;
    hostile) run hostile '^targets:|^(healthy|trickle|endless|oversize|seg503|all503|dead|stale) +[0-9n]|^all targets' \
      "$root/bench/hostile-upstreams.sh" "$(pick 3 1)" 3 ;;
    # Issue 17: 6 and 8 viewers, targets met in >= 4 of 5 runs per mode (quick: one run of 6).
    latency) run latency 'MET| stages \(' "$root/bench/latency-offload.sh" "$(pick "6 8" 6)" "$(pick 120 90)" \
        "low normal" "$(pick 5 1)" ;;
    egress) run egress 'viewers: origin|MET' "$root/bench/origin-egress.sh" "$(pick 120 90)" ;;
    firstframe) run firstframe '^run [0-9]+:|^first frame:' "$root/bench/first-frame.sh" "$(pick 5 3)" ;;
    manifestjs) run manifestjs '"sample"' "$root/bench/viewer-manifest-cost.sh" "$(pick 2000 200)" ;;
    fuzz) run fuzz '^differential fuzz:|^verdicts by kind' "$root/bench/differential-fuzz.sh" "$(pick 200000 20000)" ;;
  esac
done
echo
echo "==================== summary ($out) ===================="
cat "$summary"
