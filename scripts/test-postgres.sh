# shellcheck shell=bash
# Source this file: starts a throw-away PostgreSQL cluster (Debian's server
# binaries) on a free loopback port and exports the connection string that
# Backstage's TestDatabases reads, so store tests run on PostgreSQL as well as
# SQLite. The cluster is stopped and removed when the shell exits.

orkestra_start_test_postgres() {
  local bindir major dir port run_as=()
  bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$bindir" ]; then
    echo "test-postgres: PostgreSQL server binaries not found (apt-get install -y postgresql)" >&2
    return 1
  fi
  major="$(basename "$(dirname "$bindir")")"
  dir="$(mktemp -d /tmp/orkestra-test-pg.XXXXXX)"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$dir"
    run_as=(runuser -u postgres --)
  fi
  port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  "${run_as[@]}" "$bindir/initdb" -D "$dir/data" -A trust -U postgres --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2; return 1; }
  "${run_as[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 30 \
    -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c fsync=off -c max_connections=300" \
    start >/dev/null || { cat "$dir/postgres.log" >&2; return 1; }
  export "BACKSTAGE_TEST_DATABASE_POSTGRES${major}_CONNECTION_STRING=postgresql://postgres@127.0.0.1:${port}"
  export ORKESTRA_TEST_POSTGRES_ID="POSTGRES_${major}"
  export ORKESTRA_REQUIRE_POSTGRES=1
  ORKESTRA_TEST_PG_STOP="${run_as[*]} $bindir/pg_ctl -D $dir/data -m immediate -w stop >/dev/null 2>&1; rm -rf $dir"
  trap 'eval "$ORKESTRA_TEST_PG_STOP"' EXIT
  echo "test-postgres: PostgreSQL $major on 127.0.0.1:$port ($ORKESTRA_TEST_POSTGRES_ID)" >&2
}
