#!/usr/bin/env bash
# Deterministic output (issue 2): the same input twice and any -j give
# byte-identical output; every syntax parses with Raptor's rapper and with
# Redland's rdfproc; N-Quads graphs are the documents; --base moves the
# minted IRIs and a bad one is a usage error.
# usage: determinism.sh DKG_BINARY SOURCE_DIR SHARED_DIR
set -u
dkg=$1
src=$2
in=$src/examples/articles.jsonl
[[ -f $in ]] || { echo "determinism: $in missing" >&2; exit 1; }
for tool in rapper rdfproc; do
    command -v $tool >/dev/null || { echo "determinism: $tool not installed" >&2; exit 1; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() {
    echo "determinism: FAIL: $*" >&2
    fail=1
}
run() { # run OUT ARGS...: dkg extract quietly into OUT
    local out=$1
    shift
    "$dkg" extract -q "$@" >"$out" 2>"$out.err" || {
        bad "dkg extract $* exited $?: $(head -c 300 "$out.err")"
        return 1
    }
}

# the same input twice; -j 1, 2, 4
run "$tmp/r1.ttl" "$in"
run "$tmp/r2.ttl" "$in"
cmp -s "$tmp/r1.ttl" "$tmp/r2.ttl" || bad "two runs over the same input differ"
[[ -s $tmp/r1.ttl ]] || bad "no output for $in"
for f in ntriples turtle; do
    run "$tmp/j1.$f" -f $f -j 1 "$in"
    for j in 2 4; do
        run "$tmp/j$j.$f" -f $f -j $j "$in"
        cmp -s "$tmp/j1.$f" "$tmp/j$j.$f" || bad "-f $f: -j 1 and -j $j differ"
    done
done
# more documents than threads, in several files and a folder
mkdir -p "$tmp/dir"
split -l 2 -d --additional-suffix=.jsonl "$in" "$tmp/dir/part"
run "$tmp/d1.nt" -f ntriples -j 1 "$tmp/dir"
run "$tmp/d4.nt" -f ntriples -j 4 "$tmp/dir"
cmp -s "$tmp/d1.nt" "$tmp/d4.nt" || bad "a folder: -j 1 and -j 4 differ"
echo "determinism: repeated runs and -j 1/2/4 checked"

# every syntax parses with two parsers
for f in turtle ntriples nquads rdfxml; do
    run "$tmp/out.$f" -f $f "$in" || continue
    if ! rapper -q -i "$f" -c "$tmp/out.$f" 2>"$tmp/rapper.err"; then
        bad "rapper rejects -f $f: $(head -n 3 "$tmp/rapper.err")"
    fi
    n_rapper=$(rapper -q -i "$f" -o ntriples "$tmp/out.$f" 2>/dev/null | LC_ALL=C sort -u | wc -l)
    # rdfproc exits 0 even when the parse fails: its stderr is the verdict
    rm -rf "$tmp/db" && mkdir "$tmp/db"
    (cd "$tmp/db" && rdfproc -n -s memory db parse "$tmp/out.$f" "$f") >"$tmp/rdfproc.out" 2>"$tmp/rdfproc.err"
    # (it says which parser it uses on stderr; anything else there is an error or warning)
    grep -v '^rdfproc: Parsing URI ' "$tmp/rdfproc.err" >"$tmp/rdfproc.msgs"
    if [[ -s $tmp/rdfproc.msgs ]] || ! grep -q "with $f parser" "$tmp/rdfproc.err"; then
        bad "rdfproc rejects -f $f: $(head -n 3 "$tmp/rdfproc.msgs" "$tmp/rdfproc.out")"
    fi
    echo "determinism: -f $f parses with rapper ($n_rapper distinct triples) and rdfproc"
done
# all syntaxes hold the same graph
rapper -q -i ntriples -o ntriples "$tmp/out.ntriples" 2>/dev/null | LC_ALL=C sort -u >"$tmp/g.nt"
for f in turtle rdfxml; do
    rapper -q -i $f -o ntriples "$tmp/out.$f" 2>/dev/null | LC_ALL=C sort -u >"$tmp/g.$f"
    cmp -s "$tmp/g.nt" "$tmp/g.$f" || bad "-f $f holds a different graph from -f ntriples ($(wc -l <"$tmp/g.$f") vs $(wc -l <"$tmp/g.nt") triples)"
done
# N-Quads: each quad's graph is a dip:Article IRI, and the quads are the N-Triples graph
awk '{print $NF == "." ? $(NF-1) : ""}' "$tmp/out.nquads" | LC_ALL=C sort -u >"$tmp/graphs"
LC_ALL=C grep -F '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/dkg/ontology#Article>' "$tmp/out.ntriples" |
    awk '{print $1}' | LC_ALL=C sort -u >"$tmp/articles"
if [[ ! -s $tmp/graphs ]] || grep -q -v '^<' "$tmp/graphs"; then
    bad "some N-Quads lines have no graph IRI"
elif ! cmp -s "$tmp/graphs" "$tmp/articles"; then
    bad "N-Quads graphs are not the dip:Article IRIs: $(comm -3 "$tmp/graphs" "$tmp/articles" | head -n 3 | tr '\n' ' ')"
else
    echo "determinism: every N-Quads graph is a dip:Article ($(wc -l <"$tmp/graphs") graphs)"
fi
sed -E 's/ <[^>]*> \.$/ ./' "$tmp/out.nquads" | LC_ALL=C sort -u >"$tmp/q.nt"
cmp -s "$tmp/q.nt" <(LC_ALL=C sort -u "$tmp/out.ntriples") || bad "N-Quads without graphs differ from the N-Triples"

# --base moves every minted IRI
base=http://example.org/dkg-test/
run "$tmp/base.nt" -f ntriples --base "$base" "$in"
if grep -q 'https://w3id.org/dkg/id/' "$tmp/base.nt"; then
    bad "--base $base: IRIs under the default base remain"
fi
grep -q "^<${base}event-" "$tmp/base.nt" || bad "--base $base: no event IRI under it"
# the same graph with the namespace replaced
sed "s|https://w3id.org/dkg/id/|$base|g" "$tmp/out.ntriples" | LC_ALL=C sort -u >"$tmp/moved"
cmp -s "$tmp/moved" <(LC_ALL=C sort -u "$tmp/base.nt") || bad "--base changes more than the namespace"
# a bad base is a usage error
for b in 'not an iri' 'relative/path/' ''; do
    "$dkg" extract -q -f ntriples --base "$b" "$in" >"$tmp/bb.out" 2>"$tmp/bb.err"
    rc=$?
    [[ $rc == 2 ]] || bad "--base '$b' exits $rc, expected 2"
    [[ -s $tmp/bb.err ]] || bad "--base '$b': no message on stderr"
    [[ ! -s $tmp/bb.out ]] || bad "--base '$b': output written anyway"
done
echo "determinism: --base checked"
exit $fail
