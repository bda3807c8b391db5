#!/usr/bin/env bash
# SHACL validation of dkg output by an engine we did not write: npm's
# rdf-validate-shacl (with N3.js to parse) checks examples/graph/sample.ttl,
# the output of `dkg extract` over examples/*.txt when extraction works, and
# a deliberately broken graph that must fail.
# The validator is installed on first use into ${XDG_CACHE_HOME:-~/.cache}/dkg-shacl;
# without Node.js or npm access the test is skipped (exit 77) and says why.
# usage: shacl.sh DKG_BINARY SOURCE_DIR SHARED_DIR
set -u
dkg=$1
src=$2
shapes=$src/ontology/shapes.ttl
cache=${DKG_SHACL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dkg-shacl}

command -v node >/dev/null || { echo "skipped: node (Node.js) is not installed"; exit 77; }
command -v npm >/dev/null || { echo "skipped: npm is not installed"; exit 77; }
if [[ ! -f $cache/node_modules/rdf-validate-shacl/package.json || ! -f $cache/node_modules/n3/package.json ]]; then
    mkdir -p "$cache" || { echo "skipped: cannot create $cache"; exit 77; }
    [[ -f $cache/package.json ]] || echo '{"name":"dkg-shacl","private":true}' >"$cache/package.json"
    echo "installing rdf-validate-shacl, rdf-ext and n3 into $cache"
    if ! (cd "$cache" && timeout 300 npm install --no-audit --no-fund --loglevel=error \
        rdf-validate-shacl@0.6 rdf-ext@2 n3@1 >npm.log 2>&1); then
        echo "skipped: npm install failed (no network?):"
        tail -n 5 "$cache/npm.log"
        exit 77
    fi
fi
cat >"$cache/validate.mjs" <<'JS'
// node validate.mjs SHAPES DATA: prints each violation; exit 0 conforms, 1 not, 2 error.
import fs from 'node:fs';
import rdf from 'rdf-ext';
import N3 from 'n3';
import SHACLValidator from 'rdf-validate-shacl';

function load(path) {
  const parser = new N3.Parser({ baseIRI: 'file://' + path, factory: rdf });
  const dataset = rdf.dataset();
  for (const quad of parser.parse(fs.readFileSync(path, 'utf8'))) dataset.add(quad);
  return dataset;
}
try {
  const validator = new SHACLValidator(load(process.argv[2]));
  const report = await validator.validate(load(process.argv[3]));
  if (report.conforms) {
    console.log('conforms');
    process.exit(0);
  }
  for (const r of report.results) {
    const msg = (r.message || []).map((m) => m.value).join('; ');
    const comp = r.sourceConstraintComponent ? r.sourceConstraintComponent.value.replace(/.*#/, '') : '';
    console.log(`${r.focusNode ? r.focusNode.value : '?'} ${r.path ? r.path.value : ''}: ${comp} ${msg}`);
  }
  process.exit(1);
} catch (e) {
  console.error('validator error: ' + e.message);
  process.exit(2);
}
JS

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

validate() { # NAME FILE: must conform
    if node "$cache/validate.mjs" "$shapes" "$2" >"$tmp/report" 2>&1; then
        echo "$1: conforms"
    else
        echo "$1: does not conform to ontology/shapes.ttl:" >&2
        head -n 40 "$tmp/report" >&2
        fail=1
    fi
}

validate "examples/graph/sample.ttl" "$src/examples/graph/sample.ttl"

# The output of the extractor, when it produces some.
shopt -s nullglob
texts=("$src"/examples/*.txt)
if ((${#texts[@]})); then
    "$dkg" extract -f turtle -o "$tmp/extract.ttl" "${texts[@]}" 2>"$tmp/extract.err"
    status=$?
    if [[ ($status == 0 || $status == 1) && -s $tmp/extract.ttl ]]; then
        validate "dkg extract examples/*.txt" "$tmp/extract.ttl"
    else
        echo "note: dkg extract over examples/*.txt gave status $status and no output; not validated"
    fi
else
    echo "note: no examples/*.txt yet; extract output not validated"
fi

# A broken graph must fail, for the right reasons.
cp "$src/examples/graph/sample.ttl" "$tmp/broken.ttl"
cat >>"$tmp/broken.ttl" <<'TTL'
id:event-broken a dip:Event ; dip:ploverType "THREATEN" ; dip:quadClass 7 ;
    dip:sourceActor id:actor-russia .
id:mention-broken a dip:Mention ; dip:inDocument id:doc-war ;
    dip:sentenceText "Backwards." ; dip:charStart 50 ; dip:charEnd 10 .
id:actor-nameless a dip:Actor ; dip:countryCode "Russia" .
TTL
node "$cache/validate.mjs" "$shapes" "$tmp/broken.ttl" >"$tmp/report" 2>&1
status=$?
if [[ $status != 1 ]]; then
    echo "broken graph: validator exit status $status, expected 1 (violations):" >&2
    head -n 20 "$tmp/report" >&2
    fail=1
else
    for want in "event-broken https://w3id.org/dkg/ontology#cameoCode: MinCount" \
        "event-broken https://w3id.org/dkg/ontology#hasMention: MinCount" \
        "event-broken https://w3id.org/dkg/ontology#quadClass: MaxInclusive" \
        "mention-broken https://w3id.org/dkg/ontology#charStart: LessThanOrEquals" \
        "actor-nameless http://www.w3.org/2000/01/rdf-schema#label: MinCount" \
        "actor-nameless https://w3id.org/dkg/ontology#countryCode: Pattern"; do
        if ! grep -q -F "$want" "$tmp/report"; then
            echo "broken graph: no violation '$want'; report:" >&2
            cat "$tmp/report" >&2
            fail=1
        fi
    done
    ((fail)) || echo "broken graph: rejected with the expected 6 violations"
fi
exit $fail
