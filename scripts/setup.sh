#!/usr/bin/env bash
# Installs every Debian 12 package that respgrid's build, tests, benchmarks and sample
# generator need (QGIS too: a test opens the exports in a real, headless QGIS; headless Chromium
# opens the HTML supervision report, exporters_ledger_report_test; help2man makes the
# man page; man-db, file and dpkg-dev let the package tests read it and build the .deb; node and
# npm fetch MapLibre GL JS for the web map at build time and run its browser test).
# Idempotent: runs apt-get update at most once, and only when a package is missing. Needs root
# (or sudo) the first time; a no-op afterwards.
set -euo pipefail

packages=(
  build-essential cmake pkg-config ninja-build
  libgdal-dev gdal-bin libgeos-dev libproj-dev proj-bin proj-data
  libboost-dev libsqlite3-dev sqlite3 libspatialite-dev libsqlite3-mod-spatialite
  libgtest-dev libgmock-dev googletest libbenchmark-dev libexpat1-dev
  libcli11-dev nlohmann-json3-dev libcsv-dev libfast-float-dev libcairo2-dev libpango1.0-dev
  python3 python3-gdal python3-shapely
  locales fonts-wqy-zenhei
  python3-qgis qgis-providers
  help2man man-db file dpkg-dev
  chromium
  libcpp-httplib-dev zlib1g-dev
)

# Node and npm: Debian 12's nodejs (18) and npm (9) are enough (apps/web/package.json pins
# packages that support Node 18). A node installed otherwise (NodeSource's nodejs carries npm and
# conflicts with Debian's npm package) is used as it is.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present" >&2
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done" >&2
