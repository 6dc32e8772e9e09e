#!/usr/bin/env bash
# Fails when regenerating a generated file changes it (cdk8s imports, GitLab pipelines: every app's and the
# root .gitlab-ci.yml, the constructs' MR pipeline, the Backstage catalog-info.yaml of every app).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
# Every CRD listed in constructs/k8s/cdk8s.yaml (Route, ServiceMonitor, PodMonitor, PrometheusRule).
(cd constructs/k8s && cdk8s import --output "$tmp/imports" >/dev/null 2>"$tmp/import.err") || { cat "$tmp/import.err" >&2; exit 1; }
if ! diff -ru constructs/k8s/imports --exclude README.md "$tmp/imports"; then
  echo "constructs/k8s/imports is stale: run npm run import" >&2; exit 1
fi
# Run unconditionally: an earlier guard (`npm run -s | grep`) matched nothing under npm 11 and skipped both.
ts-node --transpile-only platform/cli/main.ts gitlab check   # apps/<app>/.gitlab-ci.yml and the root .gitlab-ci.yml
ts-node --transpile-only platform/cli/main.ts estate pipeline --check
ts-node --transpile-only platform/cli/main.ts catalog check
echo "generated files: up to date"
