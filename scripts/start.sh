#!/usr/bin/env bash
# Starts the Orkestra Backstage app: frontend on http://localhost:3000,
# backend on http://localhost:7007. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh
# shellcheck source=scripts/toolchain.sh
source scripts/toolchain.sh

# The demo works on a copy of the bundled example registry, so publishing
# from the demo never changes the checkout. Delete .demo/ to start afresh.
if [ -d examples/registry ] && [ ! -d .demo/registry ]; then
  mkdir -p .demo
  cp -R examples/registry .demo/registry
fi
mkdir -p .demo

exec yarn start "$@"
