#!/usr/bin/env bash
# make eval: runs dkg over the gold sentences and scores the RDF output with the
# reference scorer (shared/tools), then prints a confusion table and the misses.
# usage: eval.sh DKG SHARED_DIR [--misses N]
set -euo pipefail
dkg=$1
shared=$2
misses=${3:-40}
here=$(cd "$(dirname "$0")" && pwd)
gold=$shared/eval/plover-gsr-dev.jsonl
quad=$shared/eval/realnews-quad-dev.jsonl
if [[ ! -f $gold ]]; then
    echo "eval: $gold not found; pass SHARED=path/to/shared" >&2
    exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "== PLOVER gold sentences ($gold)"
"$dkg" extract -q -f ntriples -o "$tmp/gold.nt" "$gold"
python3 "$here/nt2pred.py" "$tmp/gold.nt" "$gold" >"$tmp/gold.pred"
python3 "$shared/tools/score.py" "$gold" "$tmp/gold.pred" | tee "$tmp/score.json"
python3 "$here/confusion.py" "$gold" "$tmp/gold.pred" "$misses"

if [[ -f $quad ]]; then
    echo
    echo "== Real news, quad classes ($quad)"
    "$dkg" extract -q -f ntriples -o "$tmp/quad.nt" "$quad"
    python3 "$here/nt2pred.py" "$tmp/quad.nt" "$quad" >"$tmp/quad.pred"
    python3 "$shared/tools/score_quad.py" "$quad" "$tmp/quad.pred"
fi
