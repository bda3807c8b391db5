#!/usr/bin/env bash
# A third engine agrees: every example query gives the same rows through
# `dkg query -r csv` as through Oxigraph (npm's `oxigraph`, a SPARQL engine
# in Rust/WebAssembly that shares no code with Rasqal), over the sample graph
# and, when the shared corpus is there, over the N-Triples that
# `dkg extract` makes of it.
# Rows are compared in a normal form (tests/scripts/oxigraph_query.mjs):
# values as SPARQL CSV prints them, numbers canonical (engines print
# xsd:decimal and xsd:double differently), rows sorted.
# Oxigraph is installed on first use into ${XDG_CACHE_HOME:-~/.cache}/dkg-oxigraph;
# without Node.js or npm access the test is skipped (exit 77) and says why.
# usage: query_oxigraph.sh DKG_BINARY SOURCE_DIR SHARED_DIR
set -u
dkg=$1
src=$2
shared=${3:-}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=${DKG_OXIGRAPH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dkg-oxigraph}
corpus=$shared/corpus/wikinews-2019-2020.jsonl

command -v node >/dev/null || { echo "skipped: node (Node.js) is not installed"; exit 77; }
command -v npm >/dev/null || { echo "skipped: npm is not installed"; exit 77; }
if [[ ! -f $cache/node_modules/oxigraph/package.json ]]; then
    mkdir -p "$cache" || { echo "skipped: cannot create $cache"; exit 77; }
    [[ -f $cache/package.json ]] || echo '{"name":"dkg-oxigraph","private":true}' >"$cache/package.json"
    echo "installing oxigraph into $cache"
    if ! (cd "$cache" && timeout 300 npm install --no-audit --no-fund --loglevel=error \
        oxigraph@0.5 >npm.log 2>&1); then
        echo "skipped: npm install failed (no network?):"
        tail -n 5 "$cache/npm.log"
        exit 77
    fi
fi
export DKG_OXIGRAPH_MODULES=$cache/node_modules
echo "oxigraph $(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$cache/node_modules/oxigraph/package.json")"

shopt -s nullglob
queries=("$src"/examples/queries/*.rq)
((${#queries[@]})) || { echo "no example queries found" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# compare LABEL DATAFILE MIN_ROWS: every query through dkg and Oxigraph.
compare() {
    local label=$1 data=$2 min=$3 out=$tmp/$1
    mkdir -p "$out"
    if ! node "$here/oxigraph_query.mjs" run "$data" "$out" "${queries[@]}" 2>"$out/node.err"; then
        echo "$label: oxigraph could not run: $(head -n 3 "$out/node.err")" >&2
        fail=1
        return
    fi
    local q name rows
    for q in "${queries[@]}"; do
        name=$(basename "$q" .rq)
        if [[ -f $out/$name.err ]]; then
            echo "$label $name: oxigraph failed: $(head -n 3 "$out/$name.err")" >&2
            fail=1
            continue
        fi
        if ! "$dkg" query -r csv -d "$data" "@$q" >"$out/$name.dkg.csv" 2>"$out/err"; then
            echo "$label $name: dkg query failed: $(head -n 3 "$out/err")" >&2
            fail=1
            continue
        fi
        node "$here/oxigraph_query.mjs" normalize "$out/$name.dkg.csv" "$out/$name.dkg" || { fail=1; continue; }
        rows=$(($(wc -l <"$out/$name.csv") - 1))
        ((rows < 0)) && rows=0
        if ! diff -u "$out/$name.csv" "$out/$name.dkg" >"$out/diff"; then
            echo "$label $name: dkg and oxigraph disagree (- oxigraph, + dkg; rows in normal form):" >&2
            head -n 40 "$out/diff" >&2
            fail=1
        elif ((rows < min)); then
            echo "$label $name: only $rows rows, expected at least $min" >&2
            fail=1
        else
            echo "$label $name: $rows rows agree"
        fi
    done
}

compare sample "$src/examples/graph/sample.ttl" 1

if [[ -f $corpus ]]; then
    if "$dkg" extract -q -f ntriples -o "$tmp/corpus.nt" "$corpus" 2>"$tmp/extract.err" && [[ -s $tmp/corpus.nt ]]; then
        echo "corpus: $(wc -l <"$tmp/corpus.nt") triples from $(basename "$corpus")"
        compare corpus "$tmp/corpus.nt" 0
    else
        echo "corpus: dkg extract failed: $(head -n 3 "$tmp/extract.err")" >&2
        fail=1
    fi
else
    echo "note: $corpus not found; corpus not compared"
fi
exit $fail
