#!/usr/bin/env bash
# Coverage audit: `respgrid audit` of the 100 m square grids against the same gap and overlap
# computation in PostGIS (gaps: the county minus ST_Union of the grids; overlaps: a GiST
# self-join of the grids keeping the pairs whose intersection has an area), on the sample county
# (~150,000 cells) and on the whole of Zhoukou (~1.3 million cells), on this machine in the same
# run. Prints wall time and peak memory of both, the ratio, and the gap and overlap totals of both.
# The reference time is PostGIS's computation alone (one psql session on tables already loaded,
# indexed and analysed); the time with the load (ogr2ogr, GiST index, ANALYZE) is printed beside it.
# respgrid's time is the whole `audit` command: opening the project, coverage, owners, and the JSON
# report, which lists the grids without owners (all of them: these projects have no roster).
# respgrid searches overlapping pairs only when the sum of the areas exceeds the union's area by
# --min-area; PostGIS always runs the self-join. Target: PostGIS/respgrid >= 10x.
#
#   bench/audit_bench.sh [WORK_DIR [CASE...]]   (default /tmp/respgrid-audit-bench; cases: sample zhoukou)
# RESPGRID_BUILD_DIR picks the build (default build/); RESPGRID_SKIP_BUILD=1 skips set-up and build.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/bench/projects.sh"
bench_start /tmp/respgrid-audit-bench "$@"
"$root/bench/setup_postgis.sh"
source "$root/bench/postgis.sh"

# The grids layer alone: what PostGIS computes too.
audit_args=(--layer grids)

# report_summary FILE.json -> "grids gap_m2 gap_count overlap_m2 overlap_count noise_m2 noise_count"
# of the grids layer (summary.layers.grids). The
# report lists the unowned grids (all of them here: the projects have no roster) and can be large;
# the summary is its last key, so it is decoded from the tail when found there.
report_summary() {
  /usr/bin/python3 - "$1" <<'PY'
import json, os, sys
path = sys.argv[1]
with open(path, "rb") as f:
    f.seek(max(0, os.path.getsize(path) - 65536))
    tail = f.read().decode("utf-8", "replace")
at = tail.rfind('"summary":')
try:
    s = json.JSONDecoder().raw_decode(tail[at + len('"summary":'):].lstrip())[0]
    assert at >= 0 and isinstance(s, dict)
except Exception:
    with open(path, encoding="utf-8") as f:
        s = json.load(f)["summary"]
g = s["layers"]["grids"]
print(g["polygons"], g["gap_area_m2"], g["gap_count"], g["overlap_area_m2"],
      g["overlap_count"], g["noise_area_m2"], g["noise_count"])
PY
}

# run_respgrid PROJECT -> "seconds peak_kib report_mb grids gap_m2 gap_count overlap_m2 overlap_count noise_m2 noise_count"
run_respgrid() {
  local out rc=0
  rm -f "$work/audit.json"
  out=$( { /usr/bin/time -f "TIME %e %M" "$respgrid" audit "$1" "${audit_args[@]}" --report "$work/audit.json" --overwrite; } 2>&1 ) || rc=$?
  echo "$out" > "$work/audit.log"
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then  # 3: defects found (e.g. grids without owners), not a failure
    echo "respgrid audit failed (exit $rc), see $work/audit.log" >&2
    exit 1
  fi
  local mb; mb=$(( $(stat -c %s "$work/audit.json") / 1000000 ))
  echo "$(echo "$out" | awk '/^TIME [0-9]/ {print $2, $3}') $mb $(report_summary "$work/audit.json")"
}

# run_postgis PROJECT -> "seconds load_seconds gap_seconds overlap_seconds peak_kib grids
#   gap_m2 gap_pieces gap_kept_m2 gap_kept_pieces overlap_m2 overlap_pairs overlap_kept_m2 overlap_kept_pieces"
# seconds: the computation alone (one psql session); load: ogr2ogr with the GiST index, ANALYZE;
# peak: the backend's VmHWM (parallel workers not included). "kept": the pieces respgrid would
# report, i.e. at least 0.01 m² (--min-area) and 1 cm mean width 2·area/perimeter (--noise-width).
# `a.id + 0 < b.id + 0` keeps the planner off the primary key: with `a.id < b.id` it ANDs a range
# scan of the key (half the table per row) into every GiST probe, 25x slower on the sample county.
run_postgis() {
  "$respgrid" -q export "$1" --format gpkg --output "$work/layers.gpkg" --crs EPSG:4547 --overwrite >/dev/null 2>"$work/export.log" ||
    { cat "$work/export.log" >&2; exit 1; }
  local layer
  for layer in county grids; do
    ogrinfo -q -so "$work/layers.gpkg" "$layer" >/dev/null 2>&1 || { echo "no layer $layer in $work/layers.gpkg" >&2; exit 1; }
  done
  pg_sql -c "DROP TABLE IF EXISTS county, grids" 2>/dev/null
  local start mid end
  start=$(date +%s%N)
  for layer in county grids; do
    ogr2ogr -f PostgreSQL "$PG_CONN" "$work/layers.gpkg" "$layer" -nln "$layer" -lco GEOMETRY_NAME=geom \
      -lco FID=id -lco SPATIAL_INDEX=GIST -nlt MULTIPOLYGON
  done
  pg_sql -c "ANALYZE county" -c "ANALYZE grids"
  local log=$work/postgis.log
  mid=$(date +%s%N)
  pg_sql -t -A > "$log" <<'SQL'
\timing on
WITH gap AS (
  SELECT ST_Difference((SELECT ST_Union(geom) FROM county), (SELECT ST_Union(geom) FROM grids)) AS geom
), pieces AS (
  SELECT ST_Area(p.geom) AS a, ST_Perimeter(p.geom) AS l FROM gap, ST_Dump(ST_CollectionExtract(gap.geom, 3)) AS p
)
SELECT 'GAP ' || coalesce(sum(a), 0) || ' ' || count(*) || ' '
       || coalesce(sum(a) FILTER (WHERE a >= 0.01 AND 2 * a >= 0.01 * l), 0) || ' '
       || count(*) FILTER (WHERE a >= 0.01 AND 2 * a >= 0.01 * l)
FROM pieces;
WITH pairs AS (
  SELECT a.id AS ia, b.id AS ib, ST_CollectionExtract(ST_Intersection(a.geom, b.geom), 3) AS geom
  FROM grids a JOIN grids b ON ST_Intersects(a.geom, b.geom)
  WHERE a.id + 0 < b.id + 0 AND ST_Relate(a.geom, b.geom, '2********')
), pieces AS (
  SELECT ia, ib, ST_Area(p.geom) AS a, ST_Perimeter(p.geom) AS l FROM pairs, ST_Dump(pairs.geom) AS p
)
SELECT 'OVERLAP ' || coalesce(sum(a), 0) || ' ' || count(DISTINCT (ia, ib)) || ' '
       || coalesce(sum(a) FILTER (WHERE a >= 0.01 AND 2 * a >= 0.01 * l), 0) || ' '
       || count(*) FILTER (WHERE a >= 0.01 AND 2 * a >= 0.01 * l)
FROM pieces WHERE a > 0;
SELECT 'GRIDS ' || count(*) FROM grids;
SELECT 'PEAK ' || coalesce((regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\s+(\d+)'))[1], '0');
SQL
  end=$(date +%s%N)
  local times gap overlap grids peak
  times=$(awk '/^Time: / {printf "%.2f ", $2 / 1000; if (++n == 2) exit}' "$log")
  gap=$(sed -n 's/^GAP //p' "$log")
  overlap=$(sed -n 's/^OVERLAP //p' "$log")
  grids=$(sed -n 's/^GRIDS //p' "$log")
  peak=$(sed -n 's/^PEAK //p' "$log")
  awk -v c="$(( (end - mid) / 1000000 ))" -v l="$(( (mid - start) / 1000000 ))" \
    'BEGIN {printf "%.2f %.2f ", c / 1000, l / 1000}'
  echo "$times${peak:-0} $grids $gap $overlap"
}

report() {  # name respgrid_result postgis_result
  read -r rt rm rmb rg rgap rgapn rov rovn rnoise rnoisen <<< "$2"
  read -r pt pl ptg pto pm pg pgap pgapn pgapk pgapkn pov povn povk povkn <<< "$3"
  local peak=""
  [ "${pm:-0}" -gt 0 ] && peak=$(awk -v m="$pm" 'BEGIN {printf ", backend peak %.0f MiB", m / 1024}')
  printf '%-8s respgrid %7.2f s %6.0f MiB (with its %.0f MB JSON report) | PostGIS %8.2f s computing (gaps %.2f s, overlaps %.2f s)%s, %8.2f s with load | PostGIS/respgrid %5.1fx computing, %5.1fx with load\n' \
    "$1" "$rt" "$(awk -v m="$rm" 'BEGIN {print m / 1024}')" "$rmb" "$pt" "$ptg" "$pto" "$peak" \
    "$(awk -v a="$pt" -v b="$pl" 'BEGIN {print a + b}')" \
    "$(awk -v a="$pt" -v b="$rt" 'BEGIN {print a / b}')" "$(awk -v a="$pt" -v l="$pl" -v b="$rt" 'BEGIN {print (a + l) / b}')"
  printf '%-8s   grids    respgrid %s | PostGIS %s\n' "" "$rg" "$pg"
  printf '%-8s   gap      respgrid %.2f m² in %s piece(s) | PostGIS %.2f m² in %s piece(s) above the noise thresholds; %.2f m² in %s piece(s) in all\n' \
    "" "$rgap" "$rgapn" "$pgapk" "$pgapkn" "$pgap" "$pgapn"
  printf '%-8s   overlap  respgrid %.2f m² in %s piece(s) | PostGIS %.2f m² in %s piece(s) above the noise thresholds; %.2f m² in %s pair(s) in all\n' \
    "" "$rov" "$rovn" "$povk" "$povkn" "$pov" "$povn"
  printf '%-8s   noise    respgrid %.2f m² in %s sliver(s) below 0.01 m² or 1 cm mean width (gaps, overlaps and spill; not in its totals)\n' \
    "" "$rnoise" "$rnoisen"
}

pg_start "$work/pg"
declare -A proj
for name in "${cases[@]}"; do proj[$name]=$(case_project "$name" --sliver-fraction 0 --no-dedicated); done

echo "respgrid audit ${audit_args[*]} of grid --method square --size 100, $(nproc) cores ($(date -u +%FT%TZ)); reference: PostGIS computing time (tables loaded, indexed, analysed); target PostGIS/respgrid >= 10x"
for name in "${cases[@]}"; do
  p=${proj[$name]}
  r=$(run_respgrid "$p")
  g=$(run_postgis "$p")
  report "$name" "$r" "$g"
done
