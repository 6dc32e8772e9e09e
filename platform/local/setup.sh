#!/usr/bin/env bash
# One-stop setup of a fresh machine for Beluga's local platform (idempotent, quiet when done):
#   1. OS packages (openssl, rsync, git, ca-certificates, chromium) via apt-get, only if something is missing
#   2. npm ci, if node_modules is missing or was installed from another package-lock.json (by content;
#      never when node_modules is a link to another checkout's)
#   3. platform/local/build-tools.sh (builds only what is not built yet; a cold build takes ~20 min on
#      2 cores and shows each tool as it starts and finishes, with estimates; warm: one line)
#      With BELUGA_EXTERNAL_CLUSTER=1 (a deploy job to a real cluster) the embedded control plane is not
#      built: only what a deploy needs (`build-tools.sh --profile deploy`: pulumi, the Kubernetes
#      provider, kubectl), and nothing at all when those are already there (the CI tools image,
#      platform/ci-image/Containerfile: pulumi and kubectl on PATH, the provider in $PULUMI_HOME).
# Usage: npm run setup   (or: bash platform/local/setup.sh)
#        bash platform/local/setup.sh --plan   prints which tools it would build (all|deploy|none) and exits
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
cd "$REPO"

# tools_plan: which tools this machine needs built: all (local platform), deploy (external cluster,
# tools missing) or none (external cluster, tools present).
tools_plan() {
  if [ "${BELUGA_EXTERNAL_CLUSTER:-}" != 1 ]; then echo all; return; fi
  local node version home
  node="$(command -v node || echo "$REPO/node_modules/.bin/node")"
  version="$("$node" -p "require(process.argv[1]).tools.find(t => t.name === 'pulumi-resource-kubernetes').displayVersion.replace(/^v/, '')" "$HERE/tools.json")"
  home="${PULUMI_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/beluga/pulumi-home}"
  if command -v pulumi >/dev/null 2>&1 && command -v kubectl >/dev/null 2>&1 \
    && [ -x "$home/plugins/resource-kubernetes-v$version/pulumi-resource-kubernetes" ]; then echo none
  else echo deploy; fi
}
TOOLS_PLAN="$(tools_plan)"
if [ "${1:-}" = --plan ]; then echo "setup: tools: $TOOLS_PLAN"; exit 0; fi

# --- 1. OS packages ------------------------------------------------------------------------------
missing=()
# chromium: the portal's browser test (test/platform/portal) drives it headless.
for cmd in openssl:openssl rsync:rsync git:git chromium:chromium; do
  command -v "${cmd%%:*}" >/dev/null 2>&1 || missing+=("${cmd#*:}")
done
[ -e /etc/ssl/certs/ca-certificates.crt ] || missing+=(ca-certificates)
[ -d /usr/share/fonts/truetype/dejavu ] || missing+=(fonts-dejavu-core)   # readable text in headless screenshots
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
if [ "$TOOLS_PLAN" != none ]; then
  command -v go >/dev/null 2>&1 || { echo "setup: Go >= 1.26 is required (expected at /usr/local/go)" >&2; exit 1; }
fi
command -v npm >/dev/null 2>&1 || { echo "setup: npm is required" >&2; exit 1; }

# --- 2. node_modules -----------------------------------------------------------------------------
# From content (the hash of package-lock.json recorded at install), never timestamps; a linked
# node_modules belongs to another checkout: `npm ci` here would wipe it, so only say what to do.
read -r nm_state nm_reason < <(bash "$HERE/node-modules-state.sh" check "$REPO")
case "$nm_state" in
  current|linked) ;;
  linked-stale) echo "setup: warning: $nm_reason" >&2 ;;
  missing|stale)
    echo "setup: npm ci ($nm_reason)"
    npm ci --no-audit --no-fund --loglevel=error
    bash "$HERE/node-modules-state.sh" record "$REPO" ;;
  *) echo "setup: node-modules-state.sh answered '$nm_state $nm_reason'" >&2; exit 1 ;;
esac

# --- 3. tools ------------------------------------------------------------------------------------
# Straight to the terminal, as it happens: the plan with its estimate, a line per tool as it starts and
# as it finishes, a failed tool's log tail; "setup: tools cached" when there is nothing to build.
case "$TOOLS_PLAN" in
  none) echo "setup: external cluster, deploy tools present (pulumi, kubectl, provider plugin): nothing to build" ;;
  deploy) BUILD_TOOLS_PREFIX=setup bash "$HERE/build-tools.sh" --profile deploy || { echo "setup: build-tools.sh failed (see above)" >&2; exit 1; } ;;
  *) BUILD_TOOLS_PREFIX=setup bash "$HERE/build-tools.sh" || { echo "setup: build-tools.sh failed (see above)" >&2; exit 1; } ;;
esac

cat <<EOF
setup: ready.
  tools:        ${XDG_CACHE_HOME:-$HOME/.cache}/beluga/tools   (versions: platform/local/tools.json)
  pulumi home:  ${XDG_CACHE_HOME:-$HOME/.cache}/beluga/pulumi-home (plugin cache)
  environment:  . platform/local/env.sh
  cluster:      npm run cluster -- up | status | down   (state in .beluga/)
EOF
