#!/usr/bin/env bash
# Prepares the demo's working folder: a copy of the bundled example registry
# in the ignored .demo/ folder, so publishing from the demo never changes the
# checkout. An existing copy is kept, unless --fresh is given (the browser
# tests use it, so every run starts from the bundled examples).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .demo
if [ "${1:-}" = "--fresh" ]; then
  rm -rf .demo/registry
fi
if [ ! -d .demo/registry ]; then
  cp -R examples/registry .demo/registry
fi
