#!/usr/bin/env bash
# Installs the Debian packages the test suite needs when any is missing:
# a real OCI registry, htpasswd for its Basic auth, skopeo for cross-checks,
# Chromium for the browser tests, PostgreSQL server binaries and openssl for
# the test token issuer's certificate.
set -euo pipefail

PACKAGES=(docker-registry skopeo chromium postgresql apache2-utils openssl)

missing=()
command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
command -v skopeo >/dev/null 2>&1 || missing+=(skopeo)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v htpasswd >/dev/null 2>&1 || missing+=(apache2-utils)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-system-packages: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >/dev/null
  exit 0
fi

cat >&2 <<MSG
The test suite needs these Debian packages, which are missing: ${missing[*]}
Install them as root:
  apt-get update && apt-get install -y ${PACKAGES[*]}
(On other systems: a CNCF distribution registry binary named docker-registry,
htpasswd, skopeo, Chromium at /usr/bin/chromium and PostgreSQL server binaries.)
MSG
exit 1
