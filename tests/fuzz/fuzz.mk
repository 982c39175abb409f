# libFuzzer harnesses of the parsers of untrusted data, included by the
# top-level Makefile.  Each harness links the kernel's own sources (no
# copies of the logic), built for the host by clang with
# -fsanitize=fuzzer,address,undefined.
#
#   make fuzz                 random exploration: every harness for
#                             FUZZ_SECONDS (default 120), corpus kept
#   make fuzz FUZZ_SECONDS=30
#   make fuzz-smoke           part of make check, and deterministic: every
#                             harness replays its seeds and stored
#                             regression inputs, then makes FUZZ_SMOKE_RUNS
#                             mutations from a fixed FUZZ_SMOKE_SEED
#   build/fuzz/fuzz_NAME build/fuzz/crashes/NAME/crash-...   replay a crash
#
# Grown corpora stay in build/fuzz/corpus/NAME (untracked, kept between
# runs); seeds are rebuilt in build/fuzz/seeds/NAME from tracked data:
# the test DTBs, tests/fuzz/seeds.sh, and tests/data/fuzz/NAME-*, the
# inputs earlier runs found (each also a unit test).
# The top Makefile provides BUILD, FDT_SRCS, UNIT_CODE_SRCS, HOST_LIBFDT
# and CRAFTED_DTBS (from unit.mk).

FUZZ_CC ?= clang
FUZZ_SECONDS ?= 120
FUZZ_SMOKE_RUNS ?= 50000
FUZZ_SMOKE_SEED ?= 1
FUZZ_DIR := $(BUILD)/fuzz

# -O1 -g: fast enough to fuzz, still readable stack traces.  Crashes must
# stop the run: no sanitizer recovery.
FUZZ_CFLAGS := -O1 -g -std=gnu11 -Wall -Wextra -Werror -iquote . \
	$(HOST_LIBFDT_INCLUDE) \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer

# Per harness: the kernel sources it tests and the libraries they need.
# libfdt itself is Debian's (the release the kernel links, built for the
# host: see HOST_LIBFDT in the top Makefile), not instrumented: coverage guidance stops at its entry points,
# though ASan still checks its memcmp/strlen/strnlen calls.
FUZZ_HARNESSES := fdt_probe console_ring xs_wire blkif_ring netif_ring \
	tcp_peek cpu_hotplug tso vchan_ring p9_wire p9_ring
fuzz_srcs_fdt_probe := $(FDT_SRCS)
fuzz_libs_fdt_probe := $(HOST_LIBFDT)
# The pure Xen ring code the unit tests link too (console_ring.c and what
# it is built on), and errno_name(), which xs_wire.c reads Xen's error
# names from.
fuzz_srcs_console_ring := $(filter xen/%,$(UNIT_CODE_SRCS)) \
	kernel/errno_name.c
fuzz_libs_console_ring :=
fuzz_srcs_xs_wire := xen/xs_wire.c xen/byte_ring.c kernel/errno_name.c
fuzz_libs_xs_wire :=
fuzz_srcs_blkif_ring := frontends/blkif_ring.c
fuzz_libs_blkif_ring :=
fuzz_srcs_netif_ring := frontends/netif_ring.c
fuzz_libs_netif_ring :=
fuzz_srcs_tcp_peek := net/syn_cookie.c kernel/siphash.c
fuzz_libs_tcp_peek :=
fuzz_srcs_cpu_hotplug := xen/cpu_hotplug_path.c
fuzz_libs_cpu_hotplug :=
fuzz_srcs_tso := net/tso.c
fuzz_libs_tso :=
fuzz_srcs_vchan_ring := frontends/vchan_ring.c
fuzz_libs_vchan_ring :=
fuzz_srcs_p9_wire := frontends/p9_wire.c
fuzz_libs_p9_wire :=
fuzz_srcs_p9_ring := frontends/p9_ring.c
fuzz_libs_p9_ring :=

FUZZ_BINS := $(patsubst %,$(FUZZ_DIR)/fuzz_%,$(FUZZ_HARNESSES))

define fuzz_harness
$(FUZZ_DIR)/fuzz_$(1): tests/fuzz/fuzz_$(1).c $(fuzz_srcs_$(1)) \
		$(wildcard fdt/*.h xen/*.h frontends/*.h net/*.h kernel/*.h) tests/fuzz/script.h | $(HOST_LIBFDT)
	$$(call msg,FUZZCC,$$@)
	@mkdir -p $$(@D)
	$$(Q)$$(FUZZ_CC) $$(FUZZ_CFLAGS) -o $$@ $$< $(fuzz_srcs_$(1)) \
		$(fuzz_libs_$(1))
endef
$(foreach h,$(FUZZ_HARNESSES),$(eval $(call fuzz_harness,$(h))))

# Seeds: every DTB in the test data (named after its folder too: Xen
# 4.17's and 4.20's DTBs share names); hand-written ring scripts (seeds.sh);
# every stored regression input, tests/data/fuzz/HARNESS-*.  Rebuilt each
# time (cheap) so a removed test DTB does not linger.
.PHONY: fuzz-seeds
fuzz-seeds: $(CRAFTED_DTBS)
	$(Q)rm -rf $(FUZZ_DIR)/seeds
	$(Q)mkdir -p $(FUZZ_DIR)/seeds/fdt_probe
	$(Q)for f in $(wildcard tests/data/*/*.dtb) $(CRAFTED_DTBS); do \
		d=$${f%/*}; \
		cp "$$f" $(FUZZ_DIR)/seeds/fdt_probe/$${d##*/}-$${f##*/}; \
	done
	$(Q)tests/fuzz/seeds.sh $(FUZZ_DIR)/seeds
	$(Q)for h in $(FUZZ_HARNESSES); do \
		for f in tests/data/fuzz/$$h-*; do \
			[ ! -e "$$f" ] || cp "$$f" $(FUZZ_DIR)/seeds/$$h/; \
		done; \
	done

# One harness after another (they would only compete for the CPUs), all
# of them even if one crashes; fail at the end if any did.
# fuzz_run MODE LIMIT: MODE smoke starts from an empty scratch corpus and
# LIMIT counts mutations; MODE full grows the kept corpus for LIMIT
# seconds.
define fuzz_run
	$(Q)failed=; for h in $(FUZZ_HARNESSES); do \
		corpus=$(FUZZ_DIR)/$(if $(filter smoke,$(1)),smoke,corpus)/$$h; \
		$(if $(filter smoke,$(1)),rm -rf $$corpus;) \
		FUZZ_SEED=$(FUZZ_SMOKE_SEED) tests/fuzz/run.sh $(1) $$h $(FUZZ_DIR)/fuzz_$$h $(2) $$corpus \
			$(FUZZ_DIR)/seeds/$$h $(FUZZ_DIR) || failed="$$failed $$h"; \
	done; \
	if [ -n "$$failed" ]; then echo "fuzz: crashed:$$failed" >&2; exit 1; fi
endef

.PHONY: fuzz fuzz-smoke fuzz-build
fuzz-build: $(FUZZ_BINS)

fuzz: $(FUZZ_BINS) fuzz-seeds
	$(call fuzz_run,full,$(FUZZ_SECONDS))
	@echo "fuzz: no crashes"

fuzz-smoke: $(FUZZ_BINS) fuzz-seeds
	$(call fuzz_run,smoke,$(FUZZ_SMOKE_RUNS))

# The static analysis that goes with the fuzzing (make lint), in its own
# fragment; included from here so the top Makefile needs one line for both.
-include tests/lint/lint.mk
