#!/usr/bin/env bash
# bench/run.sh - `make bench`: throughput, memory, start-up and scaling
# figures for `dkg extract` (issue 6). Builds an optimised tree, makes its
# input from the shared Wikinews sample and prints; it never fails on a
# slow figure (exit 0 unless the build or the input cannot be made).
#
#   bash bench/run.sh [SHARED_DIR]
#   BENCH_COPIES=N     copies of the corpus in the main input (default 20, ~26 MB)
#   BENCH_BIG=1        also the 100x memory-flatness run
#   BENCH_QUICK=1      skip the 100 MB document, the 100,000 tiny documents and callgrind
#   BENCH_BUILD=DIR    build folder (default build-bench)
#   BENCH_RUNS=N       start-up runs, best taken (default 20)
#   BENCH_REPEAT=N     runs of each throughput figure, in turn, best taken (default 5)
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${1:-$ROOT/../shared}
CORPUS=$SHARED/corpus/wikinews-2019-2020.jsonl
BUILD=${BENCH_BUILD:-$ROOT/build-bench}
COPIES=${BENCH_COPIES:-20}
RUNS=${BENCH_RUNS:-20}
REPEAT=${BENCH_REPEAT:-5}

die() {
	echo "bench: $*" >&2
	exit 1
}
note() { printf '%s\n' "$*"; }

[ -r "$CORPUS" ] || die "no corpus at $CORPUS (pass the shared folder: bash bench/run.sh DIR)"
command -v python3 >/dev/null || die "python3 is needed to make the input"

# --- build ---------------------------------------------------------------------
note "== build: cmake -DCMAKE_BUILD_TYPE=Release into $BUILD"
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DDKG_SHARED_DIR="$SHARED" \
	>"$BUILD.log" 2>&1 || { cat "$BUILD.log"; die "cmake failed"; }
cmake --build "$BUILD" -j "$(nproc 2>/dev/null || echo 2)" --target dkg >>"$BUILD.log" 2>&1 ||
	{ tail -40 "$BUILD.log"; die "build failed"; }
DKG=$BUILD/dkg
LIBS=$(pkg-config --libs raptor2 rasqal redland libxml-2.0 jansson zlib libutf8proc libcurl libgvc 2>/dev/null)
STAGES=""
if ${CC:-cc} -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -I"$ROOT/include" -I"$ROOT/extractor" \
	-I"$ROOT/graph" -I"$ROOT/ontology" "$ROOT/bench/stages.c" "$BUILD/libdkg.a" $LIBS \
	-lpthread -lm -o "$BUILD/bench-stages" >>"$BUILD.log" 2>&1; then
	STAGES=$BUILD/bench-stages
else
	note "(bench/stages.c did not build: no per-stage split/match figures; see $BUILD.log)"
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/dkg-bench.XXXXXX") || die "no temporary folder"
trap 'rm -rf "$TMP"' EXIT

# --- the machine -------------------------------------------------------------
note "== machine"
note "cpu: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //') ($(nproc 2>/dev/null) cores)"
note "load: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)  (figures are wall clock: a loaded machine reads slow)"
note "dkg: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)$(git -C "$ROOT" diff --quiet 2>/dev/null || echo '+dirty')"

# --- inputs --------------------------------------------------------------------
# Copies of the corpus with distinct ids (so every document is distinct).
make_copies() { # N OUT
	python3 - "$CORPUS" "$1" "$2" <<'EOF'
import json, sys
src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
lines = [l for l in open(src, encoding="utf-8").read().splitlines() if l.strip()]
with open(out, "w", encoding="utf-8") as f:
    for c in range(n):
        for l in lines:
            d = json.loads(l)
            d["id"] = "%s#copy%d" % (d.get("id", ""), c)
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
EOF
}
# One plain-text document of about N MB: the article texts one after the other.
make_big_doc() { # MB OUT
	python3 - "$CORPUS" "$1" "$2" <<'EOF'
import json, sys
src, mb, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
texts = [json.loads(l).get("text") or "" for l in open(src, encoding="utf-8") if l.strip()]
target, size = mb * 1000 * 1000, 0
with open(out, "w", encoding="utf-8") as f:
    while size < target:
        for t in texts:
            b = t.strip() + "\n\n"
            f.write(b)
            size += len(b.encode("utf-8"))
            if size >= target:
                break
EOF
}
# N tiny documents: one sentence each, taken in turn from the articles.
make_tiny() { # N OUT
	python3 - "$CORPUS" "$1" "$2" <<'EOF'
import json, re, sys
src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
sents = []
for l in open(src, encoding="utf-8"):
    if not l.strip():
        continue
    d = json.loads(l)
    for s in re.split(r"(?<=[.!?])\s+", (d.get("text") or "").replace("\n", " ")):
        if 40 <= len(s) <= 300:
            sents.append((d.get("date"), s))
with open(out, "w", encoding="utf-8") as f:
    for i in range(n):
        date, s = sents[i % len(sents)]
        f.write(json.dumps({"id": "tiny-%d" % i, "date": date, "text": s}, ensure_ascii=False) + "\n")
EOF
}

IN=$TMP/in-$COPIES.jsonl
make_copies "$COPIES" "$IN" || die "cannot make the input"
MB=$(python3 -c "import os,sys; print('%.1f' % (os.path.getsize(sys.argv[1]) / 1e6))" "$IN")
note "== input: $COPIES x $CORPUS, distinct ids: $MB MB of JSON Lines"

HAVE_TIME=1
if [ ! -x /usr/bin/time ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		apt-get install -y time >/dev/null 2>&1 || true
	fi
	[ -x /usr/bin/time ] || {
		HAVE_TIME=0
		note "(GNU time missing and not installable: no peak RSS figures)"
	}
fi

# run NAME ARGS... : dkg with its summary line, peak RSS and wall time (the whole command,
# start-up included, to the tenth of a millisecond) kept in $TMP/NAME.*
run() {
	local name=$1 start end
	shift
	start=$EPOCHREALTIME
	if [ "$HAVE_TIME" = 1 ]; then
		/usr/bin/time -f %M -o "$TMP/$name.rss" "$DKG" "$@" >"$TMP/$name.out" 2>"$TMP/$name.err"
	else
		"$DKG" "$@" >"$TMP/$name.out" 2>"$TMP/$name.err"
		echo "?" >"$TMP/$name.rss"
	fi
	end=$EPOCHREALTIME
	awk -v s="$start" -v e="$end" 'BEGIN { printf "%.4f\n", e - s }' >"$TMP/$name.wall"
}
# summary NAME FIELD: a number from dkg's "dkg: D documents, S sentences, E events, T triples in X s"
# line; field 5, the seconds, is the wall time run() measured
summary() {
	if [ "$2" = 5 ]; then
		[ -f "$TMP/$1.err" ] && grep -q '^dkg: ' "$TMP/$1.err" && cat "$TMP/$1.wall"
		return
	fi
	sed -n 's/^dkg: \([0-9]*\) documents, \([0-9]*\) sentences, \([0-9]*\) events, \([0-9]*\) triples in \([0-9.]*\) s.*/\1 \2 \3 \4 \5/p' \
		"$TMP/$1.err" | tail -1 | cut -d' ' -f"$2"
}
rss_mb() { awk '{ if ($1 ~ /^[0-9]+$/) printf "%.1f", $1 / 1024; else printf "?" }' "$TMP/$1.rss"; }
bytes_of() { # text bytes of an input: dkg's MB/s times its seconds is rounded, so count here
	python3 - "$1" <<'EOF'
import json, sys
p = sys.argv[1]
if p.endswith(".jsonl"):
    print(sum(len((json.loads(l).get("text") or "").encode("utf-8")) for l in open(p, encoding="utf-8") if l.strip()))
else:
    import os
    print(os.path.getsize(p))
EOF
}
report() { # NAME TEXTBYTES
	local d s e t secs
	d=$(summary "$1" 1) s=$(summary "$1" 2) e=$(summary "$1" 3) t=$(summary "$1" 4) secs=$(summary "$1" 5)
	if [ -z "$secs" ]; then
		printf '%-22s failed: %s\n' "$1" "$(tail -1 "$TMP/$1.err")"
		return
	fi
	awk -v n="$1" -v d="$d" -v s="$s" -v e="$e" -v t="$t" -v x="$secs" -v b="$2" -v r="$(rss_mb "$1")" 'BEGIN {
		if (x <= 0) x = 0.005
		printf "%-22s %7.2f s %9.0f docs/s %9.0f sent/s %7.2f MB/s %8.0f events/s %9.0f triples/s  RSS %s MB\n",
			n, x, d / x, s / x, b / 1e6 / x, e / x, t / x, r }'
}
mbps() { summary "$1" 5 | awk -v b="$2" '{ x = $1 > 0 ? $1 : 0.005; printf "%.2f", b / 1e6 / x }'; }
# keep_best NAME: after `run NAME.try ...`, keeps that run as NAME when it was the fastest
# so far, and notes its time in NAME.times
keep_best() {
	local secs old
	secs=$(summary "$1.try" 5)
	[ -n "$secs" ] || { cp "$TMP/$1.try.err" "$TMP/$1.err"; return; }
	echo "$secs" >>"$TMP/$1.times"
	old=$(summary "$1" 5 2>/dev/null)
	if [ -z "$old" ] || awk -v a="$secs" -v b="$old" 'BEGIN { exit !(a < b) }'; then
		for ext in err rss out wall; do
			[ -f "$TMP/$1.try.$ext" ] && cp "$TMP/$1.try.$ext" "$TMP/$1.$ext"
		done
	fi
}
median_mbps() { # NAME TEXTBYTES: the median of NAME's runs
	sort -n "$TMP/$1.times" | awk -v b="$2" '{ v[NR] = $1 } END { if (NR) {
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f", b / 1e6 / (m > 0 ? m : 0.005) } }'
}

TEXT_BYTES=$(bytes_of "$IN")
note "article text: $TEXT_BYTES bytes in the input (MB/s below counts article text)"

# --- throughput ------------------------------------------------------------------
note ""
note "== throughput: dkg extract -f FMT -j N (N-Triples to a file in a temporary folder)"
note "   best of $REPEAT runs each, the four taken in turn so that the machine's drift"
note "   touches all alike; the median of the runs follows each line"
for r in $(seq "$REPEAT"); do
	for j in 1 2; do
		run "ntriples-j$j.try" extract -f ntriples -j "$j" -o "$TMP/out-j$j.nt" "$IN"
		keep_best "ntriples-j$j"
		run "none-j$j.try" extract -f none -j "$j" "$IN"
		keep_best "none-j$j"
	done
done
for name in ntriples-j1 ntriples-j2 none-j1 none-j2; do
	report "$name" "$TEXT_BYTES"
	note "$(printf '%-22s median %s MB/s' '' "$(median_mbps "$name" "$TEXT_BYTES")")"
done
if cmp -s "$TMP/out-j1.nt" "$TMP/out-j2.nt"; then
	note "-j 1 and -j 2 output: byte-identical ($(wc -c <"$TMP/out-j1.nt") bytes)"
else
	note "-j 1 and -j 2 output: DIFFERENT"
fi
awk -v a="$(summary ntriples-j1 5)" -v b="$(summary ntriples-j2 5)" -v c="$(summary none-j1 5)" \
	-v d="$(summary none-j2 5)" 'BEGIN { if (b > 0 && d > 0)
	printf "-j 2 speed-up: %.2fx N-Triples, %.2fx -f none (target >= 1.7x)\n", a / b, c / d }'

# wc -w over the same bytes: how fast this machine is right now
start=$EPOCHREALTIME
wc -w "$IN" >/dev/null
end=$EPOCHREALTIME
awk -v s="$start" -v e="$end" -v b="$(wc -c <"$IN")" 'BEGIN { x = e - s; if (x <= 0) x = 0.0005;
	printf "yardstick: wc -w over the same %.1f MB: %.3f s, %.0f MB/s\n", b / 1e6, x, b / 1e6 / x }'

# --- stages ----------------------------------------------------------------------
note ""
note "== stages (one thread, documents in memory: bench/stages.c; serialize = N-Triples to memory)"
if [ -n "$STAGES" ] && "$STAGES" "$IN" >"$TMP/stages.txt" 2>"$TMP/stages.err"; then
	awk -v b="$TEXT_BYTES" '
		$1 == "read" || $1 == "split" || $1 == "match" || $1 == "build" || $1 == "serialize" { t[$1] = $2; order[++n] = $1 }
		$1 == "extract" { ex = $2 }
		END {
			for (i = 1; i <= n; i++) tot += t[order[i]]
			for (i = 1; i <= n; i++) {
				k = order[i]; x = t[k] > 0 ? t[k] : 1e-9
				printf "  %-10s %7.3f s %5.1f%%  %8.1f MB/s\n", k, t[k], 100 * t[k] / tot, b / 1e6 / x
			}
			printf "  %-10s %7.3f s         %8.1f MB/s (split+match+build)\n", "extract", ex, b / 1e6 / (ex > 0 ? ex : 1e-9)
			printf "  %-10s %7.3f s         %8.1f MB/s\n", "total", tot, b / 1e6 / tot
		}' "$TMP/stages.txt"
else
	note "  (no stage figures)"
fi

# --- start-up ------------------------------------------------------------------------
note ""
: >"$TMP/empty.jsonl"
best=""
for _ in $(seq "$RUNS"); do
	start=$EPOCHREALTIME
	"$DKG" extract -q -f ntriples "$TMP/empty.jsonl" >/dev/null 2>&1
	end=$EPOCHREALTIME
	best=$(awk -v s="$start" -v e="$end" -v b="$best" 'BEGIN { x = (e - s) * 1000; if (b == "" || x < b) print x; else print b }')
done
printf '== start-up (empty input, lexicon included, best of %s): %.1f ms (target <= 20 ms)\n' "$RUNS" "$best"

# --- memory ------------------------------------------------------------------------------
note ""
note "== peak RSS flatness (-f ntriples -j 2, output to /dev/null)"
run rss-1x extract -q -f ntriples -j 2 "$CORPUS"
printf '  1x   %s MB\n' "$(rss_mb rss-1x)"
make_copies 10 "$TMP/in-10.jsonl"
run rss-10x extract -q -f ntriples -j 2 "$TMP/in-10.jsonl"
printf '  10x  %s MB\n' "$(rss_mb rss-10x)"
rm -f "$TMP/in-10.jsonl"
if [ "${BENCH_BIG:-0}" = 1 ]; then
	make_copies 100 "$TMP/in-100.jsonl"
	run rss-100x extract -q -f ntriples -j 2 "$TMP/in-100.jsonl"
	printf '  100x %s MB\n' "$(rss_mb rss-100x)"
	rm -f "$TMP/in-100.jsonl"
else
	note "  (100x with BENCH_BIG=1)"
fi
note "  (target <= 64 MB and flat)"

# --- linearity ---------------------------------------------------------------------------
if [ "${BENCH_QUICK:-0}" != 1 ]; then
	note ""
	note "== linearity (-f ntriples -j 1; compare MB/s with ntriples-j1: $(mbps ntriples-j1 "$TEXT_BYTES") MB/s)"
	make_big_doc 100 "$TMP/big.txt"
	run big-doc extract -f ntriples --max-doc-size 200M -o "$TMP/big.nt" "$TMP/big.txt"
	report big-doc "$(bytes_of "$TMP/big.txt")"
	rm -f "$TMP/big.txt" "$TMP/big.nt"
	make_tiny 100000 "$TMP/tiny.jsonl"
	run tiny-docs extract -f ntriples -o "$TMP/tiny.nt" "$TMP/tiny.jsonl"
	report tiny-docs "$(bytes_of "$TMP/tiny.jsonl")"
	rm -f "$TMP/tiny.jsonl" "$TMP/tiny.nt"
fi

# --- instruction count ----------------------------------------------------------------------
if [ "${BENCH_QUICK:-0}" != 1 ]; then
	note ""
	if command -v valgrind >/dev/null; then
		# the whole sample once: enough text for the work to outweigh start-up
		cp "$CORPUS" "$TMP/corpus1.jsonl"
		valgrind --tool=callgrind --callgrind-out-file="$TMP/callgrind.out" \
			"$DKG" extract -q -f ntriples -j 1 -o "$TMP/corpus1.nt" "$TMP/corpus1.jsonl" \
			>/dev/null 2>"$TMP/callgrind.err"
		ir=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$TMP/callgrind.err" | tail -1)
		: >"$TMP/empty.jsonl"
		valgrind --tool=callgrind --callgrind-out-file="$TMP/callgrind0.out" \
			"$DKG" extract -q -f ntriples "$TMP/empty.jsonl" >/dev/null 2>"$TMP/callgrind0.err"
		ir0=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$TMP/callgrind0.err" | tail -1)
		b1=$(bytes_of "$TMP/corpus1.jsonl")
		awk -v i="$ir" -v z="$ir0" -v b="$b1" 'BEGIN {
			printf "== instructions (callgrind, the sample once, -f ntriples -j 1): %d total, %d at start-up, %.0f per byte of text after start-up\n",
				i, z, (i - z) / b }'
		# where they go: the functions with the most instructions of their own
		if command -v callgrind_annotate >/dev/null; then
			note "   where they go (instructions in the function itself, top 15; ld-linux is start-up):"
			callgrind_annotate "$TMP/callgrind.out" 2>/dev/null |
				awk '/file:function/ { on = 1; getline; next }
				     on && n < 15 && match($0, /\( *[0-9.]+%\)/) {
					pct = substr($0, RSTART + 1, RLENGTH - 2); gsub(/ /, "", pct)
					rest = substr($0, RSTART + RLENGTH); sub(/^ +/, "", rest)
					split(rest, f, " ")
					fn = f[1]; sub(/^.*:/, "", fn)
					obj = f[2]; gsub(/[][]/, "", obj); sub(/^.*\//, "", obj)
					printf "   %7s  %-36s %s\n", pct, fn, obj; n++ }'
		fi
	else
		note "== instructions: valgrind not installed (apt-get install valgrind)"
	fi
fi
exit 0
