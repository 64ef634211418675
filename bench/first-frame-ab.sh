#!/usr/bin/env bash
# Time to first frame of two builds of the viewer, side by side (issue 17): `bench/first-frame.sh RUNS`
# in this checkout and in OTHER (another checkout, e.g. a git worktree of main), alternating, PAIRS
# times, this one first. Each set compares its own watch page with the stock page in its own browsers,
# so the figure per build is the watch/stock ratio of every run, pooled: medians of these ratios and of
# watch - stock, how often the watch page was the faster, and each set's median. Alternating in one
# sitting is what makes two builds comparable on a shared machine: the same code's medians move by
# about 0.1 between sittings (docs/benchmarks.md).
# Not a test. Usage: bench/first-frame-ab.sh OTHER_CHECKOUT [PAIRS (default 4)] [RUNS (default 8)]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
usage="usage: bench/first-frame-ab.sh OTHER_CHECKOUT [PAIRS 1..20] [RUNS 1..50]"
other="${1:-}"; pairs="${2:-4}"; runs="${3:-8}"
[ -n "$other" ] && [ -x "$other/bench/first-frame.sh" ] || { echo "$usage (OTHER_CHECKOUT must hold bench/first-frame.sh)" >&2; exit 2; }
other="$(cd "$other" && pwd)"
[ "$other" != "$root" ] || { echo "OTHER_CHECKOUT is this checkout: nothing to compare" >&2; exit 2; }
[[ "$pairs" =~ ^[0-9]+$ ]] && (( pairs >= 1 && pairs <= 20 )) || { echo "$usage" >&2; exit 2; }
[[ "$runs" =~ ^[0-9]+$ ]] && (( runs >= 1 && runs <= 50 )) || { echo "$usage" >&2; exit 2; }
command -v python3 >/dev/null || { echo "needs python3" >&2; exit 2; }
logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
for i in $(seq 1 "$pairs"); do
  for side in this other; do
    dir="$root"; [ "$side" = other ] && dir="$other"
    echo "== pair $i/$pairs: $side ($dir), $runs runs" >&2
    # A failed set (a browser that never showed a frame) is reported and left out, not fatal.
    (cd "$dir" && bench/first-frame.sh "$runs" > "$logs/$side-$i.log" 2>&1) || echo "   set failed: see its output below" >&2
    grep -E '^run [0-9]+:' "$logs/$side-$i.log" >&2 || tail -5 "$logs/$side-$i.log" >&2
  done
done
python3 - "$logs" "$root" "$other" <<'PY'
import glob, re, statistics, sys
logs, names = sys.argv[1], {'this': sys.argv[2], 'other': sys.argv[3]}
for side in ('this', 'other'):
    ratios, gaps, sets = [], [], []
    for f in sorted(glob.glob(f'{logs}/{side}-*.log')):
        found = [(int(w), int(s)) for w, s in re.findall(r'^run \d+: watch (\d+) ms, stock (\d+) ms', open(f).read(), re.M)]
        if found:
            sets.append(statistics.median(w / s for w, s in found))
        ratios += [w / s for w, s in found]
        gaps += [w - s for w, s in found]
    if not ratios:
        print(f'{side} ({names[side]}): no run completed')
        continue
    print(f'{side} ({names[side]}): {len(ratios)} runs, per-run ratio watch / stock median {statistics.median(ratios):.3f}, '
          f'watch - stock median {statistics.median(gaps):.1f} ms, watch faster in {sum(r <= 1 for r in ratios)}, '
          f'per-set medians {" ".join(f"{x:.2f}" for x in sets)}')
PY
