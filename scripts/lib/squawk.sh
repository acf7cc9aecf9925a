# Sourced by scripts/bench-lint: squawk-cli from npm (a native binary per platform, in an optional dependency),
# installed once into a cache folder outside the repository. SQUAWK_VERSION pins it; PREFLIGHT_TOOLS moves the cache.
SQUAWK_VERSION="${SQUAWK_VERSION:-2.66.0}"

ensure_squawk() {
  local dir="${PREFLIGHT_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/preflight-tools}/squawk-cli-$SQUAWK_VERSION"
  local bin="$dir/node_modules/.bin/squawk"
  if [ ! -x "$bin" ]; then
    command -v npm >/dev/null || { echo "npm is needed to install squawk-cli: apt-get install npm" >&2; return 1; }
    echo "installing squawk-cli@$SQUAWK_VERSION into $dir" >&2
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "squawk-cli@$SQUAWK_VERSION" >&2
  fi
  "$bin" --version >/dev/null || { echo "squawk at $bin does not run" >&2; return 1; }
  echo "$bin"
}
