#!/usr/bin/env bash
# demo.sh - what `make demo` runs after building: extracts the events of the
# example articles, prints them as Turtle and answers research questions over
# them with `dkg query`.
#
# usage: examples/demo.sh DKG_BINARY
#   DKG_DEMO_OUT=DIR   keep the outputs in DIR instead of a temporary folder
#
# Every step runs even when an earlier one failed (so one run shows all that is
# broken), each failure is reported on stderr, and the script exits 1 if any
# step failed, 2 on a usage error.
set -u

if [[ $# -ne 1 || $1 == -h || $1 == --help ]]; then
	echo "usage: $0 DKG_BINARY" >&2
	exit 2
fi
dkg=$1
[[ $dkg == */* ]] && dkg=$(cd "$(dirname "$dkg")" && pwd)/$(basename "$dkg")
if [[ ! -x $dkg ]]; then
	echo "demo: '$1' is not an executable dkg binary; run 'make' first" >&2
	exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
queries=$here/queries
limit=${DKG_DEMO_TIMEOUT:-300} # seconds per step

if [[ -n ${DKG_DEMO_OUT:-} ]]; then
	out=$DKG_DEMO_OUT
	mkdir -p "$out" || exit 2
else
	out=$(mktemp -d "${TMPDIR:-/tmp}/dkg-demo.XXXXXX") || exit 2
	trap 'rm -rf "$out"' EXIT
fi

failed=()
heading() { printf '\n==== %s ====\n' "$*"; }
fail() {
	echo "demo: FAILED: $*" >&2
	failed+=("$1")
}
# run NAME CMD...: runs a step with a time limit, reports a non-zero status.
run() {
	local name=$1 status
	shift
	timeout "$limit" "$@"
	status=$?
	if ((status == 124)); then
		fail "$name" "(timed out after ${limit}s: $*)"
	elif ((status != 0)); then
		fail "$name" "(exit status $status: $*)"
	fi
	return "$status"
}

ns='https://w3id.org/dkg/ontology#'
type='<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>'
# count_events FILE.nt: number of dip:Event nodes in an N-Triples file.
count_events() { grep -c "^<[^>]*> $type <${ns}Event> \\.\$" "$1" 2>/dev/null || true; }

"$dkg" --version || fail version "(dkg --version)"

# --- 1. the articles as JSON Lines, each with its own date -> Turtle ----------
heading "dkg extract examples/articles.jsonl   (Turtle)"
ttl=$out/events.ttl
nt=$out/events.nt
# Default output: Turtle on standard output, kept in $ttl for the queries.
timeout "$limit" "$dkg" extract "$here/articles.jsonl" | tee "$ttl"
status=${PIPESTATUS[0]}
if ((status != 0)); then
	fail extract-turtle "(exit status $status: dkg extract examples/articles.jsonl)"
elif [[ ! -s $ttl ]]; then
	fail extract-turtle "(no Turtle on standard output)"
fi
if [[ -s $ttl ]] && command -v rapper >/dev/null; then
	# A second parser, nobody's but Raptor's command-line tool, reads it back.
	rapper -q -i turtle -c "$ttl" 2>&1 || fail rapper "(rapper rejects $ttl)"
fi

# The same run as N-Triples: byte-stable, easy to count and to concatenate.
if run extract-ntriples "$dkg" extract -f ntriples -o "$nt" "$here/articles.jsonl"; then
	events=$(count_events "$nt")
	echo "demo: $(wc -l <"$nt") triples, $events events from $(wc -l <"$here/articles.jsonl") articles" >&2
	if ((events == 0)); then
		fail no-events "(the extractor found no dip:Event in examples/articles.jsonl)"
	fi
fi

# --- 2. one plain text article: its date comes from --date -------------------
heading "dkg extract --date 2024-11-15 -f ntriples examples/01-gotland-threat.txt"
one=$out/gotland.nt
if run extract-text "$dkg" extract -f ntriples --date 2024-11-15 -o "$one" \
	"$here/01-gotland-threat.txt"; then
	grep -E "(ploverType|objectText|hasTimeStamp)> " "$one" || true
	echo "demo: $(count_events "$one") events in 01-gotland-threat.txt" >&2
fi

# --- 3. research questions ---------------------------------------------------
# pick GLOB...: the first examples/queries file matching one of the globs.
pick() {
	local g f
	for g in "$@"; do
		for f in "$queries"/$g; do
			[[ -f $f ]] && { echo "$f"; return 0; }
		done
	done
	return 1
}
# ask TITLE INLINE_SPARQL GLOB...: a heading, then the shipped query file when
# there is one (its comment lines say the question), else the inline query.
ask() {
	local title=$1 inline=$2 file
	shift 2
	heading "$title"
	if [[ ! -s $ttl ]]; then
		fail "query: $title" "(no extracted data to query)"
		return
	fi
	if file=$(pick "$@"); then
		echo "(examples/queries/$(basename "$file"))"
		grep '^#' "$file" | sed 's/^#\s*/  /' | head -n 5
		run "query: $title" "$dkg" query -r table -d "$ttl" "@$file"
	else
		echo "(inline query; examples/queries has no file for this question)"
		run "query: $title" "$dkg" query -r table -d "$ttl" "$inline"
	fi
}

prefixes="PREFIX dip: <$ns>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX dcterms: <http://purl.org/dc/terms/>
"

ask "Who threatened whom?" "$prefixes
SELECT ?date ?source ?target ?object ?place ?modality ?polarity WHERE {
  ?e a dip:Event ; dip:ploverType \"THREATEN\" ; dip:sourceActor ?s .
  ?s rdfs:label ?source .
  OPTIONAL { ?e dip:targetActor ?t . ?t rdfs:label ?target }
  OPTIONAL { ?e dip:objectText ?object }
  OPTIONAL { ?e sem:hasPlace ?p . ?p rdfs:label ?place }
  OPTIONAL { ?e sem:hasTimeStamp ?date }
  OPTIONAL { ?e dip:modality ?modality }
  OPTIONAL { ?e dip:polarity ?polarity }
}
ORDER BY ?date ?source ?target" \
	'who-threatened-whom.rq' '*threatened-whom*.rq' '*who*threat*.rq' '*threatened*.rq'

ask "Each event with the sentence it came from" "$prefixes
SELECT ?doc ?type ?cameo ?source ?sentence WHERE {
  ?e a dip:Event ; dip:ploverType ?type ; dip:cameoCode ?cameo ; dip:hasMention ?m .
  ?m dip:inDocument ?d ; dip:sentenceText ?sentence ; dip:charStart ?start .
  ?d dcterms:identifier ?doc .
  OPTIONAL { ?e dip:sourceActor ?s . ?s rdfs:label ?source }
}
ORDER BY ?doc ?start ?type" \
	'event-sentences.rq'

ask "Events per dyad by quad class" "$prefixes
SELECT ?source ?target ?quadClass (COUNT(DISTINCT ?e) AS ?events) WHERE {
  ?e a dip:Event ; dip:quadClass ?quadClass ; dip:sourceActor ?s ; dip:targetActor ?t .
  ?s dip:actorCode ?source .
  ?t dip:actorCode ?target .
}
GROUP BY ?source ?target ?quadClass
ORDER BY DESC(?events) ?source ?target ?quadClass" \
	'*dyad*quad*.rq' '*dyad*.rq'

if [[ -n ${DKG_DEMO_OUT:-} ]]; then
	echo "demo: outputs kept in $out" >&2
fi
if ((${#failed[@]})); then
	echo "demo: ${#failed[@]} step(s) failed: ${failed[*]}" >&2
	exit 1
fi
echo >&2
echo "demo: all steps succeeded" >&2
exit 0
