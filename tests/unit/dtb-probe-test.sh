#!/bin/sh
# Check build/host/dtb-probe on every stored and crafted DTB against
# tests/data/{qemu,crafted}/NAME.expected and
# tests/unit/expected/xen/NAME.expected, written by hand from the DTS facts:
#
#   exit N                   (first line: the exit status wanted)
#   ram 0x40000000 0x8000000 (then the report's fixed-format lines)
#   gic v2 dist ... | gic v3 dist ...
#   timer phys N virt N freq HZ
#   xen gnttab B S evtchn N  (only with a xen,xen node)
#
# "exit any" is for trees whose bootability is a judgment call (malformed
# on purpose): the tool must exit 0 or 1 (not crash) and its "ram" lines
# must be exactly those listed.
#
# Exit 0 (bootable): stdout must start with exactly those lines.
# Exit 1 (unbootable): stderr must give a reason, and the fixed-format
# lines found anywhere in stdout must be exactly those listed (a missing
# piece must not be printed as if found).
#
# Usage (from the repo root): tests/unit/dtb-probe-test.sh TOOL [BUILD]
set -u

tool=${1:-build/host/dtb-probe}
build=${2:-build}
passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() {
	echo "FAIL: $1: $2"
	failed=$((failed + 1))
}

fixed_lines() {
	grep -E '^(ram 0x|gic v[23] |timer phys |xen gnttab )' "$1"
}

check() {
	dtb=$1
	exp=$2
	want_exit=$(sed -n '1s/^exit \([0-9]*\|any\)$/\1/p' "$exp")
	if [ -z "$want_exit" ]; then
		fail "$exp" "first line must be 'exit N'"
		return
	fi
	sed 1d "$exp" >"$tmp/want"
	"$tool" "$dtb" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$want_exit" = any ]; then
		if [ "$rc" -gt 1 ]; then
			fail "$dtb" "exit $rc (crashed?); stderr: $(cat "$tmp/err")"
			return
		fi
		grep '^ram ' "$tmp/out" >"$tmp/got"
		if ! cmp -s "$tmp/got" "$tmp/want"; then
			fail "$dtb" "ram lines differ from $exp:"
			diff -u "$tmp/want" "$tmp/got" | sed 's/^/    /'
			return
		fi
		passed=$((passed + 1))
		return
	fi
	if [ "$rc" -ne "$want_exit" ]; then
		fail "$dtb" "exit $rc, want $want_exit; stderr: $(cat "$tmp/err")"
		return
	fi
	if [ "$want_exit" -eq 0 ]; then
		head -n "$(wc -l <"$tmp/want")" "$tmp/out" >"$tmp/got"
	else
		if [ ! -s "$tmp/err" ]; then
			fail "$dtb" "unbootable but no reason on stderr"
			return
		fi
		fixed_lines "$tmp/out" >"$tmp/got"
	fi
	fixed_lines "$tmp/out" >"$tmp/all"
	if ! cmp -s "$tmp/got" "$tmp/want" ||
	    ! cmp -s "$tmp/all" "$tmp/want"; then
		fail "$dtb" "report differs from $exp:"
		diff -u "$tmp/want" "$tmp/out" | sed 's/^/    /'
		return
	fi
	passed=$((passed + 1))
}

if [ ! -x "$tool" ]; then
	echo "dtb-probe-test: $tool not built" >&2
	exit 1
fi

# tests/data/xen and tests/data/xl belong to the capture scripts, so their
# expectations live here instead, in tests/unit/expected/DIR/NAME.expected.
for dtb in tests/data/qemu/*.dtb tests/data/xen/*.dtb tests/data/xl/*.dtb; do
	[ -e "$dtb" ] || continue
	exp=${dtb%.dtb}.expected
	case $dtb in
	tests/data/xen/* | tests/data/xl/*)
		exp=tests/unit/expected/$(basename "$(dirname "$dtb")")/$(basename "$dtb" .dtb).expected
		;;
	esac
	if [ -e "$exp" ]; then
		check "$dtb" "$exp"
	else
		fail "$dtb" "no $exp"
	fi
done

for dts in tests/data/crafted/*.dts; do
	[ -e "$dts" ] || continue
	name=$(basename "$dts" .dts)
	dtb=$build/tests/data/crafted/$name.dtb
	exp=tests/data/crafted/$name.expected
	if [ ! -e "$dtb" ]; then
		fail "$dtb" "not built (make unit builds it)"
	elif [ ! -e "$exp" ]; then
		fail "$dtb" "no $exp"
	else
		check "$dtb" "$exp"
	fi
done

echo "dtb-probe: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
