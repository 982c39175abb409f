# Host unit tests of fdt/ (Check), included by the top-level Makefile.
#
#   make unit          build and run the tests, plain and under ASan+UBSan,
#                      then check dtb-probe's output on every stored DTB
#   make unit V=1      the same, showing the commands
#   CK_FORK=no build/host/unit-tests      run without forking (for gdb)
#
# Runs from the repo root; included by the top-level Makefile, which
# provides BUILD, HOST_CC, HOST_CFLAGS, FDT_HOST_SRCS, UNIT_CODE_SRCS (the
# kernel sources the tests link: fdt/ and the pure ring code), DTC,
# HOST_LIBFDT and the $(BUILD)/host/dtb-probe rule.

UNIT_Q := $(if $(V),,@)
unit_say = $(if $(V),,@printf '  %-7s %s\n' '$(1)' '$(2)';)

# test_block_sync.c is a binary of its own (unit-tests-stop, below).
UNIT_SRCS := $(filter-out tests/unit/test_block_sync.c,\
	$(wildcard tests/unit/*.c))
UNIT_HDRS := $(wildcard tests/unit/*.h fdt/*.h xen/console_ring.h xen/byte_ring.h \
	xen/xs_wire.h xen/xenbus.h kernel/page_ranges.h xen/grant_refs.h \
	xen/xenbus_seen.h xen/console_out.h xen/xs_reply.h \
	xen/gnttab_status.h drivers/smccc.h frontends/blkif_ring.h xen/shared_ring.h \
	frontends/vbd_name.h apps/cksum.h apps/bench_pattern.h net/netif_glue.h \
	kernel/bootargs.h frontends/netif_ring.h xen/grant_pool.h \
	xen/evtchn_backoff.h xen/evtchn_bound.h xen/vcpu_id.h boot/cpu.h \
	xen/cpu_hotplug.h \
	boot/fpsimd.h kernel/block.h kernel/mutex.h kernel/sem.h \
	kernel/siphash.h kernel/entropy_pool.h net/tcp_isn.h \
	apps/echo_policy.h net/rate_limit.h net/syn_cookie.h \
	kernel/tls_layout.h kernel/program_args.h xen/wallclock.h \
	kernel/realtime.h lib/sockaddr.h lib/dns.h lib/tty_line.h \
	lib/cpuset_mask.h include/sys/cpuset.h kernel/ticks.h frontends/vchan_ring.h \
	frontends/p9_wire.h frontends/p9_ring.h lib/file_path.h scripts/relr.h \
	lib/errno_map.h)

# The UART registry and every file defining a UART driver, so that a new
# driver's matching is tested without a line here; test_uart_match.c stubs
# what they call in the kernel.
UNIT_DRIVER_SRCS := drivers/uart.c \
	$(shell grep -lE '^const struct uart_driver \w+ = ' drivers/*.c)
# The same for the RTCs (tests/unit/test_rtc.c).
UNIT_DRIVER_SRCS += drivers/rtc.c \
	$(shell grep -lE '^const struct rtc_driver \w+ = ' drivers/*.c)
UNIT_HDRS += $(wildcard drivers/*.h) boot/mmu.h kernel/printk.h

# The stop's flushes (kernel/block_sync.c), with errno_name(), which it
# prints with: test_block_sync.c plays the block layer, the driver, the
# clock and printk they call, so it is a binary of its own: the main one
# links the real block layer (kernel/block.c, test_block.c).
UNIT_STOP_SRCS := tests/unit/test_block_sync.c kernel/block_sync.c \
	kernel/errno_name.c
UNIT_HDRS += kernel/block.h kernel/sem.h kernel/thread.h kernel/errno.h \
	boot/trap_frame.h boot/image.h

CRAFTED_DTS := $(wildcard tests/data/crafted/*.dts)
CRAFTED_DTBS := $(patsubst tests/data/crafted/%.dts,\
	$(BUILD)/tests/data/crafted/%.dtb,$(CRAFTED_DTS))

CHECK_CFLAGS := $(shell pkg-config --cflags check)
CHECK_LIBS := $(shell pkg-config --libs check)

# One link step per binary, so no -MMD: the prerequisites list the headers.
UNIT_CFLAGS = $(filter-out -MMD -MP,$(HOST_CFLAGS)) $(CHECK_CFLAGS) \
	-DTEST_BUILD_DIR='"$(BUILD)"'
UNIT_LIBS = $(HOST_LIBFDT) $(CHECK_LIBS)
UNIT_SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer

# -q: the crafted trees are malformed on purpose; dtc's warnings about
# that are expected.  Errors still fail the build.
$(BUILD)/tests/data/crafted/%.dtb: tests/data/crafted/%.dts
	$(call unit_say,DTC,$@)
	$(UNIT_Q)mkdir -p $(@D)
	$(UNIT_Q)$(DTC) -q -I dts -O dtb -o $@ $<

$(BUILD)/host/unit-tests: $(UNIT_SRCS) $(UNIT_CODE_SRCS) $(UNIT_DRIVER_SRCS) \
		$(UNIT_HDRS) $(HOST_LIBFDT)
	$(call unit_say,HOSTCC,$@)
	$(UNIT_Q)mkdir -p $(@D)
	$(UNIT_Q)$(HOST_CC) $(UNIT_CFLAGS) -o $@ $(UNIT_SRCS) \
		$(UNIT_CODE_SRCS) $(UNIT_DRIVER_SRCS) $(UNIT_LIBS)

$(BUILD)/host/unit-tests-asan: $(UNIT_SRCS) $(UNIT_CODE_SRCS) \
		$(UNIT_DRIVER_SRCS) $(UNIT_HDRS) $(HOST_LIBFDT)
	$(call unit_say,HOSTCC,$@)
	$(UNIT_Q)mkdir -p $(@D)
	$(UNIT_Q)$(HOST_CC) $(UNIT_CFLAGS) $(UNIT_SANITIZE) -o $@ \
		$(UNIT_SRCS) $(UNIT_CODE_SRCS) $(UNIT_DRIVER_SRCS) $(UNIT_LIBS)

$(BUILD)/host/unit-tests-stop: $(UNIT_STOP_SRCS) $(UNIT_HDRS)
	$(call unit_say,HOSTCC,$@)
	$(UNIT_Q)mkdir -p $(@D)
	$(UNIT_Q)$(HOST_CC) $(UNIT_CFLAGS) $(UNIT_SANITIZE) -o $@ \
		$(UNIT_STOP_SRCS) $(CHECK_LIBS)


.PHONY: unit unit-dtbs

unit-dtbs: $(CRAFTED_DTBS)

# Build everything first (in parallel with -j), then run the three checks
# one after another so their output does not interleave; all three run
# even if one fails, and unit fails if any did.
unit: $(BUILD)/host/unit-tests $(BUILD)/host/unit-tests-asan \
		$(BUILD)/host/unit-tests-stop $(BUILD)/host/dtb-probe \
		$(CRAFTED_DTBS)
	$(UNIT_Q)failed=; \
	echo '  TEST    $(BUILD)/host/unit-tests'; \
	$(BUILD)/host/unit-tests || failed="$$failed unit-tests"; \
	echo '  TEST    $(BUILD)/host/unit-tests-asan'; \
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		$(BUILD)/host/unit-tests-asan || failed="$$failed unit-tests-asan"; \
	echo '  TEST    $(BUILD)/host/unit-tests-stop (ASan+UBSan)'; \
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		$(BUILD)/host/unit-tests-stop || failed="$$failed unit-tests-stop"; \
	echo '  TEST    tests/unit/dtb-probe-test.sh'; \
	sh tests/unit/dtb-probe-test.sh $(BUILD)/host/dtb-probe $(BUILD) || \
		failed="$$failed dtb-probe-test.sh"; \
	if [ -n "$$failed" ]; then \
		echo "unit: FAILED:$$failed" >&2; exit 1; \
	fi; \
	echo 'unit: all passed'
