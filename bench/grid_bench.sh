#!/usr/bin/env bash
# Grid generation: `respgrid grid --method square --size 100` against the same job in PostGIS
# (ST_SquareGrid over the extent, joined to the villages through their GiST index, whole squares
# kept, the others cut with ST_Intersection, the result stored with a GiST index as respgrid
# stores its cells with an R*Tree), on the sample county and on the whole of Zhoukou, on this
# machine in the same run. Prints wall time (whole command, and respgrid's cutting alone), peak
# memory and the ratios.
#
#   bench/grid_bench.sh [WORK_DIR]        (default /tmp/respgrid-bench)
# RESPGRID_BUILD_DIR picks the build (default build/); RESPGRID_SKIP_BUILD=1 skips set-up and build.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-/tmp/respgrid-bench}
if [ -z "${RESPGRID_SKIP_BUILD:-}" ]; then  # set it to reuse an existing build
  "$root/scripts/setup.sh"
  "$root/scripts/build.sh"
fi
"$root/bench/setup_postgis.sh"
respgrid=${RESPGRID_BUILD_DIR:-$root/build}/bin/respgrid
source "$root/bench/postgis.sh"
source "$root/bench/projects.sh"
mkdir -p "$work"

# project NAME COUNTY_CODE COUNTY_NAME COUNTY TOWNSHIPS VILLAGES: a project with its boundaries.
project() {
  bench_project "$work/$1.rgproj" "${@:2}"
  echo "$work/$1.rgproj"
}

# run_respgrid PROJECT -> "seconds peak_kib cells cut_seconds"
run_respgrid() {
  cp "$1" "$work/run.rgproj"
  local out
  out=$( { /usr/bin/time -f "TIME %e %M" "$respgrid" grid "$work/run.rgproj" --method square --size 100 --sliver-fraction 0 --no-dedicated; } 2>&1 )
  local cells; cells=$(echo "$out" | sed -n 's/^generation [0-9]* (square): \([0-9]*\) grid.*/\1/p')
  local cut; cut=$(echo "$out" | sed -n 's/^cut in \([0-9.]*\) s.*/\1/p')
  echo "$out" | awk -v c="$cells" -v k="$cut" '/^TIME/ {print $2, $3, c, k}'
}

# run_postgis PROJECT -> "seconds peak_kib cells"
run_postgis() {
  "$respgrid" -q export "$1" --format gpkg --output "$work/layers.gpkg" --crs EPSG:4547 --overwrite >/dev/null
  pg_sql -c "DROP TABLE IF EXISTS villages, cells" 2>/dev/null
  ogr2ogr -f PostgreSQL "$PG_CONN" "$work/layers.gpkg" villages -nln villages -lco GEOMETRY_NAME=geom \
    -lco SPATIAL_INDEX=GIST -nlt MULTIPOLYGON
  pg_sql -c "ANALYZE villages"
  local start end
  local log=$work/postgis.log
  start=$(date +%s%N)
  pg_sql -t -A > "$log" <<'SQL'
CREATE TABLE cells AS
WITH grid AS (
  SELECT g.i, g.j, g.geom
  FROM ST_SquareGrid(100, (SELECT ST_SetSRID(ST_Extent(geom)::geometry, 4547) FROM villages)) AS g
)
SELECT v.code, grid.i, grid.j,
       CASE WHEN ST_Within(grid.geom, v.geom) THEN grid.geom
            ELSE ST_CollectionExtract(ST_Intersection(grid.geom, v.geom), 3) END AS geom
FROM grid JOIN villages v ON ST_Intersects(grid.geom, v.geom);
CREATE INDEX cells_geom ON cells USING GIST (geom);
SELECT 'CELLS ' || count(*) FROM cells WHERE NOT ST_IsEmpty(geom);
SQL
  end=$(date +%s%N)
  local cells; cells=$(sed -n 's/^CELLS //p' "$log")
  echo "$(( (end - start) / 1000000 ))" "$cells" | awk '{printf "%.2f 0 %s\n", $1/1000, $2}'
}

report() {  # name respgrid_result postgis_result
  read -r rt rm rc rk <<< "$2"
  read -r pt pm pc <<< "$3"
  printf '%-8s respgrid %7.2f s (cutting %6.2f s) %6.0f MiB %8s cells | PostGIS %7.2f s %8s cells | PostGIS/respgrid %4.1fx whole, %4.1fx cutting\n' \
    "$1" "$rt" "$rk" "$(awk -v m="$rm" 'BEGIN{print m/1024}')" "$rc" "$pt" "$pc" \
    "$(awk -v a="$pt" -v b="$rt" 'BEGIN{print a/b}')" "$(awk -v a="$pt" -v b="$rk" 'BEGIN{print a/b}')"
}

pg_start "$work/pg"
/usr/bin/python3 "$root/bench/make_zhoukou.py" "$work/zhoukou" 2>/dev/null
sample=$(project sample 411626 淮阳县 "$root/data/huaiyang_county.geojson" "$root/data/townships.geojson" "$root/data/villages.geojson")
zhoukou=$(project zhoukou 411600 周口市 "$work/zhoukou/zhoukou_county.geojson" "$work/zhoukou/zhoukou_townships.geojson" "$work/zhoukou/zhoukou_villages.geojson")

echo "grid --method square --size 100, $(nproc) cores ($(date -u +%FT%TZ))"
for name in sample zhoukou; do
  p=${!name}
  r=$(run_respgrid "$p")
  g=$(run_postgis "$p")
  report "$name" "$r" "$g"
done
