#!/usr/bin/env bash
# Exercises the real launcher and jar the way a user would: keygen -> announce -> verify, plus the
# failure paths and exit codes PRODUCT.md promises. Prints "N passed, N failed" and fails on any failure.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0; failed=0

check() { # description, expected exit code, command...
  local what="$1" want="$2"; shift 2
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  if [ "$got" -eq "$want" ] && ! grep -q 'Exception\|\bat org\.' "$work/err"; then
    passed=$((passed + 1)); echo "ok   $what"
  else
    failed=$((failed + 1)); echo "FAIL $what (exit $got, wanted $want)"; sed 's/^/     /' "$work/out" "$work/err"
  fi
}

ol="$root/ownerless"
check "keygen writes a key"                 0 "$ol" keygen --out "$work/creator.key"
pub="$(cat "$work/out")"
check "public key is 43 base64url chars"    0 grep -Eq '^[A-Za-z0-9_-]{43}$' <<<"$pub"
check "key file is owner-only (600)"        0 test "$(stat -c %a "$work/creator.key")" = 600
check "keygen refuses to overwrite"         2 "$ol" keygen --out "$work/creator.key"
check "keygen --force overwrites"           0 "$ol" keygen --out "$work/creator.key" --force
pub="$(cat "$work/out")"
check "announce writes a signed announce"   0 "$ol" announce --key "$work/creator.key" --name demo --title "Smoke" \
  --origin http://127.0.0.1:8080 --tracker ws://127.0.0.1:8080/announce --lightning tips@example.com \
  --evm 0x52908400098527886E0F7030069857D2E4169EE7 --chain-id 1 --ttl 1h --out "$work/announce.json"
check "verify accepts it"                   0 "$ol" verify "$work/announce.json" --pubkey "$pub"
sed 's/Smoke/Smoka/' "$work/announce.json" >"$work/tampered.json"
check "verify rejects a changed byte"       1 "$ol" verify "$work/tampered.json"
cp "$work/out" "$work/verdict"
check "the rejection names the problem"     0 grep -q 'FAIL.*BAD_SIGNATURE' "$work/verdict"
printf '{"type":' >"$work/broken.json"
check "malformed JSON is a usage error"     2 "$ol" verify "$work/broken.json"
check "a missing file is a usage error"     2 "$ol" verify "$work/nope.json"
echo 'not a key' >"$work/bad.key"; chmod 600 "$work/bad.key"
check "a bad key file is a usage error"     2 "$ol" announce --key "$work/bad.key" --name demo --out "$work/x.json"
check "--help works"                        0 "$ol" verify --help
for cmd in node tracker relay demo; do
  check "$cmd --help works"                  0 "$ol" "$cmd" --help
done
check "relay without --stream is a usage error" 2 "$ol" relay --upstream http://127.0.0.1:9/
# The launcher lets --ffmpeg through without ffmpeg on PATH; the node itself then checks the program.
check "node --ffmpeg naming no program is a usage error" 2 "$ol" node --ffmpeg "$work/no-ffmpeg" --data "$work/node"
cp "$work/err" "$work/verdict"
check "the error names the --ffmpeg value"  0 grep -q "no-ffmpeg.* is not an executable" "$work/verdict"

echo "smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
