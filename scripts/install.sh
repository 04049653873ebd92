#!/usr/bin/env bash
# Installs the JavaScript dependencies exactly as locked, when they are not
# installed yet or the lockfile changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/toolchain.sh
source scripts/toolchain.sh

stamp=node_modules/.orkestra-install-stamp
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(sha256sum yarn.lock | cut -d' ' -f1) $(node -v)" ]; then
  exit 0
fi
echo "install: yarn install --immutable (first run takes a few minutes)" >&2
yarn install --immutable
sha256sum yarn.lock | cut -d' ' -f1 | tr -d '\n' > "$stamp"
printf ' %s' "$(node -v)" >> "$stamp"
