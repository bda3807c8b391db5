#!/usr/bin/env bash
# Checks `dkg text` against the shared samples (issue 4): body words of each
# real page against the reader's text (expected.html): recall >= 0.95 and
# precision >= 0.90; every title right; every feed item a document; every
# NITF file one document with title, text and the date it carries.
# usage: shared_ingest.sh DKG_BINARY SOURCE_DIR SHARED_DIR  (exit 77: no samples)
set -u
dkg=$1
shared=${3:-}
samples=$shared/samples
if [[ -z $shared || ! -d $samples ]]; then
    echo "shared_ingest: $samples missing, skipped"
    exit 77
fi
command -v python3 >/dev/null || { echo "shared_ingest: python3 missing, skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# --- HTML pages -----------------------------------------------------------------
for dir in "$samples"/html/*/; do
    name=$(basename "$dir")
    [[ -f $dir/source.html && -f $dir/expected.html ]] || continue
    if ! "$dkg" text --quiet "$dir/source.html" >"$tmp/$name.json" 2>"$tmp/$name.err"; then
        echo "html $name: dkg text failed: $(head -n 3 "$tmp/$name.err")"
        fail=1
        continue
    fi
    python3 - "$tmp/$name.json" "$dir" "$name" <<'PY' || fail=1
import collections, html, html.parser, json, os, re, sys
out, d, name = sys.argv[1], sys.argv[2], sys.argv[3]
docs = [json.loads(l) for l in open(out, encoding="utf-8") if l.strip()]
if len(docs) != 1:
    print(f"html {name}: {len(docs)} documents, expected 1"); sys.exit(1)
doc = docs[0]
class T(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True); self.parts = []
    def handle_data(self, data): self.parts.append(data)
    def handle_starttag(self, tag, attrs): self.parts.append(" ")
    def handle_endtag(self, tag): self.parts.append(" ")
t = T(); t.feed(open(os.path.join(d, "expected.html"), encoding="utf-8").read())
words = lambda s: collections.Counter(re.findall(r"\w+", s.lower()))
want, got = words("".join(t.parts)), words(doc.get("text") or "")
common = sum((want & got).values())
recall = common / max(1, sum(want.values()))
precision = common / max(1, sum(got.values()))
meta = json.load(open(os.path.join(d, "expected-metadata.json"), encoding="utf-8"))
norm = lambda s: re.sub(r"\s+", " ", (s or "")).strip()
title_ok = norm(doc.get("title")) == norm(meta.get("title"))
ok = recall >= 0.95 and precision >= 0.90 and title_ok
print(f"html {name}: recall {recall:.3f} precision {precision:.3f} "
      f"({common}/{sum(want.values())} expected words, {sum(got.values())} read) "
      f"title {'ok' if title_ok else 'WRONG: ' + repr(doc.get('title')) + ' != ' + repr(meta.get('title'))}"
      f"{'' if ok else '  FAIL'}")
sys.exit(0 if ok else 1)
PY
done

# --- feeds: every item or entry is a document -----------------------------------------
for feed in "$samples"/feeds/*; do
    case $feed in *.rss | *.atom | *.xml | *.rdf) ;; *) continue ;; esac
    name=$(basename "$feed")
    want=$(python3 - "$feed" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
print(sum(1 for e in root.iter() if e.tag.split('}')[-1] in ("item", "entry")))
PY
)
    got=$("$dkg" text --quiet "$feed" 2>"$tmp/err" | python3 -c '
import json, sys
docs = [json.loads(l) for l in sys.stdin if l.strip()]
bad = [d["id"] for d in docs if not d.get("title") and not d.get("text")]
print(len(docs) if not bad else -1)')
    if [[ $got != "$want" ]]; then
        echo "feed $name: $got documents, expected $want items  FAIL"
        fail=1
    else
        echo "feed $name: $got of $want items ok"
    fi
done

# --- NITF: one document per file, with title, text and date when the file has one ----------
for f in "$samples"/nitf/*.xml; do
    name=$(basename "$f")
    "$dkg" text --quiet "$f" >"$tmp/nitf.json" 2>"$tmp/err"
    python3 - "$tmp/nitf.json" "$f" "$name" <<'PY' || fail=1
import json, re, sys
docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
src = open(sys.argv[2], "rb").read().decode("latin-1")
name = sys.argv[3]
has_date = re.search(r'<date\.issue[^>]*norm="\d{8}|<date\.release[^>]*norm="\d{8}|date\.publication="\d{8}', src)
def has_text(pattern):
    m = re.search(pattern, src, re.S)
    return bool(m and re.sub(r"<[^>]*>|\s", "", m.group(1)))
has_title = has_text(r"<hl1[^>]*>(.*?)</hl1>") or has_text(r"<title[^>]*>(.*?)</title>")
has_body = has_text(r"<body\.content[^>]*>(.*?)</body\.content>")
problems = []
if len(docs) != 1:
    problems.append(f"{len(docs)} documents")
else:
    d = docs[0]
    if has_title and not d.get("title"): problems.append("no title")
    if has_body and not d.get("text"): problems.append("no text")
    if has_date and not d.get("date"): problems.append("no date")
print(f"nitf {name}: " + ("ok" + (f" (date {docs[0]['date']})" if docs and docs[0].get('date') else "")
                          if not problems else ", ".join(problems) + "  FAIL"))
sys.exit(1 if problems else 0)
PY
done
exit $fail
