# Sourced by scripts/test and scripts/demo: makes sure PostgreSQL answers on 127.0.0.1:5432,
# starting the machine's pre-installed cluster when it does not.
ensure_postgres() {
  pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
  pg_up && return 0
  echo "PostgreSQL is not answering on 127.0.0.1:5432; starting the local cluster"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
  for _ in $(seq 1 30); do pg_up && return 0; sleep 1; done
  echo "PostgreSQL did not start on 127.0.0.1:5432" >&2
  return 1
}
