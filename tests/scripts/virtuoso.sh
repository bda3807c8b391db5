#!/usr/bin/env bash
# Integration with a real triple store: Virtuoso (Debian's virtuoso-opensource)
# on loopback with its own temporary database and free ports. Bulk-loads dkg
# output (examples/graph/sample.ttl, and the output of `dkg extract` over
# examples/*.txt when that works) with ld_dir/rdf_loader_run, runs every
# examples/queries/*.rq over the SPARQL HTTP endpoint and compares the rows
# with `dkg query`; then sends the sample with `dkg push` (Graph Store
# protocol, digest auth) and counts what arrived. Stops Virtuoso always.
# Installs virtuoso-opensource when missing and root; else skips (77).
# usage: virtuoso.sh DKG_BINARY SOURCE_DIR SHARED_DIR
set -u
dkg=$1
src=$2
graph=https://w3id.org/dkg/graph/test
pushed=https://w3id.org/dkg/graph/pushed

if ! command -v virtuoso-t >/dev/null || ! command -v isql-vt >/dev/null; then
    if [[ $(id -u) != 0 ]] || ! command -v apt-get >/dev/null; then
        echo "skipped: virtuoso-opensource is not installed and we cannot apt-get it" \
            "(not root or not Debian); install it with: apt-get install virtuoso-opensource"
        exit 77
    fi
    echo "installing virtuoso-opensource"
    if ! DEBIAN_FRONTEND=noninteractive timeout 400 apt-get install -y -q \
        --no-install-recommends virtuoso-opensource >/tmp/dkg-virtuoso-apt.log 2>&1; then
        echo "skipped: apt-get install virtuoso-opensource failed (no network?):"
        tail -n 5 /tmp/dkg-virtuoso-apt.log
        exit 77
    fi
fi
command -v curl >/dev/null || { echo "skipped: curl is not installed"; exit 77; }
command -v python3 >/dev/null || { echo "skipped: python3 is not installed"; exit 77; }

tmp=$(mktemp -d)
pid=
cleanup() {
    if [[ -n $pid ]]; then
        kill "$pid" 2>/dev/null
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$pid" 2>/dev/null
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
port=$(free_port)
http=$(free_port)
while [[ $http == "$port" ]]; do http=$(free_port); done
mkdir -p "$tmp/db" "$tmp/data"
vsp=/var/lib/virtuoso-opensource-7/vsp
[[ -d $vsp ]] || vsp=$tmp
cat >"$tmp/db/virtuoso.ini" <<INI
[Database]
DatabaseFile = $tmp/db/virtuoso.db
ErrorLogFile = $tmp/db/virtuoso.log
LockFile = $tmp/db/virtuoso.lck
TransactionFile = $tmp/db/virtuoso.trx
xa_persistent_file = $tmp/db/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = $tmp/db/virtuoso-temp.db
TransactionFile = $tmp/db/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:$port
DisableUnixSocket = 1
ServerThreads = 10
CheckpointInterval = 0
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
DirsAllowed = ., $tmp/data
DefaultIsolation = 4

[HTTPServer]
ServerPort = 127.0.0.1:$http
ServerRoot = $vsp
ServerThreads = 5
MaxClientConnections = 5

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
DefaultQuery = SELECT * WHERE { ?s ?p ?o } LIMIT 10
INI

(cd "$tmp/db" && exec virtuoso-t +foreground +configfile "$tmp/db/virtuoso.ini" >"$tmp/db/stdout" 2>&1) &
pid=$!
isql() { isql-vt "127.0.0.1:$port" dba dba "$@"; }
up=0
for _ in $(seq 1 120); do
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    if isql exec="status();" >/dev/null 2>&1 &&
        curl -s -o /dev/null "http://127.0.0.1:$http/sparql?query=ASK%7B%7D"; then
        up=1
        break
    fi
    sleep 0.5
done
if ((!up)); then
    echo "Virtuoso did not start:" >&2
    tail -n 20 "$tmp/db/virtuoso.log" "$tmp/db/stdout" >&2 2>/dev/null
    exit 1
fi
echo "Virtuoso up: isql 127.0.0.1:$port, HTTP 127.0.0.1:$http"

# The data: the sample graph, and extractor output when there is some.
cp "$src/examples/graph/sample.ttl" "$tmp/data/sample.ttl"
datafiles=("$tmp/data/sample.ttl")
shopt -s nullglob
texts=("$src"/examples/*.txt)
if ((${#texts[@]})) && "$dkg" extract -f ntriples -o "$tmp/data/extract.nt" "${texts[@]}" 2>/dev/null &&
    [[ -s $tmp/data/extract.nt ]]; then
    datafiles+=("$tmp/data/extract.nt")
    echo "also loading dkg extract output over examples/*.txt"
fi

# Bulk load (the README recipe).
isql exec="ld_dir('$tmp/data', '*.ttl', '$graph'); ld_dir('$tmp/data', '*.nt', '$graph'); rdf_loader_run(); checkpoint;" >"$tmp/load.log" 2>&1
isql exec="SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL;" >"$tmp/errors.log" 2>&1
if grep -q "$tmp/data" "$tmp/errors.log"; then
    echo "bulk load failed:" >&2
    cat "$tmp/errors.log" >&2
    exit 1
fi

sparql_csv() { # QUERYFILE [GRAPH]: SPARQL results as CSV from the HTTP endpoint
    local g=()
    [[ $# -lt 2 ]] && g=(--data-urlencode "default-graph-uri=$graph")
    curl -s -f -G "http://127.0.0.1:$http/sparql" --data-urlencode "query@$1" "${g[@]}" \
        -H 'Accept: text/csv'
}

# Rows as sorted, normalised tuples: numbers by value, everything else as text.
normalise() {
    python3 -c '
import csv, sys
from decimal import Decimal, InvalidOperation
def norm(v):
    try:
        return str(Decimal(v).normalize()) if v.strip() else v
    except InvalidOperation:
        return v
rows = list(csv.reader(sys.stdin))
for r in sorted("\t".join(norm(v) for v in row) for row in rows[1:]):
    print(r)
print("# header:", ",".join(rows[0]) if rows else "")
'
}

fail=0
n=0
for q in "$src"/examples/queries/*.rq; do
    name=$(basename "$q" .rq)
    n=$((n + 1))
    dkg_args=()
    for f in "${datafiles[@]}"; do dkg_args+=(-d "$f"); done
    if ! "$dkg" query -r csv "${dkg_args[@]}" "@$q" >"$tmp/dkg.csv" 2>"$tmp/err"; then
        echo "$name: dkg query failed: $(head -n 3 "$tmp/err")" >&2
        fail=1
        continue
    fi
    if ! sparql_csv "$q" >"$tmp/virtuoso.csv"; then
        echo "$name: Virtuoso's endpoint refused the query" >&2
        fail=1
        continue
    fi
    normalise <"$tmp/dkg.csv" >"$tmp/a"
    normalise <"$tmp/virtuoso.csv" >"$tmp/b"
    if [[ $(wc -l <"$tmp/a") -lt 2 ]]; then
        echo "$name: no rows" >&2
        fail=1
    elif ! diff -u "$tmp/b" "$tmp/a" >"$tmp/diff"; then
        echo "$name: dkg and Virtuoso disagree (- Virtuoso, + dkg):" >&2
        head -n 40 "$tmp/diff" >&2
        fail=1
    else
        echo "$name: $(($(wc -l <"$tmp/a") - 1)) rows agree"
    fi
done

# dkg push through the Graph Store protocol, then count what arrived.
want=$(rapper -i turtle -c "$src/examples/graph/sample.ttl" 2>&1 | sed -n 's/.*returned \([0-9]*\) triples.*/\1/p')
if "$dkg" push --endpoint "http://127.0.0.1:$http/sparql-graph-crud-auth" --graph "$pushed" \
    --user dba --password dba "$src/examples/graph/sample.ttl"; then
    echo "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <$pushed> { ?s ?p ?o } }" >"$tmp/count.rq"
    got=$(sparql_csv "$tmp/count.rq" none | tail -n 1 | tr -d '"\r')
    if [[ -n $want && $got == "$want" ]]; then
        echo "dkg push: $got triples arrived in <$pushed>"
    else
        echo "dkg push: $got triples in <$pushed>, expected $want" >&2
        fail=1
    fi
else
    echo "dkg push failed" >&2
    fail=1
fi
# A wrong password must fail.
if "$dkg" push --endpoint "http://127.0.0.1:$http/sparql-graph-crud-auth" --graph "$pushed" \
    --user dba --password wrong "$src/examples/graph/sample.ttl" 2>"$tmp/err"; then
    echo "dkg push with a wrong password succeeded" >&2
    fail=1
else
    echo "dkg push with a wrong password: refused ($(head -c 80 "$tmp/err"))"
fi
((n > 0)) || { echo "no example queries" >&2; exit 1; }
exit $fail
