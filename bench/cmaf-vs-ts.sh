#!/usr/bin/env bash
# fMP4/CMAF vs MPEG-TS (issue 16): the bytes the node publishes for the same source and ladder in
# each --segment-format. One 60 s 320x180 source (testsrc2 + a 440 Hz tone, x264 keyframe every
# 2 s) is made once; for each format and run a real node (--ladder src,144p:144:200
# --segment-seconds 2) is fed it over RTMP in real time by ffmpeg, and when the stream has ended the
# published media of each rendition is summed: seg-*.ts, or seg-*.m4s plus init-*.mp4 (each init is
# one content-addressed file however many segments use it). Prints per rendition the median of RUNS
# runs and the saving. Not a test. Usage: bench/cmaf-vs-ts.sh [RUNS (default 3)]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
(( runs >= 1 && runs <= 9 )) || { echo "RUNS must be 1..9" >&2; exit 2; }
for tool in java ffmpeg python3; do command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 2; }; done
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
"$root/ownerless" --version >/dev/null
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

ffmpeg -hide_banner -loglevel error -f lavfi -i testsrc2=size=320x180:rate=25 \
  -f lavfi -i sine=frequency=440:sample_rate=48000 -t 60 -c:v libx264 -preset veryfast -b:v 500k \
  -g 50 -keyint_min 50 -sc_threshold 0 -c:a aac -b:a 96k -f flv "$work/source.flv"

# Bytes of each rendition's published segments (+ inits), one line "REND BYTES".
published() {
  find "$1/streams" -mindepth 4 -maxdepth 4 -type f \( -name 'seg-*.ts' -o -name 'seg-*.m4s' -o -name 'init-*.mp4' \) \
    -printf '%h %s\n' | awk '{ n = split($1, p, "/"); sum[p[n]] += $2 } END { for (r in sum) print r, sum[r] }' | sort
}

for fmt in ts fmp4; do
  for i in $(seq 1 "$runs"); do
    data="$work/$fmt-$i"; http=$(free_port); rtmp=$(free_port)
    "$root/ownerless" node --data "$data" --name show --host 127.0.0.1 --http-port "$http" --rtmp-port "$rtmp" \
      --publish-token bench-token --ladder src,144p:144:200 --segment-seconds 2 --segment-format "$fmt" \
      --end-after 5s >"$data.log" 2>&1 &
    node=$!
    for _ in $(seq 1 300); do
      grep -q 'Watch:' "$data.log" 2>/dev/null && break
      kill -0 "$node" 2>/dev/null || { cat "$data.log" >&2; exit 1; }
      sleep 0.1
    done
    ffmpeg -hide_banner -loglevel error -re -i "$work/source.flv" -c copy -f flv \
      "rtmp://127.0.0.1:$rtmp/live/show?token=bench-token"
    # The stream is over when the announce says ended (--end-after after the publisher left).
    for _ in $(seq 1 300); do
      find "$data/streams" -name announce.json -newer "$work/source.flv" -exec grep -l '"status":"ended"' {} + \
        2>/dev/null | grep -q . && break
      sleep 0.2
    done
    kill "$node"; wait "$node" 2>/dev/null || true
    published "$data" | sed "s/^/$fmt $i /" | tee -a "$work/sizes.txt" >&2
  done
done

python3 - "$work/sizes.txt" <<'PY'
import statistics, sys
sizes = {}
for line in open(sys.argv[1]):
    fmt, _, rend, n = line.split()
    sizes.setdefault((rend, fmt), []).append(int(n))
for rend in sorted({r for r, _ in sizes}):
    ts = statistics.median(sizes[(rend, "ts")]); mp4 = statistics.median(sizes[(rend, "fmp4")])
    print(f"{rend:>5}: ts {ts/1e6:7.3f} MB, fmp4 {mp4/1e6:7.3f} MB, fmp4 saves {100*(ts-mp4)/ts:5.1f} % "
          f"(medians of {len(sizes[(rend, 'ts')])} runs)")
PY
