#!/usr/bin/env bash
# Origin egress growth (issue 8): how many bytes per second the node's HTTP origin serves as the
# audience grows, in `normal` mode. For each N in the list: `./ownerless demo` (node + built-in RTMP
# source), N headless Chromium viewers on loopback for SECONDS, and the node's own counter
# ownerless_http_bytes_served_total read at the end of the warm-up and at the end of the run.
# Target: near-flat (peers carry the growth). Verdict: 8 viewers cost at most 2x what 1 viewer costs.
# Not a test. Usage: bench/origin-egress.sh [SECONDS (default 120)] [COUNTS (default "1 2 4 8")]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
secs="${1:-120}"; counts="${2:-1 2 4 8}"
(( secs >= 60 && secs <= 600 )) || { echo "SECONDS must be 60..600" >&2; exit 2; }
for tool in node npm java ffmpeg curl; do command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 2; }; done
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
(cd "$root/bench/viewers-js" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
"$root/ownerless" --version >/dev/null
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
served() { curl -sf "http://127.0.0.1:$1/metrics" | sed -n 's/^ownerless_http_bytes_served_total \([0-9.eE+]*\)$/\1/p'; }
warmup=30
declare -A rate
for n in $counts; do
  http=$(free_port); rtmp=$(free_port)
  "$root/ownerless" demo --no-browser --data "$work/demo-$n" --http-port "$http" --rtmp-port "$rtmp" \
      --latency normal >"$work/demo-$n.log" 2>&1 &
  demo=$!
  url=""
  for _ in $(seq 1 600); do
    url=$(sed -n 's/^  Watch:  //p' "$work/demo-$n.log" | head -1); [ -n "$url" ] && break
    kill -0 "$demo" 2>/dev/null || { cat "$work/demo-$n.log" >&2; exit 1; }
    sleep 0.1
  done
  sleep 8
  echo "== $n viewers, ${secs}s" >&2
  node "$root/bench/viewers-js/viewers.mjs" "$url" "$n" "$secs" "$warmup" 2000 >"$work/v-$n.json" &
  viewers=$!
  # Stagger (2 s per viewer) plus the warm-up, then the measured window.
  sleep $(( 2 * n + warmup )); b0=$(served "$http"); t0=$(date +%s.%N)
  wait "$viewers"
  b1=$(served "$http"); t1=$(date +%s.%N)
  kill "$demo"; wait "$demo" 2>/dev/null || true
  rate[$n]=$(python3 -c "print(($b1 - $b0) / ($t1 - $t0))")
  share=$(node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1]));console.log((100*r.p2pShare).toFixed(1))' "$work/v-$n.json")
  printf '%2d viewers: origin %8.1f KB/s, %5s %% of viewer bytes from peers\n' "$n" "$(python3 -c "print(${rate[$n]}/1000)")" "$share"
done
first=$(echo $counts | awk '{print $1}'); last=$(echo $counts | awk '{print $NF}')
python3 - "${rate[$first]}" "${rate[$last]}" "$first" "$last" <<'PY'
import sys
a, b, n0, n1 = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3], sys.argv[4]
ratio = b / a if a else float("inf")
print(f"origin egress {n1} vs {n0} viewers: {ratio:.2f}x (audience {int(n1)//int(n0)}x; target near-flat, <= 2x): {'MET' if ratio <= 2 else 'NOT MET'}")
PY
