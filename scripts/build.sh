#!/usr/bin/env bash
# Configures and builds respgrid (Release with debug info) into build/. Assumes setup.sh ran.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${RESPGRID_BUILD_DIR:-$root/build}
generator=()
command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo >&2
fi
cmake --build "$build" --parallel "$(nproc)" >&2
