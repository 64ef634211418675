#!/usr/bin/env bash
# Relay delay at the live edge: a real node fed by a real ffmpeg publisher, and a relay reading it,
# on this machine. For every segment, the time from the node's manifest.json naming it to the
# relay's manifest.json naming it (both files watched on disk every 2 ms, so no HTTP polling of
# ours adds to the figure; the relay itself polls the node over HTTP as in production).
# Prints per-rendition median and p90 and a verdict against the 200 ms target.
# Not a test. Usage: bench/relay-latency.sh [SECONDS] [LADDER]   (defaults: 60, src,360p:360:800)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
secs="${1:-60}"
ladder="${2:-src,360p:360:800}"
for tool in ffmpeg python3 java; do
  command -v "$tool" >/dev/null || { echo "needs $tool (Debian: apt-get install -y ffmpeg python3)" >&2; exit 2; }
done
run=("$root/ownerless")
if [ -n "${OWNERLESS_JAR:-}" ]; then run=(java -jar "$OWNERLESS_JAR"); fi
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
http=18480; rtmp=18935; relay_port=18481; token=relay-bench-token

"${run[@]}" node --data "$work/node" --name bench --host 127.0.0.1 --http-port "$http" --rtmp-port "$rtmp" \
  --publish-token "$token" --ladder "$ladder" >"$work/node.log" 2>&1 &
for _ in $(seq 1 300); do [ -f "$work/node/creator.key" ] && grep -q "Watch" "$work/node.log" && break; sleep 0.2; done
pub="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["publicKey"])' "$work/node/creator.key")"
ffmpeg -hide_banner -loglevel error -nostdin -re -f lavfi -i testsrc2=size=1280x720:rate=30 \
  -f lavfi -i sine=frequency=440:sample_rate=44100 -t "$((secs + 15))" -pix_fmt yuv420p -c:v libx264 \
  -preset veryfast -tune zerolatency -g 60 -c:a aac -b:a 96k -f flv "rtmp://127.0.0.1:$rtmp/live/bench?token=$token" \
  >"$work/ffmpeg.log" 2>&1 &
"${run[@]}" relay --upstream "http://127.0.0.1:$http/" --stream "$pub/bench" --host 127.0.0.1 \
  --http-port "$relay_port" --data "$work/relay" >"$work/relay.log" 2>&1 &

python3 - "$work/node/streams/$pub/bench" "$work/relay/streams/$pub/bench" "$secs" <<'PY'
import json, os, sys, time
node_dir, relay_dir, secs = sys.argv[1], sys.argv[2], float(sys.argv[3])
seen = {}  # (side, rendition, treeSize) -> first time seen
def sizes(d):
    out = {}
    if not os.path.isdir(d):
        return out
    for r in os.listdir(d):
        try:
            with open(os.path.join(d, r, "manifest.json"), "rb") as f:
                out[r] = json.loads(f.read())["treeSize"]
        except (OSError, ValueError, KeyError):
            pass
    return out
start = time.monotonic()
while time.monotonic() - start < secs + 20:
    now = time.monotonic()
    for side, d in (("node", node_dir), ("relay", relay_dir)):
        for r, n in sizes(d).items():
            seen.setdefault((side, r, n), now)
    time.sleep(0.002)
delays = {}
for (side, r, n), t in seen.items():
    if side == "node" and ("relay", r, n) in seen:
        delays.setdefault(r, []).append((seen[("relay", r, n)] - t) * 1000)
def pct(xs, p):
    xs = sorted(xs); return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]
allv = []
for r, xs in sorted(delays.items()):
    xs = xs[1:]  # the first one includes the relay's start-up (announce, window catch-up)
    if not xs:
        continue
    allv += xs
    print(f"{r}: {len(xs)} segments, relay delay median {pct(xs, 50):.0f} ms, p90 {pct(xs, 90):.0f} ms, max {max(xs):.0f} ms")
if not allv:
    print("no segment reached both node and relay; see the logs"); sys.exit(1)
med, p90 = pct(allv, 50), pct(allv, 90)
print(f"all: {len(allv)} segments, median {med:.0f} ms, p90 {p90:.0f} ms -> "
      + ("MEETS" if p90 <= 200 else "MISSES") + " the 200 ms target (p90)")
PY
