# Sourced by scripts/test: installs the real neighbours the tests use when this machine lacks them, so a fresh
# machine runs every test. A test whose component still cannot be set up fails with the reason; none is skipped.
#
#   ensure_command <command> <debian package>     e.g. ensure_command ip iproute2
ensure_command() {
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "$1 not found; installing the Debian package $2"
  if [ "$(id -u)" -ne 0 ]; then
    echo "cannot install $2 without root; install it (apt-get install $2) and run again" >&2
    return 1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null; }
}

ensure_test_requirements() {
  ensure_command ip iproute2        # pods as network namespaces (demo's KubernetesTest)
  ensure_command openssl openssl    # a PEM key for Jolokia's https (RpcJolokiaTlsTest)
}
