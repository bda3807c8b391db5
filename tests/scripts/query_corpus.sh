#!/usr/bin/env bash
# dkg query and Rasqal's own roqet agree on the corpus output: every example
# query gives the same rows through `dkg query -r csv` as through
# `roqet -r csv -D` over the N-Triples that `dkg extract` makes of the shared
# Wikinews corpus (rows compared sorted, as in query_roqet.sh).
#
# roqet reads -D into Rasqal's raptor triple list, which is not a set: a
# triple written twice (dkg extract repeats an actor's description in each
# document that names it) matches twice and duplicates rows, where an RDF
# graph, dkg's indexed store and Oxigraph count it once. roqet is therefore
# given the graph with repeated lines removed (sort -u: N-Triples is one
# triple per line), which is the same RDF graph.
# roqet joins without indexes, in quadratic time past ~40k triples: a query
# it does not finish within ${DKG_ROQET_TIMEOUT:-120} s is reported as
# "roqet too slow" and not compared, rather than failed.
# Skipped (exit 77) without roqet or without the shared corpus.
# usage: query_corpus.sh DKG_BINARY SOURCE_DIR SHARED_DIR
set -u
dkg=$1
src=$2
shared=${3:-}
corpus=$shared/corpus/wikinews-2019-2020.jsonl
limit=${DKG_ROQET_TIMEOUT:-120}
command -v roqet >/dev/null || { echo "skipped: roqet not installed (rasqal-utils)"; exit 77; }
[[ -f $corpus ]] || { echo "skipped: shared corpus $corpus not found"; exit 77; }

shopt -s nullglob
queries=("$src"/examples/queries/*.rq)
((${#queries[@]})) || { echo "no example queries found" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! "$dkg" extract -q -f ntriples -o "$tmp/corpus.nt" "$corpus" 2>"$tmp/err" || [[ ! -s $tmp/corpus.nt ]]; then
    echo "dkg extract over the corpus failed: $(head -n 3 "$tmp/err")" >&2
    exit 1
fi
LC_ALL=C sort -u "$tmp/corpus.nt" >"$tmp/graph.nt"
all=$(wc -l <"$tmp/corpus.nt")
uniq=$(wc -l <"$tmp/graph.nt")
echo "corpus: $all lines of N-Triples, $uniq distinct triples ($((all - uniq)) repeated lines dropped for roqet)"

fail=0
agree=0
slow=0
for q in "${queries[@]}"; do
    name=$(basename "$q" .rq)
    if ! "$dkg" query -r csv -d "$tmp/corpus.nt" "@$q" >"$tmp/dkg.csv" 2>"$tmp/err"; then
        echo "$name: dkg query failed: $(head -n 3 "$tmp/err")" >&2
        fail=1
        continue
    fi
    start=$SECONDS
    timeout "$limit" roqet -q -i sparql -D "$tmp/graph.nt" -r csv "$q" >"$tmp/roqet.csv" 2>"$tmp/err"
    rc=$?
    if [[ $rc == 124 ]]; then
        echo "$name: roqet too slow (over ${limit} s); not compared"
        slow=$((slow + 1))
        continue
    fi
    # roqet exits 2 after warnings (it warns about aggregate queries); 1 is an error.
    if [[ $rc != 0 && $rc != 2 ]]; then
        echo "$name: roqet failed ($rc): $(head -n 3 "$tmp/err")" >&2
        fail=1
        continue
    fi
    tr -d '\r' <"$tmp/dkg.csv" | LC_ALL=C sort >"$tmp/a"
    tr -d '\r' <"$tmp/roqet.csv" | LC_ALL=C sort >"$tmp/b"
    rows=$(grep -c . "$tmp/a")
    ((rows > 0)) && rows=$((rows - 1)) # the header; an empty result has none
    if ! diff -u "$tmp/b" "$tmp/a" >"$tmp/diff"; then
        echo "$name: dkg and roqet disagree (- roqet, + dkg):" >&2
        head -n 30 "$tmp/diff" >&2
        fail=1
    else
        echo "$name: $rows rows agree (roqet $((SECONDS - start)) s)"
        agree=$((agree + 1))
    fi
done
echo "query_corpus: $agree agree, $slow roqet too slow, of ${#queries[@]} queries"
exit $fail
