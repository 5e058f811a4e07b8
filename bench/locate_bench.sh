#!/usr/bin/env bash
# Batch locate: `respgrid locate --input POINTS.csv --output OUT.csv` of 1,000,000 points over the
# 100 m square grids of the sample county (~150,000 cells) and of the whole of Zhoukou (~1.3 million
# cells), against the same spatial join in PostGIS, on this machine in the same run, RUNS times
# (default 3).
#
# Cases (bench/make_points.py, fixed seed, 6 decimals as phone apps give them):
#   sample        GCJ-02 points uniform over the county, 1 % outside it (as reports come in);
#   sample-wgs84  WGS 84 points, 44 % outside the county (the issue's case: every point outside
#                 every grid needs its nearest grid);
#   zhoukou       GCJ-02 points over the whole city, 1 % outside.
# respgrid's time is the whole command: opening the project, loading and indexing the grids,
# reading the CSV, the datum shift and PROJ to Gauss-Krüger, locating (with border distance and
# runner-up, nearest grid for points outside), the owner columns and writing the CSV. Its own report
# splits the loading of the grids from the rest ("read, located and wrote ... rows/s").
# References, with the grids loaded, GiST-indexed and analysed untimed:
#  - the strongest (headline): bench/postgis_reference/locate.sql, timed as one psql run — \copy
#    of the CSV, the points made with ST_Transform, a GiST index on them, the join of the cells to
#    the points with ST_Intersects;
#  - ours: COPY, ST_Transform, GiST, `grids ST_Covers points` LEFT JOIN written back with COPY TO.
# PostGIS has no GCJ-02: its GCJ-02 points are taken as CGCS2000 and sit ~500 m off respgrid's
# (the same work, other cells).
# Target: >= 1,500,000 points/s end to end and >= 10x the strongest reference.
#
#   bench/locate_bench.sh [WORK_DIR [CASE...]]   (default /tmp/respgrid-locate-bench; cases: sample sample-wgs84 zhoukou)
# RESPGRID_BUILD_DIR picks the build (default build/); RESPGRID_SKIP_BUILD=1 skips set-up and build;
# POINTS=n changes the number of points; RUNS=n the repetitions.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
points=${POINTS:-1000000}
source "$root/bench/projects.sh"
bench_start /tmp/respgrid-locate-bench "$@"
[ "${#@}" -le 1 ] && cases=(sample sample-wgs84 zhoukou)
"$root/bench/setup_postgis.sh"
source "$root/bench/postgis.sh"
source "$root/bench/reference.sh"

# case_setting CASE -> "project_case area crs srid outside_share"
case_setting() {
  case $1 in
    sample) echo "sample $root/data/huaiyang_county.geojson gcj02 4490 0.01" ;;
    sample-wgs84) echo "sample $root/data/huaiyang_county.geojson wgs84 4326 0.44" ;;
    zhoukou) echo "zhoukou $root/data/zhoukou_counties.geojson gcj02 4490 0.01" ;;
    *) echo "unknown case $1 (sample, sample-wgs84, zhoukou)" >&2; exit 2 ;;
  esac
}

# run_respgrid PROJECT POINTS -> "seconds peak_kib load_seconds rows_per_s_after_load inside outside"
run_respgrid() {
  local out rc=0
  rm -f "$work/located.csv"
  out=$( { /usr/bin/time -f "TIME %e %M" "$respgrid" locate "$1" --input "$2" --output "$work/located.csv" --overwrite; } 2>&1 ) || rc=$?
  echo "$out" > "$work/locate.log"
  [ "$rc" -eq 0 ] || { echo "respgrid locate failed (exit $rc), see $work/locate.log" >&2; exit 1; }
  local t l r i o
  t=$(echo "$out" | awk '/^TIME [0-9]/ {print $2, $3}')
  l=$(echo "$out" | sed -n 's/.*grids in \([0-9.]*\) s[ ;].*/\1/p')
  r=$(echo "$out" | sed -n 's/.* s (\([0-9]*\) rows\/s).*/\1/p')
  i=$(echo "$out" | sed -n 's/.*: \([0-9]*\) inside a grid.*/\1/p')
  o=$(echo "$out" | sed -n 's/.* \([0-9]*\) outside the county.*/\1/p')
  echo "$t $l $r $i $o"
}

# load_grids PROJECT: its grids in EPSG:4547 as the table `grids` (fid, geom, codes), GiST-indexed
# and analysed (untimed).
load_grids() {
  "$respgrid" -q export "$1" --format gpkg --output "$work/layers.gpkg" --crs EPSG:4547 --overwrite >/dev/null 2>"$work/export.log" ||
    { cat "$work/export.log" >&2; exit 1; }
  pg_sql -c "DROP TABLE IF EXISTS grids" 2>/dev/null
  ogr2ogr -f PostgreSQL "$PG_CONN" "$work/layers.gpkg" grids -nln grids -lco GEOMETRY_NAME=geom \
    -lco FID=fid -lco SPATIAL_INDEX=GIST -nlt MULTIPOLYGON
  pg_sql -c "ANALYZE grids"
}

# run_strongest REFERENCE_CSV SRID -> "seconds inside" (bench/postgis_reference/locate.sql)
run_strongest() {
  pg_sql -c "DROP TABLE IF EXISTS pts_raw, pts, loc" 2>/dev/null
  local t
  t=$(reference_run locate "$work/reference_locate.log" "@CSV@=$1" \
    "@GEOM@=ST_Transform(ST_SetSRID(ST_MakePoint(a, b), $2), 4547)" "@CELLS@=grids" "@PRED@=ST_Intersects")
  echo "$t $(pg_sql -t -A -c "SELECT count(DISTINCT id) FROM loc")"
}

# run_ours POINTS SRID -> "seconds peak_kib inside"
run_ours() {
  chmod a+r "$1"; mkdir -p "$work/pgout"; chmod a+rwx "$work/pgout"; rm -f "$work/pgout/joined.csv"
  pg_sql -c "DROP TABLE IF EXISTS pts_in, pts_ours" 2>/dev/null
  local log=$work/postgis_locate.log start end
  start=$(date +%s%N)
  pg_sql -t -A > "$log" <<SQL
CREATE UNLOGGED TABLE pts_in (id text, lon float8, lat float8, crs text);
COPY pts_in FROM '$1' WITH (FORMAT csv, HEADER true);
CREATE UNLOGGED TABLE pts_ours AS SELECT id, ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), $2), 4547) AS geom FROM pts_in;
CREATE INDEX ON pts_ours USING gist (geom);
ANALYZE pts_ours;
COPY (SELECT p.id, g.code, g.name, g.village_code, g.township_code FROM pts_ours p LEFT JOIN grids g ON ST_Covers(g.geom, p.geom))
  TO '$work/pgout/joined.csv' WITH (FORMAT csv, HEADER true);
SELECT 'INSIDE ' || count(*) FROM pts_ours p JOIN grids g ON ST_Covers(g.geom, p.geom);
SELECT 'PEAK ' || coalesce((regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\s+(\d+)'))[1], '0');
SQL
  end=$(date +%s%N)
  echo "$(awk -v n="$(( (end - start) / 1000000 ))" 'BEGIN {printf "%.2f", n / 1000}') $(sed -n 's/^PEAK //p' "$log") $(sed -n 's/^INSIDE //p' "$log")"
}

pg_start "$work/pg"
declare -A proj
for name in "${cases[@]}"; do
  read -r pc _ <<< "$(case_setting "$name")"
  [ -n "${proj[$pc]:-}" ] || proj[$pc]=$(case_project "$pc")
done

echo "respgrid locate of $points points over grid --method square --size 100, $(nproc) cores, $(runs) runs ($(date -u +%FT%TZ)); strongest reference: $(reference_sql locate) (ST_Intersects); target >= 1,500,000 points/s and >= 10x it"
loaded=""
for name in "${cases[@]}"; do
  read -r pc area crs srid outside <<< "$(case_setting "$name")"
  pts=$work/points_$name.csv ref_pts=$work/points_${name}_reference.csv
  [ -s "$pts" ] || /usr/bin/python3 "$root/bench/make_points.py" "$area" "$points" "$pts" --crs "$crs" --outside "$outside"
  # The shared SQL reads (id int, a, b): the same points, numbered.
  [ -s "$ref_pts" ] || awk -F, 'NR == 1 {print "id,a,b"; next} {print NR - 2 "," $2 "," $3}' "$pts" > "$ref_pts"
  chmod a+r "$pts" "$ref_pts"
  [ "$loaded" = "$pc" ] || { load_grids "${proj[$pc]}"; loaded=$pc; }
  cells=$(sqlite3 "${proj[$pc]}" "SELECT cell_count FROM grid_generations ORDER BY id DESC LIMIT 1")
  r_times="" s_times="" o_times=""
  for run in $(seq "$(runs)"); do
    read -r rt rm rl rr ri ro <<< "$(run_respgrid "${proj[$pc]}" "$pts")"
    read -r st si <<< "$(run_strongest "$ref_pts" "$srid")"
    read -r ot om oi <<< "$(run_ours "$pts" "$srid")"
    printf '%-12s run %s: %s cells | respgrid %6.2f s (%s s loading the grids) %5.0f MiB, %9.0f points/s, %s points/s after loading; %s inside, %s outside | strongest %6.2f s (%s inside) | ours %6.2f s (%s inside) | strongest/respgrid %s, ours/respgrid %s\n' \
      "$name" "$run" "$cells" "$rt" "$rl" "$(awk -v m="$rm" 'BEGIN {print m / 1024}')" "$(awk -v n="$points" -v t="$rt" 'BEGIN {print n / t}')" \
      "$rr" "$ri" "$ro" "$st" "$si" "$ot" "$oi" "$(ratio "$st" "$rt")" "$(ratio "$ot" "$rt")"
    r_times+=" $rt" s_times+=" $st" o_times+=" $ot"
  done
  rb=$(spread "$r_times") sb=$(spread "$s_times") ob=$(spread "$o_times")
  printf '%-12s best of %s: respgrid %s = %.0f points/s | strongest %s | ours %s | strongest/respgrid %s, ours/respgrid %s\n' \
    "$name" "$(runs)" "$rb" "$(awk -v n="$points" -v t="${rb%% *}" 'BEGIN {print n / t}')" "$sb" "$ob" \
    "$(ratio "${sb%% *}" "${rb%% *}")" "$(ratio "${ob%% *}" "${rb%% *}")"
done
