# make lint: clang-tidy and cppcheck over the kernel (as built for aarch64,
# with the kernel's own flags) and the host code (fdt/ and the pure Xen
# code as the tools and tests build them, the unit tests, the fuzzers,
# and the flood suite's tools in tests/tools/flood, Linux programs).
# Included through tests/fuzz/fuzz.mk; `make check` runs it.
#
#   make lint          clean, or the findings and a non-zero exit
#   make lint V=1      the same, showing the commands
#
# clang-tidy's checks and why: /.clang-tidy.  Accepted false positives,
# each with its reason: tests/lint/suppressions (clang-tidy) and
# tests/lint/cppcheck-suppressions.  clang-tidy runs per file and
# remembers a clean file (stamp in build/lint) until it, a header, the
# flags or the check list change; cppcheck is quick and always runs.
# lint-layers checks that no folder includes or calls one above it.

CLANG_TIDY ?= clang-tidy
CPPCHECK ?= cppcheck
export CLANG_TIDY
LINT_DIR := $(BUILD)/lint

LINT_TARGET_SRCS := $(filter %.c,$(KERNEL_SRCS) $(GUEST_SRCS))
# Programs (samples/, tests/programs/), read as make APP= builds them.
LINT_PROGRAM_SRCS := $(wildcard samples/*/*.c tests/programs/*/*.c)
LINT_HOST_SRCS := $(sort fdt/dtb-probe.c $(UNIT_CODE_SRCS) \
	$(wildcard tests/unit/*.c tests/fuzz/*.c tests/tools/flood/*.c))
LINT_HEADERS := $(wildcard */*.h */*/*.h include/*/*.h tests/guest/*/*.h \
	tests/tools/flood/*.h)

# clang parses the kernel as GCC builds it, for aarch64: the same include
# directories and defines.  Dropped: dependency output, and the one
# GCC-only optimisation flag clang does not know.
LINT_TARGET_FLAGS := --target=aarch64-linux-gnu \
	$(filter-out -MMD -MP -fno-tree-loop-distribute-patterns,$(KERNEL_CFLAGS))
LINT_HOST_FLAGS := $(filter-out -MMD -MP,$(HOST_CFLAGS)) $(CHECK_CFLAGS)
# The test guests built with FP/SIMD (FP_GUESTS) are read as built.
$(foreach g,$(FP_GUESTS),$(eval $(LINT_DIR)/target/tests/guest/$(g)/%.c.ok: \
	LINT_TARGET_FLAGS := \
	$(filter-out -mgeneral-regs-only,$(LINT_TARGET_FLAGS))))
LINT_TIDY_DEPS := .clang-tidy tests/lint/suppressions tests/lint/tidy.sh \
	tests/lint/lint.mk $(LINT_HEADERS)

LINT_PROGRAM_FLAGS := --target=aarch64-linux-gnu \
	$(filter-out -MMD -MP,$(PROGRAM_CFLAGS))
LINT_STAMPS := $(patsubst %,$(LINT_DIR)/target/%.ok,$(LINT_TARGET_SRCS)) \
	$(patsubst %,$(LINT_DIR)/program/%.ok,$(LINT_PROGRAM_SRCS)) \
	$(patsubst %,$(LINT_DIR)/host/%.ok,$(LINT_HOST_SRCS))

$(LINT_DIR)/target/%.c.ok: %.c $(LINT_TIDY_DEPS) | $(TARGET_LIBFDT) \
		$(PICOLIBC_LIBC) $(XEN_INCLUDE)/xen/xen.h
	$(call msg,TIDY,$<)
	$(Q)tests/lint/tidy.sh $@ tests/lint/suppressions $< -- \
		$(LINT_TARGET_FLAGS)

$(LINT_DIR)/program/%.c.ok: %.c $(LINT_TIDY_DEPS) | $(PICOLIBC_LIBC)
	$(call msg,TIDY,$<)
	$(Q)tests/lint/tidy.sh $@ tests/lint/suppressions $< -- \
		$(LINT_PROGRAM_FLAGS)

$(LINT_DIR)/host/%.c.ok: %.c $(LINT_TIDY_DEPS) | $(HOST_LIBFDT)
	$(call msg,HOSTTIDY,$<)
	$(Q)tests/lint/tidy.sh $@ tests/lint/suppressions $< -- \
		$(LINT_HOST_FLAGS)

# cppcheck: --enable=warning,portability adds real-bug classes (and
# 64-bit portability) to its default errors; style and performance are
# taste.  It reads the kernel with the same -I/-D as the build (libfdt's
# and Xen's headers included, so their macros are understood) but not
# the C library's headers (picolibc's, or libc's on the host), whose GNU
# extensions it cannot parse: its own library models stand in for them.
LINT_CPPCHECK := $(CPPCHECK) --quiet --enable=warning,portability \
	--std=c11 --platform=unix64 --error-exitcode=1 --inline-suppr \
	--suppress=missingIncludeSystem \
	--suppressions-list=tests/lint/cppcheck-suppressions
LINT_CPPCHECK_TARGET := -D__aarch64__ -D__GNUC__ \
	-D__XEN_INTERFACE_VERSION__=__XEN_LATEST_INTERFACE_VERSION__ \
	--include=kernel/visibility.h -I . \
	-I $(XEN_INCLUDE) -I $(TARGET_LIBFDT_ROOT)/usr/include
LINT_CPPCHECK_HOST := -D__x86_64__ -D__GNUC__ -I . -I $(XEN_INCLUDE)

.PHONY: lint lint-tidy lint-cppcheck lint-layers
lint: lint-layers lint-tidy lint-cppcheck
	@echo "lint: clean"

lint-tidy: $(LINT_STAMPS)

lint-cppcheck: | $(TARGET_LIBFDT) $(PICOLIBC_LIBC) $(XEN_INCLUDE)/xen/xen.h
	$(call msg,CPPCHECK,kernel)
	$(Q)$(LINT_CPPCHECK) $(LINT_CPPCHECK_TARGET) $(LINT_TARGET_SRCS)
	$(call msg,CPPCHECK,programs)
	$(Q)$(LINT_CPPCHECK) -D__aarch64__ -D__GNUC__ -I include \
		$(LINT_PROGRAM_SRCS)
	$(call msg,CPPCHECK,host)
	$(Q)$(LINT_CPPCHECK) $(LINT_CPPCHECK_HOST) $(LINT_HOST_SRCS)

# The folders' layers (tests/lint/layers.py has the order): includes from
# the sources, calls from the objects' undefined symbols (gcc-nm, which
# reads LTO objects' symbols too).
lint-layers: $(KERNEL_OBJS)
	$(call msg,LAYERS,kernel)
	$(Q)python3 tests/lint/layers.py --nm $(NM) \
		--objects $(BUILD)/target
