#!/usr/bin/env bash
# Checks of the source itself, before any test runs. Every check runs even when
# an earlier one fails; the script exits non-zero when any failed.
#
#   1. formatting                 yarn prettier --check .
#   2. generated API code         scripts/check-generated.sh
#                                 (router types and client regenerated from
#                                 openapi.yaml must equal the committed files)
#   3. small rooms                node scripts/check-rooms.js
#                                 (no source file over 400 lines; store columns
#                                 parsed only in the store)
#
# Run it all:    scripts/check-source.sh
# Run one check: the command in the list above, after `source scripts/toolchain.sh`.
# Fix formatting: yarn prettier --write .
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/toolchain.sh
source scripts/toolchain.sh

FAILED=()
check() {
  local name="$1"
  shift
  echo "==> $name: $*"
  local start=$SECONDS rc=0
  "$@" || rc=$?
  if [ "$rc" -eq 0 ]; then
    echo "<== $name: passed ($((SECONDS - start))s)"
  else
    echo "<== $name: FAILED with exit code $rc ($((SECONDS - start))s)"
    FAILED+=("$name")
  fi
}

check "formatting (prettier --check)" yarn prettier --check --loglevel warn .
check "generated API code (check-generated.sh)" scripts/check-generated.sh
check "small rooms (check-rooms.js)" node scripts/check-rooms.js

if [ "${#FAILED[@]}" -gt 0 ]; then
  echo "FAILED: ${#FAILED[@]} source check(s): $(IFS=';'; echo "${FAILED[*]}")" >&2
  exit 1
fi
echo "All source checks passed."
