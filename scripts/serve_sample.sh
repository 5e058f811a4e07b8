#!/usr/bin/env bash
# Serves the sample county over HTTP (respgrid serve) with the web map at http://127.0.0.1:8080/.
# Runs the main job first when its project is not there yet, and makes a write token (for the
# web map's report form and Open311 posts) in out/sample/token when there is none. Usage:
#   scripts/serve_sample.sh [--listen HOST:PORT] [other respgrid serve options]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/out/sample
project=$out/huaiyang.rgproj
if [ ! -f "$project" ]; then "$root/scripts/main_job.sh" "$out"; fi
respgrid=${RESPGRID:-${RESPGRID_BUILD_DIR:-$root/build}/bin/respgrid}
token=$out/token
if [ ! -s "$token" ]; then
  (umask 077 && head -c 24 /dev/urandom | base64 > "$token")
fi
echo "write token (Authorization: Bearer ...): $(head -n 1 "$token")" >&2
exec "$respgrid" serve "$project" --token-file "$token" "$@"
