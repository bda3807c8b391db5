#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/fuzz_*.c) with clang and
# -fsanitize=fuzzer,address,undefined and runs each for SECONDS, then reports
# the executions and findings of each. Called by `make fuzz` (FUZZ_SECONDS).
#
# usage: fuzz/run.sh [SECONDS] [TARGET...]     (default 60 s, every target)
# env:   FUZZ_BUILD  build folder (default build-fuzz at the top of the tree)
#        FUZZ_JOBS   targets fuzzed at the same time (default 1)
#        FUZZ_SHARED extra read-only seed folders from ../shared (default on: 1)
#        FUZZ_MAX_LEN longest generated input in bytes (default 8192; the hostile-input
#                    tests cover the huge ones)
#
# The library is built by CMake with CC=clang, -DDKG_SANITIZE=ON and
# -fsanitize=fuzzer-no-link; each target is linked with -fsanitize=fuzzer.
# New inputs go to FUZZ_BUILD/corpus/NAME; crashes, leaks and timeouts to
# FUZZ_BUILD/artifacts/NAME/. Add a fixed crash to fuzz/corpus/NAME/ as crash-*.
set -u
src=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
shift || true
build=${FUZZ_BUILD:-$src/build-fuzz}
jobs=${FUZZ_JOBS:-1}
shared=$(cd "$src/.." && pwd)/shared

die() { echo "fuzz: $*" >&2; exit 1; }
[[ $seconds =~ ^[0-9]+$ ]] || die "SECONDS must be a number, not '$seconds'"
command -v clang >/dev/null || die "clang is missing; install the Debian package clang"
# libFuzzer ships in clang's runtime (Debian: libclang-rt-NN-dev, or libclang-common-NN-dev
# for clang 14); check that -fsanitize=fuzzer links before building anything.
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf '#include <stdint.h>\n#include <stddef.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }\n' >"$probe/p.c"
if ! clang -fsanitize=fuzzer,address,undefined "$probe/p.c" -o "$probe/p" 2>"$probe/err"; then
    cat "$probe/err" >&2
    die "clang cannot link libFuzzer ($(clang --version | head -n 1)); install libclang-rt-dev (or libclang-common-NN-dev matching your clang)"
fi

echo "fuzz: $(clang --version | head -n 1); building in $build" >&2
export ASAN_OPTIONS=detect_leaks=0 # the build-time generators run instrumented too
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=clang -DDKG_SANITIZE=ON \
    -DDKG_TESTS=OFF -DCMAKE_C_FLAGS="-fsanitize=fuzzer-no-link -O1 -g" >"$build.log" 2>&1 ||
    { cat "$build.log" >&2; die "cmake configure failed"; }
cmake --build "$build" --target dkg_static -j "$(nproc 2>/dev/null || echo 2)" >>"$build.log" 2>&1 ||
    { tail -n 40 "$build.log" >&2; die "building the library failed (log: $build.log)"; }
unset ASAN_OPTIONS
libs=$(pkg-config --libs raptor2 rasqal redland libxml-2.0 jansson zlib libutf8proc libcurl libgvc) ||
    die "pkg-config cannot find the libraries"

targets=()
if (($# > 0)); then
    targets=("$@")
else
    for f in "$src"/fuzz/fuzz_*.c; do
        n=$(basename "$f" .c)
        targets+=("${n#fuzz_}")
    done
fi
mkdir -p "$build/bin"
for t in "${targets[@]}"; do
    [[ -f $src/fuzz/fuzz_$t.c ]] || die "no target fuzz/fuzz_$t.c"
    clang -std=c11 -D_POSIX_C_SOURCE=200809L -O1 -g -fsanitize=fuzzer,address,undefined \
        -fno-sanitize-recover=all -fno-omit-frame-pointer -I"$src/include" -I"$src/fuzz" \
        "$src/fuzz/fuzz_$t.c" "$build/libdkg.a" $libs -lpthread -lm -o "$build/bin/fuzz_$t" ||
        die "linking fuzz_$t failed"
done

# Extra read-only seeds from ../shared (real pages, NITF and feeds), when present.
extra_seeds() {
    [[ ${FUZZ_SHARED:-1} == 1 && -d $shared/samples ]] || return 0
    case $1 in
    html) for d in "$shared"/samples/html/*/; do echo "$d"; done ;;
    xml) echo "$shared/samples/nitf"; echo "$shared/samples/feeds" ;;
    esac
}

run_one() {
    local t=$1 corpus=$build/corpus/$t art=$build/artifacts/$t log=$build/fuzz_$t.log
    mkdir -p "$corpus" "$art"
    # shellcheck disable=SC2046
    "$build/bin/fuzz_$t" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2560 \
        -max_len="${FUZZ_MAX_LEN:-8192}" \
        -print_final_stats=1 -artifact_prefix="$art/" "$corpus" "$src/fuzz/corpus/$t" \
        $(extra_seeds "$t") >"$log" 2>&1
    echo $? >"$log.rc"
}

echo "fuzz: running ${targets[*]} for $seconds s each ($jobs at a time)" >&2
running=0
for t in "${targets[@]}"; do
    run_one "$t" &
    running=$((running + 1))
    if ((running >= jobs)); then
        wait -n
        running=$((running - 1))
    fi
done
wait

status=0
printf '%-10s %12s %10s %8s %8s  %s\n' target executions exec/s corpus rc findings
for t in "${targets[@]}"; do
    log=$build/fuzz_$t.log
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -n 1)
    speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -n 1)
    units=$(find "$build/corpus/$t" -type f | wc -l)
    found=$(find "$build/artifacts/$t" -type f | wc -l)
    rc=$(cat "$log.rc" 2>/dev/null || echo '?')
    printf '%-10s %12s %10s %8s %8s  %s\n' "$t" "${runs:-?}" "${speed:-?}" "$units" "$rc" "$found"
    if [[ $rc != 0 || $found != 0 ]]; then
        status=1
        grep -m 3 -E 'ERROR: |runtime error|SUMMARY' "$log" | sed 's/^/    /'
        find "$build/artifacts/$t" -type f | sed 's/^/    artifact: /'
    fi
done
((status == 0)) && echo "fuzz: no findings" >&2 || echo "fuzz: findings above (logs: $build/fuzz_NAME.log)" >&2
exit $status
