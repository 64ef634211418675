#!/usr/bin/env bash
# Installs the system packages the tests use, only those missing. Needs root (or sudo) on Debian.
set -euo pipefail

# command -> Debian package providing it
declare -A packages=(
  [java]=openjdk-17-jdk-headless
  [mvn]=maven
)

missing=()
for cmd in "${!packages[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${packages[$cmd]}")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: everything needed is present"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
