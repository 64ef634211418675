#!/usr/bin/env bash
# Origin throughput side by side with nginx (Debian) on the same files, same machine, one run:
# wrk against a 1 MB segment and a small playlist, at 64 and 1024 connections.
# Beside each server's req/s it reports the server's CPU time per response (user + system, from
# /proc, over the same wrk run): req/s on a shared 2-core machine also measures what else ran, the CPU a
# response costs much less so.
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
ours_pid=$!
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
nginx_pid=$!
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

# The processes serving a port: our JVM, or nginx's workers (children of its master).
server_pids() { if [ "$1" = "$ours" ]; then echo "$ours_pid"; else pgrep -P "$nginx_pid" | tr '\n' ' '; fi; }
# CPU ticks (user + system) the processes have used so far.
cpu_ticks() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"; }
hz=$(getconf CLK_TCK)

# "REQ_PER_S US_PER_RESPONSE" of one wrk run against URL $1 with $2 connections.
rps() {
  local out pids before after n
  pids=$(server_pids "$(sed -E 's|^http://[^:]+:([0-9]+)/.*|\1|' <<<"$1")")
  before=$(cpu_ticks $pids)
  out=$(wrk -t2 -c"$2" -d"${3:-$secs}s" "$1")
  after=$(cpu_ticks $pids)
  if grep -qE "Non-2xx|Socket errors" <<<"$out"; then echo "$1 ($2 connections) had errors:" >&2; echo "$out" >&2; fi
  n=$(awk '/requests in/ {print $1}' <<<"$out")
  awk -v r="$(awk '/Requests\/sec/ {print $2}' <<<"$out")" -v t=$((after - before)) -v n="$n" -v hz="$hz" \
    'BEGIN { printf "%s %.0f\n", r, (n > 0 ? t * 1e6 / hz / n : 0) }'
}
median() { tr ' ' '\n' | grep . | sort -g | awk '{v[NR]=$1} END {print (NR % 2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }

echo "warm-up: 5 s per file and server at 64 connections (not counted)"
for f in seg-1-000001.ts index.m3u8; do
  for port in $ours $theirs; do rps "http://127.0.0.1:$port/streams/PUB/show/src/$f" 64 5 >/dev/null; done
done
echo "each cell: $rounds rounds of ${secs} s per server, alternating which goes first; medians"
echo "(req/s; and the server's CPU per response in microseconds, lower is better)"
printf '%-28s %12s %12s %8s  %-8s %16s\n' "request, connections" "ownerless" "nginx" "ratio" "target" "CPU us/response"
met=0; rows=0
for c in 64 1024; do
  for f in seg-1-000001.ts index.m3u8; do
    ours_rps=""; theirs_rps=""; ours_cpu=""; theirs_cpu=""
    for r in $(seq 1 "$rounds"); do
      for who in $( (( r % 2 )) && echo "ours theirs" || echo "theirs ours"); do
        port=$([ "$who" = ours ] && echo "$ours" || echo "$theirs")
        read -r got cost < <(rps "http://127.0.0.1:$port/streams/PUB/show/src/$f" "$c")
        if [ "$who" = ours ]; then ours_rps+=" $got"; ours_cpu+=" $cost"; else theirs_rps+=" $got"; theirs_cpu+=" $cost"; fi
      done
    done
    a=$(median <<<"$ours_rps"); b=$(median <<<"$theirs_rps")
    r=$(echo "$a / $b" | bc -l)
    v=$(awk -v r="$r" 'BEGIN { print (r >= 1 ? "MET" : "NOT MET") }')
    rows=$((rows + 1)); [ "$v" = MET ] && met=$((met + 1))
    printf '%-28s %12s %12s %8.2f  %-8s %7s / %-7s (req/s ours:%s; nginx:%s)\n' "$f, $c" "$a" "$b" "$r" "$v" \
      "$(median <<<"$ours_cpu")" "$(median <<<"$theirs_cpu")" "$ours_rps" "$theirs_rps"
  done
done
echo "target: ownerless >= nginx req/s (ratio >= 1.00): met in $met of $rows cases"
