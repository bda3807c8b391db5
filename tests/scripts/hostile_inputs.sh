#!/usr/bin/env bash
# Hostile inputs through `dkg extract` (issue 7): each case must end without a
# crash (status < 128, except SIGPIPE where stated) or a hang (timeout), with
# valid RDF or none, errors as one `FILE:LINE: error: ...` line, the good
# documents written, exit 1 (some failed) or 3 (nothing done), and an existing
# -o file untouched by a failed run. Big inputs are generated here, in a
# temporary folder, never committed.
# usage: hostile_inputs.sh DKG_BINARY SOURCE_DIR SHARED_DIR   (exit 77: skipped)
set -u
dkg=$1
src=$2
T=${DKG_HOSTILE_TIMEOUT:-300} # per run; the ASan build is slow on the 50 MB line
command -v rapper >/dev/null || { echo "hostile_inputs: rapper missing (raptor2-utils)"; exit 77; }
command -v timeout >/dev/null || { echo "hostile_inputs: timeout missing (coreutils)"; exit 77; }
tmp=$(mktemp -d)
trap 'chmod -R u+rwX "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
fails=0
case=

fail() {
    echo "FAIL $case: $*" >&2
    fails=$((fails + 1))
    return 1
}

# run NAME ARGS...: dkg with a timeout; stdout in out, stderr in err, status in $rc.
run() {
    case=$1
    shift
    timeout -k 10 "$T" "$dkg" "$@" >out 2>err
    rc=$?
}

# The status must be one of the arguments; 124 is a hang, >= 128 a crash.
want_rc() {
    local w
    # sanitizer builds exit 1 on a finding: a report on stderr is a crash too
    if grep -E -q 'ERROR: (Address|Leak|Thread|Memory)Sanitizer|runtime error: ' err 2>/dev/null; then
        fail "sanitizer report:"
        grep -E -A 8 'ERROR: |runtime error: ' err | head -n 20 >&2
        return 1
    fi
    for w in "$@"; do
        [[ $rc == "$w" ]] && return 0
    done
    if ((rc == 124 || rc == 137)); then
        fail "no end within ${T}s (hang)"
    elif ((rc >= 128)); then
        fail "killed by signal $((rc - 128)) (crash)"
    else
        fail "exit status $rc, expected $*"
    fi
    sed 's/^/    /' err | head -n 5 >&2
    return 1
}

# stderr must have a line matching the pattern.
want_err() {
    grep -E -q -- "$1" err || {
        fail "stderr does not match '$1':"
        sed 's/^/    /' err | head -n 5 >&2
    }
}

# Every error line is one line: FILE:LINE: error: ... or FILE: error: ... or dkg: ...
errors_one_line() {
    local bad
    bad=$(grep -v -E '^([^:]+(:[0-9]+)?: (error|warning): .+|dkg: .+)$' err | head -n 3)
    [[ -z $bad ]] || fail "stderr lines not in FILE:LINE: message form: $bad"
}

# Output, when there is some, must parse as the given syntax (default N-Triples).
valid_rdf() {
    local syntax=${1:-ntriples} file=${2:-out}
    [[ -s $file ]] || return 0
    rapper -q -i "$syntax" -c "$file" >/dev/null 2>rapper.err ||
        fail "output does not parse as $syntax: $(head -n 2 rapper.err)"
}

# No IRI may be an injected <http://evil...>: injected text stays inside literals and
# percent-encoded IRIs. Literals are removed before the check.
no_evil_iri() {
    local syntax=${1:-ntriples}
    [[ -s out ]] || { fail "no output to check"; return; }
    if rapper -q -i "$syntax" -o ntriples out 2>/dev/null | sed -E 's/"([^"\\]|\\.)*"//g' |
        grep -q '<http://evil'; then
        fail "an injected IRI made it into the graph ($syntax)"
    fi
}

ok() { echo "ok   $case${1:+ ($1)}"; }

count_docs() { grep -c '<http://purl.org/dc/terms/identifier>' out; }

article='Russia threatened Ukraine on Monday, officials said.'

# --- binary junk named .txt --------------------------------------------------------
head -c 4096 /dev/urandom >junk.txt
printf '\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00' >>junk.txt
run "binary junk .txt" extract -f ntriples junk.txt
want_rc 3 && want_err '^junk\.txt(:[0-9]+)?: error: ' && errors_one_line && valid_rdf && ok

# --- invalid UTF-8 and NUL bytes: repaired with a warning, the document written ----
printf 'Russia threatened \xff\xfe\xc3\x28 Ukraine \xed\xa0\x80 on Monday.\n' >badutf8.txt
run "invalid UTF-8" extract -f ntriples badutf8.txt
want_rc 0 && want_err '^badutf8\.txt(:[0-9]+)?: warning: .*UTF-8' && valid_rdf &&
    [[ $(count_docs) == 1 ]] && ok || fail "document not written"
printf 'Russia threatened\0 Ukraine\0\0 on Monday.\n' >nul.txt
run "NUL bytes in text" extract -f ntriples nul.txt
want_rc 0 && want_err '^nul\.txt(:[0-9]+)?: warning: ' && valid_rdf && ok
grep -q -P '\x00' out && fail "a NUL byte reached the output"
printf '{"id":"n","text":"a\\u0000b Russia threatened Ukraine."}\n' >nul.jsonl
run "NUL escape in JSON Lines" extract -f ntriples nul.jsonl
want_rc 0 && want_err '^nul\.jsonl:1: warning: ' && valid_rdf && [[ $(count_docs) == 1 ]] && ok
printf '{"id":"s","text":"%s","title":"\\ud800"}\n' "$article" >surrogate.jsonl
run "lone surrogate escape in JSON Lines" extract -f ntriples surrogate.jsonl
want_rc 3 && want_err '^surrogate\.jsonl:1: error: ' && errors_one_line && ok

# --- an empty file: nothing to do, said so; not a crash ------------------------------
: >empty.txt
run "empty file" extract -f ntriples empty.txt
want_rc 0 3 && want_err '^empty\.txt' && [[ ! -s out ]] && ok "exit $rc" ||
    [[ ! -s out ]] || fail "output from an empty file"

# --- a 50 MB single line -------------------------------------------------------------
python3 - <<'EOF'
s = b"Russia threatened Ukraine on Monday, officials said, and the talks in Geneva ended "
n = 50 * 1024 * 1024
with open("line50m.txt", "wb") as f:
    f.write((s * (n // len(s) + 1))[:n])
EOF
start=$SECONDS
run "50 MB single line" extract -f ntriples line50m.txt
want_rc 0 && valid_rdf && [[ $(count_docs) == 1 ]] && ok "$((SECONDS - start)) s" ||
    [[ $rc != 0 ]] || fail "the document was not written"
run "50 MB single line, --max-doc-size 1M" extract -f ntriples --max-doc-size 1M line50m.txt
want_rc 0 && want_err '^line50m\.txt(:[0-9]+)?: warning: .*truncated' && valid_rdf && ok
rm -f line50m.txt

# --- XML: billion laughs, external entities, truncation ------------------------------
cat >laughs.xml <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE nitf [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<nitf><head><title>&lol9;</title></head><body><body.content><p>&lol9;</p></body.content></body></nitf>
EOF
run "billion laughs" extract -f ntriples laughs.xml
want_rc 3 && want_err '^laughs\.xml(:[0-9]+)?: error: ' && errors_one_line && ok
grep -q lollollol out err && fail "entities were expanded"

secret=$(head -n 1 /etc/passwd)
for kind in nitf rss; do
    if [[ $kind == nitf ]]; then
        body='<nitf><head><title>&xxe;</title></head><body><body.content><p>Russia threatened Ukraine. &xxe;</p></body.content></body></nitf>'
    else
        body='<rss version="2.0"><channel><title>&xxe;</title><item><title>&xxe;</title><description>Russia threatened Ukraine. &xxe;</description></item></channel></rss>'
    fi
    printf '<?xml version="1.0"?>\n<!DOCTYPE %s [\n <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n%s\n' \
        "$kind" "$body" >xxe-$kind.xml
    run "XXE /etc/passwd ($kind)" extract -f ntriples xxe-$kind.xml
    want_rc 3 && want_err "^xxe-$kind\.xml:3: error: .*entity" && errors_one_line && ok
    grep -q -F -- "${secret:0:12}" out err && fail "/etc/passwd content in the output"
done
# a parameter entity pulling a DTD that would read /etc/passwd; an external DTD
cat >evil.dtd <<'EOF'
<!ENTITY % file SYSTEM "file:///etc/passwd">
<!ENTITY % eval "<!ENTITY exfil SYSTEM 'file:///nonexistent/%file;'>">
%eval;
EOF
printf '<?xml version="1.0"?>\n<!DOCTYPE nitf [\n <!ENTITY %% dtd SYSTEM "file://%s/evil.dtd">\n %%dtd;\n]>\n<nitf><body><body.content><p>Russia threatened Ukraine. &exfil;</p></body.content></body></nitf>\n' \
    "$tmp" >xxe-pe.xml
run "XXE parameter entity" extract -f ntriples xxe-pe.xml
want_rc 3 && want_err '^xxe-pe\.xml(:[0-9]+)?: error: ' && ok
grep -q -F -- "${secret:0:12}" out err && fail "/etc/passwd content in the output"
printf '<?xml version="1.0"?>\n<!DOCTYPE nitf SYSTEM "file:///etc/passwd">\n<nitf><body><body.content><p>%s</p></body.content></body></nitf>\n' \
    "$article" >xxe-dtd.xml
run "external DTD not loaded" extract -f ntriples xxe-dtd.xml
want_rc 0 && valid_rdf && ok
grep -q -F -- "${secret:0:12}" out err && fail "/etc/passwd content in the output"
printf '<nitf xmlns:xi="http://www.w3.org/2001/XInclude"><body><body.content><p>%s</p><p><xi:include href="file:///etc/passwd" parse="text"/></p></body.content></body></nitf>\n' \
    "$article" >xinclude.xml
run "XInclude not processed" extract -f ntriples xinclude.xml
want_rc 0 && valid_rdf && ok
grep -q -F -- "${secret:0:12}" out err && fail "/etc/passwd content in the output"

printf '<?xml version="1.0"?>\n<nitf><head><title>Cut</title></head>\n<body><body.content>\n<p>%s\n' \
    "$article" >truncated.xml
run "truncated XML" extract -f ntriples truncated.xml
want_rc 3 && want_err '^truncated\.xml:[0-9]+: error: ' && errors_one_line && ok

# --- deep nesting --------------------------------------------------------------------
python3 - <<'EOF'
n = 200000
p = "<p>Russia threatened Ukraine on Monday, officials said.</p>"
open("deep.html", "w").write("<html><body>" + "<div>" * n + p + "</div>" * n + "</body></html>")
open("deep-open.html", "w").write("<html><body>" + "<div><b>" * n + p)
open("deep.xml", "w").write("<nitf><body><body.content>" + "<p>" * n + "x" + "</p>" * n +
                            "</body.content></body></nitf>")
EOF
start=$SECONDS
run "HTML nested 200,000 deep" extract -f ntriples deep.html
want_rc 0 1 3 && valid_rdf && errors_one_line && ok "exit $rc, $((SECONDS - start)) s"
run "HTML 200,000 unclosed" extract -f ntriples deep-open.html
want_rc 0 1 3 && valid_rdf && errors_one_line && ok "exit $rc"
run "XML nested 200,000 deep" extract -f ntriples deep.xml
want_rc 3 && want_err '^deep\.xml(:[0-9]+)?: error: ' && errors_one_line && ok

# --- text crafted to break RDF ---------------------------------------------------------
printf 'Russia threatened "> . <http://evil/x> <http://evil/p> "o" . Ukraine on Monday.\n' >inject.txt
cat >inject.jsonl <<'EOF'
{"id": "x\"> . <http://evil/x> <http://evil/p> <http://evil/o> .\n<a", "url": "http://example.org/a b>c<http://evil/x>", "title": "T\"> . <http://evil/x> <http://evil/y> \"z\" .", "date": "2008-11-14", "text": "Russia threatened \"> . <http://evil/x> Ukraine on Monday. President <Dmitry> Medvedev threatened the United States > Europe."}
EOF
printf 'country\tEvilland\tcode=EVL\tid=evil land>x <http://evil/x>\tlabel=Evil "> . <http://evil/x>\nperson\tJohn Evil\tid=john >evil< "x"\tlabel=John> <http://evil/x>\tcountry=EVL\n' >evil.tsv
printf 'Evilland threatened Ukraine on Monday. John Evil condemned Russia.\n' >names.txt
mkdir -p 'dir with>space'
cp inject.txt 'dir with>space/na me>"<http:evil>.txt'
for fmt in ntriples turtle nquads rdfxml; do
    run "RDF injection, text ($fmt)" extract -f $fmt inject.txt
    want_rc 0 && valid_rdf $fmt && no_evil_iri $fmt && ok
    run "RDF injection, JSON Lines fields ($fmt)" extract -f $fmt inject.jsonl
    want_rc 0 && valid_rdf $fmt && no_evil_iri $fmt && ok
    run "RDF injection, lexicon ids and labels ($fmt)" extract -f $fmt --lexicon evil.tsv names.txt
    want_rc 0 && valid_rdf $fmt && no_evil_iri $fmt && ok
    grep -q -i 'evil' out || fail "the lexicon entry was not used"
    run "RDF injection, file names ($fmt)" extract -f $fmt 'dir with>space'
    want_rc 0 && valid_rdf $fmt && no_evil_iri $fmt && ok
done
run "RDF injection, --base" extract --base 'http://x/> <http://evil/' inject.txt
want_rc 2 && want_err 'base' && ok

# --- JSON Lines with a broken line between good ones -----------------------------------
{
    printf '{"id":"g1","text":"%s"}\n' "$article"
    printf '{"id":"b1","text":"broken because the quote never ends}\n'
    printf '{"id":"g2","text":"France and Germany held talks in Paris on Tuesday."}\n'
    printf 'not json at all\n'
    printf '{"id":"g3","text":"Japan will give aid to Mozambique."}\n'
} >mixed.jsonl
run "JSON Lines, broken lines between good ones" extract -f ntriples mixed.jsonl
want_rc 1 && want_err '^mixed\.jsonl:2: error: ' && want_err '^mixed\.jsonl:4: error: ' &&
    errors_one_line && valid_rdf && [[ $(count_docs) == 3 ]] && ok ||
    [[ $rc != 1 ]] || fail "$(count_docs) documents written, expected 3"

# --- a folder with unreadable files -----------------------------------------------------
mkdir -p tree/sub tree/locked
printf '%s\n' "$article" >tree/a.txt
printf 'France and Germany held talks in Paris on Tuesday.\n' >tree/sub/b.txt
printf 'Japan will give aid to Mozambique.\n' >tree/c.txt
printf 'hidden\n' >tree/locked/d.txt
ln -s "$tmp/nonexistent.txt" tree/dangling.txt
chmod 000 tree/c.txt tree/locked
runas=()
if [[ $(id -u) == 0 ]]; then
    # root reads mode-000 files anyway: run dkg as nobody so the permissions bite
    if command -v setpriv >/dev/null && setpriv --reuid=65534 --regid=65534 --clear-groups \
        test -x "$dkg" 2>/dev/null; then
        chmod 755 "$tmp"
        chmod -R a+rX tree/a.txt tree/sub
        runas=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    else
        echo "note: running as root and dkg cannot run as nobody; mode-000 files are readable" \
            "to root, so only the dangling link is checked"
        chmod 644 tree/c.txt
        chmod 755 tree/locked
    fi
fi
case="folder with unreadable files"
timeout -k 10 "$T" "${runas[@]}" "$dkg" extract -f ntriples tree >out 2>err
rc=$?
want_rc 1 && want_err '^tree/dangling\.txt(:[0-9]+)?: error: ' && errors_one_line && valid_rdf &&
    if ((${#runas[@]})); then
        want_err '^tree/c\.txt(:[0-9]+)?: error: .*[Pp]ermission' &&
            want_err '^tree/locked(/d\.txt)?(:[0-9]+)?: error: ' &&
            [[ $(count_docs) == 2 ]] && ok "as nobody" || fail "$(count_docs) documents, expected 2"
    else
        [[ $(count_docs) -ge 2 ]] && ok "as root"
    fi
chmod -R u+rwX tree
if [[ -p fifo ]] || mkfifo tree/fifo.txt 2>/dev/null; then
    run "folder with a FIFO" extract -f ntriples tree
    want_rc 0 1 && valid_rdf && ok "exit $rc"
fi

# --- output to a full disk ----------------------------------------------------------------
if [[ -c /dev/full ]]; then
    case="stdout on /dev/full"
    timeout -k 10 "$T" "$dkg" extract -f ntriples "$src/examples" >/dev/full 2>err
    rc=$?
    want_rc 3 && want_err '^dkg: .*(No space|space left)' && ok
    # NOTE: not `-o /dev/full`: see the report of issue 7 (rename over a device node).
else
    echo "note: no /dev/full; skipping the stdout-on-full-disk case"
fi
# -o on a file that cannot grow (RLIMIT_FSIZE, SIGXFSZ ignored): exit 3, old file untouched
printf 'old content\n' >keep.nt
cp keep.nt keep.ref
for i in 1 2 3 4 5 6 7 8; do cat "$src"/examples/*.txt; done >many.txt
case="-o on a full disk (ulimit -f)"
(
    trap '' XFSZ
    ulimit -f 16
    exec timeout -k 10 "$T" "$dkg" extract -f ntriples -o keep.nt "$src/examples" many.txt
) >out 2>err
rc=$?
want_rc 3 && want_err '^dkg: .*(File too large|space|cannot write)' && cmp -s keep.nt keep.ref &&
    ok || cmp -s keep.nt keep.ref || fail "the old -o file changed"
ls keep.nt.tmp.* >/dev/null 2>&1 && fail "a temporary file was left behind"

# --- stdout closed early ---------------------------------------------------------------
for i in $(seq 1 30); do cp "$src/examples/articles.jsonl" "big$i.jsonl"; done
for j in 1 2; do
    case="stdout closed early (| head -c 100, -j $j)"
    start=$SECONDS
    timeout -k 10 "$T" "$dkg" extract -j $j -f turtle big*.jsonl 2>err | head -c 100 >/dev/null
    rc=${PIPESTATUS[0]}
    # EPIPE (exit 3 with a message) or SIGPIPE (141) are both fine; a hang is not
    if ((rc == 141)); then
        ok "SIGPIPE, $((SECONDS - start)) s"
    else
        want_rc 3 && want_err '(Broken pipe|cannot write)' && ok "EPIPE, $((SECONDS - start)) s"
    fi
done

# --- an existing -o file survives a failed run ---------------------------------------------
run "-o, every input missing" extract -o keep.nt missing1.txt missing2.txt
want_rc 3 && want_err '^missing1\.txt(:[0-9]+)?: error: ' && cmp -s keep.nt keep.ref && ok ||
    cmp -s keep.nt keep.ref || fail "the old -o file changed"
run "-o, only junk" extract -o keep.nt junk.txt laughs.xml
want_rc 3 && cmp -s keep.nt keep.ref && ok || cmp -s keep.nt keep.ref || fail "the old -o file changed"
run "-o, bad --base (usage)" extract -o keep.nt --base 'not an iri' inject.txt
want_rc 2 && cmp -s keep.nt keep.ref && ok || cmp -s keep.nt keep.ref || fail "the old -o file changed"
ls keep.nt.tmp.* >/dev/null 2>&1 && fail "a temporary file was left behind"
run "-o, some documents fail" extract -f ntriples -o keep.nt mixed.jsonl
want_rc 1 && valid_rdf ntriples keep.nt && [[ $(grep -c identifier keep.nt) == 3 ]] && ok

# --- limits: warnings and truncation, never a crash -------------------------------------
run "--max-doc-size" extract -f ntriples --max-doc-size 200 "$src/examples/01-gotland-threat.txt"
want_rc 0 && want_err 'warning: .*truncated' && valid_rdf && ok
run "--max-doc-size on JSON Lines" extract -f ntriples --max-doc-size 300 "$src/examples/articles.jsonl"
want_rc 0 1 3 && errors_one_line && valid_rdf && ok "exit $rc"
for n in 1 7 64 100000; do
    run "--max-sentence $n" extract -f ntriples --max-sentence $n many.txt
    want_rc 0 && valid_rdf && ok
done
for n in 1 2 1000000; do
    run "--max-events $n" extract -f ntriples --max-events $n many.txt
    want_rc 0 && valid_rdf && ok
done
run "--max-events 0 (usage)" extract --max-events 0 many.txt
want_rc 2 && ok
# a gzip bomb: 200 MB of text in a small .gz, cut at --max-doc-size
python3 - <<'EOF'
import gzip
with gzip.open("bomb.txt.gz", "wb", compresslevel=9) as f:
    line = b"Russia threatened Ukraine on Monday. " * 1000 + b"\n"
    for _ in range(200 * 1024 * 1024 // len(line)):
        f.write(line)
EOF
run "gzip bomb" extract -f none --max-doc-size 4M bomb.txt.gz
want_rc 0 && want_err '^bomb\.txt\.gz(:[0-9]+)?: warning: .*(truncated|longer)' && ok

# --- any character in any field, in every syntax: the output must parse --------------
# (Raptor's writers put DEL and a lone carriage return into RDF/XML and Turtle as they are)
python3 - <<'EOF'
import json, random
random.seed(7)
def any_text(n):
    out = []
    for _ in range(n):
        r = random.random()
        if r < 0.5:
            out.append(chr(random.randint(0, 127)))
        elif r < 0.8:
            out.append(chr(random.randint(128, 0x7FF)))
        elif r < 0.95:
            out.append(chr(random.choice([random.randint(0x800, 0xD7FF), random.randint(0xE000, 0xFFFF)])))
        else:
            out.append(chr(random.randint(0x10000, 0x10FFFF)))
    return "".join(out)
with open("anychars.jsonl", "w") as f:
    for i in range(200):
        f.write(json.dumps({"id": any_text(10), "url": any_text(20), "title": any_text(30),
                            "date": "2020-01-01", "text": "Russia threatened Ukraine. " +
                            any_text(200) + " Putin met Erdogan in Ankara."}) + "\n")
EOF
for syntax in turtle ntriples nquads rdfxml; do
    run "any characters, $syntax" extract -q -f $syntax -o any.out anychars.jsonl
    want_rc 0 || continue
    if rapper -q -i "$syntax" -c any.out 2>rapper.err; then
        ok
    else
        fail "$syntax output does not parse: $(head -n 2 rapper.err)"
    fi
done

if ((fails)); then
    echo "hostile_inputs: $fails failed" >&2
    exit 1
fi
echo "hostile_inputs: all passed"
