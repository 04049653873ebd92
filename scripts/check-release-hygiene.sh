#!/usr/bin/env bash
# Release hygiene of the six published packages, checked the way
# backstage/community-plugins checks its workspaces in CI. Every check runs
# even when an earlier one fails; the script exits non-zero when any failed.
#
#   1. package.json metadata      yarn backstage-cli repo fix --publish --check
#   2. Backstage release ranges   node scripts/backstage-release.js --check
#                                 (every @backstage range accepted by the release
#                                 in backstage.json)
#   3. API reports                yarn build:api-reports:only --ci --tsc
#                                 (report*.api.md up to date, no warnings such as
#                                 a missing release tag or a forgotten export)
#   4. knip reports               yarn build:knip-reports --ci
#                                 (knip-report.md up to date: no unused or
#                                 unlisted dependencies)
#
# Step 3 compiles its own declarations (--tsc: dist-types removed, then a full
# `tsc` of the six packages), exactly as `yarn build:api-reports` does when it
# writes the reports. After an incremental `yarn tsc`, or a `tsc` of the whole
# repository, TypeScript may print the members of inferred unions in another
# order, and the check would fail on reports that are in fact up to date.
#
# Run it all:    scripts/check-release-hygiene.sh
# Run one check: the command in the list above, from the repository root after
#                `source scripts/toolchain.sh`.
# Fix reports:   yarn build:api-reports / yarn build:knip-reports, then commit
#                the changed report*.api.md / knip-report.md.
# Nothing is written except dist-types.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/toolchain.sh
source scripts/toolchain.sh

FAILED=()
SUMMARY=()

# step <name> <command...>: runs the command, prints its duration, records failure.
step() {
  local name="$1"
  shift
  echo
  echo "==> $name: $*"
  local start=$SECONDS rc=0
  "$@" || rc=$?
  local took=$((SECONDS - start))
  if [ "$rc" -eq 0 ]; then
    echo "<== $name: passed (${took}s)"
    SUMMARY+=("passed  ${took}s  $name")
  else
    echo "<== $name: FAILED with exit code $rc (${took}s)"
    SUMMARY+=("FAILED  ${took}s  $name")
    FAILED+=("$name")
  fi
}

step "package.json metadata (repo fix --publish --check)" \
  yarn backstage-cli repo fix --publish --check
step "Backstage release ranges (backstage-release.js --check)" \
  node scripts/backstage-release.js --check
step "API reports (build:api-reports:only --ci --tsc)" \
  yarn build:api-reports:only --ci --tsc
# repo-tools writes knip.json at the root and removes it only on success.
knip_config_existed=false
[ -e knip.json ] && knip_config_existed=true
step "knip reports (build:knip-reports --ci)" \
  yarn build:knip-reports --ci
[ "$knip_config_existed" = true ] || rm -f knip.json

echo
echo "Release hygiene summary:"
printf '  %s\n' "${SUMMARY[@]}"
if [ "${#FAILED[@]}" -gt 0 ]; then
  echo "FAILED: ${#FAILED[@]} check(s): $(IFS=';'; echo "${FAILED[*]}")" >&2
  exit 1
fi
echo "All release hygiene checks passed."
