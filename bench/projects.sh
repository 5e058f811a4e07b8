# Sourced by the benchmark scripts: builds the benchmark projects with the respgrid in $respgrid.

# bench_project PATH COUNTY_CODE COUNTY_NAME COUNTY TOWNSHIPS VILLAGES: a project with its
# boundaries (GCJ-02 input, as the sample's and Zhoukou's are).
bench_project() {
  rm -f "$1"
  "$respgrid" -q init "$1" --county-code "$2" --name "$3" >/dev/null
  "$respgrid" -q import boundaries "$1" "$4" --level county --crs gcj02 >/dev/null 2>&1
  "$respgrid" -q import boundaries "$1" "$5" --level township --crs gcj02 >/dev/null 2>&1
  "$respgrid" -q import boundaries "$1" "$6" --level village --crs gcj02 >/dev/null 2>&1
}
