#!/usr/bin/env bash
# Ledger (挂账督办): `respgrid ledger import PROJECT ISSUES.csv` of 100,000 issues (a year of a busy
# county) into the sample county's 100 m squares (~150,000 cells, roster, categories, owner chains
# assigned), then the daily report `respgrid report PROJECT --day 2026-09-30 --csv DIR` over
# them, against the same import and report in PostGIS, on this machine in the same run.
#
# The issues (bench/make_ledger_points.py): uniform over the county, 1 % outside it, GCJ-02 lon/lat
# with 6 decimals, a year ending 2026-09-30 in working-hours-weighted times, each with its
# dispatch time and a category code; about 1 % fall within 50 m of an earlier case of their
# category and join it (并案). respgrid's time is the whole command: opening the project, loading
# the grids, the owners and the catalogue, reading the CSV, GCJ-02 -> CGCS2000 -> Gauss-Krüger,
# locating, 并案, numbering, deadlines, dispatching and storing cases, reports, owners and timeline
# in one transaction. Each run imports into a fresh copy of the prepared project.
# The reference (bench/postgis_ledger.sql): PostGIS with the grids (respgrid's export, with their
# owner columns) loaded, GiST-indexed and analysed and the catalogue loaded (not timed), then
# timed: COPY of the same CSV into a staging table and one INSERT INTO cases ... SELECT that
# locates with ST_Covers(grids.geom, ST_Transform(point, 4547)), numbers, computes the deadline
# from the categories table and names the owners (no GCJ-02, no 并案: a lower bound of the job);
# then the daily report as one GROUP BY township (ROLLUP for the county) written with COPY TO.
# Targets: import >= 50,000 issues/s, report < 1 s.
#
#   bench/ledger_bench.sh [WORK_DIR]   (default /tmp/respgrid-ledger-bench; the sample county only:
#                                       the benchmark needs its roster and categories)
# RESPGRID_BUILD_DIR picks the build (default build/); RESPGRID_SKIP_BUILD=1 skips set-up and build;
# ISSUES=n changes the number of issues, DAY the report's day.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
issues=${ISSUES:-100000}
day=${DAY:-2026-09-30}
source "$root/bench/projects.sh"
bench_start /tmp/respgrid-ledger-bench "${1:-/tmp/respgrid-ledger-bench}" sample
"$root/bench/setup_postgis.sh"
source "$root/bench/postgis.sh"

# timed LOG CMD...: runs CMD under GNU time, its output in LOG; sets $secs and $kib (peak RSS).
timed() {
  local log=$1 rc=0
  shift
  { /usr/bin/time -f "TIME %e %M" "$@"; } > "$log" 2>&1 || rc=$?
  # 8: the batch stored its good rows and rejected some (the 1 % of points outside the county).
  [ "$rc" -eq 0 ] || [ "$rc" -eq 8 ] || { echo "$* failed (exit $rc), see $log" >&2; exit 1; }
  read -r secs kib <<< "$(awk '/^TIME [0-9]/ {print $2, $3}' "$log")"
}

# run_respgrid ISSUES: import into a fresh copy of $base, then the day's report; sets
# $it $im (import seconds, peak KiB) and $rt $rm (report).
run_respgrid() {
  local p=$work/ledger.rgproj
  cp "$base" "$p"
  rm -rf "$work/report_csv"
  # Rejected rows go beside the project as <input stem>.rejects.csv.
  timed "$work/import.log" "$respgrid" ledger import "$p" "$1" --overwrite
  it=$secs im=$kib
  timed "$work/report.log" "$respgrid" report "$p" --day "$day" --csv "$work/report_csv"
  rt=$secs rm=$kib
}

# elapsed START_NS: seconds since START_NS, 3 decimals.
elapsed() { awk -v n="$(( ($(date +%s%N) - $1) / 1000000 ))" 'BEGIN {printf "%.3f", n / 1000}'; }

# run_postgis ISSUES: the reference (bench/postgis_ledger.sql); sets $pit $pim (import seconds,
# backend peak KiB), $prt $prm (report), $pcases (cases made) and $plocated (of them in a grid).
run_postgis() {
  "$respgrid" -q export "$base" --format gpkg --output "$work/layers.gpkg" --crs EPSG:4547 --overwrite >/dev/null 2>"$work/export.log" ||
    { cat "$work/export.log" >&2; exit 1; }
  pg_sql -c "DROP TABLE IF EXISTS grids, cases, categories, staging" 2>/dev/null
  ogr2ogr -f PostgreSQL "$PG_CONN" "$work/layers.gpkg" grids -nln grids -lco GEOMETRY_NAME=geom \
    -lco FID=id -lco SPATIAL_INDEX=GIST -nlt MULTIPOLYGON
  pg_sql -c "ANALYZE grids"
  mkdir -p "$work/pgout"; chmod a+rwx "$work/pgout"; rm -f "$work/pgout/report.csv"
  cp "$root/data/categories.csv" "$work/pgout/categories.csv"; chmod a+r "$1" "$work/pgout/categories.csv"
  local sql=$root/bench/postgis_ledger.sql ilog=$work/postgis_import.log rlog=$work/postgis_report.log start
  pg_sql -v step=setup -v categories="$work/pgout/categories.csv" -f "$sql"
  start=$(date +%s%N)
  pg_sql -t -A -v step=import -v csv="$1" -v prefix=HY -f "$sql" > "$ilog"
  pit=$(elapsed "$start")
  start=$(date +%s%N)
  pg_sql -t -A -v step=report -v day="$day" -v out="$work/pgout/report.csv" -f "$sql" > "$rlog"
  prt=$(elapsed "$start")
  pim=$(sed -n 's/^PEAK //p' "$ilog") prm=$(sed -n 's/^PEAK //p' "$rlog")
  read -r pcases plocated <<< "$(sed -n 's/^CASES //p' "$ilog")"
}

pg_start "$work/pg"
base=$(ledger_project)  # the project every run copies
pts=$work/issues_$issues.csv
[ -s "$pts" ] || /usr/bin/python3 "$root/bench/make_ledger_points.py" "$root/data/huaiyang_county.geojson" \
  "$root/data/categories.csv" "$issues" "$pts" --crs gcj02
cells=$(sqlite3 "$base" "SELECT cell_count FROM grid_generations ORDER BY id DESC LIMIT 1")

echo "respgrid ledger import of $issues GCJ-02 issues (a year) into grid --method square --size 100, then report --day $day, $(nproc) cores ($(date -u +%FT%TZ)); reference: PostGIS COPY + one INSERT ... SELECT (ST_Covers on GiST, deadline from the catalogue) and a GROUP BY township report; targets import >= 50,000 issues/s, report < 1 s"
run_respgrid "$pts"
run_postgis "$pts"
mib() { awk -v k="${1:-0}" 'BEGIN {printf "%.0f", k / 1024}'; }
rate() { awk -v n="$issues" -v t="$1" 'BEGIN {printf "%.0f", n / t}'; }
verdict() { awk -v v="$1" -v t="$2" -v dir="$3" 'BEGIN {print ((dir == "min" ? v >= t : v < t) ? "met" : "NOT met")}'; }
printf 'sample   %s cells | respgrid import %6.2f s, %4s MiB peak, %7s issues/s (target 50,000: %s); report %6.3f s, %4s MiB peak (target < 1 s: %s)\n' \
  "$cells" "$it" "$(mib "$im")" "$(rate "$it")" "$(verdict "$(rate "$it")" 50000 min)" "$rt" "$(mib "$rm")" "$(verdict "$rt" 1 max)"
printf '         PostGIS  import %6.2f s (backend peak %s MiB), %7s issues/s, %s cases, %s in a grid; report %6.3f s (backend peak %s MiB) | PostGIS/respgrid import %.1fx, report %.1fx\n' \
  "$pit" "$(mib "$pim")" "$(rate "$pit")" "$pcases" "$plocated" "$prt" "$(mib "$prm")" \
  "$(awk -v a="$pit" -v b="$it" 'BEGIN {print a / b}')" "$(awk -v a="$prt" -v b="$rt" 'BEGIN {print a / b}')"
echo "respgrid's import said: $(grep -v '^TIME ' "$work/import.log" | tail -n 3 | tr '\n' ' ')"
echo "respgrid's ledger: $(sqlite3 "$work/ledger.rgproj" "SELECT count(*) || ' cases, ' || count(grid_code) || ' in a grid, ' || total(report_count) || ' reports' FROM cases")"
rejects_file=$work/issues_$issues.rejects.csv
rejects=0; [ -f "$rejects_file" ] && rejects=$(( $(wc -l < "$rejects_file") - 1 ))
echo "rejects: $rejects; reports: $work/report_csv/ (respgrid), $work/pgout/report.csv (PostGIS)"
