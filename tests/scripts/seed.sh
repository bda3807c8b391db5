#!/usr/bin/env bash
# The design card's event (issue 2): the seed article must hold Medvedev's
# threat with every part, and most of the events the seed's coders listed.
# usage: seed.sh DKG_BINARY SOURCE_DIR SHARED_DIR
set -u
dkg=$1
shared=$3
seed=$shared/seed/medvedev-nice-2008-11-14.txt
expected=$shared/seed/expected-events.json
if [[ ! -f $seed || ! -f $expected ]]; then
    echo "seed: $shared/seed not found, skipped"
    exit 77
fi
command -v roqet >/dev/null || { echo "seed: roqet not installed" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

if ! "$dkg" extract -q -f ntriples --date 2008-11-14 "$seed" >"$tmp/out.nt" 2>"$tmp/err"; then
    echo "seed: dkg extract failed:" >&2
    cat "$tmp/err" >&2
    exit 1
fi

PFX='PREFIX dip: <https://w3id.org/dkg/ontology#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>'

# ask NAME QUERY-BODY: the ASK must be true
ask() {
    printf '%s\nASK {\n%s\n}\n' "$PFX" "$2" >"$tmp/q.rq"
    if roqet -q -i sparql -D "$tmp/out.nt" -r xml "$tmp/q.rq" 2>&1 | grep -q '<boolean>true</boolean>'; then
        echo "seed: ok: $1"
    else
        echo "seed: FAIL: $1" >&2
        fail=1
    fi
}

# the event with every part at once, then each part alone (to name what is missing)
ask "design card event, all parts together" '
  ?e dip:ploverType "THREATEN" ; dip:cameoCode ?c ; dip:sourceActor ?a ;
     dip:objectText ?o ; sem:hasPlace ?p ; sem:hasTimeStamp ?d .
  ?a dip:actorCode "RUSGOV" ; dip:countryCode "RUS" .
  ?p rdfs:label ?pl .
  FILTER(STRSTARTS(?c, "13") && CONTAINS(LCASE(STR(?o)), "missiles") && STR(?pl) = "Kaliningrad")
  FILTER(?d >= "2008-11-03"^^xsd:date && ?d <= "2008-11-09"^^xsd:date)'
ask "a THREATEN event by a RUSGOV/RUS actor" '
  ?e dip:ploverType "THREATEN" ; dip:sourceActor ?a .
  ?a dip:actorCode "RUSGOV" ; dip:countryCode "RUS" .'
ask "its CAMEO code is 13x" '
  ?e dip:ploverType "THREATEN" ; dip:cameoCode ?c . FILTER(STRSTARTS(?c, "13"))'
ask "its object mentions missiles" '
  ?e dip:ploverType "THREATEN" ; dip:objectText ?o . FILTER(CONTAINS(LCASE(STR(?o)), "missiles"))'
ask "its place is Kaliningrad" '
  ?e dip:ploverType "THREATEN" ; sem:hasPlace ?p . ?p rdfs:label ?l . FILTER(STR(?l) = "Kaliningrad")'
ask "it is dated in the week before 14 November 2008" '
  ?e dip:ploverType "THREATEN" ; sem:hasTimeStamp ?d .
  FILTER(?d >= "2008-11-03"^^xsd:date && ?d <= "2008-11-09"^^xsd:date)'
ask "the retreat withdraws a threat of the same person" '
  ?r dip:retracts ?e ; dip:sourceActor ?a . ?e dip:ploverType "THREATEN" ; dip:sourceActor ?b .
  ?a dip:countryCode "RUS" . ?b dip:countryCode "RUS" .'

# how many of the coders' events are found, by PLOVER type (any of) and source country
python3 - "$expected" >"$tmp/wanted" <<'PY'
import json, re, sys
ev = json.load(open(sys.argv[1]))["events"]
for e in ev:
    types = e.get("plover_any_of") or [e.get("plover")]
    m = re.search(r"\(([A-Z]{3})\)", e["source"])
    print(",".join(t for t in types if t), m.group(1) if m else "", e["action"], sep="\t")
PY
found=0
total=0
while IFS=$'\t' read -r types cc action; do
    total=$((total + 1))
    filter=$(sed 's/\([A-Z]*\)/"\1"/g' <<<"$types")
    printf '%s\nASK { ?e dip:ploverType ?t ; dip:sourceActor ?a . ?a dip:countryCode "%s" . FILTER(?t IN (%s)) }\n' \
        "$PFX" "$cc" "$filter" >"$tmp/q.rq"
    if roqet -q -i sparql -D "$tmp/out.nt" -r xml "$tmp/q.rq" 2>&1 | grep -q '<boolean>true</boolean>'; then
        found=$((found + 1))
        echo "seed: found   $types by $cc ($action)"
    else
        echo "seed: missing $types by $cc ($action)"
    fi
done <"$tmp/wanted"
echo "seed: $found of $total expected events found (type + source country)"
if ((found < 4)); then
    echo "seed: FAIL: fewer than 4 of the expected events" >&2
    fail=1
fi
exit $fail
