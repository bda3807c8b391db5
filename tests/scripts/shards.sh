#!/usr/bin/env bash
# Sharded runs concatenate to the whole (issue 5): the sorted, de-duplicated
# union of the shards' N-Triples is the whole run's; and the same article in
# two documents is one dip:Event with two dip:Mentions.
# usage: shards.sh DKG_BINARY SOURCE_DIR SHARED_DIR
set -u
dkg=$1
src=$2
articles=$src/examples/articles.jsonl
[[ -f $articles ]] || { echo "shards: $articles missing" >&2; exit 1; }
command -v roqet >/dev/null || { echo "shards: roqet not installed" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
export LC_ALL=C

n=$(grep -c . "$articles")
if ((n < 2)); then
    echo "shards: need at least two articles in $articles" >&2
    exit 1
fi
half=$(((n + 1) / 2))
head -n "$half" "$articles" >"$tmp/a.jsonl"
tail -n +"$((half + 1))" "$articles" >"$tmp/b.jsonl"

for f in a b whole; do
    in=$tmp/$f.jsonl
    [[ $f == whole ]] && in=$articles
    if ! "$dkg" extract -q -f ntriples "$in" >"$tmp/$f.nt" 2>"$tmp/$f.err"; then
        echo "shards: dkg extract $f failed:" >&2
        cat "$tmp/$f.err" >&2
        exit 1
    fi
done
sort -u "$tmp/a.nt" "$tmp/b.nt" >"$tmp/union"
sort -u "$tmp/whole.nt" >"$tmp/whole"
if [[ ! -s $tmp/whole ]] || ! grep -q 'ontology#Event>' "$tmp/whole"; then
    echo "shards: FAIL: the whole run has no events; nothing to compare" >&2
    fail=1
fi
only_shards=$(comm -23 "$tmp/union" "$tmp/whole" | wc -l)
only_whole=$(comm -13 "$tmp/union" "$tmp/whole" | wc -l)
echo "shards: $n articles in shards of $half and $((n - half)); $(wc -l <"$tmp/whole") distinct triples"
if ((only_shards || only_whole)); then
    echo "shards: FAIL: $only_shards triples only in the shards, $only_whole only in the whole run:" >&2
    comm -3 "$tmp/union" "$tmp/whole" | head -n 10 >&2
    fail=1
else
    echo "shards: ok: the union of the shards equals the whole run"
fi
# the shards share no document, but actors and places may repeat: a triple
# that the shards both emit must be one of those shared resources
dup=$(sort -u "$tmp/a.nt" | comm -12 - <(sort -u "$tmp/b.nt") | grep -c -E '/(doc|mention)-' || true)
if ((dup)); then
    echo "shards: FAIL: $dup document or mention triples appear in both shards" >&2
    fail=1
fi

# the same article twice, under two ids: one event IRI, two mentions in two documents
python3 - "$articles" >"$tmp/twice.jsonl" <<'PY'
import json, sys
doc = json.loads(open(sys.argv[1]).readline())
for suffix in ("-copy-a", "-copy-b"):
    d = dict(doc)
    d["id"] = str(doc.get("id", "doc")) + suffix
    print(json.dumps(d, ensure_ascii=False))
PY
"$dkg" extract -q -f ntriples "$tmp/twice.jsonl" >"$tmp/twice.nt" 2>"$tmp/twice.err" || {
    echo "shards: dkg extract of the doubled article failed:" >&2
    cat "$tmp/twice.err" >&2
    exit 1
}
head -n 1 "$tmp/twice.jsonl" >"$tmp/once.jsonl"
"$dkg" extract -q -f ntriples "$tmp/once.jsonl" >"$tmp/once.nt" 2>/dev/null
cat >"$tmp/q.rq" <<'Q'
PREFIX dip: <https://w3id.org/dkg/ontology#>
ASK {
  ?e a dip:Event ; dip:hasMention ?m1, ?m2 .
  ?m1 dip:inDocument ?d1 . ?m2 dip:inDocument ?d2 .
  FILTER(?m1 != ?m2 && ?d1 != ?d2)
}
Q
if roqet -q -i sparql -D "$tmp/twice.nt" -r xml "$tmp/q.rq" 2>&1 | grep -q '<boolean>true</boolean>'; then
    echo "shards: ok: an event of the doubled article has two mentions in two documents"
else
    echo "shards: FAIL: no event with two mentions in two documents" >&2
    fail=1
fi
# every event of the doubled article is one IRI: as many events as for one copy
count() { sort -u "$1" | grep -c "#type> <https://w3id.org/dkg/ontology#$2>" || true; }
ev_twice=$(count "$tmp/twice.nt" Event)
ev_once=$(count "$tmp/once.nt" Event)
men_twice=$(count "$tmp/twice.nt" Mention)
men_once=$(count "$tmp/once.nt" Mention)
echo "shards: one copy: $ev_once events, $men_once mentions; two copies: $ev_twice events, $men_twice mentions"
if ((ev_once == 0 || ev_twice != ev_once || men_twice != 2 * men_once)); then
    echo "shards: FAIL: two copies must give the same events and twice the mentions" >&2
    fail=1
fi
exit $fail
