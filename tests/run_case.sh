#!/usr/bin/env bash
# Runs one data-driven case folder through the dkg command (see cases/README.md).
# usage: run_case.sh DKG CASEDIR
set -u
dkg=$1
dir=$2
name=$(basename "$dir")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

input=$(ls "$dir"/input.* 2>/dev/null | head -n 1)
if [[ -z $input ]]; then
    echo "case $name: no input.* file" >&2
    exit 1
fi
# The command: extract as N-Triples unless the case says otherwise in `args`.
args=(extract -f ntriples)
if [[ -f $dir/args ]]; then
    read -r -a args <"$dir/args"
fi
# A query case (input.rq) passes its input as @input.rq, the way `dkg query` reads a query file.
inarg=$(basename "$input")
[[ $inarg == input.rq ]] && inarg=@input.rq
(cd "$dir" && "$dkg" "${args[@]}" "$inarg") >"$tmp/out" 2>"$tmp/err"
status=$?
fail=0
want_status=0
[[ -f $dir/exit-status ]] && want_status=$(tr -d ' \n' <"$dir/exit-status")
if [[ $status != "$want_status" ]]; then
    echo "case $name: exit status $status, expected $want_status" >&2
    fail=1
fi
if [[ -f $dir/stderr-pattern ]]; then
    if ! grep -E -q -f "$dir/stderr-pattern" "$tmp/err"; then
        echo "case $name: stderr does not match $(cat "$dir/stderr-pattern")" >&2
        fail=1
    fi
elif [[ $want_status == 0 && -s $tmp/err ]]; then
    echo "case $name: unexpected stderr:" >&2
    cat "$tmp/err" >&2
    fail=1
fi
LC_ALL=C sort -u "$tmp/out" >"$tmp/sorted"
# expected-output: stdout must be exactly this (e.g. query results, in order).
if [[ -f $dir/expected-output ]]; then
    if ! diff -u "$dir/expected-output" "$tmp/out" >"$tmp/diff"; then
        echo "case $name: output differs from expected-output:" >&2
        cat "$tmp/diff" >&2
        fail=1
    fi
fi
if [[ -f $dir/expected.nt ]]; then
    if ! diff -u <(LC_ALL=C sort -u "$dir/expected.nt") "$tmp/sorted" >"$tmp/diff"; then
        echo "case $name: graph differs from expected.nt:" >&2
        cat "$tmp/diff" >&2
        fail=1
    fi
fi
# contains.nt: each line (a triple, or a regular expression when it starts with ~) must be in the output.
if [[ -f $dir/contains.nt ]]; then
    while IFS= read -r line; do
        [[ -z $line || $line == \#* ]] && continue
        if [[ $line == \~* ]]; then
            grep -E -q -- "${line:1}" "$tmp/sorted" && continue
        else
            grep -F -x -q -- "$line" "$tmp/sorted" && continue
        fi
        echo "case $name: missing: $line" >&2
        fail=1
    done <"$dir/contains.nt"
fi
# absent.nt: no line may match (same syntax as contains.nt).
if [[ -f $dir/absent.nt ]]; then
    while IFS= read -r line; do
        [[ -z $line || $line == \#* ]] && continue
        if [[ $line == \~* ]]; then
            grep -E -q -- "${line:1}" "$tmp/sorted" || continue
        else
            grep -F -x -q -- "$line" "$tmp/sorted" || continue
        fi
        echo "case $name: present but must not be: $line" >&2
        fail=1
    done <"$dir/absent.nt"
fi
# ask*.rq: SPARQL ASK queries that must answer true, run by Rasqal's roqet (a second engine).
for q in "$dir"/ask*.rq; do
    [[ -f $q ]] || continue
    cp "$tmp/out" "$tmp/out.nt"
    # roqet reports an ASK answer as "Query has a boolean result: true|false"
    ans=$(roqet -q -i sparql -D "$tmp/out.nt" "$q" 2>&1)
    if ! grep -q 'boolean result: true' <<<"$ans"; then
        echo "case $name: $(basename "$q") is not true (${ans:0:200})" >&2
        fail=1
    fi
done
# Output must parse as RDF whenever there is some.
if [[ -s $tmp/out && ! -f $dir/no-rdf ]]; then
    syntax=ntriples
    case " ${args[*]} " in
        *" -f turtle "*) syntax=turtle ;;
        *" -f nquads "*) syntax=nquads ;;
        *" -f rdfxml "*) syntax=rdfxml ;;
    esac
    if [[ ${args[0]} == extract ]] && ! rapper -q -i "$syntax" -c "$tmp/out" >/dev/null 2>"$tmp/rapper"; then
        echo "case $name: output does not parse as $syntax:" >&2
        head -n 5 "$tmp/rapper" >&2
        fail=1
    fi
fi
if ((fail)); then
    echo "--- stderr of dkg:" >&2
    head -n 20 "$tmp/err" >&2
    exit 1
fi
echo "case $name: ok"
