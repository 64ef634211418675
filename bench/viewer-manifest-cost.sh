#!/usr/bin/env bash
# The viewer's cost per v2 manifest in headless Chromium (parse + root recomputed from window and
# frontier + signature), on manifests as a node publishes them. Not a test: figures go to
# docs/benchmarks.md. Usage: bench/viewer-manifest-cost.sh [RUNS]   (default 200 runs of the live one)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-200}"
(cd "$root" && mvn -q -B -DskipTests -pl bench -am package)
(cd "$root/viewer" && node tools/npm-install.mjs >&2)
(cd "$root/bench/viewers-js" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
samples="$(mktemp -d)"
trap 'rm -rf "$samples"' EXIT
java -cp "$root/bench/target/benchmarks.jar" org.ownerless.bench.ManifestSamples "$samples"
node "$root/bench/viewers-js/manifest-cost.mjs" "$samples" "$runs"
