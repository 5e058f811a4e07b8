# Sourced by the benchmark scripts: a throw-away PostgreSQL+PostGIS server on a loopback port, with
# the settings the shared reference figures were taken with (bench/postgis_reference/README.md:
# no JIT, one backend without parallel workers, 2 GB shared buffers, 256 MB work_mem, no
# synchronous commit), and fsync off: nothing in it outlives the run.
#   pg_start DIR      start a cluster in DIR (as the postgres user), listening on 127.0.0.1:$PG_PORT
#   pg_stop           stop it (also on exit)
#   pg_sql SQL...     run SQL in the bench database, quiet, stopping on the first error
PG_PORT=${PG_PORT:-55432}
PG_BIN=/usr/lib/postgresql/15/bin
PG_DIR=""

pg_as() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}

pg_start() {
  PG_DIR=$1
  rm -rf "$PG_DIR"; mkdir -p "$PG_DIR"
  [ "$(id -u)" -eq 0 ] && chown postgres "$PG_DIR"
  pg_as "$PG_BIN/initdb -D '$PG_DIR/data' -A trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null
  pg_as "$PG_BIN/pg_ctl -D '$PG_DIR/data' -l '$PG_DIR/log' -w -o \"-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c shared_buffers=2GB -c work_mem=256MB -c jit=off -c max_parallel_workers_per_gather=0 -c fsync=off -c synchronous_commit=off\" start" >/dev/null
  trap pg_stop EXIT
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -q -c "CREATE DATABASE bench" >/dev/null
  pg_sql -c "CREATE EXTENSION postgis"
}

pg_stop() {
  [ -n "$PG_DIR" ] && pg_as "$PG_BIN/pg_ctl -D '$PG_DIR/data' -m fast -w stop" >/dev/null 2>&1 || true
  PG_DIR=""
}

pg_sql() {
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d bench -q -v ON_ERROR_STOP=1 -X "$@"
}

PG_CONN="PG:host=127.0.0.1 port=$PG_PORT user=postgres dbname=bench"
