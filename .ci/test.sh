#!/usr/bin/env bash
# The whole test suite, as README's test command runs it (`npm test`, which first sets the machine up
# and sources platform/local/env.sh). Snapshots are never written here (--ci).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
step() { printf '\n== %s\n' "$*"; }

step "type check"
tsc -p tsconfig.json --noEmit

step "lint (typescript-eslint, architecture rules) and format (prettier)"
eslint --cache --cache-location .beluga/cache/eslint .
prettier --check --cache --log-level warn .

step "generated files are up to date"
bash .ci/check-generated.sh

step "unit tests"
jest --ci --selectProjects unit --maxWorkers=100%

step "end-to-end tests (real Pulumi CLI, embedded control plane)"
# Leave the machine as found: stop the embedded control plane if this run started it.
cluster() { node -r ./platform/cli/bin/ts-cached-loader.js platform/local/cluster.ts "$@"; }
if ! cluster status >/dev/null 2>&1; then
  trap 'cluster down >/dev/null 2>&1 || true' EXIT
fi
jest --ci --selectProjects e2e --runInBand
