#!/usr/bin/env bash
# Runs every test on a fresh Debian machine: installs what is missing, then the Maven suite
# (unit, property, integration tests) and the launcher smoke test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/install-deps.sh

echo "== Maven: every module's tests, end-to-end ones (tag e2e) included"
mvn -B -ntp verify -Dtest.excludedTags=none

echo "== Launcher smoke test (the real ./ownerless script and jar)"
bash scripts/smoke-cli.sh
