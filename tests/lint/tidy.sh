#!/usr/bin/env bash
# tidy.sh STAMP SUPPRESSIONS FILE -- COMPILER FLAGS...
# Run clang-tidy (checks in /.clang-tidy) on FILE with the flags it is built
# with, drop findings listed in SUPPRESSIONS ("FILE CHECK reason"), and
# touch STAMP if nothing else is left.  On findings, print them whole.
set -uo pipefail
stamp=$1 suppressions=$2 file=$3
shift 4
tidy=${CLANG_TIDY:-clang-tidy}
out=$(mktemp)
trap 'rm -f "$out"' EXIT

"$tidy" --quiet --warnings-as-errors='-*' "$file" -- "$@" >"$out" 2>&1
rc=$?
# Findings: "PATH:LINE:COL: warning|error: TEXT [check,...]".  Compiler
# errors (clang-diagnostic-error) carry a name too and are never listed.
left=0
while IFS= read -r line; do
    path=${line%%:*}
    path=${path#"$PWD"/}
    check=${line##*[}
    check=${check%%[],]*}
    if awk -v f="$path" -v c="$check" \
        '!/^#/ && $1 == f && $2 == c { found = 1 } END { exit !found }' \
        "$suppressions"; then
        continue
    fi
    left=$((left + 1))
done < <(grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error): .*\[[^]]+\]$' "$out")

# With --warnings-as-errors='-*' clang-tidy fails only when it could not
# analyse the file (a compiler error, which is a finding too, or a crash).
[ "$left" -eq 0 ] && [ "$rc" -ne 0 ] && left=1
if [ "$left" -gt 0 ]; then
    cat "$out"
    echo "lint: clang-tidy: $file: $left finding(s) not in $suppressions" >&2
    exit 1
fi
mkdir -p "$(dirname "$stamp")"
touch "$stamp"
