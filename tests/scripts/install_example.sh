#!/usr/bin/env bash
# `make install` gives a usable libdkg: installs the build next to the binary into a
# temporary prefix, builds the README's C example with `pkg-config dkg` and runs it.
# usage: install_example.sh DKG_BINARY SOURCE_DIR SHARED_DIR
set -u
dkg=$1
src=$2
build=$(dirname "$dkg")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
command -v cc >/dev/null || { echo "no C compiler; skipping"; exit 77; }
cmake --install "$build" --prefix "$tmp/prefix" >"$tmp/install.log" 2>&1 ||
    { cat "$tmp/install.log" >&2; exit 1; }
for f in bin/dkg include/dkg/dkg.h lib/libdkg.a lib/pkgconfig/dkg.pc share/dkg/diplomacy.ttl; do
    [[ -e $tmp/prefix/$f ]] || { echo "install is missing $f" >&2; exit 1; }
done
ls "$tmp/prefix"/lib/libdkg.so* >/dev/null 2>&1 || { echo "install is missing libdkg.so" >&2; exit 1; }
# the README's first C example, as a user would copy it
awk '/```c/{f=1;next} /```/{if(f){exit}} f' "$src/README.md" >"$tmp/example.c"
[[ -s $tmp/example.c ]] || { echo "README has no C example" >&2; exit 1; }
export PKG_CONFIG_PATH=$tmp/prefix/lib/pkgconfig
# shellcheck disable=SC2046
cc -std=c11 -Wall -o "$tmp/example" "$tmp/example.c" $(pkg-config --cflags --libs dkg) \
    -Wl,-rpath,"$tmp/prefix/lib" 2>"$tmp/cc.err" || { cat "$tmp/cc.err" >&2; exit 1; }
printf 'Russia threatened Poland on Friday.\n' >"$tmp/news.txt"
"$tmp/example" "$tmp/news.txt" >"$tmp/out.nt" 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
grep -q 'ploverType> "THREATEN"' "$tmp/out.nt" || { echo "the example found no THREATEN event" >&2; exit 1; }
echo "install_example: installed, built the README example with pkg-config, it extracted the event"
