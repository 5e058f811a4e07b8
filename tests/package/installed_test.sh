#!/usr/bin/env bash
# `cmake --install` into a temporary prefix, as a user installs respgrid: the program runs from
# there and names its version, its man page reads with `man -l`, and its bash completion, once
# sourced, completes subcommands and option values.
# Usage: installed_test.sh BUILD_DIR PROJECT_VERSION (the build must be complete: `all`).
set -euo pipefail
build=$1 version=$2
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" >/dev/null

bin=$prefix/bin/respgrid
[ -x "$bin" ] || fail "no program at $bin"
first=$("$bin" --version | head -n 1)
[[ $first == "respgrid $version" || $first == "respgrid $version (git "* ]] || fail "--version says: $first"

page=$prefix/share/man/man1/respgrid.1.gz
[ -f "$page" ] || fail "no man page at $page"
text=$(MANWIDTH=100 man -l "$page" 2>&1) || fail "man -l $page: $text"
for expected in "respgrid - responsibility-grid management" "respgrid import boundaries:" "--county-code" \
                "respgrid $version"; do
  grep -qF -- "$expected" <<<"$text" || fail "the man page lacks '$expected'"
done

completion=$prefix/share/bash-completion/completions/respgrid
[ -f "$completion" ] || fail "no bash completion at $completion"
# What bash offers for the words given, the last one being completed.
complete_words() {
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _respgrid; echo "${COMPREPLY[*]}"' \
    _ "$completion" "$@"
}
bash -c 'source "$1"; complete -p respgrid' _ "$completion" | grep -q -- "-F _respgrid" \
  || fail "sourcing $completion registers no completion for respgrid"
[ "$(complete_words respgrid imp)" = "import" ] || fail "respgrid imp<TAB> gives '$(complete_words respgrid imp)'"
[ "$(complete_words respgrid import bou)" = "boundaries" ] || fail "respgrid import bou<TAB>"
[ "$(complete_words respgrid export p.rgproj --format g)" = "gpkg geojson" ] || fail "export --format g<TAB>"
[ "$(complete_words respgrid init p.rgproj --county-c)" = "--county-code" ] || fail "init --county-c<TAB>"
echo "installed into $prefix: program, man page and completion work"
