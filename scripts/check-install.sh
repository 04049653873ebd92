#!/usr/bin/env bash
# Proves that the six packages install into a new Backstage app with the steps
# the READMEs give, and work there:
#
#   1. build and pack the six packages (`yarn pack`)
#   2. serve the tarballs from a local stand-in for npmjs.com (the packages are
#      not published yet); nothing else is served from it
#   3. create an app with the @backstage/create-app version built for the
#      release in backstage.json, in a temporary folder
#   4. seed its yarn.lock with this repository's (create-app's own seed is on
#      GitHub, out of reach here)
#   5-9. the "Install into your portal" steps of the README, unchanged
#   10. assert one version each of the *-plugin-api packages (`yarn why`)
#   11. type check the new app (`yarn tsc`)
#   12. build its frontend
#   13. start its backend on a free port, serving that frontend
#   14. assert the examples in /api/orkestra/patterns, the pattern entities
#       in the catalog and the orkestra:* actions in the scaffolder
#   15. open its Orkestra page in Chromium
#
# Run it alone with `scripts/check-install.sh` (after `scripts/install.sh`;
# about 15 minutes on two cores, less once the Yarn cache is warm).
# ORKESTRA_CHECK_INSTALL_KEEP=1 keeps the new app (its path is printed).
# Yarn's global cache and npm's cache are reused between runs; the new app,
# the tarballs and the build are made fresh every time.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/toolchain.sh
source scripts/toolchain.sh

HERE="$ROOT/scripts/check-install"
OUT="$ROOT/.cache/check-install"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/orkestra-check-install.XXXXXX")"
APP="$WORK/portal"
mkdir -p "$OUT" "$WORK/packs"
rm -f "$OUT"/*.log "$OUT"/*.png

PACKAGES=(
  orkestra-common:@orkspace/backstage-plugin-orkestra-common
  orkestra-node:@orkspace/backstage-plugin-orkestra-node
  orkestra-backend:@orkspace/backstage-plugin-orkestra-backend
  catalog-backend-module-orkestra:@orkspace/backstage-plugin-catalog-backend-module-orkestra
  scaffolder-backend-module-orkestra:@orkspace/backstage-plugin-scaffolder-backend-module-orkestra
  orkestra:@orkspace/backstage-plugin-orkestra
)
BACKEND_PACKAGES="@orkspace/backstage-plugin-orkestra-backend @orkspace/backstage-plugin-catalog-backend-module-orkestra @orkspace/backstage-plugin-scaffolder-backend-module-orkestra"

pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill -- -"$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
  if [ "${ORKESTRA_CHECK_INSTALL_KEEP:-}" = 1 ]; then
    echo "kept the new app in $APP"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT

started=$SECONDS
step_no=0
step_started=$SECONDS
timings=()
finish_step() {
  if [ "$step_no" -gt 0 ]; then
    local took=$((SECONDS - step_started))
    timings+=("$(printf '%3d s  %s' "$took" "$step_name")")
    printf '   (%d s)\n' "$took"
  fi
}
step() {
  finish_step
  step_no=$((step_no + 1))
  step_name="$step_no. $*"
  step_started=$SECONDS
  printf '\n-- %s\n' "$step_name"
}
# Runs a command with its output in a log file, shown only when it fails.
quiet() {
  local log="$OUT/$1.log"
  shift
  if ! "$@" >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "FAILED: $* (full log: $log)"
    exit 1
  fi
}
free_port() {
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

step "Build and pack the six packages"
quiet tsc yarn tsc
for entry in "${PACKAGES[@]}"; do
  dir="${entry%%:*}"
  name="${entry#*:}"
  quiet "build-$dir" yarn workspace "$name" build
  quiet "pack-$dir" yarn workspace "$name" pack --out "$WORK/packs/$dir.tgz"
  # (listed into variables first: `grep -q` on a pipe trips pipefail)
  manifest="$(tar -xzOf "$WORK/packs/$dir.tgz" package/package.json)"
  files="$(tar -tzf "$WORK/packs/$dir.tgz")"
  if grep -q '"workspace:' <<<"$manifest"; then
    echo "FAILED: $dir.tgz still has workspace: ranges"
    exit 1
  fi
  grep -q '^package/dist/index\.' <<<"$files" ||
    { echo "FAILED: $dir.tgz has no dist/index.*"; exit 1; }
  printf '   %s  %s\n' "$(du -h "$WORK/packs/$dir.tgz" | cut -f1)" "$name"
done

step "Serve the tarballs from a local stand-in for npmjs.com"
node "$HERE/registry.js" "$WORK/packs" "$WORK/registry.port" >"$OUT/registry.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do [ -s "$WORK/registry.port" ] && break; sleep 0.1; done
REGISTRY_URL="http://127.0.0.1:$(cat "$WORK/registry.port")"
echo "   $REGISTRY_URL"

step "Create an app with @backstage/create-app"
CREATE_APP="$(node -e "require('./scripts/backstage-release.js').releaseManifest().then(m => console.log(m.createApp))")"
echo "   @backstage/create-app@$CREATE_APP (Backstage $(node -p "require('./backstage.json').version"))"
(cd "$WORK" && quiet create-app \
  env BACKSTAGE_APP_NAME=portal npx -y "@backstage/create-app@$CREATE_APP" --path "$APP" --skip-install)

step "Seed the new app's yarn.lock; point the @orkspace scope at the stand-in"
cp "$ROOT/yarn.lock" "$APP/yarn.lock"
cat >>"$APP/.yarnrc.yml" <<EOF

# Added by scripts/check-install.sh: @orkspace/* from the local stand-in for
# npmjs.com, where the freshly packed tarballs are younger than the template's
# npmMinimalAgeGate.
npmScopes:
  orkspace:
    npmRegistryServer: "$REGISTRY_URL"
unsafeHttpWhitelist:
  - 127.0.0.1
EOF
node -e "
const fs = require('fs'); const f = process.argv[1];
fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace(/npmPreapprovedPackages:\n/, \"\$&  - '@orkspace/*'\n\"));
" "$APP/.yarnrc.yml"
grep -q "'@orkspace/\*'" "$APP/.yarnrc.yml" || { echo "FAILED: no npmPreapprovedPackages in .yarnrc.yml"; exit 1; }

cd "$APP"

step "README: yarn --cwd packages/backend add (three backend packages)"
# shellcheck disable=SC2086
quiet backend-add yarn --cwd packages/backend add $BACKEND_PACKAGES

step "README: backend.add(import(...)) in packages/backend/src/index.ts"
node -e "
const fs = require('fs'); const f = 'packages/backend/src/index.ts';
const lines = process.argv.slice(1).map(p => \"backend.add(import('\" + p + \"'));\").join('\n');
const src = fs.readFileSync(f, 'utf8');
if (!src.includes('backend.start();')) throw new Error('no backend.start() in ' + f);
fs.writeFileSync(f, src.replace('backend.start();', lines + '\nbackend.start();'));
" $BACKEND_PACKAGES
grep -n "@orkspace" packages/backend/src/index.ts | sed 's/^/   /'

step "README: yarn --cwd packages/app add @orkspace/backstage-plugin-orkestra"
quiet app-add yarn --cwd packages/app add @orkspace/backstage-plugin-orkestra

step "README: copy examples/registry and add the orkestra block to app-config.yaml"
cp -R "$ROOT/examples/registry" examples/registry
cat >>app-config.yaml <<'EOF'

orkestra:
  sources:
    - id: examples
      type: layout
      target: ../../examples/registry # relative to the backend's working directory
      registry: oci.orkestra.example # the host the examples' imports name
      prefix: orkestra
EOF

step "yarn why: one version of each *-plugin-api package"
node "$HERE/single-versions.js" "$APP" \
  @backstage/frontend-plugin-api @backstage/core-plugin-api @backstage/backend-plugin-api
for entry in "${PACKAGES[@]}"; do
  node "$HERE/single-versions.js" "$APP" "${entry#*:}" >/dev/null
done

step "Type check the new app (yarn tsc)"
quiet app-tsc yarn tsc

PORT="$(free_port)"
BASE="http://localhost:$PORT"
cat >app-config.check.yaml <<EOF
# scripts/check-install.sh: one origin for the backend and the frontend it serves.
app:
  baseUrl: $BASE
backend:
  baseUrl: $BASE
  listen:
    port: $PORT
  cors:
    origin: $BASE
EOF
CONFIG=(--config ../../app-config.yaml --config ../../app-config.check.yaml)

step "Build the new app's frontend"
quiet app-build yarn --cwd packages/app build "${CONFIG[@]}"

step "Start the new app's backend on $BASE"
(cd packages/backend && exec setsid yarn start "${CONFIG[@]}") >"$OUT/backend.log" 2>&1 &
pids+=($!)
for _ in $(seq 180); do
  curl -fsS "$BASE/.backstage/health/v1/readiness" >/dev/null 2>&1 && break
  kill -0 "${pids[-1]}" 2>/dev/null || { tail -n 60 "$OUT/backend.log"; echo "FAILED: the backend exited"; exit 1; }
  sleep 1
done
curl -fsS "$BASE/.backstage/health/v1/readiness" >/dev/null ||
  { tail -n 60 "$OUT/backend.log"; echo "FAILED: the backend is not ready after 180 s"; exit 1; }

step "Assert the patterns, the catalog entities and the scaffolder actions"
node "$HERE/assert-portal.js" "$BASE" "$ROOT/examples" 240 ||
  { grep -v rootHttpRouter "$OUT/backend.log" | tail -n 40; exit 1; }

step "Open the Orkestra page in Chromium"
node "$HERE/open-page.js" "$BASE" "$OUT/orkestra-page.png"

finish_step
printf '\nInstalled into a new app, in %d s:\n' "$((SECONDS - started))"
printf '  %s\n' "${timings[@]}"
echo "check-install: passed"
