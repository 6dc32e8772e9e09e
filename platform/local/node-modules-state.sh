#!/usr/bin/env bash
# Decides from content, not timestamps, whether a checkout's node_modules matches its package-lock.json
# (platform/local/setup.sh runs `npm ci` on its answer). The install records the sha256 of the
# package-lock.json it installed from in node_modules/.beluga-lock-hash.
#   node-modules-state.sh check  [repo]   prints "<state> <reason>"; state is one of
#       current      node_modules was installed from this package-lock.json
#       missing      no node_modules (or no Node in it): npm ci
#       stale        installed from another package-lock.json, or before hashes were recorded: npm ci
#       linked       node_modules is a link (a worktree sharing another checkout's): never npm ci here
#       linked-stale a link to an install of another package-lock.json: never npm ci here (it would
#                    wipe the other checkout's node_modules); the reason says what to do
#   node-modules-state.sh record [repo]   records the hash after an install
set -euo pipefail
cmd="${1:-check}"
repo="$(cd "${2:-$(dirname "${BASH_SOURCE[0]}")/../..}" && pwd)"
lock="$repo/package-lock.json"
modules="$repo/node_modules"
stamp="$modules/.beluga-lock-hash"
want="$(sha256sum "$lock" | cut -d' ' -f1)"

case "$cmd" in
  record)
    if [ -L "$modules" ]; then echo "node-modules-state: $modules is a link; not recording a hash into another checkout" >&2; exit 1; fi
    printf '%s\n' "$want" >"$stamp"
    exit 0 ;;
  check) ;;
  *) echo "usage: node-modules-state.sh check|record [repo]" >&2; exit 2 ;;
esac

have="$(cat "$stamp" 2>/dev/null || true)"
if [ -L "$modules" ]; then
  target="$(readlink -f "$modules" || true)"
  other_lock="$(dirname "$target")/package-lock.json"
  if [ "$have" = "$want" ]; then echo "linked node_modules links to $target, installed from this package-lock.json"
  elif [ -z "$have" ] && [ -f "$other_lock" ] && [ "$(sha256sum "$other_lock" | cut -d' ' -f1)" = "$want" ]; then
    echo "linked node_modules links to $target, whose checkout has the same package-lock.json (its own setup keeps it installed)"
  else echo "linked-stale node_modules links to $target, which was not installed from this package-lock.json: run \`npm ci\` in $(dirname "$target") if that checkout should have these packages, or replace the link with an install of this checkout's own (rm $modules && npm ci)"
  fi
  exit 0
fi
if [ ! -d "$modules" ] || [ ! -x "$modules/.bin/node" ]; then echo "missing no node_modules with Node 22 in $repo"; exit 0; fi
if [ -z "$have" ]; then echo "stale no record of the package-lock.json node_modules was installed from"; exit 0; fi
if [ "$have" != "$want" ]; then echo "stale package-lock.json changed since node_modules was installed"; exit 0; fi
echo "current node_modules was installed from this package-lock.json"
