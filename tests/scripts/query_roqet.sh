#!/usr/bin/env bash
# A second engine agrees: every example query gives the same rows through
# `dkg query -r csv` as through Rasqal's own `roqet -r csv` over the sample
# graph (rows compared sorted: roqet's ORDER BY is not trusted, see
# graph/query.c).
# usage: query_roqet.sh DKG_BINARY SOURCE_DIR SHARED_DIR
set -u
dkg=$1
src=$2
command -v roqet >/dev/null || { echo "roqet not installed (rasqal-utils); skipping"; exit 77; }
data=$src/examples/graph/sample.ttl
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
n=0
for q in "$src"/examples/queries/*.rq; do
    name=$(basename "$q" .rq)
    n=$((n + 1))
    if ! "$dkg" query -r csv -d "$data" "@$q" >"$tmp/dkg.csv" 2>"$tmp/err"; then
        echo "$name: dkg query failed: $(head -n 3 "$tmp/err")" >&2
        fail=1
        continue
    fi
    roqet -q -i sparql -D "$data" -r csv "$q" >"$tmp/roqet.csv" 2>"$tmp/err"
    rc=$?
    # roqet exits 2 after warnings (it warns about aggregate queries); 1 is an error.
    if [[ $rc != 0 && $rc != 2 ]]; then
        echo "$name: roqet failed ($rc): $(head -n 3 "$tmp/err")" >&2
        fail=1
        continue
    fi
    tr -d '\r' <"$tmp/dkg.csv" | LC_ALL=C sort >"$tmp/a"
    tr -d '\r' <"$tmp/roqet.csv" | LC_ALL=C sort >"$tmp/b"
    if [[ $(wc -l <"$tmp/a") -lt 2 ]]; then
        echo "$name: no rows over the sample graph" >&2
        fail=1
    fi
    if ! diff -u "$tmp/b" "$tmp/a" >"$tmp/diff"; then
        echo "$name: dkg and roqet disagree (- roqet, + dkg):" >&2
        head -n 30 "$tmp/diff" >&2
        fail=1
    fi
done
((n > 0)) || { echo "no example queries found" >&2; exit 1; }
((fail)) && exit 1
echo "query_roqet: $n queries agree"
