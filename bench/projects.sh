# Sourced by the benchmark scripts (after setting $root): their common start and the benchmark
# projects, made with the respgrid in $respgrid.

# bench_start DEFAULT_WORK_DIR [WORK_DIR [CASE...]]: sets $work (made if missing), $cases (default:
# sample zhoukou) and $respgrid (RESPGRID_BUILD_DIR picks the build, default build/), after setting
# up and building unless RESPGRID_SKIP_BUILD=1.
bench_start() {
  work=${2:-$1}
  cases=("${@:3}")
  [ ${#cases[@]} -eq 0 ] && cases=(sample zhoukou)
  if [ -z "${RESPGRID_SKIP_BUILD:-}" ]; then  # set it to reuse an existing build
    "$root/scripts/setup.sh"
    "$root/scripts/build.sh"
  fi
  respgrid=${RESPGRID_BUILD_DIR:-$root/build}/bin/respgrid
  mkdir -p "$work"
}

# bench_project PATH COUNTY_CODE COUNTY_NAME COUNTY TOWNSHIPS VILLAGES: a project with its
# boundaries (GCJ-02 input, as the sample's and Zhoukou's are).
bench_project() {
  rm -f "$1"
  "$respgrid" -q init "$1" --county-code "$2" --name "$3" >/dev/null
  "$respgrid" -q import boundaries "$1" "$4" --level county --crs gcj02 >/dev/null 2>&1
  "$respgrid" -q import boundaries "$1" "$5" --level township --crs gcj02 >/dev/null 2>&1
  "$respgrid" -q import boundaries "$1" "$6" --level village --crs gcj02 >/dev/null 2>&1
}

# case_boundaries CASE: "COUNTY_CODE COUNTY_NAME COUNTY TOWNSHIPS VILLAGES" of a benchmark case, one
# per line: sample, the sample county in data/; zhoukou, the whole of Zhoukou made into $work/zhoukou
# by bench/make_zhoukou.py (the ten units as townships, each cut by a 0.025° lattice into villages).
case_boundaries() {
  case $1 in
    sample) printf '%s\n' 411626 淮阳县 "$root/data/huaiyang_county.geojson" "$root/data/townships.geojson" "$root/data/villages.geojson" ;;
    zhoukou)
      /usr/bin/python3 "$root/bench/make_zhoukou.py" "$work/zhoukou" >&2 2>/dev/null
      printf '%s\n' 411600 周口市 "$work/zhoukou/zhoukou_county.geojson" "$work/zhoukou/zhoukou_townships.geojson" "$work/zhoukou/zhoukou_villages.geojson" ;;
    *) echo "unknown case $1 (sample, zhoukou)" >&2; return 2 ;;
  esac
}

# case_project CASE [GRID_OPTION...]: the case's project $work/CASE.rgproj, its boundaries cut by
# `grid --method square --size 100 GRID_OPTION...` (not timed); prints its path.
case_project() {
  local p=$work/$1.rgproj boundaries
  mapfile -t boundaries < <(case_boundaries "$1")
  [ ${#boundaries[@]} -eq 5 ] || exit 2
  bench_project "$p" "${boundaries[@]}"
  "$respgrid" -q grid "$p" --method square --size 100 "${@:2}" >/dev/null
  echo "$p"
}

# ledger_project: the sample case's project (case_project) with what the ledger needs (untimed):
# roster, catalogue, owner chains and the ledger settings (prefix HY); prints its path.
ledger_project() {
  local p
  p=$(case_project sample)
  "$respgrid" -q import roster "$p" "$root/data/roster.csv" >/dev/null
  "$respgrid" -q import categories "$p" "$root/data/categories.csv" >/dev/null
  "$respgrid" -q assign "$p" >/dev/null 2>&1
  "$respgrid" -q ledger settings "$p" --prefix HY >/dev/null
  echo "$p"
}
