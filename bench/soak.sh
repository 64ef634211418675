#!/usr/bin/env bash
# Soak (issue 15): a node fed by ffmpeg (320x180, ladder src + one rung, a retention window), a relay
# following it, 3 headless Chromium viewers on the relay's watch page (P2P on) and `verify --watch`
# against the relay, for HOURS. Every INTERVAL (60 s) node and relay are sampled: RSS, heap in use
# after a forced full GC, metaspace, threads, open descriptors, bytes in their data directories; with
# the running counts of verify FAIL lines and viewer errors / stalls. At the end: first / last value
# and least-squares slope per hour of each metric after a warm-up, and a PASS / FAIL verdict (the rule
# is in bench/soak/soak.py, TOLERANCE, and in docs/benchmarks.md). Output: bench/target/soak-UTC/.
# Not a test. Usage: bench/soak.sh HOURS   (e.g. 2, 0.5, 90m, 10m, 2h); --help for more.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usage() {
  cat <<'EOF'
Usage: bench/soak.sh HOURS

Runs node + relay + 3 Chromium viewers + `verify --watch` for HOURS and reports whether memory,
threads, descriptors and disk stay flat, with 0 failed verifications and 0 viewer errors.

  HOURS   hours (2, 0.5, 2h) or minutes (10m, 90m); 2 minutes to 72 hours.
          The issue's soak is >= 2 h; 10m is a smoke run (too short to judge slopes).

Environment (optional):
  SOAK_INTERVAL=60      seconds between samples (5..600)
  SOAK_VIEWERS=3        Chromium viewers (1..8)
  SOAK_WARMUP           seconds left out of the slopes (default 300, at most half the run)
  SOAK_KEEP_DATA=1      keep the node's and relay's data directories at the end
  OWNERLESS_JAR=PATH    run this jar instead of building app/target/ownerless.jar
  OWNERLESS_CHROMIUM    Chromium executable (default /usr/bin/chromium)
  SOAK_JAVA_OPTS        JVM options for node and relay (default: none, the JVM's own defaults)

Output: bench/target/soak-YYYYmmddTHHMMSSZ/ (samples.csv, summary.txt, viewer-events.jsonl, logs).
Exit status: 0 PASS, 1 FAIL, 2 usage or missing tool.
EOF
}

case "${1:-}" in -h|--help) usage; exit 0 ;; esac
[ $# -eq 1 ] || { echo "error: expected one argument, HOURS (see: bench/soak.sh --help)" >&2; exit 2; }
arg="$1"
if [[ "$arg" =~ ^([0-9]+)m$ ]]; then
  secs=$(( 10#${BASH_REMATCH[1]} * 60 ))
elif [[ "$arg" =~ ^([0-9]+(\.[0-9]+)?|\.[0-9]+)h?$ ]]; then
  secs=$(python3 -c 'import sys; print(round(float(sys.argv[1]) * 3600))' "${BASH_REMATCH[1]}")
else
  echo "error: HOURS must be a number of hours (2, 0.5, 2h) or minutes (10m), got '$arg' (see: bench/soak.sh --help)" >&2
  exit 2
fi
(( secs >= 120 && secs <= 72 * 3600 )) || { echo "error: HOURS must be 2 minutes to 72 hours, got '$arg'" >&2; exit 2; }
interval="${SOAK_INTERVAL:-60}"; viewers="${SOAK_VIEWERS:-3}"
[[ "$interval" =~ ^[0-9]+$ ]] && (( interval >= 5 && interval <= 600 )) || { echo "error: SOAK_INTERVAL must be 5..600 seconds" >&2; exit 2; }
[[ "$viewers" =~ ^[0-9]+$ ]] && (( viewers >= 1 && viewers <= 8 )) || { echo "error: SOAK_VIEWERS must be 1..8" >&2; exit 2; }
warmup="${SOAK_WARMUP:-300}"
[[ "$warmup" =~ ^[0-9]+$ ]] || { echo "error: SOAK_WARMUP must be whole seconds" >&2; exit 2; }
(( warmup <= secs / 2 )) || warmup=$(( secs / 2 ))
for tool in java jcmd ffmpeg python3 node curl du; do
  command -v "$tool" >/dev/null || { echo "error: needs $tool (Debian: apt-get install -y openjdk-17-jdk-headless ffmpeg python3 nodejs curl)" >&2; exit 2; }
done
chromium="${OWNERLESS_CHROMIUM:-/usr/bin/chromium}"
[ -x "$chromium" ] || { echo "error: no Chromium at $chromium (apt-get install -y chromium, or set OWNERLESS_CHROMIUM)" >&2; exit 2; }

out="$root/bench/target/soak-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
sampler=""
pids=()   # each started in its own session (setsid), so its whole process group can be ended
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "${sampler:-}" ]; then kill -TERM "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true; fi
  local i p
  # In reverse order of start (viewers and verify first, the node last), so nothing reports the
  # shutdown of what it reads as a fault; each gets TERM (the node ends its own ffmpeg, the viewer
  # script its browsers) and up to 10 s, then its whole process group is killed.
  for (( i = ${#pids[@]} - 1; i >= 0; i-- )); do
    p=${pids[$i]}
    kill -TERM "$p" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$p" 2>/dev/null || true
  done
  # Safety net: anything still running whose command line names this run's directory (Chromium's
  # profile is in it, the jar copy too) was started by this run; end it by its pid.
  local proc
  for proc in /proc/[0-9]*; do
    [ "${proc#/proc/}" = "$$" ] && continue
    if { tr '\0' ' ' <"$proc/cmdline"; } 2>/dev/null | grep -qF "$out/"; then kill -KILL "${proc#/proc/}" 2>/dev/null || true; fi
  done
  if [ -z "${SOAK_KEEP_DATA:-}" ]; then rm -rf "$out/node" "$out/relay" "$out/chromium"; fi
  rm -f "$out/ownerless.jar"
  echo "results: $out" >&2
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
start_bg() { # LOGFILE CMD... ; sets $bg to the pid (= process group id) of CMD
  local log="$1"; shift
  setsid "$@" >"$log" 2>&1 </dev/null &
  bg=$!
  pids+=("$bg")
}

# The jar: built once (the launcher's build, under its lock), then copied, so a rebuild in this
# checkout during a long run cannot replace the classes under the running JVMs.
if [ -n "${OWNERLESS_JAR:-}" ]; then
  cp "$OWNERLESS_JAR" "$out/ownerless.jar"
else
  "$root/ownerless" --version >/dev/null
  cp "$root/app/target/ownerless.jar" "$out/ownerless.jar"
fi
jar=(java ${SOAK_JAVA_OPTS:-} -jar "$out/ownerless.jar")
if [ ! -d "$root/bench/viewers-js/node_modules/playwright-core" ]; then
  (cd "$root/bench/viewers-js" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
http=$(free_port); rtmp=$(free_port); relay_port=$(free_port); token=soak-bench-token
ladder=src,144p:144:200
retention=64   # segments per rendition, as the relay's default: the node's disk should plateau
{
  echo "soak $arg (${secs}s), interval ${interval}s, warm-up ${warmup}s, $viewers viewers, started $(date -u +%FT%TZ)"
  echo "commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown), $(java -version 2>&1 | head -1)"
  echo "node: --ladder $ladder --retention $retention --segment-seconds 1; ffmpeg testsrc2 320x180 15 fps; JVM options: ${SOAK_JAVA_OPTS:-none}"
} | tee "$out/run.txt" >&2

start_bg "$out/node.log" "${jar[@]}" node --data "$out/node" --name soak --host 127.0.0.1 --http-port "$http" \
  --rtmp-port "$rtmp" --publish-token "$token" --ladder "$ladder" --retention "$retention" \
  --origin "http://127.0.0.1:$relay_port/"
node_pid=$bg
for _ in $(seq 1 300); do [ -f "$out/node/creator.key" ] && grep -q "Watch" "$out/node.log" && break; sleep 0.2; done
grep -q "Watch" "$out/node.log" || { echo "the node did not start; its log:" >&2; cat "$out/node.log" >&2; exit 1; }
pub="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["publicKey"])' "$out/node/creator.key")"

# The publisher: no -t, it runs until this script ends it; a keyframe every second (one segment).
start_bg "$out/ffmpeg.log" ffmpeg -hide_banner -loglevel error -nostdin -re \
  -f lavfi -i testsrc2=size=320x180:rate=15 -f lavfi -i sine=frequency=440:sample_rate=44100 \
  -pix_fmt yuv420p -c:v libx264 -preset ultrafast -tune zerolatency -g 15 -c:a aac -b:a 64k \
  -f flv "rtmp://127.0.0.1:$rtmp/live/soak?token=$token"
ffmpeg_pid=$bg

start_bg "$out/relay.log" "${jar[@]}" relay --upstream "http://127.0.0.1:$http/" --stream "$pub/soak" \
  --host 127.0.0.1 --http-port "$relay_port" --data "$out/relay"
relay_pid=$bg
stream="http://127.0.0.1:$relay_port/streams/$pub/soak/"
for _ in $(seq 1 300); do curl -sf -o /dev/null "${stream}src/manifest.json" && break; sleep 0.2; done
curl -sf -o /dev/null "${stream}src/manifest.json" || { echo "the relay serves no manifest after 60 s; its log:" >&2; cat "$out/relay.log" >&2; exit 1; }

start_bg "$out/verify.log" "${jar[@]}" verify "$stream" --watch
verify_pid=$bg
watch="http://127.0.0.1:$relay_port/watch/$pub/soak"
echo "watch: $watch" >&2
start_bg "$out/viewers.log" node "$root/bench/soak/viewers.mjs" "$watch" "$viewers" "$out/viewers-status.json" \
  "$out/viewer-events.jsonl" "$out/chromium"
viewers_pid=$bg

# The sampler runs in the background and is waited for: `wait` returns at once when a signal comes,
# so Ctrl-C or a TERM to this script reaches the trap without waiting for the run to end.
python3 "$root/bench/soak/soak.py" run "$out" "$secs" "$interval" "$warmup" "$node_pid" "$relay_pid" \
  "$verify_pid" "$ffmpeg_pid" "$viewers_pid" &
sampler=$!
status=0
wait "$sampler" || status=$?
sampler=""
# The summary is the part of the progress after the last sample line.
sed -n '/^[0-9]* samples over/,$p' "$out/progress.txt" >"$out/summary.txt"
exit "$status"
