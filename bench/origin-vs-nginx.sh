#!/usr/bin/env bash
# Origin throughput side by side with nginx (Debian) on the same files, same machine, one run:
# wrk against a 1 MB segment and a small playlist, at 64 and 1024 connections.
# Both servers are warmed up first (a daemon's JIT warm-up is a one-off; without it the first cell
# measured a cold JVM), then every cell is run ROUNDS times, the two servers alternating which goes
# first, and the medians are compared.
# Not a test. Usage: bench/origin-vs-nginx.sh [SECONDS_PER_RUN] [ROUNDS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
secs="${1:-10}"
rounds="${2:-3}"
[[ "$secs" =~ ^[1-9][0-9]*$ && "$rounds" =~ ^[1-9][0-9]*$ ]] || {
  echo "usage: bench/origin-vs-nginx.sh [SECONDS_PER_RUN] [ROUNDS] (whole numbers, at least 1)" >&2; exit 2; }
for tool in wrk nginx java; do
  command -v "$tool" >/dev/null || { echo "needs $tool (Debian: apt-get install -y wrk nginx)" >&2; exit 2; }
done
(cd "$root" && mvn -q -B -DskipTests -pl bench -am package)
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
dir="$work/data/streams/PUB/show/src"
mkdir -p "$dir" "$work/nginx/logs"
head -c 1000000 /dev/urandom >"$dir/seg-1-000001.ts"
{ echo "#EXTM3U"; echo "#EXT-X-VERSION:3"; echo "#EXT-X-TARGETDURATION:2"; echo "#EXT-X-MEDIA-SEQUENCE:1";
  for i in $(seq 1 10); do echo "#EXTINF:2.000000,"; printf 'seg-1-%06d.ts\n' "$i"; done; } >"$dir/index.m3u8"
chmod -R a+rX "$work"   # nginx workers run as an unprivileged user
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

ours=18081; theirs=18082
java -cp "$root/bench/target/benchmarks.jar" org.ownerless.bench.origin.ServeDir "$work/data" "$ours" >/dev/null &
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes auto;
worker_rlimit_nofile 65536;
error_log $work/nginx/logs/error.log;
pid $work/nginx/nginx.pid;
events { worker_connections 8192; }
http {
  types { application/vnd.apple.mpegurl m3u8; video/mp2t ts; }
  access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000; keepalive_timeout 60;
  server { listen 127.0.0.1:$theirs; root $work/data; etag on;
    location ~ \.ts\$ { add_header Cache-Control "public, max-age=31536000, immutable"; add_header Access-Control-Allow-Origin *; }
    location / { add_header Cache-Control no-cache; add_header Access-Control-Allow-Origin *; } }
}
CONF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' &
for port in $ours $theirs; do
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/streams/PUB/show/src/index.m3u8" >/dev/null && break; sleep 0.1; done
done

# Refuse to measure anything but complete 200 responses of the right size.
for port in $ours $theirs; do
  for f in seg-1-000001.ts index.m3u8; do
    got=$(curl -s -o /dev/null -w '%{http_code} %{size_download}' "http://127.0.0.1:$port/streams/PUB/show/src/$f")
    want="200 $(stat -c %s "$dir/$f")"
    [ "$got" = "$want" ] || { echo "port $port $f: got '$got', want '$want'" >&2; exit 1; }
  done
done

rps() {
  local out
  out=$(wrk -t2 -c"$2" -d"${3:-$secs}s" "$1")
  if grep -qE "Non-2xx|Socket errors" <<<"$out"; then echo "$1 ($2 connections) had errors:" >&2; echo "$out" >&2; fi
  awk '/Requests\/sec/ {print $2}' <<<"$out"
}
median() { tr ' ' '\n' | grep . | sort -g | awk '{v[NR]=$1} END {print (NR % 2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }

echo "warm-up: 5 s per file and server at 64 connections (not counted)"
for f in seg-1-000001.ts index.m3u8; do
  for port in $ours $theirs; do rps "http://127.0.0.1:$port/streams/PUB/show/src/$f" 64 5 >/dev/null; done
done
echo "each cell: $rounds rounds of ${secs} s per server, alternating which goes first; medians (req/s)"
printf '%-28s %12s %12s %8s  %s\n' "request, connections" "ownerless" "nginx" "ratio" "target >= 1.00"
met=0; rows=0
for c in 64 1024; do
  for f in seg-1-000001.ts index.m3u8; do
    ours_runs=""; theirs_runs=""
    for r in $(seq 1 "$rounds"); do
      if (( r % 2 )); then
        ours_runs+=" $(rps "http://127.0.0.1:$ours/streams/PUB/show/src/$f" "$c")"
        theirs_runs+=" $(rps "http://127.0.0.1:$theirs/streams/PUB/show/src/$f" "$c")"
      else
        theirs_runs+=" $(rps "http://127.0.0.1:$theirs/streams/PUB/show/src/$f" "$c")"
        ours_runs+=" $(rps "http://127.0.0.1:$ours/streams/PUB/show/src/$f" "$c")"
      fi
    done
    a=$(median <<<"$ours_runs"); b=$(median <<<"$theirs_runs")
    r=$(echo "$a / $b" | bc -l)
    v=$(awk -v r="$r" 'BEGIN { print (r >= 1 ? "MET" : "NOT MET") }')
    rows=$((rows + 1)); [ "$v" = MET ] && met=$((met + 1))
    printf '%-28s %12s %12s %8.2f  %s   (ours:%s; nginx:%s)\n' "$f, $c" "$a" "$b" "$r" "$v" "$ours_runs" "$theirs_runs"
  done
done
echo "target: ownerless >= nginx req/s (ratio >= 1.00): met in $met of $rows cases"
