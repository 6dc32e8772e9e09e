# Source me (bash/zsh):  . platform/local/env.sh
# Puts the locally built tools (platform/local/build-tools.sh) and the project's node_modules/.bin
# (Node 22) first on PATH and points Pulumi and kubectl at this repository's local state.
# Safe to source more than once.

if [ -n "${BASH_SOURCE:-}" ]; then _beluga_here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
else _beluga_here="$(cd "$(dirname "$0")" && pwd)"; fi
BELUGA_REPO="$(cd "$_beluga_here/../.." && pwd)"
BELUGA_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/beluga"
BELUGA_TOOLS="$BELUGA_CACHE/tools"
BELUGA_STATE_DIR="$BELUGA_REPO/.beluga"
export BELUGA_REPO BELUGA_CACHE BELUGA_TOOLS BELUGA_STATE_DIR

# Tool directories, from the pinned versions in tools.json (<name>-<displayVersion|version>).
_beluga_dirs="$(node -e '
  const t = require(process.argv[1]);
  console.log(t.tools.filter(x => !x.unavailable)
    .map(x => process.argv[2] + "/" + x.name + "-" + (x.displayVersion || x.version)).join(":"));
' "$_beluga_here/tools.json" "$BELUGA_TOOLS" 2>/dev/null)"
# The provider binary is deliberately NOT on PATH: Pulumi would use an ambient
# pulumi-resource-kubernetes whatever version a program asks for. It is installed, by exact
# version, into $PULUMI_HOME/plugins instead.
_beluga_dirs="$(printf '%s' "$_beluga_dirs" | tr ':' '\n' | grep -v '/pulumi-resource-kubernetes-' | paste -sd: -)"

# platform/local/bin first: its pulumi-resource-pulumi-nodejs (dynamic providers) runs this repository's
# Node and @pulumi/pulumi, and must win over the cwd-dependent one build-tools.sh puts next to pulumi.
case ":$PATH:" in
  *":$BELUGA_REPO/platform/local/bin:$BELUGA_REPO/node_modules/.bin:${_beluga_dirs:+$_beluga_dirs:}"*) ;;   # already sourced
  *) PATH="$BELUGA_REPO/platform/local/bin:$BELUGA_REPO/node_modules/.bin:${_beluga_dirs:+$_beluga_dirs:}$PATH" ;;
esac
[ -d /usr/local/go/bin ] && case ":$PATH:" in *":/usr/local/go/bin:"*) ;; *) PATH="$PATH:/usr/local/go/bin" ;; esac
export PATH

export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_HOME="${PULUMI_HOME:-$BELUGA_CACHE/pulumi-home}"        # per machine: holds the plugin cache
# State backend: the embedded platform's S3-compatible store (SeaweedFS on 127.0.0.1, started with the
# cluster), as pipelines use a shared bucket. Its credentials are made once per checkout into
# .beluga/state-store.env (0600, gitignored; platform/local/cluster/state-store.ts reads the same file).
# BELUGA_STATE_BACKEND=file keeps state in .beluga/state instead (a laptop without the store);
# a PULUMI_BACKEND_URL set by the caller (a real pipeline) always wins.
if [ -z "${PULUMI_BACKEND_URL:-}" ]; then
  if [ "${BELUGA_STATE_BACKEND:-s3}" = file ]; then
    export PULUMI_BACKEND_URL="file://$BELUGA_STATE_DIR/state"
  else
    _beluga_creds="$BELUGA_STATE_DIR/state-store.env"
    if [ ! -f "$_beluga_creds" ]; then
      mkdir -p "$BELUGA_STATE_DIR"
      ( umask 077
        printf 'AWS_ACCESS_KEY_ID=beluga%s\nAWS_SECRET_ACCESS_KEY=%s\n' \
          "$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')" "$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
          > "$_beluga_creds.$$" && mv "$_beluga_creds.$$" "$_beluga_creds" )
    fi
    set -a; . "$_beluga_creds"; set +a
    export PULUMI_BACKEND_URL="s3://beluga-state?endpoint=http://127.0.0.1:${BELUGA_S3_PORT:-18333}&use_path_style=true&region=us-east-1"
    unset _beluga_creds
  fi
fi
# NOT a secret: a fixed, documented passphrase for the local-only file backend above, so that
# local stacks open without prompting. Real environments set their own PULUMI_CONFIG_PASSPHRASE.
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE-beluga-local-only}"
# The embedded cluster's kubeconfig, unless the caller deploys to a cluster of its own
# (BELUGA_EXTERNAL_CLUSTER=1, as pipelines set it): then its KUBECONFIG is kept.
if [ "${BELUGA_EXTERNAL_CLUSTER:-}" = 1 ] && [ -n "${KUBECONFIG:-}" ]; then export KUBECONFIG
else export KUBECONFIG="$BELUGA_STATE_DIR/kubeconfig"; fi

mkdir -p "$BELUGA_STATE_DIR/state" 2>/dev/null || true
unset _beluga_here _beluga_dirs
