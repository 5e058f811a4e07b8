#!/usr/bin/env bash
# Grid generation: `respgrid grid --method square --size 100` against the same job in PostGIS, on
# the sample county and on the whole of Zhoukou, on this machine in the same run, RUNS times
# (default 3). Prints wall time (whole command, and respgrid's cutting with the storing it overlaps,
# before the index and the commit), peak memory, and
# the ratios against both references:
#  - the strongest (headline): bench/postgis_reference/grid.sql, the shared formulation —
#    ST_SquareGrid over the extent with a GiST index on the squares, joined to the villages, a
#    square within its village kept whole, the others cut with ST_Intersection; timed as one psql
#    run from the shell, the villages loaded and indexed untimed;
#  - ours: the squares joined to the villages through the villages' GiST index, and the result
#    given a GiST index afterwards (as respgrid stores its cells with an R*Tree).
# Target: >= 5x the strongest reference.
#
#   bench/grid_bench.sh [WORK_DIR [CASE...]]   (default /tmp/respgrid-bench; cases: sample zhoukou)
# RESPGRID_BUILD_DIR picks the build (default build/); RESPGRID_SKIP_BUILD=1 skips set-up and build;
# RUNS=n the repetitions.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/bench/projects.sh"
bench_start /tmp/respgrid-bench "$@"
"$root/bench/setup_postgis.sh"
source "$root/bench/postgis.sh"
source "$root/bench/reference.sh"

# boundaries_project CASE: the case's project with its boundaries only; prints its path.
boundaries_project() {
  local p=$work/$1.rgproj boundaries
  mapfile -t boundaries < <(case_boundaries "$1")
  [ ${#boundaries[@]} -eq 5 ] || exit 2
  bench_project "$p" "${boundaries[@]}"
  echo "$p"
}

# load_postgis PROJECT: its county and villages in EPSG:4547 as the tables `county` and `parts`
# (tid, geom), GiST-indexed and analysed (untimed).
load_postgis() {
  "$respgrid" -q export "$1" --format gpkg --output "$work/layers.gpkg" --crs EPSG:4547 --overwrite >/dev/null
  pg_sql -c "DROP TABLE IF EXISTS county, villages, parts, sq, grid_out, cells" 2>/dev/null
  local layer
  for layer in county villages; do
    ogr2ogr -f PostgreSQL "$PG_CONN" "$work/layers.gpkg" "$layer" -nln "$layer" -lco GEOMETRY_NAME=geom \
      -lco SPATIAL_INDEX=GIST -nlt MULTIPOLYGON
  done
  pg_sql -c "CREATE TABLE parts AS SELECT code AS tid, geom FROM villages" \
    -c "CREATE INDEX parts_gix ON parts USING gist (geom)" -c "ANALYZE county" -c "ANALYZE villages" -c "ANALYZE parts"
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

# run_strongest -> "seconds cells" (bench/postgis_reference/grid.sql)
run_strongest() {
  pg_sql -c "DROP TABLE IF EXISTS sq, grid_out" 2>/dev/null
  local t
  t=$(reference_run grid "$work/reference_grid.log" -- -v fn=ST_SquareGrid -v size=100 -v bnd=county -v parts=parts)
  echo "$t $(pg_sql -t -A -c "SELECT count(*) FROM grid_out")"
}

# run_ours -> "seconds cells"
run_ours() {
  pg_sql -c "DROP TABLE IF EXISTS cells" 2>/dev/null
  local start end
  start=$(date +%s%N)
  pg_sql -t -A > "$work/postgis.log" <<'SQL'
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
  awk -v n="$(( (end - start) / 1000000 ))" -v c="$(sed -n 's/^CELLS //p' "$work/postgis.log")" 'BEGIN {printf "%.2f %s\n", n / 1000, c}'
}

pg_start "$work/pg"
echo "grid --method square --size 100 --sliver-fraction 0 --no-dedicated, $(nproc) cores, $(runs) runs ($(date -u +%FT%TZ)); strongest reference: $(reference_sql grid) (villages as parts); target >= 5x it"
for name in "${cases[@]}"; do
  p=$(boundaries_project "$name")
  load_postgis "$p"
  r_times="" k_times="" s_times="" o_times=""
  for run in $(seq "$(runs)"); do
    read -r rt rm rc rk <<< "$(run_respgrid "$p")"
    read -r st sc <<< "$(run_strongest)"
    read -r ot oc <<< "$(run_ours)"
    printf '%-8s run %s: respgrid %6.2f s (cut and stored %5.2f s) %6.0f MiB %8s cells | strongest %6.2f s (%s) %8s cells | ours %6.2f s %8s cells | strongest/respgrid %s, ours/respgrid %s\n' \
      "$name" "$run" "$rt" "$rk" "$(awk -v m="$rm" 'BEGIN {print m / 1024}')" "$rc" "$st" \
      "$(tr '\n' ' ' < "$work/reference_grid.log.phases" | sed 's/ $//')" "$sc" "$ot" "$oc" "$(ratio "$st" "$rt")" "$(ratio "$ot" "$rt")"
    r_times+=" $rt" k_times+=" $rk" s_times+=" $st" o_times+=" $ot"
  done
  rb=$(spread "$r_times") sb=$(spread "$s_times") ob=$(spread "$o_times")
  printf '%-8s best of %s: respgrid %s, cut and stored %s | strongest %s | ours %s | strongest/respgrid %s, ours/respgrid %s\n' \
    "$name" "$(runs)" "$rb" "$(spread "$k_times")" "$sb" "$ob" "$(ratio "${sb%% *}" "${rb%% *}")" "$(ratio "${ob%% *}" "${rb%% *}")"
done
