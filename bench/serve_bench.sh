#!/usr/bin/env bash
# Service under load: `respgrid serve` over the sample county's 100 m squares (~150,000 cells, with
# roster, catalogue and owner chains), on loopback, in one run:
#  1. GET /v1/locate?lon=&lat=&crs=4326 from wrk (two client threads, CONNECTIONS connections,
#     DURATION): requests/s, p50/p99 latency, non-2xx and socket errors, and how the CPU time
#     split between wrk and the service (/proc/PID/stat before and after).
#  2. REQUESTS Open311 requests posted at once (bench/serve_load.py, 24 threads), each with its own
#     report_id, then the same again: every one answered with an id, exactly REQUESTS new reports
#     on the ledger and no report twice, and the second pass adding nothing (on the empty ledger).
#  3. wrk again while `respgrid ledger import` writes ISSUES issues into the same store (started
#     just before wrk): the same figures, and the import's time and result.
#  4. The same lookups answered by PostGIS (bench/serve_postgis.pgbench): pgbench -M prepared with
#     as many connections on two threads for as long, the cells GiST-indexed and the points loaded
#     untimed, each point transformed per request (a service gets lon/lat); TPS, p50/p99 from
#     pgbench's per-transaction log (as logged, and corrected as wrk corrects its own), and
#     respgrid/PostGIS for throughput and latency.
# Targets (the issue): >= 20,000 locate/s with p99 < 5 ms on 2 cores, no errors under load, no
# Open311 request lost or duplicated. The points (bench/make_points.py, fixed seed): POINTS over the
# county, 1 % outside it, read as WGS 84 (the county's outline is GCJ-02, so points near its edge
# may fall just outside: the same points for both). A summary table goes to stdout, progress to
# stderr (none with -q). Exit 1 when the service does not answer /v1/health.
#
#   bench/serve_bench.sh [-q] [WORK_DIR]   (default /tmp/respgrid-serve-bench)
# RESPGRID_BUILD_DIR / RESPGRID_SKIP_BUILD=1 as for the other benchmarks; DURATION (10s),
# CONNECTIONS (8), THREADS (the service's --threads, 16: at least CONNECTIONS), POINTS (10000),
# ISSUES (100000), REQUESTS (1000).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
quiet=0
[ "${1:-}" = -q ] && { quiet=1; shift; }
duration=${DURATION:-10s}
connections=${CONNECTIONS:-8}
threads=${THREADS:-16}  # the service's default: each kept-alive connection holds a thread
points=${POINTS:-10000}
issues=${ISSUES:-100000}
requests=${REQUESTS:-1000}
say() { [ "$quiet" = 1 ] || echo "serve_bench: $*" >&2; }
source "$root/bench/projects.sh"
bench_start /tmp/respgrid-serve-bench "${1:-/tmp/respgrid-serve-bench}" sample
"$root/bench/setup_postgis.sh"
source "$root/bench/postgis.sh"
hz=$(getconf CLK_TCK)

# cpu_ticks PID [children]: user + system clock ticks of PID so far (with "children", those of its
# reaped children: PostgreSQL's backends once they have exited).
cpu_ticks() {
  # Fields after the ")" that closes the command name: utime and stime are the 12th and 13th,
  # cutime and cstime the 14th and 15th.
  sed 's/.*) //' "/proc/$1/stat" | awk -v c="${2:-}" '{print c == "children" ? $14 + $15 : $12 + $13}'
}
# share TICKS SECONDS: CPU cores used on average over SECONDS.
share() { awk -v t="$1" -v s="$2" -v hz="$hz" 'BEGIN {printf "%.2f", t / hz / s}'; }
now() { date +%s.%N; }
# field LINE KEY: the value of KEY=value in a line of such pairs (wrk's RESULT, serve_load.py's).
field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | head -n 1; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN {printf "%.2f", b - a}'; }

# start_service PROJECT: `respgrid serve` on a free loopback port; sets $url and $serve_pid, and
# exits 1 unless /v1/health answers within a minute.
start_service() {
  local port i
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  url=http://127.0.0.1:$port
  "$respgrid" serve "$1" --listen "127.0.0.1:$port" --token-file "$work/token" --threads "$threads" > "$work/serve.log" 2>&1 &
  serve_pid=$!
  for i in $(seq 600); do
    curl -sf "$url/v1/health" > /dev/null 2>&1 && return 0
    kill -0 "$serve_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "serve_bench: respgrid serve did not answer $url/v1/health; its log ($work/serve.log):" >&2
  tail -n 20 "$work/serve.log" >&2
  exit 1
}
stop_service() {
  if [ -n "${serve_pid:-}" ]; then kill "$serve_pid" 2>/dev/null; wait "$serve_pid" 2>/dev/null || true; fi
  serve_pid=""
}

# run_wrk NAME: wrk against /v1/locate; sets rps p50 p99 (ms) non2xx sockerr, and srv_cpu /
# wrk_cpu (cores used by the service and by wrk over the run). Its report: $work/wrk_NAME.log.
run_wrk() {
  local log=$work/wrk_$1.log s0 s1 t0 secs
  s0=$(cpu_ticks "$serve_pid") t0=$(now)
  /usr/bin/time -f "CPU %U %S" -o "$work/wrk_$1.time" wrk -t2 -c"$connections" -d"$duration" --latency \
    -s "$root/bench/serve_locate.lua" "$url" -- "$work/paths.txt" > "$log" 2>&1 || { cat "$log" >&2; exit 1; }
  s1=$(cpu_ticks "$serve_pid") secs=$(since "$t0")
  local r
  r=$(sed -n 's/^RESULT //p' "$log")
  rps=$(awk -v n="$(field "$r" requests)" -v d="$(field "$r" duration_us)" 'BEGIN {printf "%.0f", n / d * 1e6}')
  p50=$(awk -v u="$(field "$r" p50_us)" 'BEGIN {printf "%.2f", u / 1000}')
  p99=$(awk -v u="$(field "$r" p99_us)" 'BEGIN {printf "%.2f", u / 1000}')
  non2xx=$(field "$r" status)
  sockerr=$(( $(field "$r" connect) + $(field "$r" read) + $(field "$r" write) + $(field "$r" timeout) ))
  srv_cpu=$(share $(( s1 - s0 )) "$secs")
  wrk_cpu=$(awk -v s="$secs" '/^CPU/ {printf "%.2f", ($2 + $3) / s}' "$work/wrk_$1.time")
}

# postgis_locate: the grids and the points into PostgreSQL (untimed), then pgbench; sets pg_tps
# pg_p50 pg_p99 (ms, as logged) pg_c50 pg_c99 (corrected as wrk corrects) pg_failed pg_cpu (cores used by the backends) bench_cpu (by pgbench),
# pg_in_grid (points PostGIS finds a grid for) and same_cell (points given respgrid's cell).
postgis_locate() {
  "$respgrid" -q export "$proj" --format gpkg --output "$work/layers.gpkg" --crs EPSG:4547 --overwrite >/dev/null 2>"$work/export.log" ||
    { cat "$work/export.log" >&2; exit 1; }
  ogr2ogr -f PostgreSQL "$PG_CONN" "$work/layers.gpkg" grids -nln grids -lco GEOMETRY_NAME=geom \
    -lco FID=id -lco SPATIAL_INDEX=GIST -nlt MULTIPOLYGON
  # The shared reference's settings (/work/shared/bench/postgis/README.md): no JIT, no parallel
  # workers: one backend per request, as a service would run it.
  pg_sql -c "ALTER DATABASE bench SET jit = off" -c "ALTER DATABASE bench SET max_parallel_workers_per_gather = 0"
  pg_sql -c "CREATE UNLOGGED TABLE serve_points (i int PRIMARY KEY, id text, lon float8, lat float8)"
  awk -F, 'NR > 1 {print NR - 1 "," $1 "," $2 "," $3}' "$pts" | pg_sql -c "COPY serve_points FROM STDIN WITH (FORMAT csv)"
  pg_sql -c "ANALYZE grids" -c "ANALYZE serve_points"
  # Every point's cell as PostGIS finds it (untimed), to compare with respgrid's answers.
  pg_sql -t -A -F $'\t' -c "SELECT p.i, coalesce((SELECT code FROM grids g WHERE ST_Intersects(g.geom,
    ST_Transform(ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326), 4547)) LIMIT 1), '') FROM serve_points p ORDER BY p.i" > "$work/postgis_located.tsv"
  pg_in_grid=$(awk -F'\t' '$2 != ""' "$work/postgis_located.tsv" | wc -l)
  # The same cell, or both none; a point on a shared edge may go either way in PostGIS (LIMIT 1).
  same_cell=$(tail -n +2 "$work/located.tsv" | cut -f 4 | paste - <(cut -f 2 "$work/postgis_located.tsv") | awk -F'\t' '$1 == $2' | wc -l)
  local postmaster c0 c1 t0 secs log=$work/pgbench.log
  postmaster=$(head -n 1 "$PG_DIR/data/postmaster.pid")
  rm -f "$work"/pgbench_log*
  c0=$(cpu_ticks "$postmaster" children) t0=$(now)
  (cd "$work" && /usr/bin/time -f "CPU %U %S" -o "$work/pgbench.time" "$PG_BIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres \
    -n -M prepared -c "$connections" -j 2 -T "${duration%s}" -D n="$points" -f "$root/bench/serve_postgis.pgbench" \
    --log --log-prefix=pgbench_log bench) > "$log" 2>&1 || { cat "$log" >&2; exit 1; }
  secs=$(since "$t0")
  sleep 0.5  # the backends exit after pgbench does; their time reaches the postmaster when reaped
  c1=$(cpu_ticks "$postmaster" children)
  pg_tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$log" | awk '{printf "%.0f", $1}')
  pg_failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$log")
  # wrk corrects its latencies for coordinated omission; pgbench logs them as they were: both.
  read -r pg_p50 pg_p99 pg_c50 pg_c99 <<< "$(cat "$work"/pgbench_log* |
    awk -v runtime_us="$(( ${duration%s} * 1000000 ))" -v connections="$connections" -f "$root/bench/pgbench_percentiles.awk")"
  pg_cpu=$(share $(( c1 - c0 )) "$secs")
  bench_cpu=$(awk -v s="$secs" '/^CPU/ {printf "%.2f", ($2 + $3) / s}' "$work/pgbench.time")
}

# reports: the ledger's reports (every one, first of its case or merged into it), and its cases.
reports() { sqlite3 "$proj" "SELECT (SELECT count(*) FROM case_reports) || ' ' || (SELECT count(*) FROM cases)"; }

# The project: the ledger bench's (grids, roster, catalogue, chains, prefix HY), copied so every run
# starts from an empty ledger. The points and the issues are kept between runs (same seeds).
load=$(cut -d ' ' -f 1-3 /proc/loadavg)  # the machine may be shared: say how busy it was
say "preparing the project, the points and the issues (untimed)"
proj=$work/serve.rgproj
cp "$(ledger_project)" "$proj"
pts=$work/points_$points.csv
[ -s "$pts" ] || /usr/bin/python3 "$root/bench/make_points.py" "$root/data/huaiyang_county.geojson" "$points" "$pts" --crs 4326
awk -F, 'NR > 1 {printf "/v1/locate?lon=%s&lat=%s&crs=4326\n", $2, $3}' "$pts" > "$work/paths.txt"
issues_csv=$work/issues_$issues.csv
[ -s "$issues_csv" ] || /usr/bin/python3 "$root/bench/make_ledger_points.py" "$root/data/huaiyang_county.geojson" \
  "$root/data/categories.csv" "$issues" "$issues_csv" --crs gcj02
cells=$(sqlite3 "$proj" "SELECT cell_count FROM grid_generations ORDER BY id DESC LIMIT 1")
head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$work/token"

trap stop_service EXIT
trap 'exit 1' INT TERM  # so that the EXIT trap stops the service
say "starting respgrid serve --threads $threads"
start_service "$proj"
say "service up at $url; asking each point once (untimed)"
check=$(/usr/bin/python3 "$root/bench/serve_load.py" check "$url" "$work/paths.txt" "$work/located.tsv")
read -r answered ok in_grid <<< "$(echo "$check" | sed 's/.*answered=\([0-9]*\) ok=\([0-9]*\) in_grid=\([0-9]*\).*/\1 \2 \3/')"
say "$check"

say "wrk -t2 -c$connections -d$duration: /v1/locate alone"
run_wrk alone
read -r a_rps a_p50 a_p99 a_non2xx a_sock a_srv a_wrk <<< "$rps $p50 $p99 $non2xx $sockerr $srv_cpu $wrk_cpu"

run=sb$(date +%s)
read -r reports0 cases0 <<< "$(reports)"
say "Open311: $requests requests posted at once, report ids $run-0001..."
# Bounded: a pass that takes longer is reported as such, and the run goes on.
o1=$(timeout 300 /usr/bin/python3 "$root/bench/serve_load.py" open311 "$url" "$work/token" "$work/located.tsv" "$root/data/categories.csv" \
  "$requests" "$run" "$work/open311_1.json") || o1="OPEN311 did not finish within 300 s"
read -r reports1 cases1 <<< "$(reports)"
say "$o1"
say "Open311: the same $requests again"
o2=$(timeout 300 /usr/bin/python3 "$root/bench/serve_load.py" open311 "$url" "$work/token" "$work/located.tsv" "$root/data/categories.csv" \
  "$requests" "$run" "$work/open311_2.json" --previous "$work/open311_1.json") || o2="OPEN311 did not finish within 300 s"
read -r reports2 cases2 <<< "$(reports)"
say "$o2"
# This run's reports, found by their report_id in source_id or in the unique source_key, whichever
# the service keeps it in; the id cut out of either, so a report stored twice counts once.
read -r ours_rows ours <<< "$(sqlite3 -separator ' ' "$proj" "SELECT count(*), count(DISTINCT substr(k, instr(k, '$run-'), length('$run-') + 4))
  FROM (SELECT coalesce(source_id, '') || ' ' || source_key AS k FROM case_reports) WHERE k LIKE '%$run-%'")"
dup_reports=$(( ours_rows - ours ))

say "wrk again, with respgrid ledger import of $issues issues into the same store"
# 8: the batch stored its good rows and rejected some (the 1 % outside the county).
( rc=0; /usr/bin/time -f "TIME %e %U %S %M" "$respgrid" ledger import "$proj" "$issues_csv" --overwrite > "$work/import.log" 2>&1 || rc=$?
  echo "$rc" > "$work/import.rc" ) &
import_pid=$!
run_wrk import
wait "$import_pid"
import_rc=$(cat "$work/import.rc")
read -r i_rps i_p50 i_p99 i_non2xx i_sock i_srv i_wrk <<< "$rps $p50 $p99 $non2xx $sockerr $srv_cpu $wrk_cpu"
read -r import_s import_cpu <<< "$(awk '/^TIME [0-9]/ {printf "%s %.2f", $2, ($3 + $4) / $2}' "$work/import.log")"
import_said=$(grep 'row(s) from' "$work/import.log" || echo "no summary, see $work/import.log")
[ "$import_rc" = 0 ] || [ "$import_rc" = 8 ] || say "the import failed (exit $import_rc), see $work/import.log"
say "import: ${import_s:-?} s, exit $import_rc; health $(curl -s "$url/v1/health")"

stop_service
trap - EXIT

say "PostGIS: loading the grids and the points (untimed), then pgbench -M prepared -c$connections -j2 -T${duration%s}"
pg_start "$work/pg"
trap pg_stop EXIT
postgis_locate
pg_stop

# The summary.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2fx", a / b}'; }
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
echo "## respgrid serve under load ($(date -u +%FT%TZ), $(nproc) cores, load average $load at the start, commit $commit)"
echo
echo "GET /v1/locate of $points WGS 84 points (random, fixed seed) over $cells cells: wrk -t2 -c$connections -d$duration --latency;"
echo "service --threads $threads; PostGIS: pgbench -M prepared -c$connections -j2 -T${duration%s}, ST_Intersects on the GiST-indexed grids, point transformed per request."
echo "Each point asked once first: $answered answered, $ok with 200, $in_grid in a grid; PostGIS: $pg_in_grid in a grid, the same cell (or none) for $same_cell of $points."
echo
echo "| run | requests/s | p50 | p99 | non-2xx | socket errors | CPU (cores): server / client |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
echo "| respgrid serve | $a_rps | $a_p50 ms | $a_p99 ms | $a_non2xx | $a_sock | $a_srv / $a_wrk |"
echo "| respgrid serve, ledger import running | $i_rps | $i_p50 ms | $i_p99 ms | $i_non2xx | $i_sock | $i_srv / $i_wrk (import $import_cpu) |"
echo "| PostGIS (pgbench), latencies corrected as wrk corrects | $pg_tps | $pg_c50 ms | $pg_c99 ms | ${pg_failed:-?} failed | | $pg_cpu / $bench_cpu |"
echo "| PostGIS (pgbench), latencies as logged | | $pg_p50 ms | $pg_p99 ms | | | |"
echo "| respgrid / PostGIS (requests/s: above 1 is faster; p50, p99 against the corrected: below 1 is faster) | $(ratio "$a_rps" "$pg_tps") | $(ratio "$a_p50" "$pg_c50") | $(ratio "$a_p99" "$pg_c99") | | | |"
echo
echo "wrk's latencies are corrected for coordinated omission (a slow answer also counts as the answers a steady client would have waited for meanwhile); pgbench's log is not, so its figures are given both ways (bench/pgbench_percentiles.awk)."
echo "Target >= 20,000 requests/s with p99 < 5 ms: $(awk -v r="$a_rps" -v p="$a_p99" 'BEGIN {print (r >= 20000 && p < 5) ? "met" : "NOT met"}') alone, $(awk -v r="$i_rps" -v p="$i_p99" 'BEGIN {print (r >= 20000 && p < 5) ? "met" : "NOT met"}') during the import."
echo "Import of $issues issues during the second run: ${import_s:-?} s, $import_cpu cores (exit $import_rc; 8: some rows rejected). It said: $import_said"
echo
echo "| Open311, $requests requests at once | seconds | answered with an id | HTTP | distinct ids | new reports on the ledger | new cases | read back |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
echo "| first pass | $(field "$o1" seconds) | $(field "$o1" with_id) | $(field "$o1" http) | $(field "$o1" distinct_ids) | $(( reports1 - reports0 )) | $(( cases1 - cases0 )) | $(field "$o1" read_back) |"
echo "| same again | $(field "$o2" seconds) | $(field "$o2" with_id) ($(field "$o2" same_id_as_first) the same id) | $(field "$o2" http) | $(field "$o2" distinct_ids) | $(( reports2 - reports1 )) | $(( cases2 - cases1 )) | $(field "$o2" read_back) |"
echo
lost=$(( requests - ours ))
echo "Reports with this run's report ids on the ledger: $ours of $requests ($lost lost, $dup_reports twice): $([ "$lost" = 0 ] && [ "$dup_reports" = 0 ] && [ $(( reports2 - reports1 )) = 0 ] && echo "none lost or duplicated" || echo "NOT intact")."
grep -h '^First answer without' <<< "$o1"$'\n'"$o2" || true
