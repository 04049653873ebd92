#!/usr/bin/env bash
# Starts the Orkestra Backstage app: frontend on http://localhost:3000,
# backend on http://localhost:7007. Installs what is missing first.
#   --fresh-demo  starts from the bundled example registry again, dropping
#                 what was published into .demo/ (the browser tests use it)
set -euo pipefail
cd "$(dirname "$0")/.."
fresh=()
if [ "${1:-}" = "--fresh-demo" ]; then
  fresh=(--fresh)
  shift
fi
scripts/install.sh
# shellcheck source=scripts/toolchain.sh
source scripts/toolchain.sh

scripts/prepare-demo.sh "${fresh[@]}"

exec yarn start "$@"
