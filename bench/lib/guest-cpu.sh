# Sourced by bench scripts whose browsers share the machine with the node they measure. On a deployment
# the viewers are other people's machines and take no CPU from the node; here they share its cores.
# run_as_cpu_guest CMD...: runs CMD (and everything it starts) in a CPU control group with the smallest
# weight, so it gets only what the source, node and transcoder leave, and prints nothing. Niceness is not
# enough: Chromium running as root sets its own processes back to niceness 0 (renderers) or -8 (its
# display threads), measured with top on this machine. Where no cgroup can be made (no permission, no
# cpu controller), falls back to `nice -n 19` and says so on stderr. OWNERLESS_VIEWERS_EQUAL=1 runs CMD
# as it is (the all-equal case).

# One group per script run ($$ is the script's process id, in subshells too).
guest_cpu_name="ownerless-bench-guests-$$"

# The control group's directory (made on first use, idempotent), or nothing where none can be made.
guest_cpu_group_dir() {
  local v1="/sys/fs/cgroup/cpu/$guest_cpu_name" v2="/sys/fs/cgroup/$guest_cpu_name"
  if [ -w /sys/fs/cgroup/cpu ] && mkdir -p "$v1" 2>/dev/null && echo 2 >"$v1/cpu.shares" 2>/dev/null; then
    echo "$v1"                                                    # cgroup v1: 2 is the smallest share
  elif grep -qw cpu /sys/fs/cgroup/cgroup.controllers 2>/dev/null && mkdir -p "$v2" 2>/dev/null \
      && echo 1 >"$v2/cpu.weight" 2>/dev/null; then
    echo "$v2"                                                    # cgroup v2: 1 is the smallest weight
  fi
}

run_as_cpu_guest() {
  if [ "${OWNERLESS_VIEWERS_EQUAL:-0}" = 1 ]; then "$@"; return; fi
  local dir
  dir=$(guest_cpu_group_dir)
  if [ -z "$dir" ]; then
    echo "no CPU control group can be made here: viewers run at niceness 19, which Chromium as root undoes" >&2
    nice -n 19 "$@"
    return
  fi
  sh -c 'echo $$ >"$1/cgroup.procs" && shift && exec "$@"' guest "$dir" "$@"
}

# Removes the control group once its processes are gone (call from the script's exit trap).
remove_cpu_guest_group() {
  local d
  for d in "/sys/fs/cgroup/cpu/$guest_cpu_name" "/sys/fs/cgroup/$guest_cpu_name"; do
    [ -d "$d" ] && rmdir "$d" 2>/dev/null
  done
  return 0
}

# One line for the run header: how the viewers share the CPU.
cpu_guest_description() {
  if [ "${OWNERLESS_VIEWERS_EQUAL:-0}" = 1 ]; then echo "viewers compete as equals";
  elif [ -n "$(guest_cpu_group_dir)" ]; then echo "viewers in a CPU group of the smallest weight";
  else echo "viewers at niceness 19"; fi
}
