#!/usr/bin/env bash
# One-stop setup of a fresh machine for Beluga's local platform (idempotent, quiet when done):
#   1. OS packages (openssl, rsync, git, ca-certificates, chromium) via apt-get, only if something is missing
#   2. npm ci, if node_modules is missing or older than package-lock.json
#   3. platform/local/build-tools.sh (builds only what is not built yet; a cold build takes ~20 min on
#      2 cores and shows each tool as it starts and finishes, with estimates; warm: one line)
# Usage: npm run setup   (or: bash platform/local/setup.sh)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
cd "$REPO"

# --- 1. OS packages ------------------------------------------------------------------------------
missing=()
# chromium: the portal's browser test (test/platform/portal) drives it headless.
for cmd in openssl:openssl rsync:rsync git:git chromium:chromium; do
  command -v "${cmd%%:*}" >/dev/null 2>&1 || missing+=("${cmd#*:}")
done
[ -e /etc/ssl/certs/ca-certificates.crt ] || missing+=(ca-certificates)
if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: missing ${missing[*]} and no apt-get here: install them with your package manager" >&2; exit 1
  fi
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  echo "setup: apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ -d /usr/local/go/bin ]; then PATH="/usr/local/go/bin:$PATH"; fi
command -v go >/dev/null 2>&1 || { echo "setup: Go >= 1.26 is required (expected at /usr/local/go)" >&2; exit 1; }
command -v npm >/dev/null 2>&1 || { echo "setup: npm is required" >&2; exit 1; }

# --- 2. node_modules -----------------------------------------------------------------------------
stamp="node_modules/.package-lock.json"       # written by npm on every install
if [ ! -d node_modules ] || [ ! -e "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ ! -x node_modules/.bin/node ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

# --- 3. tools ------------------------------------------------------------------------------------
# Straight to the terminal, as it happens: the plan with its estimate, a line per tool as it starts and
# as it finishes, a failed tool's log tail; "setup: tools cached" when there is nothing to build.
if ! BUILD_TOOLS_PREFIX=setup bash "$HERE/build-tools.sh"; then
  echo "setup: build-tools.sh failed (see above)" >&2; exit 1
fi

cat <<EOF
setup: ready.
  tools:        ${XDG_CACHE_HOME:-$HOME/.cache}/beluga/tools   (versions: platform/local/tools.json)
  pulumi home:  ${XDG_CACHE_HOME:-$HOME/.cache}/beluga/pulumi-home (plugin cache)
  environment:  . platform/local/env.sh
  cluster:      npm run cluster -- up | status | down   (state in .beluga/)
EOF
