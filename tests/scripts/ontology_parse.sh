#!/usr/bin/env bash
# ontology_parse.sh DKG_BINARY SOURCE_DIR SHARED_DIR
# `dkg ontology` prints ontology/diplomacy.ttl; Raptor's rapper and a second
# parser accept it (Redland's rdfproc, and serdi when installed); SPARQL over
# it (roqet) finds every CAMEO class linked to a PLOVER type except the
# documented CAMEO 01 statements, every PLOVER concept among the 16 types.
# Exit 0 pass, 1 fail, 77 skip (a tool is missing).
set -u
dkg=$1 src=$2
for tool in rapper rdfproc roqet; do
	command -v "$tool" >/dev/null || { echo "SKIP: $tool not installed"; exit 77; }
done
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ttl=$tmp/diplomacy.ttl
dip='PREFIX dip: <https://w3id.org/dkg/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>'

# Rows of a roqet CSV result, header excluded; a failing query fails the test
# (an empty answer must not pass for a clean one).
rows() {
	local rc=0
	roqet -q -r csv -i sparql -e "$dip $1" -D "$ttl" >"$tmp/roqet.out" 2>"$tmp/roqet.err" || rc=$?
	# roqet exits 2 after a good CSV answer too; 1 is its error status
	if [ "$rc" -eq 1 ] || [ "$rc" -gt 2 ] || grep -qi error "$tmp/roqet.err"; then
		# runs in a subshell: leave a mark for the end instead of counting
		echo "FAIL: roqet: $(head -3 "$tmp/roqet.err") in: $1" >&2
		touch "$tmp/query-failed"
		return
	fi
	tr -d '\r' <"$tmp/roqet.out" | sed 1d | sed '/^$/d'
}

"$dkg" ontology >"$ttl" || fail "dkg ontology exited $?"
# The compiled-in copy is the source file (the embedder appends one newline).
python3 - "$ttl" "$src/ontology/diplomacy.ttl" <<'PY' || fail "dkg ontology differs from ontology/diplomacy.ttl"
import sys
a, b = (open(p, encoding="utf-8").read().rstrip("\n") for p in sys.argv[1:3])
sys.exit(a != b)
PY

if ! rapper -q -i turtle -c "$ttl" 2>"$tmp/rapper.err"; then
	fail "rapper rejects the ontology: $(head -3 "$tmp/rapper.err")"
fi
n=$(rapper -i turtle -c "$ttl" 2>&1 | sed -n 's/.*returned \([0-9]*\) triples.*/\1/p')
[ "${n:-0}" -gt 1000 ] || fail "rapper counted ${n:-no} triples"

# Redland's parser (rdfproc prints errors but exits 0: read its stderr).
rdfproc -q -s memory onto parse "file://$ttl" turtle >"$tmp/rdfproc.out" 2>&1
if grep -qi 'error' "$tmp/rdfproc.out"; then
	fail "rdfproc rejects the ontology: $(head -3 "$tmp/rdfproc.out")"
fi
if command -v serdi >/dev/null; then
	serdi -q -i turtle -o ntriples "$ttl" >/dev/null 2>"$tmp/serdi.err" ||
		fail "serdi rejects the ontology: $(head -3 "$tmp/serdi.err")"
fi

# The event-type classes: all 20 roots and their codes.
classes=$(rows 'SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a <http://www.w3.org/2002/07/owl#Class> ; dip:cameoCode ?code }')
[ "${classes:-0}" -ge 167 ] || fail "only ${classes:-0} CAMEO classes"
roots=$(rows 'SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c dip:cameoCode ?code ; <http://www.w3.org/2000/01/rdf-schema#subClassOf> dip:Event }')
[ "$roots" = 20 ] || fail "$roots root classes under dip:Event, want 20"

# Every CAMEO class has a PLOVER type, except the documented ones (dip:ploverNote,
# CAMEO 01 only).
bad=$(rows 'SELECT ?c ?code WHERE { ?c dip:cameoCode ?code .
	OPTIONAL { ?c dip:plover ?p } OPTIONAL { ?c dip:ploverNote ?n }
	FILTER (!BOUND(?p) && (!BOUND(?n) || !STRSTARTS(STR(?code), "01"))) }')
[ -z "$bad" ] || fail "CAMEO classes without a PLOVER type or a note: $bad"
unlinked=$(rows 'SELECT (COUNT(?c) AS ?n) WHERE { ?c dip:cameoCode ?code . OPTIONAL { ?c dip:plover ?p } FILTER (!BOUND(?p)) }')
[ "${unlinked:-0}" -ge 1 ] && [ "${unlinked:-0}" -le 11 ] || fail "$unlinked classes without PLOVER type, want the 11 of CAMEO 01"

# Every linked concept is one of the 16 current PLOVER types, in the scheme.
types=$(rows 'SELECT DISTINCT ?t WHERE { ?c dip:cameoCode ?code ; dip:plover ?p . ?p skos:notation ?t ; skos:inScheme dip:PloverTypes }' | sort | tr '\n' ' ')
want="ACCUSE AGREE AID ASSAULT COERCE CONCEDE CONSULT COOPERATE MOBILIZE PROTEST REJECT REQUEST RETREAT SANCTION SUPPORT THREATEN "
[ "$types" = "$want" ] || fail "PLOVER types linked: $types; want $want"
nolabel=$(rows 'SELECT ?c WHERE { ?c dip:cameoCode ?code . OPTIONAL { ?c <http://www.w3.org/2000/01/rdf-schema#label> ?l } OPTIONAL { ?c dip:goldstein ?g } OPTIONAL { ?c dip:quadClass ?q } FILTER (!BOUND(?l) || !BOUND(?g) || !BOUND(?q)) }')
[ -z "$nolabel" ] || fail "CAMEO classes lacking label, Goldstein value or quad class: $nolabel"

# The spot check from the output contract.
row=$(rows 'SELECT ?t ?g ?q WHERE { dip:ThreatenMilitaryForce dip:cameoCode "138" ; dip:plover ?p ; dip:goldstein ?g ; dip:quadClass ?q . ?p skos:notation ?t }')
[ "$row" = "THREATEN,-7.0,3" ] || fail "dip:ThreatenMilitaryForce: got '$row'"

[ -e "$tmp/query-failed" ] && fail "a SPARQL query failed"
if [ "$fails" -ne 0 ]; then
	echo "$fails check(s) failed"
	exit 1
fi
echo "ok: ontology parses (rapper, rdfproc$(command -v serdi >/dev/null && echo ', serdi')), $classes CAMEO classes, PLOVER links complete"
