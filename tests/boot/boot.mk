# Boot tests: the one build/zephyr.bin on QEMU's virt machine, bare and
# under Xen 4.17 and 4.20; and `make run`.  Included by the top-level Makefile.

# The Xen and xl suites run once per Xen version, in turn (one QEMU at a
# time): both unless XEN_VERSION=4.17|4.20 picks one.
XEN_VERSIONS = $(or $(XEN_VERSION),4.17 4.20)
# per_xen SCRIPT WORKDIR: SCRIPT IMAGE WORKDIR-X.Y for each version, timed;
# fails if any run failed.
per_xen = status=0; for v in $(XEN_VERSIONS); do t0=$$(date +%s); \
	XEN_VERSION=$$v $(1) $(BUILD)/zephyr.bin $(2)-$$v || status=1; \
	echo "$(notdir $(1)), Xen $$v: $$(($$(date +%s) - t0)) s"; \
	done; exit $$status

# The test guests (make guests) the suites and make bench boot besides
# the product: tests/boot/lib.sh's guest() and scripts/bench.sh read this.
export GUEST_DIR := $(abspath $(BUILD)/tests/guest)
# The samples a boot test runs (make samples).
export SAMPLE_DIR := $(abspath $(BUILD)/samples)
boot-tests-bare boot-tests-xen boot-tests-xl bench: guests

# trampoline-IMAGE-DTB.bin: see tests/boot/trampoline.S.
$(BUILD)/tests/trampoline-%.bin: tests/boot/trampoline.S
	@mkdir -p $(dir $@)
	$(Q)$(CC) -c -DIMAGE=$(word 1,$(subst -, ,$*)) \
		-DDTB=$(word 2,$(subst -, ,$*)) $< -o $@.o
	$(Q)$(OBJCOPY) -O binary $@.o $@

BARE_TRAMPOLINES := $(BUILD)/tests/trampoline-0x48200000-0x40000000.bin \
	$(BUILD)/tests/trampoline-0x7fe00000-0x40000000.bin

.PHONY: boot-tests boot-tests-bare boot-tests-xen boot-tests-programs \
	boot-tests-lua
boot-tests: boot-tests-bare boot-tests-programs boot-tests-lua \
	boot-tests-xen boot-tests-bad-dtb

boot-tests-bare: $(BUILD)/zephyr.bin $(BARE_TRAMPOLINES)
	tests/boot/bare.sh $(BUILD)/zephyr.bin $(BUILD)/tests

# Programs built as users build them (make APP=, make samples), bare;
# tests/boot/programs.sh builds the ones that are not samples itself.
boot-tests-programs: samples | $(if $(filter boot-tests check,\
		$(MAKECMDGOALS)),boot-tests-bare)
	tests/boot/programs.sh $(BUILD)

# samples/lua (Lua 5.4, built unchanged) bare: its REPL typed into, and
# tests/data/lua/script.lua's output against the host's lua5.4.
boot-tests-lua: samples | $(if $(filter boot-tests check,$(MAKECMDGOALS)),\
		boot-tests-bare boot-tests-programs)
	tests/boot/lua.sh $(BUILD)

# One QEMU at a time, even under make -j: when both suites are asked for,
# the Xen one waits for the bare one.
boot-tests-xen: $(BUILD)/zephyr.bin samples | $(if $(filter boot-tests check,\
		$(MAKECMDGOALS)),boot-tests-bare boot-tests-programs \
		boot-tests-lua)
	@$(call per_xen,tests/boot/xen.sh,$(BUILD)/tests/xen)

# make run [GIC=2|3] [DOM0=1] [XEN_VERSION=4.20]: under Xen, as a dom0less
# domU with vpl011, or as dom0.  Interactive: Ctrl-a x quits.
DOM0 ?=
run: $(BUILD)/zephyr.bin
	tests/boot/qemu-xen.sh --gic $(GIC) $(if $(filter 1,$(DOM0)),--dom0 )--work $(BUILD)/run $(BUILD)/zephyr.bin

# Unbootable DTBs derived from QEMU's own (no timer, no GIC, no memory,
# truncated, pre-16 version): a named error and a clean stop each.  Loaded
# raw with the trampoline, since QEMU would rewrite a -dtb blob's memory.
# After the other suites when asked together: one QEMU at a time.
.PHONY: boot-tests-bad-dtb
boot-tests-bad-dtb: $(BUILD)/zephyr.bin \
		$(BUILD)/tests/trampoline-0x48200000-0x44000000.bin | \
		$(if $(filter boot-tests check,$(MAKECMDGOALS)),\
		boot-tests-bare boot-tests-xen)
	tests/boot/bad-dtb.sh $(BUILD)/zephyr.bin $(BUILD)/zephyr.elf \
		$(BUILD)/tests/trampoline-0x48200000-0x44000000.bin \
		$(BUILD)/tests/bad-dtb

# The seed's way: `xl create zephyr.conf` from a Linux dom0 with Xen's xl
# toolstack (scripts/dom0/build.sh, cached), one boot per GIC version
# running every step of tests/boot/xl-dom0.sh.  After the other suites when
# asked together: one QEMU at a time.
.PHONY: boot-tests-xl
boot-tests: boot-tests-xl
boot-tests-xl: $(BUILD)/zephyr.bin $(BUILD)/host/dtb-probe samples | \
		$(if $(filter boot-tests check,$(MAKECMDGOALS)),\
		boot-tests-bare boot-tests-xen boot-tests-bad-dtb)
	@$(call per_xen,tests/boot/xl.sh,$(BUILD)/tests/xl)

# The xl suite with smp-test's full stress under xl: vcpus=2 and 4 (on the
# host's 2 pCPUs), 100,000 cross-CPU round trips each (make check's xl
# suite does 10,000 on 2 vCPUs), each dom0 boot allowed 15 minutes
# (100,000 round trips through emulated Xen take over a minute on 2 vCPUs).
# About 15 minutes per Xen version; not in make check.
.PHONY: boot-tests-smp
boot-tests-smp: export XL_SMP := 2:100000 4:100000
boot-tests-smp: export XL_BOOT_TIMEOUT := 900
boot-tests-smp: $(BUILD)/zephyr.bin $(BUILD)/host/dtb-probe samples guests
	@$(call per_xen,tests/boot/xl.sh,$(BUILD)/tests/smp)

# make bench [GIC=2|3] [RUNS=N] [DENSITY_N=N]: boot times, footprint and Xen
# I/O costs next to a Linux domU (scripts/bench.sh); both GIC versions
# unless GIC is given.  The table goes to $(BUILD)/bench/results.md, with
# the image's bytes by part after it (make size, also $(BUILD)/bench/size.md).  Then
# the DT probe's instructions as the tree grows (scripts/bench/probe.sh:
# linear, or not), to $(BUILD)/bench/probe.txt.  Then density: how many
# zephyr.bin guests run at once on one test host, up to DENSITY_N (default
# 100, about 7 minutes; DENSITY_N=1000 is the full sweep, up to 40 minutes), to
# $(BUILD)/bench/density.md (scripts/bench/density.sh).  Then PV block I/O
# and the PV network against a Linux domU on the same test host, what a
# second CPU costs and gives, and timer latency against cyclictest (make
# bench-blk, make bench-net, make bench-smp and make bench-latency,
# below).
DENSITY_N ?= 100
.PHONY: bench
BENCH_ARGS = $(if $(filter command line environment,$(origin GIC)),GIC=$(GIC)) \
	$(if $(RUNS),RUNS=$(RUNS))
bench: $(BUILD)/zephyr.bin $(BUILD)/host/dtb-probe $(BUILD)/samples/latency.bin \
		size
	$(BENCH_ARGS) BENCH_OUT=$(BUILD)/bench \
		BENCH_COMMAND="$(strip make bench $(BENCH_ARGS))" \
		scripts/bench.sh $(BUILD)/zephyr.bin
	{ echo; echo '## Image size (make size)'; echo; \
		scripts/bench/size.sh $(SIZE_IMAGES); } | \
		tee $(BUILD)/bench/size.md >>$(BUILD)/bench/results.md
	cat $(BUILD)/bench/size.md
	scripts/bench/probe.sh $(BUILD)/host/dtb-probe | \
		tee $(BUILD)/bench/probe.txt
	DENSITY_N=$(DENSITY_N) BENCH_OUT=$(BUILD)/bench \
		BENCH_COMMAND="make bench DENSITY_N=$(DENSITY_N)" \
		scripts/bench/density.sh $(BUILD)/zephyr.bin
	$(BENCH_BLK)
	$(BENCH_NET)
	$(BENCH_SMP)
	$(BENCH_LATENCY)

# make bench-blk [GIC=2|3|"2 3"] [BLK_REPS=N] [BLK_SEED=N]: only the PV
# block benchmark (scripts/bench/blk.sh, 5-10 minutes per GIC version,
# GICv3 unless GIC is given): sequential read and write MB/s and 4 KiB
# random-read IOPS of zephyr.bin's blkfront, with each throughput feature
# on and off, as ratios to a Linux domU's on the same dom0, backend and
# image file, round by round in shuffled orders (BLK_SEED).  The table
# goes to $(BUILD)/bench/blk.md.
BLK_ARGS = $(if $(filter command line environment,$(origin GIC)),GIC="$(GIC)") \
	$(if $(BLK_REPS),BLK_REPS=$(BLK_REPS)) \
	$(if $(BLK_SEED),BLK_SEED=$(BLK_SEED))
BENCH_BLK = $(BLK_ARGS) BENCH_OUT=$(BUILD)/bench \
	BENCH_COMMAND='$(strip make bench-blk $(BLK_ARGS))' \
	scripts/bench/blk.sh $(BUILD)/zephyr.bin
.PHONY: bench-blk
bench-blk: $(BUILD)/zephyr.bin
	$(BENCH_BLK)

# make bench-net [GIC=2|3] [NET_REPS=N] [NET_MIB=N]: only the PV network
# benchmark (scripts/bench/net.sh, one dom0 boot of about 12 minutes,
# GICv3 unless GIC is given): dom0's ping round trip, TCP MiB/s each way
# and HTTP requests/s of zephyr.bin (app=httpd) as ratios to a Linux
# domU's (busybox nc and httpd) on the same dom0, netback and bridge, with
# dom0's and the guest's CPU and the features each netfront negotiated.
# The table goes to $(BUILD)/bench/net.md.
NET_ARGS = $(if $(filter command line environment,$(origin GIC)),GIC="$(GIC)") \
	$(if $(NET_REPS),NET_REPS=$(NET_REPS)) $(if $(NET_MIB),NET_MIB=$(NET_MIB))
BENCH_NET = $(NET_ARGS) BENCH_OUT=$(BUILD)/bench \
	BENCH_COMMAND='$(strip make bench-net $(NET_ARGS))' \
	scripts/bench/net.sh $(BUILD)/zephyr.bin
.PHONY: bench-net
bench-net: $(BUILD)/zephyr.bin
	$(BENCH_NET)

# make bench-smp [GIC=2|3] [SMP_RUNS=N] [XEN_VERSION=4.17]: only the SMP
# figures (scripts/bench/smp.sh, about a minute): the test guest bench.bin
# with app=bench-smp on 2 CPUs, bare QEMU and a dom0less domU under Xen
# 4.20, GICv2 and GICv3 unless GIC is given, QEMU with MTTCG: a semaphore
# round trip on one CPU and across two, waking an idle CPU, and a parallel
# job's speedup on 2 CPUs against 1.  The table goes to
# $(BUILD)/bench/smp.md.
SMP_ARGS = $(if $(filter command line environment,$(origin GIC)),GIC="$(GIC)") \
	$(if $(SMP_RUNS),SMP_RUNS=$(SMP_RUNS)) \
	$(if $(filter command line environment,$(origin XEN_VERSION)),XEN_VERSION=$(XEN_VERSION))
BENCH_SMP = $(SMP_ARGS) BENCH_OUT=$(BUILD)/bench \
	BENCH_COMMAND='$(strip make bench-smp $(SMP_ARGS))' \
	scripts/bench/smp.sh $(GUEST_DIR)/bench.bin
.PHONY: bench-smp
bench-smp: guests
	$(BENCH_SMP)

# make bench-latency [LATENCY_LOOPS=N] [LATENCY_ROUNDS=N]
# [LATENCY_INTERVAL=US]: only the timer latency figures
# (scripts/bench/latency.sh, about 3 minutes): samples/latency as a domU
# and Debian's cyclictest in a Linux domU on the same Xen 4.17 test host
# (GICv3), without and with a load on the same vCPU, min, avg and max
# wake-up latency and their ratios, and on bare QEMU the sample (plain
# TCG and -icount) and the same Linux with cyclictest (-icount: a ratio
# in instructions).  The table goes to $(BUILD)/bench/latency.md.
LATENCY_ARGS = $(if $(LATENCY_LOOPS),LATENCY_LOOPS=$(LATENCY_LOOPS)) \
	$(if $(LATENCY_ROUNDS),LATENCY_ROUNDS=$(LATENCY_ROUNDS)) \
	$(if $(LATENCY_INTERVAL),LATENCY_INTERVAL=$(LATENCY_INTERVAL))
BENCH_LATENCY = $(LATENCY_ARGS) BENCH_OUT=$(BUILD)/bench \
	BENCH_COMMAND='$(strip make bench-latency $(LATENCY_ARGS))' \
	scripts/bench/latency.sh $(BUILD)/samples/latency.bin
.PHONY: bench-latency
bench-latency: $(BUILD)/samples/latency.bin
	$(BENCH_LATENCY)

# The README's first command as a user sees it: scripts/run.sh with keys
# typed in (Ctrl-], xl list, xl shutdown, exit).  After the other suites
# when asked together: one QEMU at a time.
.PHONY: boot-tests-run
boot-tests: boot-tests-run
boot-tests-run: $(BUILD)/zephyr.bin | \
		$(if $(filter boot-tests check,$(MAKECMDGOALS)),\
		boot-tests-bare boot-tests-xen boot-tests-bad-dtb boot-tests-xl)
	tests/boot/run-demo.sh $(BUILD)/tests/run

# A dom0less domU with xen,enhanced next to the Linux dom0: it waits for
# XenStore until dom0 runs init-dom0less, then uses it (one boot per GIC
# version).  After the other suites when asked together: one QEMU at a time.
.PHONY: boot-tests-dom0less-xs
boot-tests: boot-tests-dom0less-xs
boot-tests-dom0less-xs: $(BUILD)/zephyr.bin | \
		$(if $(filter boot-tests check,$(MAKECMDGOALS)),\
		boot-tests-bare boot-tests-xen boot-tests-bad-dtb boot-tests-xl \
		boot-tests-run)
	tests/boot/dom0less-xs.sh $(BUILD)/zephyr.bin $(BUILD)/tests/dom0less-xs

# The PV block frontend against Linux's xen-blkback in the dom0 test host:
# the shell guest's disk commands checked against the images in dom0 (one
# boot per GIC version, per Xen version).  After the other suites when
# asked together: one QEMU at a time.
.PHONY: boot-tests-blk
boot-tests: boot-tests-blk
# samples/disk, which the PV block suite runs too, built the way users
# build it (a make of its own: APP= picks the image's program).
.PHONY: disk-sample
disk-sample: | $(BUILD)/zephyr.bin
	$(Q)$(MAKE) --no-print-directory APP=samples/disk \
		IMAGE=$(BUILD)/samples/disk $(BUILD)/samples/disk.bin
boot-tests-blk: export DISK_SAMPLE := $(abspath $(BUILD)/samples/disk.bin)
boot-tests-blk: $(BUILD)/zephyr.bin disk-sample | \
		$(if $(filter boot-tests check,$(MAKECMDGOALS)),\
		boot-tests-bare boot-tests-xen boot-tests-bad-dtb boot-tests-xl \
		boot-tests-run boot-tests-dom0less-xs)
	@$(call per_xen,tests/boot/blk.sh,$(BUILD)/tests/blk)

# The PV network (netfront, lwIP and the apps) against Linux's xen-netback
# in the dom0 test host: guests on dom0's bridge (DHCP and static
# addresses, pings, the httpd page, 64 MiB over TCP each way, a guest
# pinging a guest, detach and attach), one boot per GIC version, per Xen
# version; and samples/echo-server (a program: POSIX sockets and threads)
# with 10 connections at once.  After the other suites when asked
# together: one QEMU at a time.
.PHONY: boot-tests-net
boot-tests: boot-tests-net
boot-tests-net: export ECHO_IMAGE := $(abspath $(BUILD)/samples/echo-server.bin)
boot-tests-net: $(BUILD)/zephyr.bin $(BUILD)/samples/echo-server.bin | \
		$(if $(filter boot-tests check,$(MAKECMDGOALS)),\
		boot-tests-bare boot-tests-xen boot-tests-bad-dtb boot-tests-xl \
		boot-tests-run boot-tests-dom0less-xs boot-tests-blk)
	@$(call per_xen,tests/boot/net.sh,$(BUILD)/tests/net)

# The PV network suite again with 64 MiB each way for each offload off
# on its own (netfront=no-csum, no-sg, no-gso; boot-tests-net checks them
# all on, and all off together).  Not part of boot-tests or check.
.PHONY: boot-tests-net-offloads
boot-tests-net-offloads: export ECHO_IMAGE := $(abspath $(BUILD)/samples/echo-server.bin)
boot-tests-net-offloads: export NET_OFFLOADS := no-csum no-sg no-gso
boot-tests-net-offloads: $(BUILD)/zephyr.bin $(BUILD)/samples/echo-server.bin
	@$(call per_xen,tests/boot/net.sh,$(BUILD)/tests/net)

# The flood suite's tools (tests/tools/flood): Linux programs for the
# arm64 dom0 test host, static against Debian's arm64 cross C library
# (libc6-dev-arm64-cross) and stripped, since they ride in its initramfs.
FLOOD_TOOLS := udp-flood syn-flood spoof-echo udp-echo slow-clients
FLOOD_BINS := $(patsubst %,$(BUILD)/tests/flood/%,$(FLOOD_TOOLS))
$(FLOOD_BINS): $(BUILD)/tests/flood/%: tests/tools/flood/%.c \
		tests/tools/flood/flood.c tests/tools/flood/flood.h
	$(call msg,CC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CC) -static -s -O2 -std=gnu11 $(WARNINGS) -iquote . -o $@ \
		$(filter %.c,$^)
.PHONY: flood-tools
flood-tools: $(FLOOD_BINS)

# The flood suite: the httpd guest and a shell guest with a disk on dom0's
# bridge under floods from dom0 (tests/tools/flood: UDP, SYN, a spoofed
# echo datagram, slow clients on each TCP service), pinged, fetched and
# summed during each and after it (one boot per GIC version, per Xen
# version, 5 to 10 minutes each).  Not part of boot-tests or check.
.PHONY: boot-tests-flood
boot-tests-flood: export FLOOD_TOOLS := $(BUILD)/tests/flood
boot-tests-flood: $(BUILD)/zephyr.bin $(FLOOD_BINS)
	@$(call per_xen,tests/boot/flood.sh,$(BUILD)/tests/flood-boot)

# make repeat SUITE=net N=5 [XEN_VERSION=...]: make boot-tests-SUITE N
# times in a row, each run's logs kept, then a pass/fail table and how
# often each test failed (scripts/repeat.sh): a flaky test shows.
.PHONY: repeat
repeat:
	@test -n "$(SUITE)" || { echo "make repeat SUITE=net N=5" >&2; exit 2; }
	scripts/repeat.sh $(SUITE) $(or $(N),5)
