#!/usr/bin/env bash
# GeoPackage export: `respgrid export PROJECT --format gpkg --output OUT.gpkg` of the 100 m square
# grids of the sample county (~150,000 cells) and of the whole of Zhoukou (~1.3 million cells),
# against `ogr2ogr -f GPKG` copying the same grids layer out of the GeoPackage respgrid wrote, on
# this machine in the same run. Both files get an R-tree spatial index (the reference's is GDAL's
# default; GDAL 3.6 builds it in a background thread for a dataset's first layer).
# respgrid's time is the whole command: opening the project, loading the units, the grids and their
# owner chains, transforming to EPSG:4490 and writing all five layers (county, townships, villages,
# grids, issues) with their indexes. The reference copies the grids alone, already in EPSG:4490.
# Prints wall time and peak memory of both, the ratio, and checks respgrid's index (GDAL's
# HasSpatialIndex, SQLite's rtreecheck, one box per feature). There is no PostGIS formulation of this
# job in bench/postgis_reference/; the strongest reference is GDAL's own GeoPackage writer without
# the index (`ogr2ogr -lco SPATIAL_INDEX=NO`: the grids alone, no transform, no owners, no index).
# Repeated RUNS times (default 3).
# Target: Zhoukou under 5 s and 500 MB, with the index.
#
#   bench/export_bench.sh [WORK_DIR [CASE...]]   (default /tmp/respgrid-export-bench; cases: sample zhoukou)
# RESPGRID_BUILD_DIR picks the build (default build/); RESPGRID_SKIP_BUILD=1 skips set-up and build;
# RUNS=n the repetitions.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/bench/projects.sh"
bench_start /tmp/respgrid-export-bench "$@"
source "$root/bench/reference.sh"

# timed LOG COMMAND... -> "seconds peak_kib"; the command's output goes to LOG.
timed() {
  local log=$1 rc=0
  shift
  /usr/bin/time -f "TIME %e %M" -o "$log.time" "$@" >"$log" 2>&1 || rc=$?
  [ "$rc" -eq 0 ] || { echo "$* failed (exit $rc), see $log" >&2; exit 1; }
  awk '/^TIME/ {print $2, $3}' "$log.time"
}

# index_check GPKG -> "has_spatial_index rtreecheck boxes features"
index_check() {
  local has
  has=$(ogrinfo -ro "$1" -sql "SELECT HasSpatialIndex('grids', 'geom')" | sed -n 's/.*HasSpatialIndex (Integer) = //p')
  echo "$has $(sqlite3 "$1" "SELECT rtreecheck('rtree_grids_geom'), (SELECT count(*) FROM rtree_grids_geom), (SELECT count(*) FROM grids)" | tr '|' ' ')"
}

declare -A proj
for name in "${cases[@]}"; do proj[$name]=$(case_project "$name"); done

echo "respgrid export --format gpkg of grid --method square --size 100, $(nproc) cores, $(runs) runs ($(date -u +%FT%TZ)); references: ogr2ogr -f GPKG copying the grids layer of respgrid's output (GDAL $(gdal-config --version)), without index (strongest) and with it; target Zhoukou < 5 s and < 500 MB"
for name in "${cases[@]}"; do
  out=$work/$name.gpkg ref=$work/${name}_ogr2ogr.gpkg bare=$work/${name}_ogr2ogr_no_index.gpkg
  r_times="" s_times="" o_times=""
  for run in $(seq "$(runs)"); do
    rm -f "$out" "$ref" "$bare"
    read -r rt rm <<< "$(timed "$work/export_$name.log" "$respgrid" -q export "${proj[$name]}" --format gpkg --output "$out" --overwrite)"
    read -r has check boxes features <<< "$(index_check "$out")"
    read -r st sm <<< "$(timed "$work/ogr2ogr_bare_$name.log" ogr2ogr -f GPKG "$bare" "$out" grids -lco SPATIAL_INDEX=NO)"
    read -r ot om <<< "$(timed "$work/ogr2ogr_$name.log" ogr2ogr -f GPKG "$ref" "$out" grids)"
    printf '%-8s run %s: %8s grids | respgrid %6.2f s %6.0f MiB %5.0f MB (index: HasSpatialIndex %s, rtreecheck %s, %s boxes) | strongest (no index) %6.2f s %6.0f MiB | ogr2ogr %6.2f s %6.0f MiB %5.0f MB | strongest/respgrid %s, ogr2ogr/respgrid %s\n' \
      "$name" "$run" "$features" "$rt" "$(awk -v m="$rm" 'BEGIN {print m / 1024}')" "$(awk -v b="$(stat -c %s "$out")" 'BEGIN {print b / 1e6}')" \
      "$has" "$check" "$boxes" "$st" "$(awk -v m="$sm" 'BEGIN {print m / 1024}')" "$ot" "$(awk -v m="$om" 'BEGIN {print m / 1024}')" \
      "$(awk -v b="$(stat -c %s "$ref")" 'BEGIN {print b / 1e6}')" "$(ratio "$st" "$rt")" "$(ratio "$ot" "$rt")"
    [ "$has" = 1 ] && [ "$check" = ok ] && [ "$boxes" = "$features" ] || { echo "respgrid's spatial index is broken: $out" >&2; exit 1; }
    r_times+=" $rt" s_times+=" $st" o_times+=" $ot"
  done
  rb=$(spread "$r_times") sb=$(spread "$s_times") ob=$(spread "$o_times")
  printf '%-8s best of %s: respgrid %s | strongest %s | ogr2ogr %s | strongest/respgrid %s, ogr2ogr/respgrid %s\n' \
    "$name" "$(runs)" "$rb" "$sb" "$ob" "$(ratio "${sb%% *}" "${rb%% *}")" "$(ratio "${ob%% *}" "${rb%% *}")"
done
