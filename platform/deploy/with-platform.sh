#!/usr/bin/env bash
# Runs a command with the local platform ready: machine set-up (idempotent, quiet when done), then the
# environment of platform/local/env.sh (tools and Node 22 on PATH, local backend, KUBECONFIG).
# Used by `npm run deploy` and `npm test` so both work on a fresh machine.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$here/../local/setup.sh"
# shellcheck source=../local/env.sh
. "$here/../local/env.sh"
exec "$@"
