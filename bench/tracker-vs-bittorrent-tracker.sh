#!/usr/bin/env bash
# Our WebSocket tracker side by side with the npm bittorrent-tracker 11.2.3 (WebSocket only), same
# load generator (org.ownerless.bench.tracker.LoadGenerator), same machine, one run:
#   1. responses/s, server CPU per response and announce->reply latency at 1k and 10k peers, 10
#      offers per announce. Each server is pinned to CPU 0 (taskset); the load comes from one
#      generator process per remaining CPU (at most 4; TRACKER_BENCH_GENERATORS=N overrides), each
#      pinned to its own CPU and holding its share of the peers. On a 2-CPU machine that is one
#      generator on CPU 1: each side gets half the machine. Peers connect first; once every
#      generator reports READY they all start announcing together, warm up for WARMUP seconds (JITs,
#      the first-announce storm) and then measure the same window; their counts are summed.
#      "Server µs CPU per response" is the server process's utime+stime (/proc/PID/stat) over the
#      window divided by the responses in it: unlike responses/s it does not depend on whether the
#      generator or a neighbour process set the pace. Neither server replies to answer messages
#      (ours did before 2026-11-25; the generator asks each server which it does before the run,
#      and the compared figure leaves such replies out);
#   2. memory per connected peer at 10k and 50k idle-ish peers (announce once with offers, hold):
#      server RSS for both, live JVM heap (jcmd GC.run + GC.heap_info) for ours; three runs each,
#      the median run reported (all three printed). TRACKER_BENCH_MEMORY=no skips this part;
#      TRACKER_BENCH_ONLY=heap runs nothing but our live-heap runs (no throughput, no npm server).
#      Each heap sample waits until the server has settled: every announce answered, then a second
#      with no message and no server CPU, then no byte queued in a socket to or from its port
#      (before 2026-12-06 it was taken 2 s after the last reply and could count relays in flight).
# Targets: >= 5x bittorrent-tracker's responses/s, >= 100k responses/s on one core,
# <= 3 KB heap per connected peer. The ownerless side is skipped (and said so) if
# `./ownerless tracker --port P` does not come up; TRACKER_BENCH_SERVER=classes runs the same
# TrackerServer from the module classes instead of building the launcher's jar.
# Not a test. Usage: bench/tracker-vs-bittorrent-tracker.sh [SECONDS_PER_RUN (default 10, max 20)] [WARMUP (default 5)]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
secs="${1:-10}"; (( secs > 20 )) && secs=20
warmup="${2:-5}"
for tool in node npm java mvn taskset; do
  command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 2; }
done
work="$(mktemp -d)"
trap 'st=$?; kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; exit $st' EXIT

echo "building the load generator and installing bittorrent-tracker..." >&2
# The generator (and the fallback StandaloneTracker) are bench tooling: the bench module's classes
# plus its runtime class path, which has the tracker module in it.
# One reactor build, nothing installed into ~/.m2: the class path points at this tree's modules.
# build-classpath writes the same file for every module of the reactor; bench comes last.
(cd "$root" && mvn -q -B -DskipTests -pl bench -am package dependency:build-classpath \
    -Dmdep.includeScope=runtime -Dmdep.outputFile="$work/cp" >&2)
cp="$root/bench/target/classes:$(cat "$work/cp")"
# Quiet Netty's per-handshake DEBUG lines if a logback binding is on the class path.
printf '<configuration><root level="WARN"/></configuration>\n' >"$work/logback.xml"
[ "${TRACKER_BENCH_ONLY:-}" = heap ] || (cd "$root/bench/tracker-js" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2)

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
fds="$(ulimit -n)"
read -r port_lo port_hi </proc/sys/net/ipv4/ip_local_port_range
# One client process and one server process each hold one descriptor per peer, and every peer
# needs its own ephemeral port towards the one server port.
max_peers=$(( fds - 500 )); (( port_hi - port_lo - 1000 < max_peers )) && max_peers=$(( port_hi - port_lo - 1000 ))
cpus=$(nproc)
pin_server=(); pin_load=()
if (( cpus >= 2 )); then pin_server=(taskset -c 0); pin_load=(taskset -c 1); fi
gens=${TRACKER_BENCH_GENERATORS:-$(( cpus > 1 ? (cpus - 1 > 4 ? 4 : cpus - 1) : 1 ))}
gen_pin() { # k -> the taskset prefix of generator k (0-based): CPUs 1..cpus-1 in turn
  (( cpus >= 2 )) && echo "taskset -c $(( 1 + $1 % (cpus - 1) ))"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { # port pid seconds
  for _ in $(seq 1 $(( $3 * 10 ))); do
    kill -0 "$2" 2>/dev/null || return 1
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}
server_pid=""
start_server() { # side pinned?(yes|no) -> sets server_pid, port; returns 1 if it did not come up
  local side=$1 pin=(); port=$(free_port)
  [ "$2" = yes ] && pin=("${pin_server[@]}")
  if [ "$side" = js ]; then
    "${pin[@]}" node "$root/bench/tracker-js/server.js" "$port" >"$work/js.log" 2>&1 &
    server_pid=$!; wait_port "$port" "$server_pid" 20 || return 1
  else
    # OWNERLESS_JAVA_OPTS passes through the launcher; the launcher may build the jar first.
    if [ "$ours_how" = launcher ]; then
      "${pin[@]}" "$root/ownerless" tracker --host 127.0.0.1 --port "$port" --max-connections-per-ip 100000 \
        --offers-per-second 1000000 --offer-burst 1000000 >"$work/ours.log" 2>&1 &
    else
      "${pin[@]}" java ${OWNERLESS_JAVA_OPTS:-} -Dlogback.configurationFile="$work/logback.xml" -cp "$cp" \
          org.ownerless.bench.tracker.StandaloneTracker "$port" >"$work/ours.log" 2>&1 &
    fi
    server_pid=$!; wait_port "$port" "$server_pid" 60 || return 1
  fi
}
stop_server() { [ -n "$server_pid" ] && { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; }; server_pid=""; }
load() { # log-name args...  -> prints the RESULT line
  local name=$1; shift
  "${pin_load[@]}" java -Xms256m -Xmx1g -Dlogback.configurationFile="$work/logback.xml" -cp "$cp" org.ownerless.bench.tracker.LoadGenerator \
      --url "ws://127.0.0.1:$port/announce" --server-pid "$server_pid" "$@" >"$work/$name.out" 2>&1 || true
  sed 's/^/    /' "$work/$name.out" >&2
  grep '^RESULT ' "$work/$name.out" | tail -1
}
field() { sed -n "s/.* $1=\([-0-9.]*\).*/\1/p" <<<"$2"; }
# Throughput with $gens generator processes, each a share of the peers, started together through a
# start file; prints one summed RESULT line. latency is generator 0's (its peers are a random share).
throughput() { # log-name peers
  local name=$1 c=$2 k n go="$work/$1.go" pids=() lines=() waited=0
  rm -f "$go"
  for (( k = 0; k < gens; k++ )); do
    n=$(( c / gens + (k < c % gens ? 1 : 0) ))
    $(gen_pin $k) java -Xms256m -Xmx1g -Dlogback.configurationFile="$work/logback.xml" -cp "$cp" \
        org.ownerless.bench.tracker.LoadGenerator --url "ws://127.0.0.1:$port/announce" --server-pid "$server_pid" \
        --connections "$n" --swarms $(( c / 10 )) --duration "$secs" --warmup "$warmup" \
        --ramp $(( 5000 / gens )) --start-file "$go" >"$work/$name.$k.out" 2>&1 &
    pids+=($!)
  done
  # Every generator connected (or gave up on its stragglers after 120 s): start them all at once.
  until [ "$(cat "$work/$name".*.out 2>/dev/null | grep -c '^READY')" -ge "$gens" ] || (( waited > 1500 )); do
    sleep 0.1; waited=$(( waited + 1 ))
  done
  touch "$go"
  for k in "${pids[@]}"; do wait "$k" || true; done
  for (( k = 0; k < gens; k++ )); do
    sed "s/^/    [gen $k] /" "$work/$name.$k.out" >&2
    lines+=("$(grep '^RESULT ' "$work/$name.$k.out" | tail -1)")
  done
  printf '%s\n' "${lines[@]}" | awk -v gens="$gens" '
    function f(k,   m) { return match($0, " " k "=[-0-9.]+") ? substr($0, RSTART + length(k) + 2, RLENGTH - length(k) - 2) + 0 : 0 }
    /^RESULT / { n++; rps += f("rps"); same += f("rps_same_work"); err += f("errors"); gen += f("gen_cpu");
                 srv += f("server_cpu"); if (n == 1) { p50 = f("p50_ms"); p99 = f("p99_ms") } }
    END { if (n < gens) exit; srv /= n
          printf "RESULT rps=%.0f rps_same_work=%.0f p50_ms=%.2f p99_ms=%.2f errors=%d server_cpu=%.3f gen_cpu=%.3f server_us_per_resp=%.2f gen_us_per_msg=%.2f generators=%d\n",
                 rps, same, p50, p99, err, srv, gen, (same > 0 ? srv * 1e6 / same : -1), (rps > 0 ? gen * 1e6 / rps : -1), n }'
}

declare -A res
ours_ok=yes; ours_how=launcher
[ "${TRACKER_BENCH_SERVER:-launcher}" = classes ] && ours_how=classes
# Build the launcher's jar now (unpinned, untimed) and see whether it has the tracker command. The jar
# bundles every module; if another module does not build right now, run the same TrackerServer from
# the module classes instead (bench's StandaloneTracker: same code, same default JVM flags), and say so.
[ "$ours_how" = launcher ] && { "$root/ownerless" tracker --help >"$work/ours-help.log" 2>&1 || true; }
if [ "$ours_how" = launcher ] && { ! grep -q -- '--port' "$work/ours-help.log" || grep -qi 'unmatched\|unknown' "$work/ours-help.log"; }; then
  echo "note: './ownerless tracker' is not available ($(tail -2 "$work/ours-help.log" | tr '\n' ' ')); running org.ownerless.bench.tracker.StandaloneTracker from bench/target/classes" >&2
  ours_how=classes
fi
heap_only=no; sides=(js ours)
[ "${TRACKER_BENCH_ONLY:-}" = heap ] && { heap_only=yes; sides=(ours); }
[ "$heap_only" = yes ] || for side in js ours; do
  [ "$ours_ok" = no ] && [ "$side" = ours ] && continue
  for c in 1000 10000; do
    echo "== $side: $c peers, ${secs}s, server on one core" >&2
    if ! start_server "$side" yes; then
      stop_server
      if [ "$side" = ours ]; then
        echo "   ownerless tracker did not start (skipped): $(tail -3 "$work/ours.log" | tr '\n' ' ')" >&2
        ours_ok=no; break
      fi
      echo "bittorrent-tracker did not start:" >&2; cat "$work/js.log" >&2; exit 1
    fi
    echo "   load: $(uptime | sed 's/.*load average/load average/')" >&2
    res[$side,$c]=$(throughput "$side-$c" "$c")
    res[$side,load$c]=$(uptime | sed 's/.*load average: //')
    stop_server
  done
done

mem_sizes=(10000 50000)
[ "${TRACKER_BENCH_MEMORY:-yes}" = no ] && mem_sizes=()
for n in "${mem_sizes[@]}"; do
  peers=$n; (( peers > max_peers )) && peers=$max_peers
  for side in "${sides[@]}"; do
    [ "$ours_ok" = no ] && [ "$side" = ours ] && continue
    # Three runs, each on a fresh server; the row is the median run (single runs of the same build
    # moved by up to 15 % here, e.g. when the generator lags and replies queue in the server).
    extra=(); key=rss_per_peer_b; [ "$side" = ours ] && { extra=(--jvm-heap); key=heap_per_peer_b; }
    runs=()
    # Above ~15k peers the ramp plus the first announces' offer storm take longer than 20 s on this
    # machine, and an unsettled run reports no heap figure; the run ends early once settled anyway.
    mem_secs=60; (( peers > 12000 )) && mem_secs=120
    for k in 1 2 3; do
      echo "== $side: memory with $peers idle peers (asked $n), run $k of 3" >&2
      start_server "$side" no || { stop_server; echo "   $side did not start" >&2; continue; }
      r=$(load "$side-mem$n-$k" --idle --connections "$peers" --swarms $(( peers / 10 )) \
          --ramp 2000 --duration "$mem_secs" "${extra[@]}")   # stops early once all peers are in and settled
      stop_server
      [ -n "$r" ] && runs+=("$(field "$key" "$r") $r")
    done
    if (( ${#runs[@]} > 0 )); then
      res[$side,mem$n]=$(printf '%s\n' "${runs[@]}" | sort -n | sed -n "$(( (${#runs[@]} + 1) / 2 ))p" | cut -d' ' -f2-)
      res[$side,memall$n]=$(printf '%s\n' "${runs[@]}" | cut -d' ' -f1 | tr '\n' ' ')
    fi
    res[peers,$n]=$peers
  done
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "-"; else printf "%.2f", a / b }'; }
verdict() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN { if (v == "" || v < 0) print "skipped";
  else if ((op == ">=" && v + 0 >= t) || (op == "<=" && v + 0 <= t)) print "PASS"; else print "FAIL" }'; }
echo
printf '%-40s %14s %20s %8s  %s\n' "measurement" "ownerless" "bittorrent-tracker" "ratio" "target: verdict"
for c in 1000 10000; do
  # Server CPU per response: the comparison that holds whichever side set the pace.
  o=$(field server_us_per_resp "${res[ours,$c]:-}"); j=$(field server_us_per_resp "${res[js,$c]:-}")
  printf '%-40s %14s %20s %8s  %s\n' "server µs CPU per response, $c peers" "${o:-skipped}" "${j:--}" "$(ratio "$j" "$o")" \
      "(ratio: theirs / ours, >=5x: $(verdict "$(ratio "$j" "$o")" 5 '>='))"
  # rps_same_work leaves out replies to answer messages (neither server sends them now), so both
  # servers are credited for the same work; the targets are judged on it.
  o=$(field rps_same_work "${res[ours,$c]:-}"); j=$(field rps_same_work "${res[js,$c]:-}"); r=$(ratio "$o" "$j")
  printf '%-40s %14s %20s %8s  %s\n' "responses/s, $c peers (1 core)" "${o:-skipped}" "${j:--}" "$r" \
      ">=5x: $(verdict "$r" 5 '>='); >=100k/s: $(verdict "${o:-}" 100000 '>=')"
  for q in rps p50_ms p99_ms errors server_cpu gen_cpu gen_us_per_msg; do
    o=$(field $q "${res[ours,$c]:-}"); j=$(field $q "${res[js,$c]:-}")
    label="  $q, $c peers"; [ "$q" = rps ] && label="  all server messages/s, $c peers"
    printf '%-40s %14s %20s %8s\n' "$label" "${o:-skipped}" "${j:--}" "$(ratio "$o" "$j")"
  done
done
for n in "${mem_sizes[@]}"; do
  p=${res[peers,$n]:-$n}
  o=$(field rss_per_peer_b "${res[ours,mem$n]:-}"); j=$(field rss_per_peer_b "${res[js,mem$n]:-}")
  printf '%-40s %14s %20s %8s\n' "RSS bytes/peer, $p idle peers" "${o:-skipped}" "${j:--}" "$(ratio "$o" "$j")"
  o=$(field heap_per_peer_b "${res[ours,mem$n]:-}")
  printf '%-40s %14s %20s %8s  %s\n' "  live heap bytes/peer (ours)" "${o:-skipped}" "n/a" "" "<=3072: $(verdict "${o:-}" 3072 '<=')"
  printf '%-40s %14s %20s\n' "  the three runs (heap ours / RSS theirs)" "${res[ours,memall$n]:--}" "${res[js,memall$n]:--}"
  o=$(field connected "${res[ours,mem$n]:-}"); j=$(field connected "${res[js,mem$n]:-}")
  printf '%-40s %14s %20s\n' "  peers connected" "${o:-skipped}" "${j:--}"
  o=$(field unconnected "${res[ours,mem$n]:-}"); j=$(field unconnected "${res[js,mem$n]:-}")
  printf '%-40s %14s %20s\n' "  peers still connecting at the end" "${o:-skipped}" "${j:--}"
done
(( max_peers < 50000 )) && echo "note: peers capped at $max_peers (ulimit -Hn $fds, ports $port_lo-$port_hi)"
echo "ownerless tracker started via: $ours_how"
printf 'load average after each throughput run: ours 1k %s, 10k %s; bittorrent-tracker 1k %s, 10k %s\n' \
    "${res[ours,load1000]:--}" "${res[ours,load10000]:--}" "${res[js,load1000]:--}" "${res[js,load10000]:--}"
echo "$gens generator process(es) on CPU(s) 1..$(( cpus > 1 ? cpus - 1 : 0 )), servers on CPU 0 for the throughput rows; ${warmup}s warm-up, ${secs}s window; responses = server messages (replies, forwarded offers, relayed answers) without replies to answer messages (if a server sends them); server_cpu/gen_cpu = cores used in the window (1.00 = saturated; gen_cpu summed over generators); gen_us_per_msg = generator CPU per server message"
