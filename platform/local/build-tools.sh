#!/usr/bin/env bash
# Build every local-platform tool from Go modules (Go module proxy only) into
#   ${XDG_CACHE_HOME:-$HOME/.cache}/beluga/tools/<name>-<version>/
# Versions live in platform/local/tools.json. Idempotent: a tool whose binaries
# all exist is never rebuilt ("cached"). Each tool is built in a generated
# wrapper module (…/tools/.src/<name>-<version>/go.mod) so upstream replace
# directives that point at local paths do not break the build.
#
# Progress, printed as it happens (a cold build takes ~20 min on 2 cores): one line with what is to
# be built and the estimate (the per-tool `coldBuildSeconds` measured on `coldBuildCores` cores, in
# tools.json), then a line as each tool starts and as it finishes (time taken, time left). A failed
# tool prints the tail of its log (…/tools/.logs/<name>.log) on stderr; the script then exits 1.
# When everything is built it prints a single "tools cached" line. The lines are formatted by
# platform/local/tool-progress.ts (run with the project's Node 22); plain lines without it.
# Every finished build appends its time to …/tools/.logs/build-times.tsv.
#
# Usage: bash platform/local/build-tools.sh [--profile NAME] [--list] [tool-name ...]   (default: all)
#   --profile deploy   only what a deploy needs (tools.json "profiles": pulumi, the Kubernetes provider,
#                      kubectl alone out of the kubernetes tool), not the control plane
#   --list             print the selected tools and binaries (name, version, binaries) and exit; needs no Go
#   BUILD_TOOLS_PREFIX=setup   how the summary lines start (default: build-tools)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
TOOLS_JSON="$HERE/tools.json"
CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/beluga"
TOOLS_ROOT="$CACHE_ROOT/tools"
SRC_ROOT="$TOOLS_ROOT/.src"
LOG_DIR="$TOOLS_ROOT/.logs"
mkdir -p "$TOOLS_ROOT" "$SRC_ROOT" "$LOG_DIR"

# ---------------------------------------------------------------- prerequisites
PROFILE="" LIST=0
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) PROFILE="${2:?--profile needs a name}"; shift 2 ;;
    --list) LIST=1; shift ;;
    *) break ;;
  esac
done
if [ -d /usr/local/go/bin ]; then PATH="/usr/local/go/bin:$PATH"; fi
[ "$LIST" = 1 ] || command -v go >/dev/null || { echo "build-tools: 'go' not found (need Go >= 1.26)" >&2; exit 1; }
NODE="$(command -v node || true)"
[ -n "$NODE" ] || NODE="$REPO/node_modules/.bin/node"
[ -x "$NODE" ] || { echo "build-tools: 'node' not found (needed to read tools.json)" >&2; exit 1; }
PREFIX="${BUILD_TOOLS_PREFIX:-build-tools}"

export GOTOOLCHAIN=local           # never download a toolchain
export GOFLAGS="-trimpath -buildvcs=false -mod=mod"
export CGO_ENABLED=0
export GOWORK=off

# json QUERY: evaluate a JS expression against tools.json (variable `t`).
json() { "$NODE" -e 'const t=require(process.argv[1]); const r=(new Function("t", "return ("+process.argv[2]+")"))(t); if (Array.isArray(r)) console.log(r.join("\n")); else if (r !== undefined && r !== null) console.log(r);' "$TOOLS_JSON" "$1"; }

# What every tool is, in one node call: name, shown version, binaries, unavailable?, coldBuildSeconds.
declare -A DISPLAY BINS UNAVAILABLE COLD
ALL_TOOLS=()
while IFS=$'\t' read -r name display bins unavailable cold; do
  ALL_TOOLS+=("$name"); DISPLAY[$name]="$display"; BINS[$name]="$bins"
  UNAVAILABLE[$name]="$unavailable"; COLD[$name]="$cold"
done < <(json "t.tools.map(x=>[x.name, x.displayVersion||x.version, x.binaries.join(' '), x.unavailable?1:0, x.coldBuildSeconds||0].join('\\t'))")
[ ${#ALL_TOOLS[@]} -gt 0 ] || { echo "build-tools: no tools read from $TOOLS_JSON" >&2; exit 1; }
COLD_CORES="$(json 't.coldBuildCores || 0')"
if [ -n "$PROFILE" ]; then
  # A profile names tools and, per tool, the binaries to build (a subset of its "binaries").
  SELECTED=()
  while IFS=$'\t' read -r name bins; do
    [ -n "$name" ] || continue
    SELECTED+=("$name"); BINS[$name]="$bins"
  done < <(json "t.profiles && t.profiles['$PROFILE'] ? Object.entries(t.profiles['$PROFILE']).filter(([k]) => k !== '\$comment').map(([k, b]) => k + '\t' + b.join(' ')) : []")
  [ ${#SELECTED[@]} -gt 0 ] || { echo "build-tools: unknown profile '$PROFILE' (tools.json \"profiles\")" >&2; exit 2; }
elif [ $# -gt 0 ]; then SELECTED=("$@"); else SELECTED=("${ALL_TOOLS[@]}"); fi
for name in "${SELECTED[@]}"; do
  [ -n "${DISPLAY[$name]+x}" ] || { echo "build-tools: unknown tool '$name' (tools.json has: ${ALL_TOOLS[*]})" >&2; exit 2; }
done

field() { json "t.tools.find(x=>x.name==='$1').$2"; }        # field TOOL EXPR
if [ "$LIST" = 1 ]; then
  for name in "${SELECTED[@]}"; do printf '%s\t%s\t%s\n' "$name" "${DISPLAY[$name]}" "${BINS[$name]}"; done
  exit 0
fi
tool_dir() { echo "$TOOLS_ROOT/$1-${DISPLAY[$1]}"; }           # tool_dir NAME
tool_built() {                                                 # tool_built NAME: all its binaries exist
  local b; for b in ${BINS[$1]}; do [ -x "$(tool_dir "$1")/$b" ] || return 1; done
}

# ------------------------------------------------------------------- progress
# progress COMMAND ARGS...: one line from tool-progress.ts, or the plain FALLBACK (last argument)
# when no Node here runs TypeScript (Node < 22.6, e.g. before `npm ci` brought the project's Node 22).
PROGRESS_NODE=""
find_progress_node() {             # only when something is to be built: a warm run starts no extra Node
  local n
  for n in "$REPO/node_modules/.bin/node" "$(command -v node || true)"; do
    if [ -x "$n" ] && [ "$("$n" --disable-warning=MODULE_TYPELESS_PACKAGE_JSON "$HERE/tool-progress.ts" probe 2>/dev/null)" = ok ]; then
      PROGRESS_NODE="$n"; return 0
    fi
  done
}
progress() {
  local fallback="${!#}" line=""
  if [ -n "$PROGRESS_NODE" ]; then
    line="$("$PROGRESS_NODE" --disable-warning=MODULE_TYPELESS_PACKAGE_JSON "$HERE/tool-progress.ts" "${@:1:$#-1}" 2>/dev/null)" || line=""
  fi
  echo "${line:-$fallback}"
}

# replaces_of MODULE@VERSION: the non-local replace lines of that module's go.mod
replaces_of() {
  local gomod
  gomod="$(go mod download -json "$1" | "$NODE" -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s); if(j.Error){console.error(j.Error);process.exit(1)} console.log(j.GoMod)})')"
  go mod edit -json "$gomod" | "$NODE" -e '
    let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{
      for (const r of (JSON.parse(s).Replace||[])) {
        if (!r.New.Version) continue;              // local path: meaningless outside its repo
        const old = r.Old.Path + (r.Old.Version ? " " + r.Old.Version : "");
        console.log(`replace ${old} => ${r.New.Path} ${r.New.Version}`);
      }})'
}

# write_wrapper NAME DIR: generate DIR/go.mod for tool NAME
write_wrapper() {
  local name="$1" dir="$2" module version staging
  module="$(field "$name" module)"; version="$(field "$name" version)"
  staging="$(field "$name" 'stagingVersion || ""')"
  mkdir -p "$dir"
  {
    echo "// Generated by platform/local/build-tools.sh for $name; do not edit."
    echo "module beluga.local/tools/$name"
    echo
    echo "go $(json 't.go')"
    echo
    echo "require $module $version"
    json "Object.entries(t.tools.find(x=>x.name==='$name').requires||{}).map(([m,v])=>'require '+m+' '+v)"
    echo
    {
      replaces_of "$module@$version"
      for dep in $(json "Object.entries(t.tools.find(x=>x.name==='$name').requires||{}).map(([m,v])=>m+'@'+v)"); do
        replaces_of "$dep"
      done
    } | awk '!seen[$2]++'
    if [ -n "$staging" ]; then
      # k8s.io/kubernetes points its staging modules at ./staging/src/...; use the published ones.
      go mod edit -json "$(go mod download -json "$module@$version" | "$NODE" -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).GoMod))')" \
        | "$NODE" -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{for(const r of JSON.parse(s).Replace||[]) if(!r.New.Version && r.New.Path.startsWith("./staging/")) console.log(`replace ${r.Old.Path} => ${r.Old.Path} '"$staging"'`)})'
    fi
  } > "$dir/go.mod"
}

ldflags_for() {                                                 # ldflags_for NAME
  local name="$1" version display
  version="$(field "$name" version)"; display="$(field "$name" 'displayVersion || t.tools.find(x=>x.name===`'"$name"'`).version')"
  case "$name" in
    kubernetes)
      local minor; minor="$(echo "$version" | cut -d. -f2)"
      local f=""
      for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
        f+=" -X $p.gitVersion=$version -X $p.gitMajor=1 -X $p.gitMinor=$minor"
        f+=" -X $p.gitTreeState=clean -X $p.buildDate=1970-01-01T00:00:00Z"
      done
      echo "$f" ;;
    kwok)
      echo "-X sigs.k8s.io/kwok/pkg/consts.Version=$version -X sigs.k8s.io/kwok/pkg/consts.KubeVersion=$(field kubernetes version)" ;;
    pulumi|pulumi-language-nodejs)
      echo "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$display" ;;
    pulumi-resource-kubernetes)
      echo "-X github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=${display#v}" ;;
    promtool|amtool)
      # What `promtool --version` / `amtool --version` print (upstream's promu sets the same variables).
      local p=github.com/prometheus/common/version
      echo "-X $p.Version=${display#v} -X $p.Revision=$version -X $p.Branch=HEAD -X $p.BuildUser=beluga -X $p.BuildDate=19700101-00:00:00" ;;
    *) echo "" ;;
  esac
}

# Provider: pulumi-kubernetes embeds generated files (go:embed schema-embed.json and
# terraform-mapping-embed.json in cmd/pulumi-resource-kubernetes). They are gitignored upstream, so
# the module zip lacks them. Upstream's Makefile (`k8sprovider` target) creates them with
#   cd provider && VERSION=<version> go generate cmd/pulumi-resource-kubernetes/main.go
# (//go:generate go run ./generate.go, which versions schema.json into schema-embed.json).
# We do the same in a writable copy of the module, whose go.mod gets its local `../sdk` replace
# swapped for the published sdk/v4 module, and build the provider inside that copy.
build_provider() {                                             # build_provider NAME WDIR STAGE
  local name="$1" wdir="$2" stage="$3" module version display srcdir dep
  module="$(field "$name" module)"; version="$(field "$name" version)"; display="$(field "$name" displayVersion)"
  srcdir="$(go mod download -json "$module@$version" | "$NODE" -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s); if(j.Error){console.error(j.Error);process.exit(1)} console.log(j.Dir)})')" || return 1
  rm -rf "$wdir/provider" && cp -r "$srcdir" "$wdir/provider" && chmod -R u+w "$wdir/provider" || return 1
  cd "$wdir/provider" || return 1
  for dep in $(json "Object.entries(t.tools.find(x=>x.name==='$name').requires||{}).map(([m,v])=>m+'@'+v)"); do
    go mod edit -dropreplace="${dep%@*}" -require="$dep" || return 1
  done
  go mod download || return 1
  ( cd cmd/pulumi-resource-kubernetes && VERSION="${display#v}" go generate ./main.go ) || return 1
  ls -l cmd/pulumi-resource-kubernetes/schema-embed.json cmd/pulumi-resource-kubernetes/terraform-mapping-embed.json || return 1
  go build -ldflags "-s -w $(ldflags_for "$name")" -o "$stage/" ./cmd/pulumi-resource-kubernetes
}

# ----------------------------------------------------------------------- build
# build_tool INDEX COUNT NAME: build one tool that is not built yet; its time goes to BUILT_SECONDS.
BUILT_SECONDS=0
build_tool() {
  local i="$1" count="$2" name="$3" dir version display bins t0
  dir="$(tool_dir "$name")"
  version="$(field "$name" version)"; display="${DISPLAY[$name]}"
  bins=(${BINS[$name]})
  local log="$LOG_DIR/$name.log" step=(--index "$i" --count "$count" --name "$name" --version "$display")
  progress start "${step[@]}" --estimate "${COLD[$name]}" "[$i/$count] $name $display ... building (log: $log)"
  t0=$(date +%s); BUILT_SECONDS=0
  local wdir="$SRC_ROOT/$name-$display" stage="$dir.partial"
  rm -rf "$wdir" "$stage"; mkdir -p "$wdir" "$stage"
  # Module versions the checksum database does not know (see "noSumDb" in tools.json).
  local nosum; nosum="$(field "$name" 'noSumDb || ""')"
  if [ -n "$nosum" ]; then export GONOSUMDB="$nosum"; else unset GONOSUMDB; fi
  [ -z "$nosum" ] || echo "[$i/$count] $name: checksum database skipped for $nosum (noSumDb in tools.json)"
  if ! write_wrapper "$name" "$wdir" > "$log" 2>&1; then
    BUILT_SECONDS=$(( $(date +%s) - t0 ))
    progress failed "${step[@]}" --seconds "$BUILT_SECONDS" --log "$log" "[$i/$count] $name $display ... FAILED writing the wrapper go.mod; last lines of $log:" >&2
    tail -n 30 "$log" >&2
    return 1
  fi
  local module pkgs=() p
  module="$(field "$name" module)"
  # Only the packages of the binaries selected (a profile may build kubectl alone out of kubernetes).
  for p in $(json "(x => x.packages.filter((p, i) => '${BINS[$name]}'.split(' ').includes(x.binaries[i])))(t.tools.find(x=>x.name==='$name'))"); do
    if [ "$p" = "." ]; then pkgs+=("$module"); else pkgs+=("$module/$p"); fi
  done
  if ! (
    set -e
    cd "$wdir"
    if [ "$name" = pulumi-resource-kubernetes ]; then
      build_provider "$name" "$wdir" "$stage" || exit 1
    else
      go get "${pkgs[@]/%/@$version}" 2>&1 | grep -v '^go: added\|^go: upgraded\|^go: downloading' || true
      go build -ldflags "-s -w $(ldflags_for "$name")" -o "$stage/" "${pkgs[@]}"
    fi
  ) >> "$log" 2>&1; then
    BUILT_SECONDS=$(( $(date +%s) - t0 ))
    progress failed "${step[@]}" --seconds "$BUILT_SECONDS" --log "$log" "[$i/$count] $name $display ... FAILED after ${BUILT_SECONDS}s; last lines of $log:" >&2
    tail -n 30 "$log" >&2
    rm -rf "$stage"
    return 1
  fi
  # go build names a "." package after its import path's last element: fix up.
  for b in "${bins[@]}"; do
    if [ ! -x "$stage/$b" ]; then
      local only; only="$(ls "$stage" | head -n1)"
      [ -n "$only" ] && mv "$stage/$only" "$stage/$b"
    fi
  done
  rm -rf "$dir"; mv "$stage" "$dir"
  BUILT_SECONDS=$(( $(date +%s) - t0 ))
  printf '%s\t%s\t%s\t%d\t%d\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$name" "$display" "$BUILT_SECONDS" "$(nproc 2>/dev/null || echo 0)" \
    >> "$LOG_DIR/build-times.tsv"
}

# Small launcher scripts the Pulumi CLI looks up on PATH for Node.js (upstream ships equivalents in
# sdk/nodejs/dist of the pulumi repo). Both resolve the @pulumi/pulumi of the current directory's
# node_modules (the CLI runs them in the program / policy pack directory):
#  - pulumi-analyzer-policy-nodejs: the CLI runs a Node policy pack through it when no `nodejs`
#    language plugin is installed (fallback "pulumi-analyzer-policy-<runtime>", pkg/resource/plugin/
#    analyzer_plugin.go); pulumi-analyzer-policy is the historical name, kept as an alias.
#  - pulumi-resource-pulumi-nodejs: the provider behind dynamic providers (pulumi.dynamic.Resource).
write_launchers() {
  local dir; dir="$(tool_dir pulumi)"
  [ -d "$dir" ] || return 0
  local f
  for f in pulumi-analyzer-policy pulumi-analyzer-policy-nodejs; do
    cat > "$dir/$f" <<'SH'
#!/bin/sh
# Generated by platform/local/build-tools.sh. Args: <engine address> <policy pack dir> [-opt=value...]
script=$(node -e "try { console.log(require.resolve('@pulumi/pulumi/cmd/run-policy-pack')) } catch (e) { console.error(e.message) }")
[ -n "$script" ] || exit 1
exec node "$script" "$@"
SH
  done
  cat > "$dir/pulumi-resource-pulumi-nodejs" <<'SH'
#!/bin/sh
# Generated by platform/local/build-tools.sh: dynamic-provider host for pulumi.dynamic.Resource.
script=$(node -e "try { console.log(require.resolve('@pulumi/pulumi/cmd/dynamic-provider')) } catch (e) { console.error(e.message) }")
[ -n "$script" ] || exit 1
exec node "$script" "$@"
SH
  chmod +x "$dir/pulumi-analyzer-policy" "$dir/pulumi-analyzer-policy-nodejs" "$dir/pulumi-resource-pulumi-nodejs"
}

# kwok needs Stage configs (kwokctl embeds its defaults; the kwok binary takes them via --config).
# Copy the default stages of the pinned kwok module next to the binary: node-initialize,
# node-heartbeat-with-lease, pod-ready, pod-complete, pod-delete. cluster.ts passes them to kwok.
kwok_stages() {
  local dir src f; dir="$(tool_dir kwok)"
  [ -x "$dir/kwok" ] || return 0
  [ -s "$dir/stages/pod-ready.yaml" ] && return 0
  src="$(go mod download -json "$(field kwok module)@$(field kwok version)" | "$NODE" -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).Dir))')"
  mkdir -p "$dir/stages"
  for f in node/fast/node-initialize.yaml node/heartbeat-with-lease/node-heartbeat-with-lease.yaml \
           pod/fast/pod-ready.yaml pod/fast/pod-complete.yaml pod/fast/pod-delete.yaml; do
    cp "$src/kustomize/stage/$f" "$dir/stages/"
  done
  chmod -R u+w "$dir/stages"
  echo "[kwok] default stages copied to $dir/stages"
}

# Put the provider into Pulumi's plugin cache from the local file, so nothing is ever downloaded.
install_provider_plugin() {
  local pdir kdir version
  pdir="$(tool_dir pulumi)"; kdir="$(tool_dir pulumi-resource-kubernetes)"
  version="$(field pulumi-resource-kubernetes displayVersion)"; version="${version#v}"
  [ -x "$pdir/pulumi" ] && [ -x "$kdir/pulumi-resource-kubernetes" ] || return 0
  export PULUMI_HOME="${PULUMI_HOME:-$CACHE_ROOT/pulumi-home}"
  export PULUMI_SKIP_UPDATE_CHECK=true
  if [ ! -x "$PULUMI_HOME/plugins/resource-kubernetes-v$version/pulumi-resource-kubernetes" ]; then
    "$pdir/pulumi" plugin install resource kubernetes "$version" --file "$kdir/pulumi-resource-kubernetes" >/dev/null
    echo "[plugin] resource kubernetes $version ... installed from $kdir"
  fi
}

# ------------------------------------------------------------------------ main
to_build=() cached=() skipped=()
for name in "${SELECTED[@]}"; do
  if tool_built "$name"; then cached+=("$name")
  elif [ "${UNAVAILABLE[$name]}" = 1 ]; then skipped+=("$name")
  else to_build+=("$name"); fi
done

T_START=$(date +%s)
failed=() failed_tools=0
count=${#to_build[@]}
if [ "$count" -gt 0 ]; then
  find_progress_node
  estimates=() est_total=0
  for name in "${to_build[@]}"; do estimates+=("${COLD[$name]}"); est_total=$(( est_total + ${COLD[$name]} )); done
  progress plan --prefix "$PREFIX" --cached "${#cached[@]}" --estimates "$(IFS=,; echo "${estimates[*]}")" \
    --measured-cores "$COLD_CORES" --cores "$(nproc 2>/dev/null || echo 0)" --log-dir "$LOG_DIR" \
    "$PREFIX: building tools ($count to build, ${#cached[@]} cached); logs in $LOG_DIR"
  for name in "${skipped[@]}"; do
    echo "$PREFIX: $name ${DISPLAY[$name]} not buildable here (see \"unavailable\" in tools.json)"
  done
  est_done=0 actual_done=0 est_left=$est_total n=0
  for name in "${to_build[@]}"; do
    n=$((n + 1))
    ok=1; build_tool "$n" "$count" "$name" || ok=0
    est_done=$(( est_done + ${COLD[$name]} )); actual_done=$(( actual_done + BUILT_SECONDS )); est_left=$(( est_left - ${COLD[$name]} ))
    if [ "$ok" = 1 ]; then
      progress done --index "$n" --count "$count" --name "$name" --version "${DISPLAY[$name]}" --seconds "$BUILT_SECONDS" \
        --estimated-done "$est_done" --actual-done "$actual_done" --estimated-left "$est_left" \
        "[$n/$count] $name ${DISPLAY[$name]} ... built in ${BUILT_SECONDS}s"
    else
      failed+=("$name"); failed_tools=$((failed_tools + 1))
    fi
  done
fi
write_launchers
kwok_stages || failed+=("kwok-stages")
install_provider_plugin || failed+=("plugin-install")
if [ "$count" -gt 0 ]; then
  elapsed=$(( $(date +%s) - T_START ))
  progress summary --prefix "$PREFIX" --built $(( count - failed_tools )) --failed "$failed_tools" --seconds "$elapsed" \
    --estimate "$est_total" --tools-root "$TOOLS_ROOT" "$PREFIX: finished in ${elapsed}s; tools under $TOOLS_ROOT"
elif [ ${#failed[@]} -eq 0 ]; then
  # Warm run: one line. A tool not buildable here is named each time (its binaries stay missing).
  note=""
  for name in "${skipped[@]}"; do note+="; $name not buildable here (see \"unavailable\" in tools.json)"; done
  echo "$PREFIX: tools cached$note"
fi
if [ ${#failed[@]} -gt 0 ]; then
  echo "$PREFIX: FAILED: ${failed[*]} (logs in $LOG_DIR)" >&2
  exit 1
fi
