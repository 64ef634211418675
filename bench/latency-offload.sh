#!/usr/bin/env bash
# Latency / P2P-offload curve (issue 8): for each latency mode, `./ownerless demo` (node + built-in
# RTMP test source) and N headless Chromium viewers on loopback watching its page for SECONDS; reports
# the share of segment bytes that came from peers against the limit (N-1)/N, the seconds behind live
# (the viewer's latencySeconds: age of the newest signed manifest + media ahead of the playhead), and
# rejected segments, with a verdict against the targets:
#   low:    <= 4 s behind, >= 0.5 x limit;   normal: <= 10 s behind, >= 0.9 x limit;   0 rejected.
# Not a test. Usage: bench/latency-offload.sh [VIEWERS (default 8)] [SECONDS (default 180)] [MODES (default "low normal")]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
viewers="${1:-8}"; secs="${2:-180}"; modes="${3:-low normal}"
(( viewers >= 2 && viewers <= 16 )) || { echo "VIEWERS must be 2..16" >&2; exit 2; }
(( secs >= 30 && secs <= 600 )) || { echo "SECONDS must be 30..600" >&2; exit 2; }
for tool in node npm java ffmpeg; do command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 2; }; done
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
(cd "$root/bench/viewers-js" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
"$root/ownerless" --version >/dev/null   # build the jar now, outside the measured window

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
for mode in $modes; do
  http=$(free_port); rtmp=$(free_port)
  "$root/ownerless" demo --no-browser --data "$work/demo-$mode" --http-port "$http" --rtmp-port "$rtmp" \
      --latency "$mode" >"$work/demo-$mode.log" 2>&1 &
  demo=$!
  url=""
  for _ in $(seq 1 600); do
    url=$(sed -n 's/^  Watch:  //p' "$work/demo-$mode.log" | head -1)
    [ -n "$url" ] && break
    kill -0 "$demo" 2>/dev/null || { cat "$work/demo-$mode.log" >&2; exit 1; }
    sleep 0.1
  done
  sleep 8   # a few segments before the first viewer
  echo "== $mode: $viewers viewers, ${secs}s, $url" >&2
  result=$(node "$root/bench/viewers-js/viewers.mjs" "$url" "$viewers" "$secs" 30 3000)
  kill "$demo"; wait "$demo" 2>/dev/null || true
  echo "$mode $result"
  node -e '
    const [mode, json] = [process.argv[1], process.argv[2]];
    const r = JSON.parse(json);
    const t = mode === "low" ? { lat: 4, share: 0.5 } : { lat: 10, share: 0.9 };
    const ok = r.latencyP50 != null && r.latencyP50 <= t.lat && r.p2pShare >= t.share * r.limit && r.rejected === 0;
    console.log(`${mode}: behind live p50 ${r.latencyP50?.toFixed(1)} s, p90 ${r.latencyP90?.toFixed(1)} s (target <= ${t.lat} s);` +
      ` from peers ${(100 * r.p2pShare).toFixed(1)} % of bytes, limit ${(100 * r.limit).toFixed(1)} %,` +
      ` ratio ${(r.p2pShare / r.limit).toFixed(2)} (target >= ${t.share}); rejected ${r.rejected};` +
      ` playing ${r.playing}/${r.viewers}: ${ok ? "MET" : "NOT MET"}`);
  ' "$mode" "$result"
done
