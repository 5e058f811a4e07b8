#!/usr/bin/env bash
# Batch locate: `respgrid locate --input POINTS.csv --output OUT.csv` of 1,000,000 points over the
# 100 m square grids of the sample county (~150,000 cells) and of the whole of Zhoukou (~1.3 million
# cells), against the same spatial join in PostGIS, on this machine in the same run.
#
# The points (bench/make_points.py): uniform over the area, 1 % outside it, GCJ-02 lon/lat with 6
# decimals, as phone apps report them. respgrid's time is the whole command: opening the project,
# loading and indexing the grids, reading the CSV, GCJ-02 -> CGCS2000 -> Gauss-Krüger, locating
# (with border distance and runner-up), the owner columns and writing the CSV. Its own report splits
# the loading of the grids from the rest ("read, located and wrote ... rows/s").
# The reference: PostGIS with the grids already loaded and indexed (not timed), then timed in one
# psql session: COPY of the same CSV, the points made and transformed (ST_Transform from 4490;
# PostGIS has no GCJ-02, so its points sit ~500 m off respgrid's: the same work, other cells), a
# GiST index on them, and the join `grids ST_Covers points` written back with COPY TO.
# Target: >= 1,500,000 points/s end to end, ~10x PostGIS; the index of 1.2 M cells < 500 MB.
#
#   bench/locate_bench.sh [WORK_DIR [CASE...]]   (default /tmp/respgrid-locate-bench; cases: sample zhoukou)
# RESPGRID_BUILD_DIR picks the build (default build/); RESPGRID_SKIP_BUILD=1 skips set-up and build;
# POINTS=n changes the number of points.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
points=${POINTS:-1000000}
source "$root/bench/projects.sh"
bench_start /tmp/respgrid-locate-bench "$@"
"$root/bench/setup_postgis.sh"
source "$root/bench/postgis.sh"

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

# run_postgis PROJECT POINTS -> "seconds peak_kib inside"
run_postgis() {
  "$respgrid" -q export "$1" --format gpkg --output "$work/layers.gpkg" --crs EPSG:4547 --overwrite >/dev/null 2>"$work/export.log" ||
    { cat "$work/export.log" >&2; exit 1; }
  pg_sql -c "DROP TABLE IF EXISTS grids, pts_in, pts" 2>/dev/null
  ogr2ogr -f PostgreSQL "$PG_CONN" "$work/layers.gpkg" grids -nln grids -lco GEOMETRY_NAME=geom \
    -lco FID=id -lco SPATIAL_INDEX=GIST -nlt MULTIPOLYGON
  pg_sql -c "ANALYZE grids"
  chmod a+r "$2"; mkdir -p "$work/pgout"; chmod a+rwx "$work/pgout"; rm -f "$work/pgout/joined.csv"
  local log=$work/postgis_locate.log start end
  start=$(date +%s%N)
  pg_sql -t -A > "$log" <<SQL
CREATE UNLOGGED TABLE pts_in (id text, lon float8, lat float8, crs text);
COPY pts_in FROM '$2' WITH (FORMAT csv, HEADER true);
CREATE UNLOGGED TABLE pts AS SELECT id, ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), 4490), 4547) AS geom FROM pts_in;
CREATE INDEX ON pts USING gist (geom);
ANALYZE pts;
COPY (SELECT p.id, g.code, g.name, g.village_code, g.township_code FROM pts p LEFT JOIN grids g ON ST_Covers(g.geom, p.geom))
  TO '$work/pgout/joined.csv' WITH (FORMAT csv, HEADER true);
SELECT 'INSIDE ' || count(*) FROM pts p JOIN grids g ON ST_Covers(g.geom, p.geom);
SELECT 'PEAK ' || coalesce((regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\s+(\d+)'))[1], '0');
SQL
  end=$(date +%s%N)
  echo "$(awk -v n="$(( (end - start) / 1000000 ))" 'BEGIN {printf "%.2f", n / 1000}') $(sed -n 's/^PEAK //p' "$log") $(sed -n 's/^INSIDE //p' "$log")"
}

pg_start "$work/pg"
declare -A proj area
area[sample]=$root/data/huaiyang_county.geojson
area[zhoukou]=$root/data/zhoukou_counties.geojson
for name in "${cases[@]}"; do proj[$name]=$(case_project "$name"); done

echo "respgrid locate of $points GCJ-02 points over grid --method square --size 100, $(nproc) cores ($(date -u +%FT%TZ)); reference: PostGIS COPY + ST_Transform + GiST + ST_Covers join + COPY TO; target >= 1,500,000 points/s, ~10x PostGIS"
for name in "${cases[@]}"; do
  pts=$work/points_$name.csv
  [ -s "$pts" ] || /usr/bin/python3 "$root/bench/make_points.py" "${area[$name]}" "$points" "$pts" --crs gcj02
  cells=$(sqlite3 "${proj[$name]}" "SELECT cell_count FROM grid_generations ORDER BY id DESC LIMIT 1")
  read -r rt rm rl rr ri ro <<< "$(run_respgrid "${proj[$name]}" "$pts")"
  read -r pt pm pi <<< "$(run_postgis "${proj[$name]}" "$pts")"
  printf '%-8s %s cells | respgrid %6.2f s end to end (%s s loading the grids), %6.0f MiB peak, %9.0f points/s end to end, %9s points/s after loading; %s inside, %s outside\n' \
    "$name" "$cells" "$rt" "$rl" "$(awk -v m="$rm" 'BEGIN {print m / 1024}')" "$(awk -v n="$points" -v t="$rt" 'BEGIN {print n / t}')" "$rr" "$ri" "$ro"
  printf '%-8s PostGIS %6.2f s (backend peak %.0f MiB), %9.0f points/s; %s inside | PostGIS/respgrid %.1fx end to end, %.1fx after loading\n' \
    "" "$pt" "$(awk -v m="${pm:-0}" 'BEGIN {print m / 1024}')" "$(awk -v n="$points" -v t="$pt" 'BEGIN {print n / t}')" "$pi" \
    "$(awk -v a="$pt" -v b="$rt" 'BEGIN {print a / b}')" "$(awk -v a="$pt" -v n="$points" -v r="$rr" 'BEGIN {print a / (n / r)}')"
done
