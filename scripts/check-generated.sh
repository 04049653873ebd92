#!/usr/bin/env bash
# Drift check of the OpenAPI contract: regenerates the code that follows from
# plugins/orkestra-backend/src/schema/openapi.yaml (`yarn generate:openapi`,
# scripts/generate-openapi.js: the backend's typed router and the common
# package's types) and fails when the committed generated files differ from
# it (changed, deleted or new files under the generated folders).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=/dev/null
source scripts/toolchain.sh >/dev/null

GENERATED=(
  plugins/orkestra-backend/src/schema/openapi/generated
  plugins/orkestra-common/src/api/generated
)

yarn generate:openapi

status=0
if ! git diff --exit-code --stat -- "${GENERATED[@]}"; then
  status=1
fi
untracked=$(git ls-files --others --exclude-standard -- "${GENERATED[@]}")
if [[ -n "$untracked" ]]; then
  echo "check-generated: generated files not committed:" >&2
  echo "$untracked" >&2
  status=1
fi
if [[ $status -ne 0 ]]; then
  echo "check-generated: the committed generated files differ from plugins/orkestra-backend/src/schema/openapi.yaml;" >&2
  echo "check-generated: run \`yarn generate:openapi\` and commit its output" >&2
fi
exit $status
