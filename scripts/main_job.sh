#!/usr/bin/env bash
# The main job on the sample county (data/): installs what is missing, builds, then runs the
# whole pipeline -- init, import boundaries/roster/categories/issues, grid, assign, locate,
# audit, export -- and prints where the outputs are. Outputs go to out/sample/ (or $1).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh"
exec "$root/scripts/run_sample.sh" "$@"
