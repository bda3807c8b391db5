#!/usr/bin/env bash
# valgrind memcheck over `dkg extract`: the examples' JSON Lines and an HTML
# page, in Turtle and N-Triples, with -j 1 and -j 2. Any memory error or
# definite leak fails. Skipped (77) without valgrind, or when the binary is
# built with ASan (the asan target excludes this test anyway).
# usage: valgrind.sh DKG_BINARY SOURCE_DIR SHARED_DIR
set -u
dkg=$1
src=$2
command -v valgrind >/dev/null || { echo "valgrind.sh: valgrind missing (Debian: valgrind)"; exit 77; }
if nm -an "$dkg" 2>/dev/null | grep -q __asan_init || ldd "$dkg" 2>/dev/null | grep -q libasan; then
    echo "valgrind.sh: $dkg is built with ASan; valgrind cannot run it"
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
html=$src/tests/fixtures/ingest/page-article.html
[[ -f $html ]] || { echo "valgrind.sh: missing $html" >&2; exit 1; }
fails=0

check() {
    local name=$1 result=$2
    shift 2
    if valgrind --tool=memcheck --leak-check=full --errors-for-leak-kinds=definite \
        --error-exitcode=99 --num-callers=30 --log-file="$tmp/vg.log" \
        "$dkg" "$@" >"$tmp/out" 2>"$tmp/err"; then
        if [[ ! -s $result ]]; then
            echo "FAIL $name: no output" >&2
            fails=$((fails + 1))
            return
        fi
        echo "ok   $name ($(grep -o -m 1 -E 'definitely lost: [0-9,]* bytes|All heap blocks were freed' "$tmp/vg.log"))"
    else
        echo "FAIL $name (exit $?):" >&2
        grep -E -A 12 'Invalid|uninitialised|definitely lost in|ERROR SUMMARY' "$tmp/vg.log" |
            head -n 60 >&2
        head -n 5 "$tmp/err" >&2
        fails=$((fails + 1))
    fi
}

check "examples/articles.jsonl, Turtle" "$tmp/out" extract --date 2024-11-15 "$src/examples/articles.jsonl"
check "examples/articles.jsonl, N-Triples, -j 2" "$tmp/out" extract -f ntriples -j 2 "$src/examples/articles.jsonl"
check "HTML page, N-Triples" "$tmp/out" extract -f ntriples "$html"
check "examples/ folder, RDF/XML" "$tmp/out" extract -f rdfxml "$src/examples"
check "-o into a file" "$tmp/out.nq" extract -f nquads -o "$tmp/out.nq" "$src/examples/articles.jsonl" "$html"

((fails)) && { echo "valgrind.sh: $fails failed" >&2; exit 1; }
echo "valgrind.sh: no memory errors, no definite leaks"
