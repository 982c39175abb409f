#!/bin/sh
# How the DT probe's work grows with the size of the tree: for N children
# of /reserved-memory (each with a reg), generate a DTS, compile it with
# dtc, and count the instructions build/host/dtb-probe executes on it
# (valgrind's callgrind: exact and repeatable, unlike a timer, and it needs
# no perf counters, which containers often lack).  A linear probe shows a
# flat "per node" column; a quadratic one shows it doubling with N.
#
# Usage (from the repo root, after `make tools`):
#   scripts/bench/probe.sh [TOOL]          TOOL defaults to build/host/dtb-probe
#   BENCH_PROBE_NODES="1000 2000" scripts/bench/probe.sh
# Output: "probe nodes 0 instructions B" for the bare machine, then one
# line per N: "probe nodes N instructions I per-node P", P = (I - B) / N.
set -eu

tool=${1:-build/host/dtb-probe}
nodes=${BENCH_PROBE_NODES:-1000 2000 4000 8000 16000}

for cmd in dtc valgrind; do
	if ! command -v "$cmd" >/dev/null 2>&1; then
		echo "bench/probe.sh: $cmd is not installed" >&2
		exit 1
	fi
done
if [ ! -x "$tool" ]; then
	echo "bench/probe.sh: no $tool (run make tools)" >&2
	exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# A bootable GICv3 machine plus n reserved-memory children.  dtc's parser
# runs out of stack at about 10000 children in one block, so they come in
# blocks of 4000, which dtc merges into the one node.
gen_dts() {
	n=$1
	cat <<'EOF'
/dts-v1/;
/ {
	#address-cells = <2>;
	#size-cells = <2>;
	interrupt-parent = <&gic>;
	model = "bench-probe";
	cpus {
		#address-cells = <1>;
		#size-cells = <0>;
		cpu@0 { device_type = "cpu"; reg = <0x0>; };
	};
	memory@40000000 {
		device_type = "memory";
		reg = <0x0 0x40000000 0x0 0x40000000>;
	};
	gic: interrupt-controller@8000000 {
		compatible = "arm,gic-v3";
		interrupt-controller;
		#interrupt-cells = <3>;
		reg = <0x0 0x08000000 0x0 0x10000>,
		      <0x0 0x080a0000 0x0 0xf60000>;
	};
	timer {
		compatible = "arm,armv8-timer";
		interrupts = <1 13 4>, <1 14 4>, <1 11 4>, <1 10 4>;
	};
	reserved-memory {
		#address-cells = <2>;
		#size-cells = <2>;
		ranges;
	};
};
EOF
	awk -v n="$n" 'BEGIN {
		for (i = 0; i < n; i++) {
			if (i % 4000 == 0)
				printf "/ { reserved-memory {\n"
			printf "\tr%d@%x { reg = <0x1 0x%x 0x0 0x1000>; };\n",
			       i, i * 4096, i * 4096
			if (i % 4000 == 3999 || i == n - 1)
				printf "}; };\n"
		}
	}'
}

# Instructions dtb-probe takes on a tree of n extra nodes.
count() {
	gen_dts "$1" >"$tmp/t.dts"
	dtc -q -I dts -O dtb -o "$tmp/t.dtb" "$tmp/t.dts"
	# dtb-probe exits 1 for an unbootable tree; this one is bootable,
	# but the count is what matters here, so any exit is accepted.
	valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" \
		"$tool" "$tmp/t.dtb" >/dev/null 2>"$tmp/vg.err" || true
	ir=$(sed -n 's/^summary: *\([0-9]*\).*/\1/p' "$tmp/cg.out")
	if [ -z "$ir" ]; then
		echo "bench/probe.sh: callgrind gave no count for N=$1:" >&2
		cat "$tmp/vg.err" >&2
		exit 1
	fi
	echo "$ir"
}

# The per-node figure leaves out what the tool costs on the bare machine.
base=$(count 0)
echo "probe nodes 0 instructions $base"
for n in $nodes; do
	ir=$(count "$n")
	echo "probe nodes $n instructions $ir per-node $(((ir - base) / n))"
done
