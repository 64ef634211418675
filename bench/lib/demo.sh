# Sourced (not run) by the bench scripts that measure a running `./ownerless demo`: first-frame.sh and
# latency-offload.sh. One start-up for both, so a change in what the demo prints reaches every script.

demo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# start_demo LOG [DEMO OPTION...]: starts `ownerless demo --no-browser OPTION...` in the background with
# its output in LOG and waits, up to 60 s, for the "  Watch:  " line it prints once the node serves.
# Sets the caller's demo (the process id, to kill when done) and url (the watch page). Ends the script,
# showing the log, if the demo dies first or never prints the line.
start_demo() {
  local log="$1"
  shift
  "$demo_root/ownerless" demo --no-browser "$@" >"$log" 2>&1 &
  demo=$!
  url=""
  for _ in $(seq 1 600); do
    url=$(sed -n 's/^  Watch:  //p' "$log" | head -1)
    [ -n "$url" ] && return 0
    kill -0 "$demo" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.1
  done
  echo "the demo printed no watch URL" >&2
  exit 1
}
