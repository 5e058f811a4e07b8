#!/usr/bin/env bash
# Runs the pipeline on the sample county with an already built respgrid. Usage:
#   scripts/run_sample.sh [OUTPUT_DIR]      (default: out/sample)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
respgrid=${RESPGRID:-${RESPGRID_BUILD_DIR:-$root/build}/bin/respgrid}
data=$root/data
out=${1:-$root/out/sample}
mkdir -p "$out"
project=$out/huaiyang.rgproj
# The job owns this folder: a re-run replaces its own earlier outputs (--overwrite below).
rm -f "$project" "$out"/huaiyang.repair-*

start=$(date +%s%N)
step() { echo "+ respgrid $*" >&2; "$respgrid" "$@"; }

step init "$project" --county-code 411626 --name 淮阳县
# The sample's coordinates are GCJ-02 (as most web-map boundary data), so the CRS is given.
step import boundaries "$project" "$data/huaiyang_county.geojson" --level county --crs gcj02
step import boundaries "$project" "$data/townships.geojson" --level township --crs gcj02
step import boundaries "$project" "$data/villages.geojson" --level village --crs gcj02
# The certificate starts with the boundaries: repair proposes (and here applies) what makes each
# layer tile its parent. On the sample it only accepts the MakeValid repair of the county outline,
# drawn with a self-crossing ring; the change lists land beside the project.
step repair "$project" --layer townships --apply
step repair "$project" --layer villages --apply
step import roster "$project" "$data/roster.csv"
step import categories "$project" "$data/categories.csv"
# Responsibility layers: county road sections (路长制, 10 m either side) and a 包联 leader area, and
# the precedence rules (docs/semantics.md "Responsibility").
step import responsibility "$project" "$data/road_sections.geojson" --kind line --buffer 10 --crs gcj02
step import responsibility "$project" "$data/leader_areas.geojson" --kind area --crs gcj02
step import rules "$project" "$data/rules.json"
step import issues "$project" "$data/issues.csv"
step import lines "$project" "$data/roads.geojson" --kind-field kind --crs gcj02
step import lines "$project" "$data/rivers.geojson" --kind river --crs gcj02
step import weights "$project" "$data/households.geojson" --weight-field households --crs gcj02
step import dedicated "$project" "$data/institutions.geojson" --crs gcj02
# 城管 unit grids: 100 m squares, schools/hospitals/markets/parks cut out as dedicated grids.
step grid "$project" --method square --size 100
step assign "$project"
step locate "$project" --lon 114.897396 --lat 33.735725 --crs gcj02 --category 09006
step locate "$project" --input "$data/issues.csv" --output "$out/issues_located.csv" --overwrite
# The ledger (挂账督办): a month of reports (data/generate_ledger.py) put on the books, located and
# dispatched with their deadlines, 并案 with cases nearby; then the month's status changes, the
# escalation of what is overdue at the month's end, and the morning report of 2026-09-30.
# Exit status 8: the three malformed rows of the sample went to ledger_reports.rejects.csv.
step ledger settings "$project" --prefix HY >/dev/null
ledger_status=0
step ledger import "$project" "$data/ledger_reports.csv" --receipt "$out/ledger_receipt.csv" --overwrite -q >/dev/null \
  || ledger_status=$?
if [ "$ledger_status" -ne 0 ] && [ "$ledger_status" -ne 8 ]; then exit "$ledger_status"; fi
step ledger update "$project" --input "$data/ledger_updates.csv" -q
step ledger escalate "$project" --at "2026-09-30 23:59:59" >/dev/null
step report "$project" --day 2026-09-30 --markdown "$out/report_2026-09-30.md" --html "$out/report_2026-09-30.html" \
  --xlsx "$out/report_2026-09-30.xlsx" --overwrite
step report "$project" --from 2026-09-01 --day 2026-09-30 --html "$out/report_2026-09.html" --overwrite >/dev/null
step ledger list "$project" --at "2026-09-30 23:59:59" --format xlsx --headers-zh --output "$out/ledger.xlsx" --overwrite
step ledger dispatch "$project" --per township --at "2026-10-01 08:00" --output "$out/dispatch" --overwrite
# Exit status 3 means the audit found defects: a finding, not a failure of the job.
audit_status=0
step audit "$project" --report "$out/audit.json" --defects "$out/defects.gpkg" --overwrite || audit_status=$?
if [ "$audit_status" -ne 0 ] && [ "$audit_status" -ne 3 ]; then exit "$audit_status"; fi
step export "$project" --format gpkg --output "$out/huaiyang.gpkg" --overwrite
step export "$project" --format kml --output "$out/huaiyang.kmz" --overwrite
# The tables an office opens in Excel (花名册 per township, grid list, located issues, audit
# summary), and one township's package: its layers styled with their QGIS project, its workbook,
# and a KMZ in GCJ-02 display coordinates for AMap/Tencent base maps.
step export "$project" --format xlsx --output "$out/huaiyang_tables.xlsx" --overwrite
mkdir -p "$out/packages"
step export "$project" --township 411626001 --output "$out/packages/411626001_陈州街道.gpkg" --overwrite
step export "$project" --township 411626001 --format xlsx --output "$out/packages/411626001_陈州街道.xlsx" --overwrite
step export "$project" --township 411626001 --format kml --crs gcj02 \
  --output "$out/packages/411626001_陈州街道_gcj02.kmz" --overwrite
# Printable sheets: one per township and the county overview, with the road sections and issues.
step map "$project" --all --issues --format pdf --output "$out/maps" --overwrite
# The grid workers' sheets (网格员责任区图), every grid numbered: the county book as one PDF with
# its contents page (township → village → worker; about 1,000 A3 pages, a minute or two), and one
# worker's sheet as PNG (the README's picture).
step map "$project" --all --per worker --format pdf --output "$out/worker_book.pdf" --overwrite
step map "$project" --worker G41162610120101 --format png --output "$out/worker_sheets" --overwrite
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))

cat <<MSG

respgrid main job done in $((elapsed_ms / 1000)).$(printf '%03d' $((elapsed_ms % 1000))) s. Outputs:
  project store (SpatiaLite)   $project
  located issues (CSV)         $out/issues_located.csv
  coverage audit (JSON)        $out/audit.json   (audit exit status $audit_status: 0 = PASS, 3 = defects found)
  audit defects (GeoPackage)   $out/defects.gpkg (one layer per defect kind, EPSG:4490)
  QGIS layers (GeoPackage)     $out/huaiyang.gpkg (styled; open it, or its project "respgrid", in QGIS)
  Google Earth / 奥维 (KMZ)     $out/huaiyang.kmz
  Excel tables (XLSX)          $out/huaiyang_tables.xlsx (花名册 per township, grid list, issues, audit summary)
  a township's package         $out/packages/ (陈州街道: GeoPackage with its QGIS project, XLSX, GCJ-02 KMZ)
  printable maps (PDF, A3)     $out/maps/ (one sheet per township, county_overview.pdf)
  grid workers' sheets         $out/worker_book.pdf (the county book, contents first); one as PNG in $out/worker_sheets/
  ledger (XLSX, 台账)           $out/ledger.xlsx, import receipt $out/ledger_receipt.csv
  morning report 2026-09-30    $out/report_2026-09-30.{html,md,xlsx}; the month: $out/report_2026-09.html
  dispatch sheets (整改督办单)   $out/dispatch/ (a workbook and a PDF per township, as of 2026-10-01 08:00)
MSG
