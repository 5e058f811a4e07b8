#!/usr/bin/env bash
# Proves that respgrid's .deb installs and works on a clean Debian 12 (bookworm), as on the
# Debian-based Kylin and UOS desktops of county offices: debootstraps a minimal bookworm into a
# temporary folder, installs the package there with apt as a user would (apt must find every
# dependency the package declares in Debian's archive), then runs respgrid --version, a small
# project on the sample county installed with it (init, import, grid, assign, export, map),
# `man respgrid` and the bash completion.
#
# Needs root, debootstrap and a reachable Debian mirror; takes a few minutes (most of it
# downloading), so it is not part of ctest. Prints what the chroot's respgrid printed and ends
# with "clean Debian 12: OK".
#
# Usage: scripts/check_deb_clean_debian.sh [PACKAGE.deb]
#   without PACKAGE.deb, cpack makes one from the build folder (RESPGRID_BUILD_DIR, default build/,
#   which must be completely built). DEBIAN_MIRROR overrides the mirror; downloaded packages are
#   kept in DEBOOTSTRAP_CACHE (default /var/cache/respgrid-debootstrap) for the next run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${RESPGRID_BUILD_DIR:-$root/build}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
cache=${DEBOOTSTRAP_CACHE:-/var/cache/respgrid-debootstrap}

[ "$(id -u)" -eq 0 ] || { echo "check_deb_clean_debian: run as root (debootstrap, chroot)" >&2; exit 2; }
command -v debootstrap >/dev/null || { echo "check_deb_clean_debian: apt-get install debootstrap" >&2; exit 2; }

work=$(mktemp -d /var/tmp/respgrid-clean-debian.XXXXXX)
target=$work/bookworm
cleanup() {
  umount "$target/proc" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

if [ $# -ge 1 ]; then
  deb=$(realpath "$1")
else
  cpack -G DEB -B "$work/package" --config "$build/CPackConfig.cmake" >"$work/cpack.log"
  deb=$(ls "$work"/package/respgrid_*.deb)
fi
echo "== package: $(basename "$deb")" >&2

echo "== debootstrap bookworm (minbase) into $target" >&2
mkdir -p "$cache"
debootstrap --variant=minbase --cache-dir="$cache" bookworm "$target" "$mirror" >"$work/debootstrap.log" 2>&1 \
  || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
mount -t proc proc "$target/proc"  # the program counts its cores there
cp "$deb" "$target/tmp/"

# A clean environment inside: nothing of this machine's PATH, locale or PROJ settings.
in_chroot() {
  chroot "$target" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive "$@"
}

echo "== apt-get install ./$(basename "$deb") (with its recommends, as apt does by default)" >&2
in_chroot apt-get update -qq
in_chroot apt-get install -y -qq "/tmp/$(basename "$deb")" >"$work/apt.log" 2>&1 || { tail -30 "$work/apt.log" >&2; exit 1; }
grep -E "^Setting up respgrid" "$work/apt.log" >&2

echo "== respgrid --version" >&2
in_chroot respgrid --version

echo "== a small project on the installed sample county" >&2
in_chroot bash -euo pipefail -c '
  cd /tmp
  ex=/usr/share/doc/respgrid/examples
  respgrid init hy.rgproj --county-code 411626 --name 淮阳县
  respgrid import boundaries hy.rgproj $ex/huaiyang_county.geojson --level county --crs gcj02 -q
  respgrid import boundaries hy.rgproj $ex/townships.geojson --level township --crs gcj02 -q
  respgrid import boundaries hy.rgproj $ex/villages.geojson --level village --crs gcj02 --code-field code --name-field name -q
  respgrid import roster hy.rgproj $ex/roster.csv -q
  respgrid grid hy.rgproj --method square --size 1000 -q
  respgrid assign hy.rgproj -q
  respgrid export hy.rgproj --format gpkg --output hy.gpkg -q
  respgrid map hy.rgproj --township 411626001 --format pdf --output maps -q
  ls -l hy.gpkg maps
'

echo "== man respgrid, bash completion" >&2
in_chroot bash -c 'MANWIDTH=80 man -P cat respgrid 2>/dev/null | head -n 5'
completed=$(in_chroot bash -c 'source /usr/share/bash-completion/completions/respgrid
  COMP_WORDS=(respgrid imp); COMP_CWORD=1; _respgrid; echo "${COMPREPLY[*]}"')
[ "$completed" = import ] || { echo "completion of 'respgrid imp' gave '$completed'" >&2; exit 1; }
echo "respgrid imp<TAB> -> $completed"
echo "clean Debian 12: OK"
