#!/usr/bin/env bash
# Drift check of the OpenAPI contract: regenerates the backend's router types
# and the common package's client from plugins/orkestra-backend/src/schema/openapi.yaml
# with Backstage's generator, then fails when the committed generated files differ
# (changed, deleted or new files under the generated folders).
#
# The generator (backstage-repo-tools package schema openapi generate) runs the
# OpenAPI Generator jar through @openapitools/openapi-generator-cli, which
# downloads that jar on first use. Where it cannot be downloaded, put it at
# $OPENAPI_GENERATOR_JAR (or at the path printed below) first.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=/dev/null
source scripts/toolchain.sh >/dev/null

BACKEND=plugins/orkestra-backend
COMMON=plugins/orkestra-common
GENERATED=("$BACKEND/src/schema/openapi" "$COMMON/src/schema/openapi")

# The jar version is pinned by repo-tools' openapitools.json; the wrapper keeps it in versions/.
repo_tools=$(node -p "require('path').dirname(require.resolve('@backstage/repo-tools/package.json'))")
cli_dir=$(node -p "require('path').dirname(require.resolve('@openapitools/openapi-generator-cli/package.json', { paths: ['$repo_tools'] }))")
version=$(node -p "require('$repo_tools/openapitools.json')['generator-cli'].version")
jar="$cli_dir/versions/$version.jar"
if [[ ! -f "$jar" && -n "${OPENAPI_GENERATOR_JAR:-}" ]]; then
  mkdir -p "$(dirname "$jar")"
  cp "$OPENAPI_GENERATOR_JAR" "$jar"
fi
if [[ ! -f "$jar" ]]; then
  echo "check-generated: no OpenAPI Generator $version jar at $jar; the generator will try to download it" >&2
  echo "check-generated: (offline, set OPENAPI_GENERATOR_JAR=/path/to/openapi-generator-cli-$version.jar)" >&2
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
(cd "$BACKEND" && yarn run -T backstage-repo-tools package schema openapi generate \
  --server --client-package "../${COMMON#plugins/}") 2>&1 | tee "$log"
# The generator reports some failures on stdout and still exits 0.
if grep -qiE 'generation failed|^Error' "$log"; then
  for dir in "${GENERATED[@]}"; do
    # A failed run leaves its ignore file (and empty folders) behind.
    rm -f "$dir/generated/.openapi-generator-ignore"
    find "$dir" -type d -empty -delete 2>/dev/null || true
  done
  echo "check-generated: the generator failed (see above); without the jar ($jar) it cannot run" >&2
  exit 2
fi

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
  echo "check-generated: the committed generated files differ from $BACKEND/src/schema/openapi.yaml;" >&2
  echo "check-generated: run the generator (see this script) and commit its output" >&2
fi
exit $status
