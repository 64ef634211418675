#!/usr/bin/env bash
# Time to first frame (issue 17): `./ownerless demo` (node + built-in RTMP test source), then RUNS
# times each: a fresh headless Chromium opens the watch page, another one a stock page (plain hls.js +
# p2p-media-loader, the versions the viewer bundles, default settings) playing the node's same master
# playlist, once that browser has finished its own start-up; the time from navigation start to the
# first presented video frame. Prints per-run times,
# the medians and their ratio, with a verdict: the watch page, which verifies the announce, manifest
# and every segment before playing, must take no longer than the stock page (median).
# FIRST_FRAME_RTT_MS=N adds N ms to every request of both pages (Chromium's network emulation): a
# viewer that is not on the server's machine. Default 0 (loopback, the verdict's measure).
# FIRST_FRAME_RETURNING=1 measures each page's second visit in its browser (a returning viewer).
# Not a test. Usage: bench/first-frame.sh [RUNS (default 5)]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
[[ "$runs" =~ ^[0-9]+$ ]] && (( runs >= 1 && runs <= 50 )) || { echo "RUNS must be 1..50" >&2; exit 2; }
for tool in node npm java ffmpeg; do command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 2; }; done
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
(cd "$root/bench/viewers-js" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
# Builds the jar now, outside the measured window; the viewer's npm packages (the stock page is
# bundled from them) are installed by that build.
"$root/ownerless" --version >/dev/null
[ -d "$root/viewer/node_modules/hls.js" ] || (cd "$root/viewer" && node tools/npm-install.mjs >&2)

source "$root/bench/lib/demo.sh"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
http=$(free_port); rtmp=$(free_port)
start_demo "$work/demo.log" --data "$work/demo" --http-port "$http" --rtmp-port "$rtmp"
sleep 8   # a few segments in the playlist before the first page opens
echo "== first frame: $runs runs, $url" >&2
node "$root/bench/viewers-js/first-frame.mjs" "$url" "$runs" "$root/viewer"
