#!/usr/bin/env bash
# Runs every test on a fresh Debian machine: installs what is missing, then the Maven suite
# (unit, property, integration tests) and the launcher smoke test.
#
# The suite spends most of its time waiting on real time (live segments, playback, publishers at 1x),
# not on the CPU: the app module's tests alone take about two thirds of it. So once everything is
# built, the app module's tests run beside the other modules' (those niced, so the browsers and
# encoders of the app tests come first), and each part's output is printed whole, one after the other.
# OWNERLESS_TEST_SERIAL=1 runs the plain `mvn verify` instead.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/install-deps.sh

echo "== Maven: every module's tests, end-to-end ones (tag e2e) included"
if [ "${OWNERLESS_TEST_SERIAL:-0}" = 1 ]; then
  mvn -B -ntp verify -Dtest.excludedTags=none
else
  echo "-- build and install every module, tests left for the next two steps"
  mvn -B -ntp -q install -DskipTests
  logs="$(mktemp -d)"
  trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$logs"' EXIT
  echo "-- the app module's tests (printed below as they run), beside every other module's (printed after)"
  nice -n 5 mvn -B -ntp -pl '!app' verify -Dtest.excludedTags=none >"$logs/modules.log" 2>&1 &
  modules=$!
  app=0
  mvn -B -ntp -pl app verify -Dtest.excludedTags=none || app=$?
  rest=0
  wait "$modules" || rest=$?
  echo "== The other modules' tests (ran beside the app module's)"
  cat "$logs/modules.log"
  if [ "$app" -ne 0 ] || [ "$rest" -ne 0 ]; then
    echo "== FAILED: app module exit $app, other modules exit $rest" >&2
    exit 1
  fi
fi

echo "== Launcher smoke test (the real ./ownerless script and jar)"
bash scripts/smoke-cli.sh
