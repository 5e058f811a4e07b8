#!/usr/bin/env bash
# The .deb that `cpack -G DEB` makes from a complete build: its Depends, found by dpkg-shlibdeps,
# name the GDAL, GEOS, PROJ and SpatiaLite runtime libraries, plus the data packages respgrid
# reads; it holds the program, the man page and the bash completion.
# Usage: deb_test.sh BUILD_DIR
set -euo pipefail
build=$1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cpack -G DEB -B "$out" --config "$build/CPackConfig.cmake" >"$out/cpack.log" 2>&1 || { cat "$out/cpack.log" >&2; fail "cpack"; }
debs=("$out"/respgrid_*.deb)
[ -f "${debs[0]}" ] || fail "cpack made no respgrid_*.deb in $out"
deb=${debs[0]}

dpkg-deb -I "$deb" >/dev/null || fail "dpkg-deb -I $deb"
depends=", $(dpkg-deb -f "$deb" Depends)"
for package in 'libgdal[0-9]+' 'libgeos-c1[a-z0-9]*' 'libproj[0-9]+' 'libspatialite[0-9]+' 'libsqlite3-0' \
               proj-data gdal-data fonts-wqy-zenhei; do
  grep -qE ", $package( |,|$)" <<<"$depends" || fail "Depends lacks $package: $depends"
done

contents=$(dpkg-deb -c "$deb")
for path in ./usr/bin/respgrid ./usr/share/man/man1/respgrid.1.gz ./usr/share/bash-completion/completions/respgrid; do
  grep -qE " $path\$" <<<"$contents" || fail "$deb does not hold $path"
done
echo "$(basename "$deb"): Depends$depends"
