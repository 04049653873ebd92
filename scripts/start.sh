#!/usr/bin/env bash
# Starts the Orkestra Backstage app: frontend on http://localhost:3000,
# backend on http://localhost:7007. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh
# shellcheck source=scripts/toolchain.sh
source scripts/toolchain.sh

scripts/prepare-demo.sh

exec yarn start "$@"
