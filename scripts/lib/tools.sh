# Sourced by scripts/test: installs the neighbour tools that tests compare Preflight with, when they are missing,
# so that a fresh machine runs those tests instead of failing them for want of the tool.
ensure_debian_package() { # <command> <package>
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "installing the Debian package $2 (for the tests)"
  apt-get install -y -q "$2" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q "$2" >/dev/null; }
}

ensure_npm_package() { # <command> <package@version>
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "installing the npm package $2 (for the tests)"
  npm install -g --no-audit --no-fund "$2" >/dev/null
}

ensure_test_tools() {
  ensure_debian_package sql-migrate sql-migrate   # SqlMigrateAgreesTest
  ensure_npm_package dbmate dbmate@2.36.0         # DbmateAgreesTest
}
