#!/usr/bin/env python3
"""Sampler and verdict of bench/soak.sh (issue 15).

  soak.py run OUT SECONDS INTERVAL WARMUP NODE_PID RELAY_PID VERIFY_PID FFMPEG_PID VIEWERS_PID
      samples every INTERVAL s for SECONDS into OUT/samples.csv, then prints the summary
  soak.py summary OUT/samples.csv WARMUP
      the summary and verdict of an existing CSV (exit 0 PASS, 1 FAIL)

Per JVM (node, relay): RSS and threads from /proc/PID/status, open descriptors from /proc/PID/fd,
heap in use right after a full GC and metaspace in use (one `jcmd PID -f FILE` running GC.run then
GC.heap_info), bytes under its data directory (du -sb). Plus the running counts: FAIL lines of
`verify --watch`, viewer errors, stalls and warnings (bench/soak/viewers.mjs's status file).
"""
import csv
import json
import os
import re
import subprocess
import sys
import time

ROLES = ("node", "relay")
PER_ROLE = ("rss_kb", "heap_after_gc_kb", "metaspace_kb", "threads", "fds", "disk_bytes")
COUNTS = ("verify_fail_lines", "verify_passes", "viewer_errors", "viewer_stalls", "viewer_stalled_s",
          "viewer_warnings", "viewers_playing", "viewer_verified_segments")

# The flatness rule: least-squares slope per hour over the samples after the warm-up, growth only
# (a falling value passes). Allowed: max(absolute, relative x the post-warm-up mean) per hour.
TOLERANCE = {
    "rss_kb": (16 * 1024, 0.10),          # 16 MiB/h or 10 %/h of RSS
    "heap_after_gc_kb": (2 * 1024, 0.05),  # 2 MiB/h or 5 %/h of the live heap
    "metaspace_kb": (1024, 0.02),          # 1 MiB/h or 2 %/h (classes loaded)
    "threads": (2, 0.0),                   # 2 threads/h
    "fds": (5, 0.0),                       # 5 descriptors/h
    "disk_bytes": (1 << 20, 0.05),         # 1 MiB/h or 5 %/h: retention keeps a window, so a plateau
}


def status_value(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return None


def heap_after_gc(pid, cmdfile):
    """(heap used KB, metaspace used KB) right after a full GC, or (None, None)."""
    try:
        out = subprocess.run(["jcmd", str(pid), "-f", cmdfile], capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None, None
    heap = re.search(r"heap\s+total \d+K, used (\d+)K", out)
    meta = re.search(r"Metaspace\s+used (\d+)K", out)
    return (int(heap.group(1)) if heap else None), (int(meta.group(1)) if meta else None)


def du(path):
    try:
        out = subprocess.run(["du", "-sb", path], capture_output=True, text=True, timeout=60).stdout
        return int(out.split()[0])
    except (OSError, ValueError, IndexError, subprocess.TimeoutExpired):
        return None


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[-1][0] != "Z"
    except OSError:
        return False


def sample_role(pid, data_dir, cmdfile):
    if not alive(pid):
        return {k: None for k in PER_ROLE}
    heap, meta = heap_after_gc(pid, cmdfile)
    try:
        fds = len(os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        fds = None
    try:
        rss, threads = status_value(pid, "VmRSS"), status_value(pid, "Threads")
    except OSError:
        rss = threads = None
    return {"rss_kb": rss, "heap_after_gc_kb": heap, "metaspace_kb": meta, "threads": threads,
            "fds": fds, "disk_bytes": du(data_dir)}


def verify_counts(log):
    fails = passes = 0
    try:
        with open(log, errors="replace") as f:
            for line in f:
                if line.startswith("FAIL"):
                    fails += 1
                elif line.startswith("OK"):
                    passes += 1
    except OSError:
        pass
    return fails, passes


def viewer_counts(status_file):
    try:
        with open(status_file) as f:
            vs = json.load(f)["viewers"]
    except (OSError, ValueError, KeyError):
        return {}
    return {
        "viewer_errors": sum(v["errors"] for v in vs),
        "viewer_stalls": sum(v["stalls"] for v in vs),
        "viewer_stalled_s": round(sum(v["stalledSeconds"] for v in vs), 1),
        "viewer_warnings": sum(v["warnings"] for v in vs),
        "viewers_playing": sum(1 for v in vs if v["state"] == "playing"),
        "viewer_verified_segments": sum(v["verifiedSegments"] for v in vs),
    }


def run(out, seconds, interval, warmup, node_pid, relay_pid, verify_pid, ffmpeg_pid, viewers_pid):
    cmdfile = os.path.join(out, "jcmd-gc.txt")
    with open(cmdfile, "w") as f:
        f.write("GC.run\nGC.heap_info\n")
    path = os.path.join(out, "samples.csv")
    fields = ["utc", "elapsed_s"] + [f"{r}_{k}" for r in ROLES for k in PER_ROLE] + list(COUNTS) + ["down"]
    pids = {"node": node_pid, "relay": relay_pid}
    data = {"node": os.path.join(out, "node"), "relay": os.path.join(out, "relay")}
    start = time.monotonic()
    n = 0
    log = Tee(os.path.join(out, "progress.txt"))
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        while True:
            elapsed = time.monotonic() - start
            row = {"utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "elapsed_s": round(elapsed)}
            for r in ROLES:
                for k, v in sample_role(pids[r], data[r], cmdfile).items():
                    row[f"{r}_{k}"] = v
            row["verify_fail_lines"], row["verify_passes"] = verify_counts(os.path.join(out, "verify.log"))
            row.update(viewer_counts(os.path.join(out, "viewers-status.json")))
            down = [name for name, pid in (("node", node_pid), ("relay", relay_pid), ("verify", verify_pid),
                                           ("ffmpeg", ffmpeg_pid), ("viewers", viewers_pid)) if not alive(pid)]
            row["down"] = " ".join(down)
            w.writerow(row)
            f.flush()
            print(f"{row['utc']} +{row['elapsed_s']:>5}s node rss {fmt_kb(row['node_rss_kb'])} heap {fmt_kb(row['node_heap_after_gc_kb'])}"
                  f" thr {row['node_threads']} fd {row['node_fds']} disk {fmt_b(row['node_disk_bytes'])} | relay rss"
                  f" {fmt_kb(row['relay_rss_kb'])} heap {fmt_kb(row['relay_heap_after_gc_kb'])} thr {row['relay_threads']}"
                  f" fd {row['relay_fds']} disk {fmt_b(row['relay_disk_bytes'])} | verify FAIL {row['verify_fail_lines']}"
                  f" | viewers err {row.get('viewer_errors')} stalls {row.get('viewer_stalls')} playing"
                  f" {row.get('viewers_playing')}" + (f" | DOWN: {row['down']}" if down else ""), file=log, flush=True)
            n += 1
            if "node" in down or "relay" in down or elapsed >= seconds:
                break
            # Samples on a fixed grid from the start, whatever each one took.
            time.sleep(max(0.0, min(start + n * interval, start + seconds) - time.monotonic()))
    sys.stdout = log  # the summary goes to the progress file too
    try:
        return summary(path, warmup)
    finally:
        log.flush()
        sys.stdout = log.out


class Tee:
    """Writes to stdout and to a file, line by line."""

    def __init__(self, path):
        self.out = sys.stdout
        self.file = open(path, "a")

    def write(self, text):
        self.out.write(text)
        self.file.write(text)

    def flush(self):
        self.out.flush()
        self.file.flush()


def fmt_kb(v):
    return "-" if v in (None, "") else f"{float(v) / 1024:.1f}M"


def fmt_b(v):
    return "-" if v in (None, "") else f"{float(v) / 1048576:.1f}M"


def slope_per_hour(points):
    n = len(points)
    if n < 2:
        return None
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    if sxx == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in points) / sxx * 3600


def num(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


UNIT = {"rss_kb": ("MiB", 1 / 1024), "heap_after_gc_kb": ("MiB", 1 / 1024), "metaspace_kb": ("MiB", 1 / 1024),
        "threads": ("", 1), "fds": ("", 1), "disk_bytes": ("MiB", 1 / 1048576)}


def summary(path, warmup):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        print("FAIL: no samples")
        return 1
    last = rows[-1]
    span = num(last["elapsed_s"]) or 0
    measured = [r for r in rows if num(r["elapsed_s"]) >= warmup]
    print(f"\n{len(rows)} samples over {span / 60:.1f} min; slopes from the {len(measured)} samples after the"
          f" {warmup / 60:.1f}-min warm-up (least squares, per hour; growth allowed: max(absolute, relative x mean))")
    print("| process | metric | first | last | slope / h | allowed / h | |")
    print("|---|---|---:|---:|---:|---:|---|")
    problems, slopes = [], []
    for r in ROLES:
        for k in PER_ROLE:
            col = f"{r}_{k}"
            unit, scale = UNIT[k]
            pts = [(num(x["elapsed_s"]), num(x[col])) for x in measured if num(x[col]) is not None]
            vals = [num(x[col]) for x in rows if num(x[col]) is not None]
            if len(pts) < 3:
                problems.append(f"{r} {k}: fewer than 3 samples after the warm-up")
                print(f"| {r} | {k} | - | - | - | - | too few samples |")
                continue
            s = slope_per_hour(pts)
            mean = sum(y for _, y in pts) / len(pts)
            absolute, relative = TOLERANCE[k]
            allowed = max(absolute, relative * mean)
            ok = s <= allowed
            fmt = (lambda v: f"{v * scale:.1f} {unit}".strip()) if unit else (lambda v: f"{v * scale:.1f}")
            print(f"| {r} | {k} | {fmt(vals[0]) if unit else int(vals[0])} | {fmt(vals[-1]) if unit else int(vals[-1])}"
                  f" | {s * scale:+.2f} {unit} | {allowed * scale:.1f} {unit} | {'flat' if ok else 'GROWS'} |")
            slopes.append(f"{r} {k.replace('_kb', '').replace('_bytes', '')} {s * scale:+.1f}{unit}/h")
            if not ok:
                problems.append(f"{r} {k} grows {s * scale:+.2f} {unit}/h (allowed {allowed * scale:.1f})")
    ints = lambda k: int(num(last.get(k)) or 0)
    fails, passes = ints("verify_fail_lines"), ints("verify_passes")
    errors, stalls, warnings = ints("viewer_errors"), ints("viewer_stalls"), ints("viewer_warnings")
    playing = ints("viewers_playing")
    stalled_s = num(last.get("viewer_stalled_s")) or 0
    print(f"\nverify --watch: {fails} FAIL lines, {passes} OK lines; viewers: {errors} errors, {stalls} stalls"
          f" ({stalled_s:.1f} s stalled in all), {warnings} warnings, {playing} playing at the end,"
          f" {ints('viewer_verified_segments')} segments verified and played")
    if fails:
        problems.append(f"{fails} failed verifications")
    if passes == 0:
        problems.append("verify --watch printed no OK pass")
    if errors:
        problems.append(f"{errors} viewer errors")
    down = [d for r in rows for d in (r.get("down") or "").split()]
    if down:
        problems.append("not running at some sample: " + " ".join(sorted(set(down))))
    viewers_total = None
    try:
        with open(os.path.join(os.path.dirname(path), "viewers-status.json")) as f:
            viewers_total = len(json.load(f)["viewers"])
    except (OSError, ValueError, KeyError):
        pass
    if viewers_total is None or playing < viewers_total:
        problems.append(f"{playing}/{viewers_total} viewers playing at the end")
    window = (span - warmup) / 60
    if window < 60:
        print(f"note: the slopes come from a {window:.0f}-min window; over so short a run they are mostly noise"
              f" (JIT, heap sizing, connection churn); the soak the issue asks for is >= 2 h")
    if problems:
        print("FAIL: " + "; ".join(problems))
        return 1
    print(f"PASS: flat ({', '.join(slopes)}), 0 failed verifications, 0 viewer errors"
          f" ({stalls} stalls, {warnings} warnings), {playing} viewers playing at the end")
    return 0


def main(argv):
    if len(argv) >= 2 and argv[1] == "run" and len(argv) == 11:
        out = argv[2]
        seconds, interval, warmup = float(argv[3]), float(argv[4]), float(argv[5])
        return run(out, seconds, interval, warmup, *(int(a) for a in argv[6:11]))
    if len(argv) == 4 and argv[1] == "summary":
        return summary(argv[2], float(argv[3]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except KeyboardInterrupt:
        sys.exit(130)
