#!/usr/bin/env bash
# Coverage audit: `respgrid audit` of the 100 m square grids against the same gap and overlap
# computation in PostGIS, on the sample county (~150,000 cells) and on the whole of Zhoukou (~1.3
# million cells), on this machine in the same run, RUNS times (default 3). Two references, both on
# tables loaded, GiST-indexed and analysed untimed (the load's time is printed once per case):
#  - the strongest (headline): bench/postgis_reference/audit.sql, timed as one psql run — the union
#    of the cells, gaps as boundary − union, spill as union − boundary, overlaps as a GiST
#    self-join with ST_Relate(a, b, '2********') and the area of ST_Intersection;
#  - ours: gaps as the county minus ST_Union of the grids, overlaps as a GiST self-join keeping the
#    pairs whose intersection has an area, with the pieces above respgrid's noise thresholds counted.
# Prints wall time and peak memory, the ratios, and the gap and overlap totals of respgrid and ours.
# respgrid's time is the whole `audit` command: opening the project, coverage, owners, and the JSON
# report, which lists the grids without owners (all of them: these projects have no roster).
# respgrid searches overlapping pairs only when the sum of the areas exceeds the union's area by
# --min-area; PostGIS always runs the self-join. Target: strongest/respgrid >= 10x.
#
#   bench/audit_bench.sh [WORK_DIR [CASE...]]   (default /tmp/respgrid-audit-bench; cases: sample zhoukou)
# RESPGRID_BUILD_DIR picks the build (default build/); RESPGRID_SKIP_BUILD=1 skips set-up and build;
# RUNS=n the repetitions.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/bench/projects.sh"
bench_start /tmp/respgrid-audit-bench "$@"
"$root/bench/setup_postgis.sh"
source "$root/bench/postgis.sh"
source "$root/bench/reference.sh"

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

# load_postgis PROJECT -> "load_seconds": its county and grids in EPSG:4547 as the tables `county`
# and `grids` (fid, geom), GiST-indexed and analysed.
load_postgis() {
  "$respgrid" -q export "$1" --format gpkg --output "$work/layers.gpkg" --crs EPSG:4547 --overwrite >/dev/null 2>"$work/export.log" ||
    { cat "$work/export.log" >&2; exit 1; }
  local layer
  for layer in county grids; do
    ogrinfo -q -so "$work/layers.gpkg" "$layer" >/dev/null 2>&1 || { echo "no layer $layer in $work/layers.gpkg" >&2; exit 1; }
  done
  pg_sql -c "DROP TABLE IF EXISTS county, grids" 2>/dev/null
  local start end
  start=$(date +%s%N)
  for layer in county grids; do
    ogr2ogr -f PostgreSQL "$PG_CONN" "$work/layers.gpkg" "$layer" -nln "$layer" -lco GEOMETRY_NAME=geom \
      -lco FID=fid -lco SPATIAL_INDEX=GIST -nlt MULTIPOLYGON
  done
  pg_sql -c "ANALYZE county" -c "ANALYZE grids"
  end=$(date +%s%N)
  awk -v n="$(( (end - start) / 1000000 ))" 'BEGIN {printf "%.2f\n", n / 1000}'
}

# run_strongest -> "seconds gap_m2 gap_pieces spill_m2 spill_pieces overlap_m2 overlap_pairs"
# (bench/postgis_reference/audit.sql; the totals read afterwards, untimed)
run_strongest() {
  pg_sql -c "DROP TABLE IF EXISTS audit_union, audit_gaps, audit_spill, audit_overlaps" 2>/dev/null
  local t
  t=$(reference_run audit "$work/reference_audit.log" "@CELLS@=grids" "@BND@=county")
  echo "$t $(pg_sql -t -A -F ' ' -c "SELECT coalesce(sum(ST_Area(geom)), 0), count(*) FROM audit_gaps" \
    -c "SELECT coalesce(sum(ST_Area(geom)), 0), count(*) FROM audit_spill" \
    -c "SELECT coalesce(sum(area), 0), count(*) FROM audit_overlaps WHERE area > 0" | tr '\n' ' ')"
}

# run_postgis -> "seconds gap_seconds overlap_seconds peak_kib grids
#   gap_m2 gap_pieces gap_kept_m2 gap_kept_pieces overlap_m2 overlap_pairs overlap_kept_m2 overlap_kept_pieces"
# seconds: the computation alone (one psql session);
# peak: the backend's VmHWM. "kept": the pieces respgrid would
# report, i.e. at least 0.01 m² (--min-area) and 1 cm mean width 2·area/perimeter (--noise-width).
# `a.fid + 0 < b.fid + 0` keeps the planner off the primary key: with `a.fid < b.fid` it ANDs a range
# scan of the key (half the table per row) into every GiST probe, 25x slower on the sample county.
run_postgis() {
  local log=$work/postgis.log start end
  start=$(date +%s%N)
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
  SELECT a.fid AS ia, b.fid AS ib, ST_CollectionExtract(ST_Intersection(a.geom, b.geom), 3) AS geom
  FROM grids a JOIN grids b ON ST_Intersects(a.geom, b.geom)
  WHERE a.fid + 0 < b.fid + 0 AND ST_Relate(a.geom, b.geom, '2********')
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
  awk -v c="$(( (end - start) / 1000000 ))" 'BEGIN {printf "%.2f ", c / 1000}'
  echo "$times${peak:-0} $grids $gap $overlap"
}

report() {  # name respgrid_result strongest_result ours_result load_seconds
  read -r rt rm rmb rg rgap rgapn rov rovn rnoise rnoisen <<< "$2"
  read -r st sgap sgapn sspill sspilln sov sovn <<< "$3"
  read -r pt ptg pto pm pg pgap pgapn pgapk pgapkn pov povn povk povkn <<< "$4"
  local peak=""
  [ "${pm:-0}" -gt 0 ] && peak=$(awk -v m="$pm" 'BEGIN {printf ", backend peak %.0f MiB", m / 1024}')
  printf '%-8s run %s: respgrid %7.2f s %6.0f MiB (with its %.0f MB JSON report) | strongest %8.2f s (%s) | ours %8.2f s (gaps %.2f s, overlaps %.2f s)%s | load %s s | strongest/respgrid %s, ours/respgrid %s\n' \
    "$1" "$run" "$rt" "$(awk -v m="$rm" 'BEGIN {print m / 1024}')" "$rmb" "$st" \
    "$(tr '\n' ' ' < "$work/reference_audit.log.phases" | sed 's/ $//')" "$pt" "$ptg" "$pto" "$peak" "$5" \
    "$(ratio "$st" "$rt")" "$(ratio "$pt" "$rt")"
  printf '%-8s   grids    respgrid %s | ours %s\n' "" "$rg" "$pg"
  printf '%-8s   gap      respgrid %.2f m² in %s piece(s) | ours %.2f m² in %s piece(s) above the noise thresholds; %.2f m² in %s piece(s) in all | strongest %.2f m² in %s piece(s), spill %.2f m² in %s\n' \
    "" "$rgap" "$rgapn" "$pgapk" "$pgapkn" "$pgap" "$pgapn" "$sgap" "$sgapn" "$sspill" "$sspilln"
  printf '%-8s   overlap  respgrid %.2f m² in %s piece(s) | ours %.2f m² in %s piece(s) above the noise thresholds; %.2f m² in %s pair(s) in all | strongest %.2f m² in %s pair(s)\n' \
    "" "$rov" "$rovn" "$povk" "$povkn" "$pov" "$povn" "$sov" "$sovn"
  printf '%-8s   noise    respgrid %.2f m² in %s sliver(s) below 0.01 m² or 1 cm mean width (gaps, overlaps and spill; not in its totals)\n' \
    "" "$rnoise" "$rnoisen"
}

pg_start "$work/pg"
declare -A proj
for name in "${cases[@]}"; do proj[$name]=$(case_project "$name" --sliver-fraction 0 --no-dedicated); done

echo "respgrid audit ${audit_args[*]} of grid --method square --size 100, $(nproc) cores, $(runs) runs ($(date -u +%FT%TZ)); strongest reference: $(reference_sql audit); target strongest/respgrid >= 10x"
for name in "${cases[@]}"; do
  p=${proj[$name]}
  load=$(load_postgis "$p")
  r_times="" s_times="" o_times=""
  for run in $(seq "$(runs)"); do
    r=$(run_respgrid "$p")
    st=$(run_strongest)
    g=$(run_postgis)
    report "$name" "$r" "$st" "$g" "$load"
    r_times+=" ${r%% *}" s_times+=" ${st%% *}" o_times+=" ${g%% *}"
  done
  rb=$(spread "$r_times") sb=$(spread "$s_times") ob=$(spread "$o_times")
  printf '%-8s best of %s: respgrid %s | strongest %s | ours %s | strongest/respgrid %s, ours/respgrid %s\n' \
    "$name" "$(runs)" "$rb" "$sb" "$ob" "$(ratio "${sb%% *}" "${rb%% *}")" "$(ratio "${ob%% *}" "${rb%% *}")"
done
