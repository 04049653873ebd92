#!/usr/bin/env bash
# Runs the whole test suite: type checking, lint, the source checks (prettier,
# generated API code, small rooms), every package's tests (which start a real
# docker-registry and PostgreSQL), the browser tests, the release hygiene
# checks and an install into a new Backstage app.
# Ends with the summary line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-system-packages.sh
scripts/install.sh
# shellcheck source=scripts/toolchain.sh
source scripts/toolchain.sh
export CI="${CI:-true}"
export BACKSTAGE_TEST_DISABLE_DOCKER=1

reports=.cache/test-reports
rm -rf "$reports"
mkdir -p "$reports"

step() { printf '\n== %s\n' "$*"; }

step "Type check (tsc)"
yarn tsc

step "Lint (backstage-cli repo lint)"
yarn backstage-cli repo lint

step "Source checks (prettier, generated API code, small rooms: scripts/check-source.sh)"
set +e
scripts/check-source.sh
source_status=$?
set -e

step "Unit and integration tests (jest, on SQLite and a throw-away PostgreSQL)"
# shellcheck source=scripts/test-postgres.sh
source scripts/test-postgres.sh
orkestra_start_test_postgres
set +e
rm -rf coverage
yarn backstage-cli repo test --json --outputFile="$reports/jest.json" \
  --coverage --coverageReporters=json-summary
jest_status=$?
set -e

step "Coverage (statements / branches per package; backend packages at least 90 / 85 %)"
set +e
node scripts/coverage-report.js coverage/coverage-summary.json
coverage_status=$?
set -e

step "Browser tests (Playwright + Chromium, against the app scripts/start.sh serves)"
set +e
PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/e2e.json" yarn playwright test --reporter=list,json 2>&1 | tee "$reports/e2e.log"
e2e_status=${PIPESTATUS[0]}
set -e

step "Release hygiene (repo fix --publish, Backstage release ranges, API reports, unused dependencies)"
set +e
scripts/check-release-hygiene.sh
release_status=$?
set -e

step "Install into a new Backstage app (scripts/check-install.sh)"
set +e
scripts/check-install.sh
install_status=$?
set -e

node scripts/summarize-tests.js "$reports/jest.json" "$reports/e2e.json" \
  "source-checks=$source_status" "release-hygiene=$release_status" "check-install=$install_status"
if [ "$source_status" -ne 0 ] || [ "$jest_status" -ne 0 ] || [ "$e2e_status" -ne 0 ] || [ "$coverage_status" -ne 0 ] ||
  [ "$release_status" -ne 0 ] || [ "$install_status" -ne 0 ]; then
  exit 1
fi
