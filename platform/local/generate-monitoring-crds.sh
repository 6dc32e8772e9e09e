#!/usr/bin/env bash
# Generate the prometheus-operator CRDs Beluga renders objects of (ServiceMonitor, PodMonitor,
# PrometheusRule, all monitoring.coreos.com/v1) into constructs/k8s/crds/, from the authoritative
# source: the Go API types of github.com/prometheus-operator/prometheus-operator/pkg/apis/monitoring
# (version below), run through controller-gen (version in platform/local/tools.json). The files are
# committed; each starts with a "generated" marker naming this script. They are the input of the typed
# cdk8s import (`npm run import` → constructs/k8s/imports/monitoring.coreos.com.ts) and are installed
# by `cluster up` on the embedded control plane.
#
# Usage: bash platform/local/generate-monitoring-crds.sh      (builds controller-gen first if missing)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
OUT="$REPO/constructs/k8s/crds"
API_MODULE="github.com/prometheus-operator/prometheus-operator/pkg/apis/monitoring"
API_VERSION="v0.95.2"
KINDS=(servicemonitors podmonitors prometheusrules)

if [ -d /usr/local/go/bin ]; then PATH="/usr/local/go/bin:$PATH"; fi
export GOTOOLCHAIN=local GOWORK=off GOFLAGS=-mod=mod CGO_ENABLED=0

bash "$HERE/build-tools.sh" controller-gen
CG_VERSION="$(node -e 'console.log(require(process.argv[1]).tools.find((t) => t.name === "controller-gen").version)' "$HERE/tools.json")"
CONTROLLER_GEN="${XDG_CACHE_HOME:-$HOME/.cache}/beluga/tools/controller-gen-$CG_VERSION/controller-gen"

# controller-gen loads Go packages: give it a throwaway module that requires the API module.
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
cat > go.mod <<MOD
module beluga.local/monitoring-crds

go $(node -e 'console.log(require(process.argv[1]).go)' "$HERE/tools.json")

require $API_MODULE $API_VERSION
MOD
cat > tools.go <<'GO'
package crds

import _ "github.com/prometheus-operator/prometheus-operator/pkg/apis/monitoring/v1"
GO
go mod tidy >/dev/null 2>&1 || go mod download
"$CONTROLLER_GEN" crd:crdVersions=v1 paths="$API_MODULE/v1" output:crd:dir="$WORK/out"

for kind in "${KINDS[@]}"; do
  src="$WORK/out/monitoring.coreos.com_$kind.yaml"
  [ -s "$src" ] || { echo "generate-monitoring-crds: controller-gen wrote no $src" >&2; exit 1; }
  {
    echo "# Generated — do not edit. Regenerate with: bash platform/local/generate-monitoring-crds.sh"
    echo "# Source: $API_MODULE@$API_VERSION (Go API types, Apache-2.0) through sigs.k8s.io/controller-tools $CG_VERSION."
    cat "$src"
  } > "$OUT/monitoring.coreos.com_$kind.yaml"
  echo "generate-monitoring-crds: wrote constructs/k8s/crds/monitoring.coreos.com_$kind.yaml"
done
