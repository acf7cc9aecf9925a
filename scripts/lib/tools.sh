# Sourced by scripts/test: installs the real neighbours the tests use (tools Preflight is compared with, and what
# the deployment tests need) when this machine lacks them, so a fresh machine runs every test. A test whose
# component still cannot be set up fails with the reason; none is skipped.
ensure_debian_package() { # <command> <package>
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "installing the Debian package $2 (for the tests)"
  if [ "$(id -u)" -ne 0 ]; then
    echo "cannot install $2 without root; install it (apt-get install $2) and run again" >&2
    return 1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null; }
}

ensure_npm_package() { # <command> <package@version>
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "installing the npm package $2 (for the tests)"
  npm install -g --no-audit --no-fund "$2" >/dev/null
}

ensure_test_tools() {
  ensure_debian_package sql-migrate sql-migrate   # SqlMigrateAgreesTest
  ensure_npm_package dbmate dbmate@2.36.0         # DbmateAgreesTest
  ensure_debian_package ip iproute2               # pods as network namespaces (demo's KubernetesTest)
  ensure_debian_package openssl openssl           # a PEM key for Jolokia's https (RpcJolokiaTlsTest)
}
