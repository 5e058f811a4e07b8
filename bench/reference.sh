# Sourced by the benchmark scripts (after bench/postgis.sh): the strongest reference, the PostGIS
# formulations of /work/shared/bench/postgis/ (copied into bench/postgis_reference/ so a clone
# runs without the shared folder), and the repetition every benchmark reports its spread with.
#
#   reference_sql NAME               path of NAME.sql (the shared copy when present, else ours;
#                                    warns when the two differ)
#   reference_run NAME LOG [SUBST...] [-- PSQL_ARG...]
#                                    runs NAME.sql in one psql session, timed from the shell as the
#                                    shared README asks; SUBST are "@KEY@=value" replacements,
#                                    PSQL_ARGs go to psql (-v var=value). Prints "seconds" and writes
#                                    psql's output to LOG and "phase seconds" per `\echo phase NAME`
#                                    section to LOG.phases.
#   runs                             the number of repetitions (RUNS, default 3)
#   spread LIST                      "best min–max" of a space-separated list of seconds
#   ratio A B                        A / B with one decimal and an x
reference_dir_ours=$root/bench/postgis_reference
reference_dir_shared=${RESPGRID_SHARED_BENCH:-$(cd "$root/.." && pwd)/shared/bench/postgis}

reference_sql() {
  local ours=$reference_dir_ours/$1.sql shared=$reference_dir_shared/$1.sql
  if [ -f "$shared" ]; then
    cmp -s "$shared" "$ours" || echo "warning: $shared differs from $ours; running the shared one" >&2
    echo "$shared"
  else
    echo "$ours"
  fi
}

reference_run() {
  local name=$1 log=$2 sql
  shift 2
  sql=$(cat "$(reference_sql "$name")")
  local psql_args=()
  while [ $# -gt 0 ]; do
    if [ "$1" = "--" ]; then shift; psql_args=("$@"); break; fi
    local key=${1%%=*} value=${1#*=}
    sql=${sql//"$key"/"$value"}
    shift
  done
  local start end rc=0
  start=$(date +%s%N)
  # \timing prints each statement's time; the phases are the sums between `\echo phase` lines.
  printf '\\timing on\n%s\n' "$sql" | pg_sql -f - "${psql_args[@]}" > "$log" 2>&1 || rc=$?
  end=$(date +%s%N)
  [ "$rc" -eq 0 ] || { echo "reference $name failed (exit $rc), see $log" >&2; exit 1; }
  awk '/^phase / {p = $2; order[n++] = p} /^Time: / && p != "" {ms[p] += $2}
    END {for (i = 0; i < n; i++) printf "%s %.2f\n", order[i], ms[order[i]] / 1000}' "$log" > "$log.phases"
  awk -v n="$(( (end - start) / 1000000 ))" 'BEGIN {printf "%.2f\n", n / 1000}'
}

runs() { echo "${RUNS:-3}"; }

spread() {
  echo "$1" | tr ' ' '\n' | awk 'NF {v[n++] = $1} END {
    min = v[0]; max = v[0]; for (i = 1; i < n; i++) { if (v[i] < min) min = v[i]; if (v[i] > max) max = v[i] }
    printf "%.2f s (%.2f–%.2f)\n", min, min, max }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1fx\n", a / b}'; }
