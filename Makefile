# Osprey: a Xen guest kernel for ARMv8 that configures itself from the DTB.
#
#   make            build/zephyr.bin and build/zephyr.elf, the product:
#                   the kernel, its apps and samples/synchronization
#   make APP=DIR    build/zephyr.bin with the program in DIR instead
#                   (every .c file there, and DIR/app.mk if present)
#   make samples    build/samples/NAME.bin for each samples/NAME/
#   make guests     build/tests/guest/NAME.bin (and .elf), the test guests
#   make tools      build/host/dtb-probe
#   make check      every test (unit, sanitized unit, boot tests)
#   make run        boot under Xen in QEMU (GIC=2|3), show the output
#   V=1             show the commands
#
# `make check` and `make run` expect the packages scripts/setup.sh installs.

CROSS_COMPILE ?= aarch64-linux-gnu-
CC := $(CROSS_COMPILE)gcc
LD := $(CROSS_COMPILE)ld
OBJCOPY := $(CROSS_COMPILE)objcopy
READELF := $(CROSS_COMPILE)readelf
HOST_CC ?= cc
DTC ?= dtc
BUILD := build
GIC ?= 3

export XENGUEST_CACHE ?= $(HOME)/.cache/xenguest
# libfdt is Debian 13's (1.7.2), for the kernel and for every host build
# (dtb-probe, unit tests, fuzzers), so all of them run the same library.
# Debian 12's 1.6.1 loops forever in fdt_check_full() on a property whose
# length wraps the offset (fixed in dtc 1.7.0) and recurses without bound
# in fdt_path_offset() on an alias that is not an absolute path (1.7.1).
# Only the static libraries and headers are used, unpacked into the cache
# by scripts/fetch-deb.sh; nothing from Debian 13 is installed.
HOST_DEB_ARCH := $(shell dpkg --print-architecture 2>/dev/null)
HOST_MULTIARCH := $(shell $(HOST_CC) -print-multiarch 2>/dev/null)
TARGET_LIBFDT_ROOT := $(XENGUEST_CACHE)/libfdt-arm64
TARGET_LIBFDT := $(TARGET_LIBFDT_ROOT)/usr/lib/aarch64-linux-gnu/libfdt.a
HOST_LIBFDT_ROOT := $(XENGUEST_CACHE)/libfdt-$(HOST_DEB_ARCH)
HOST_LIBFDT := $(HOST_LIBFDT_ROOT)/usr/lib/$(HOST_MULTIARCH)/libfdt.a
HOST_LIBFDT_INCLUDE := -isystem $(HOST_LIBFDT_ROOT)/usr/include
# picolibc, the C library, is Debian 13's 1.8.10 (Architecture: all),
# unpacked into the cache like libfdt.  Not Debian 12's 1.8: its abort()
# raises a signal (we would have to fake getpid and kill) and keeps a
# 256-byte signal table in every thread's TLS.  Its specs file hard-wires
# /usr/lib/picolibc, so the include directory and libc.a are named here.
# lib/ is the size build (C byte-loop string functions, no SIMD in them);
# lib/release/ (asm and SIMD) is 6.5 KiB larger for the same functions.
PICOLIBC_ROOT := $(XENGUEST_CACHE)/picolibc
PICOLIBC := $(PICOLIBC_ROOT)/usr/lib/picolibc/aarch64-linux-gnu
PICOLIBC_LIBC := $(PICOLIBC)/lib/libc.a

ifeq ($(V),1)
Q :=
msg = @true
else
Q := @
msg = @printf '  %-7s %s\n' $(1) $(2)
endif

# lwIP, the TCP/IP stack under net/: Debian 13's source package, unpacked
# with Debian's patches into the cache by scripts/fetch-lwip.sh (never
# committed here), built with the kernel's flags and net/lwipopts.h.  Only
# the files our options use; --gc-sections drops what no app calls.
LWIP_DIR := $(XENGUEST_CACHE)/lwip
LWIP_STAMP := $(LWIP_DIR)/.osprey-unpacked
LWIP_SRCS := core/init.c core/def.c core/inet_chksum.c core/ip.c \
	core/mem.c core/memp.c core/netif.c core/pbuf.c core/raw.c core/sys.c \
	core/stats.c core/tcp.c core/tcp_in.c core/tcp_out.c core/timeouts.c \
	core/udp.c core/dns.c \
	core/ipv4/dhcp.c core/ipv4/etharp.c core/ipv4/icmp.c \
	core/ipv4/ip4.c core/ipv4/ip4_addr.c netif/ethernet.c \
	api/api_lib.c api/api_msg.c api/err.c api/netbuf.c api/tcpip.c
# lwIP's socket layer works for programs: built with their errno
# (net/arch/cc.h), with lwIP's err_t table (api/err.c) a second time for
# it.  An image links it only if its program makes a socket.
LWIP_PROGRAM_SRCS := api/sockets.c api/err.c
LWIP_OBJS := $(patsubst %,$(BUILD)/lwip/%.o,$(LWIP_SRCS)) \
	$(patsubst %,$(BUILD)/lwip-program/%.o,$(LWIP_PROGRAM_SRCS))
# -I, not -isystem: -MMD then lists lwIP's headers and net/lwipopts.h
# (included from them), so changing an option rebuilds what it changes.
LWIP_INCLUDE := -iquote net -I $(LWIP_DIR)/src/include
# lwIP's own code, not ours: what its style trips (unused parameters in
# configurations we left out, sign comparisons) is not ours to fix.
# It runs only after the MMU is on, where unaligned loads are allowed:
# -mno-strict-align makes its packet parsing 1.9 KB smaller.  Not under
# LTO (LTO=y, below): its code is inlined into ours and ours into it,
# and code that may run with the MMU off (Device memory: unaligned
# accesses fault) must not pick up unaligned loads that way.
UNALIGNED_CFLAGS = $(if $(filter y,$(LTO)),,-mno-strict-align)
LWIP_CFLAGS = $(UNALIGNED_CFLAGS) \
	-Wno-unused-parameter -Wno-sign-compare -Wno-address
# net/ and frontends/ are built the same way (350 bytes less), for the
# same reason and under the same condition: they run on threads, long
# after the MMU is on, and touch only Normal cacheable memory (lwIP's
# pbufs, the kernel's pages, the shared rings and grant pages, mapped
# Normal by xen/physmap.c); never a device's registers.  What they do to
# a device goes through a hypercall or an event channel.
$(BUILD)/target/net/%.c.o $(BUILD)/target/frontends/%.c.o: \
	KERNEL_CFLAGS += $(UNALIGNED_CFLAGS)

WARNINGS := -Wall -Wextra -Werror
GCC_INCLUDE := $(shell $(CC) -print-file-name=include 2>/dev/null)

# Freestanding static PIE.  -mgeneral-regs-only: the kernel's own C
# never computes in FP/SIMD registers (a double there fails to build) and
# is 160 bytes smaller for it; the libraries it links may use them, and
# each thread's are its own (boot/fpsimd.h).  -mstrict-align: code may
# run before the MMU is on.
# For size (zephyr.bin carries lwIP): -mcmodel=tiny, since the image and
# its bss span well under 1 MiB, so one ADR reaches any symbol where the
# small model needs ADRP+ADD (4 KiB less); no frame pointer (1.6 KiB
# less; nothing walks frames: a fault dumps the registers).
# -ftls-model=local-exec: one static image, so every __thread variable is
# at a link-time offset from tpidr_el0 (kernel/tls_layout.h); -fpie would
# otherwise reach an extern one through a GOT slot.
# Xen's public headers come from libxen-dev through a directory holding
# only them, so no other host header can leak into the kernel.
XEN_INCLUDE := $(BUILD)/include
# include/ is what programs include (POSIX headers picolibc lacks, and
# <osprey/...>); lib/ implements it with the kernel's flags.
PROGRAM_INCLUDE := -isystem $(CURDIR)/include -isystem $(PICOLIBC)/include \
	-isystem $(GCC_INCLUDE)
KERNEL_CFLAGS := $(WARNINGS) -Os -g -std=gnu11 -ffreestanding -nostdinc \
	$(PROGRAM_INCLUDE) \
	-isystem $(TARGET_LIBFDT_ROOT)/usr/include -isystem $(XEN_INCLUDE) \
	-D__XEN_INTERFACE_VERSION__=__XEN_LATEST_INTERFACE_VERSION__ \
	-iquote . -include kernel/visibility.h \
	-fpie -mcmodel=tiny -fno-stack-protector -fomit-frame-pointer \
	-fno-tree-loop-distribute-patterns -mgeneral-regs-only \
	-mstrict-align -mno-outline-atomics -ffunction-sections \
	-fdata-sections -ftls-model=local-exec -MMD -MP $(LWIP_INCLUDE)
KERNEL_ASFLAGS := -D__ASSEMBLER__ -iquote . -iquote boot -MMD -MP
# --wrap: lwIP's ICMP errors pass through net/icmp_limit.c's rate limit.
KERNEL_LDFLAGS := -static -pie --no-dynamic-linker -z norelro \
	-z noexecstack --build-id=none --no-warn-rwx-segments \
	--gc-sections -T boot/kernel.ld --wrap=icmp_dest_unreach

# LTO=y, the default: the kernel's C, lwIP and apps are compiled to
# GCC's IR and optimized as one at the link (gcc is then the link
# driver, with the same code generation flags); about 10 KB smaller.
# LTO=n builds each object on its own (faster to rebuild, and objects nm
# can read).  Out of it: boot/ (the
LTO ?= y
ifneq ($(filter-out y n,$(LTO)),)
$(error LTO is y or n)
endif
LTO_CFLAGS := $(if $(filter y,$(LTO)),-flto)
NM := $(CROSS_COMPILE)gcc-nm
comma := ,

FDT_SRCS := fdt/bindings.c fdt/dt_read.c fdt/probe.c fdt/report.c \
	fdt/xen_regions.c
# Every image holds the kernel: boot/ to net/, lib/ (what programs call)
# and init/.  The product adds its apps (apps/: shell, httpd, ...) and a
# program; an image built with APP=DIR holds that program and no apps.
# init/program.c starts a program's main(); only images with one link it.
PROGRAM_ENTRY := init/program.c
CORE_SRCS := $(wildcard boot/*.S boot/*.c kernel/*.c drivers/*.c xen/*.c \
	xen/*.S frontends/*.c net/*.c lib/*.c) $(filter-out $(PROGRAM_ENTRY),\
	$(wildcard init/*.c)) $(FDT_SRCS)
APPS_SRCS := $(wildcard apps/*.c)
# NET=n, BLK=n: an image without the network (netfront, lwIP, the
# sockets programs call, the network apps) or without the block driver
# (blkfront, the block layer, the disk app): what a guest that needs
# neither costs.  Build it in a build dir of its own (BUILD=...), since
# the objects that wire the part in (kernel/features.h) differ.
NET ?= y
BLK ?= y
P9FS ?= y
ifneq ($(filter-out y n,$(NET) $(BLK) $(P9FS)),)
$(error NET, BLK and P9FS are y or n)
endif
NET_ONLY_SRCS := $(wildcard net/*.c) frontends/netfront.c frontends/netif_ring.c \
	apps/httpd.c apps/net_cmd.c apps/tcp_bench.c apps/tcp_server.c \
	apps/udp_echo.c apps/echo_policy.c lib/dns.c lib/osprey_net.c \
	lib/socket.c lib/socket_conn.c lib/socket_io.c lib/sockopt.c \
	lib/getaddrinfo.c lib/getnameinfo.c lib/sockaddr.c lib/inet.c
BLK_ONLY_SRCS := kernel/block.c kernel/block_sync.c frontends/blkfront.c \
	frontends/blkif_ring.c frontends/vbd_name.c lib/osprey_block.c apps/disk.c
# P9FS=n: without the 9pfs frontend and the files on its shares.
P9FS_ONLY_SRCS := frontends/9pfs.c frontends/p9_file.c frontends/p9_wire.c \
	frontends/p9_ring.c lib/file.c lib/file_path.c lib/dir.c apps/file_cmd.c
LEFT_OUT_SRCS := $(if $(filter n,$(NET)),$(NET_ONLY_SRCS)) \
	$(if $(filter n,$(BLK)),$(BLK_ONLY_SRCS)) \
	$(if $(filter n,$(P9FS)),$(P9FS_ONLY_SRCS))
CORE_SRCS := $(filter-out $(LEFT_OUT_SRCS),$(CORE_SRCS))
APPS_SRCS := $(filter-out $(LEFT_OUT_SRCS),$(APPS_SRCS))
ifeq ($(NET),n)
LWIP_OBJS :=
KERNEL_CFLAGS += -DOSPREY_NET=0
endif
ifeq ($(BLK),n)
KERNEL_CFLAGS += -DOSPREY_BLK=0
endif
ifeq ($(P9FS),n)
KERNEL_CFLAGS += -DOSPREY_9PFS=0
endif
KERNEL_SRCS := $(CORE_SRCS) $(APPS_SRCS) $(PROGRAM_ENTRY)
CORE_OBJS := $(patsubst %,$(BUILD)/target/%.o,$(CORE_SRCS)) $(LWIP_OBJS)
APPS_OBJS := $(patsubst %,$(BUILD)/target/%.o,$(APPS_SRCS))
KERNEL_OBJS := $(CORE_OBJS) $(APPS_OBJS)

# The program: a folder of C files built hosted against picolibc and
# include/ (README "Write your own program").  DIR/app.mk, if present,
# may add sources (APP_SRCS, absolute or relative to APP_DIR), flags
# (APP_CFLAGS) and rules that fetch them, pick printf's variant
# (APP_PRINTF: double, the default, or integer, 4 KiB smaller and
# without %f), and give main()'s thread a larger stack (APP_STACK, in
# bytes; the kernel's 16 KiB by default).  Its rules do not change
# what plain `make` builds (.DEFAULT_GOAL).
IMAGE ?= $(BUILD)/zephyr
APP_DIR := $(abspath $(or $(APP),samples/synchronization))
ifneq ($(APP),)
ifeq ($(wildcard $(APP_DIR)/.),)
$(error APP=$(APP): no such folder)
endif
endif
PROGRAM_NAME := $(notdir $(APP_DIR))
APP_SRCS :=
APP_CFLAGS :=
APP_PRINTF := double
APP_STACK := 0
.DEFAULT_GOAL := all
-include $(APP_DIR)/app.mk
PROGRAM_SRCS := $(wildcard $(APP_DIR)/*.c) \
	$(foreach f,$(APP_SRCS),$(if $(filter /%,$(f)),$(f),$(APP_DIR)/$(f)))
ifeq ($(strip $(PROGRAM_SRCS)),)
$(error APP=$(APP): $(APP_DIR) holds no .c file and app.mk adds none)
endif
PROGRAM_BUILD := $(BUILD)/program$(APP_DIR)
PROGRAM_OBJS := $(patsubst /%,$(BUILD)/program/%.o,$(PROGRAM_SRCS)) \
	$(PROGRAM_BUILD)/.entry.o
# Programs are hosted C: no -ffreestanding, FP/SIMD allowed (each
# thread's registers are its own), the small code model (a program may
# be large), unaligned accesses allowed (they run with the MMU on).
PROGRAM_CFLAGS := $(WARNINGS) -Os -g -std=gnu11 -nostdinc $(PROGRAM_INCLUDE) \
	-fpie -fno-stack-protector -ffunction-sections -fdata-sections \
	-ftls-model=local-exec -MMD -MP $(APP_CFLAGS)
PRINTF_double := --defsym=vfprintf=__d_vfprintf --defsym=vfscanf=__d_vfscanf
PRINTF_integer := --defsym=vfprintf=__i_vfprintf --defsym=vfscanf=__i_vfscanf
ifeq ($(PRINTF_$(APP_PRINTF)),)
$(error APP_PRINTF=$(APP_PRINTF): double or integer)
endif

# Test guests, one folder each as in XTF: tests/guest/NAME/ becomes
# build/tests/guest/NAME.bin, the product's objects (so app=NAME and the
# product apps work there too) plus that folder's sources and
# tests/guest/common/, what two tests share (--gc-sections drops what a
# test does not call).
GUEST_COMMON_SRCS := $(wildcard tests/guest/common/*.c)
GUESTS := $(filter-out common,$(notdir $(wildcard tests/guest/*)))
GUEST_SRCS := $(GUEST_COMMON_SRCS) \
	$(foreach g,$(GUESTS),$(wildcard tests/guest/$(g)/*.c))
GUEST_ELFS := $(patsubst %,$(BUILD)/tests/guest/%.elf,$(GUESTS))
guest_objs = $(patsubst %,$(BUILD)/target/%.o,$(GUEST_COMMON_SRCS) \
	$(wildcard tests/guest/$(1)/*.c))
# Test guests that compute in FP/SIMD registers from C, as programs will:
# their own folder is built without -mgeneral-regs-only.
FP_GUESTS := fp-threads
FP_CFLAGS := $(filter-out -mgeneral-regs-only,$(KERNEL_CFLAGS))
$(foreach g,$(FP_GUESTS),$(eval \
	$(BUILD)/target/tests/guest/$(g)/%.c.o: KERNEL_CFLAGS := $(FP_CFLAGS)))
$(foreach g,$(FP_GUESTS),$(eval \
	$(BUILD)/target/tests/guest/$(g)/%.c.o: LTO_CFLAGS :=))
$(BUILD)/target/boot/%.c.o $(BUILD)/target/net/icmp_limit.c.o \
	$(BUILD)/lwip/core/ipv4/icmp.c.o $(BUILD)/lwip/core/ipv4/ip4.c.o \
	$(BUILD)/lwip/core/udp.c.o: LTO_CFLAGS :=

HOST_CFLAGS := $(WARNINGS) -O2 -g -std=gnu11 -iquote . $(HOST_LIBFDT_INCLUDE) \
	-MMD -MP
FDT_HOST_SRCS := $(FDT_SRCS)
# The kernel's pure code, linked by the host unit tests as it is: fdt/,
# the page allocator's bookkeeping, the Xen ring and protocol code, and
# the block layer (tests/unit/test_block.c stubs its mutexes and
# semaphores).
UNIT_CODE_SRCS := $(FDT_SRCS) kernel/page_ranges.c xen/byte_ring.c \
	xen/console_ring.c xen/xs_wire.c xen/xenbus_state.c xen/grant_refs.c \
	xen/xenbus_seen.c xen/console_out.c xen/xs_reply.c \
	xen/gnttab_status.c drivers/smccc_uid.c frontends/blkif_ring.c \
	frontends/vbd_name.c apps/cksum.c kernel/bootargs.c kernel/bootarg_options.c net/ip_config.c \
	frontends/netif_ring.c xen/grant_pool.c xen/evtchn_backoff.c \
	xen/evtchn_bound.c xen/cpu_hotplug_path.c kernel/block.c kernel/errno_name.c lib/errno_map.c kernel/siphash.c \
	kernel/entropy_pool.c \
	net/tcp_isn.c net/csum_blank.c net/tso.c apps/echo_policy.c net/rate_limit.c net/syn_cookie.c \
	kernel/tls_layout.c kernel/program_args.c xen/wallclock.c \
	lib/inet.c lib/sockaddr.c lib/getaddrinfo.c lib/getnameinfo.c \
	lib/tty_line.c drivers/gic_cpus.c lib/cpuset_mask.c kernel/ticks.c \
	frontends/vchan_ring.c frontends/p9_wire.c frontends/p9_ring.c \
	lib/file_path.c scripts/relr.c
FDT_HOST_OBJS := $(patsubst %,$(BUILD)/host/%.o,$(FDT_HOST_SRCS))

.PHONY: all guests tools check run run-bare clean
all: $(IMAGE).bin
guests: $(GUEST_ELFS:.elf=.bin)

$(TARGET_LIBFDT):
	$(call msg,FETCH,libfdt-dev:arm64)
	$(Q)scripts/fetch-deb.sh --root libfdt-arm64 --suite trixie \
		libfdt-dev >/dev/null

$(PICOLIBC_LIBC):
	$(call msg,FETCH,picolibc-aarch64-linux-gnu)
	$(Q)scripts/fetch-deb.sh --root picolibc --suite trixie --arch all \
		picolibc-aarch64-linux-gnu >/dev/null

$(HOST_LIBFDT):
	$(call msg,FETCH,libfdt-dev:$(HOST_DEB_ARCH))
	$(Q)scripts/fetch-deb.sh --root libfdt-$(HOST_DEB_ARCH) --suite trixie \
		--arch $(HOST_DEB_ARCH) libfdt-dev >/dev/null

$(XEN_INCLUDE)/xen/xen.h:
	@mkdir -p $(XEN_INCLUDE)
	$(Q)ln -sfn /usr/include/xen $(XEN_INCLUDE)/xen
	@test -f $@ || { echo "Xen public headers missing: run scripts/setup.sh" >&2; exit 1; }

# arch-arm/smccc.h includes "public/xen.h", its name inside Xen's tree.
$(XEN_INCLUDE)/public/xen.h: | $(XEN_INCLUDE)/xen/xen.h
	$(Q)ln -sfn /usr/include/xen $(XEN_INCLUDE)/public

$(BUILD)/target/%.c.o: %.c | $(TARGET_LIBFDT) $(PICOLIBC_LIBC) \
		$(XEN_INCLUDE)/xen/xen.h $(XEN_INCLUDE)/public/xen.h $(LWIP_STAMP)
	$(call msg,CC,$<)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(KERNEL_CFLAGS) $(LTO_CFLAGS) -c $< -o $@

$(LWIP_STAMP):
	$(call msg,FETCH,lwip)
	$(Q)scripts/fetch-lwip.sh >/dev/null

# The sources exist once the stamp does (an order-only edge: unpacking
# again must not rebuild what did not change).
$(LWIP_DIR)/src/%.c: | $(LWIP_STAMP) ;

$(BUILD)/lwip/%.c.o: $(LWIP_DIR)/src/%.c
	$(call msg,CC,lwip/$*.c)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(KERNEL_CFLAGS) $(LWIP_CFLAGS) $(LTO_CFLAGS) -c $< -o $@

$(BUILD)/lwip-program/%.c.o: $(LWIP_DIR)/src/%.c
	$(call msg,CC,lwip-program/$*.c)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(KERNEL_CFLAGS) $(LWIP_CFLAGS) $(LTO_CFLAGS) \
		-DNET_LWIP_PROGRAM_ERRNO -c $< -o $@

# What the program's objects were built with: a change of flags, name or
# folder rebuilds them (and relinks the image).
PROGRAM_BUILT_WITH := $(PROGRAM_CFLAGS) $(PROGRAM_NAME) $(APP_PRINTF) \
	$(APP_STACK)
$(PROGRAM_BUILD)/.flags: FORCE
	@mkdir -p $(dir $@)
	@echo '$(PROGRAM_BUILT_WITH)' | cmp -s - $@ || \
		echo '$(PROGRAM_BUILT_WITH)' >$@

$(BUILD)/program/%.c.o: /%.c $(PROGRAM_BUILD)/.flags | $(PICOLIBC_LIBC)
	$(call msg,CC,/$*.c)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(PROGRAM_CFLAGS) -c $< -o $@

$(PROGRAM_BUILD)/.entry.o: $(PROGRAM_ENTRY) $(PROGRAM_BUILD)/.flags \
		| $(PICOLIBC_LIBC) $(XEN_INCLUDE)/xen/xen.h \
		$(XEN_INCLUDE)/public/xen.h $(LWIP_STAMP)
	$(call msg,CC,$<)
	$(Q)$(CC) $(KERNEL_CFLAGS) -DPROGRAM_NAME='"$(PROGRAM_NAME)"' \
		-DPROGRAM_STACK='$(APP_STACK)' -c $< -o $@

.PHONY: FORCE
FORCE:

$(BUILD)/target/%.S.o: %.S
	$(call msg,AS,$<)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(KERNEL_ASFLAGS) -c $< -o $@

# The libraries every image links, in one group: libfdt calls picolibc's
# string functions; picolibc calls libgcc (outline atomics, soft long
# double) and the kernel's hooks (kernel/libc_lock.c).  printf is
# picolibc's integer variant (width and precision kept, no %f): the
# double one is 4 KiB more, for an image whose app needs it.
# The --defsym names its target before the archives are searched, or ld
# never pulls it in.
LIBGCC := $(shell $(CC) -print-libgcc-file-name 2>/dev/null)
LIBC_PRINTF := $(PRINTF_integer)
KERNEL_LIBS := --start-group $(TARGET_LIBFDT) $(PICOLIBC_LIBC) $(LIBGCC) \
	--end-group

# link_image: $@ from the objects among its prerequisites and the
# libraries.  The entry code applies only R_AARCH64_RELATIVE: refuse any
# other kind; and refuse picolibc members the kernel replaces (the map).
# With LTO, gcc drives ld (its LTO plugin), generating code with the
# kernel's flags; ld's own flags pass through -Wl.
LTO_LINK_FLAGS := -Os -g -fpie -mcmodel=tiny -fno-stack-protector \
	-fomit-frame-pointer -fno-tree-loop-distribute-patterns \
	-mgeneral-regs-only -mstrict-align -mno-outline-atomics \
	-ffunction-sections -fdata-sections -ftls-model=local-exec \
	-flto=auto $(WARNINGS) -nostdlib -nostartfiles -no-pie
ifeq ($(LTO),y)
LINK = $(CC) $(LTO_LINK_FLAGS) \
	$(addprefix -Wl$(comma),$(KERNEL_LDFLAGS) $(LIBC_PRINTF) -Map=$@.map)
LINK_LIBS = $(addprefix -Wl$(comma),$(KERNEL_LIBS))
else
LINK = $(LD) $(KERNEL_LDFLAGS) $(LIBC_PRINTF) -Map=$@.map
LINK_LIBS = $(KERNEL_LIBS)
endif
define link_image
	$(call msg,LD,$@)
	@mkdir -p $(dir $@)
	$(Q)$(LINK) -o $@ $(filter %.o,$^) $(LINK_LIBS)
	$(Q)scripts/check-relocs.sh $(READELF) $@
	$(Q)scripts/check-libc-link.sh $@.map
endef

# The product keeps its apps; an APP=DIR image is the kernel and DIR.
# Which one an image is, is in its prerequisites (the .program stamp), so
# switching APP relinks.
$(IMAGE).elf: LIBC_PRINTF := $(PRINTF_$(APP_PRINTF))
$(IMAGE).elf: $(CORE_OBJS) $(if $(APP),,$(APPS_OBJS)) $(PROGRAM_OBJS) \
		$(IMAGE).program $(TARGET_LIBFDT) $(PICOLIBC_LIBC) \
		boot/kernel.ld
	$(link_image)

$(IMAGE).program: FORCE
	@mkdir -p $(dir $@)
	@echo '$(APP_DIR) $(if $(APP),app,product)' | cmp -s - $@ || \
		echo '$(APP_DIR) $(if $(APP),app,product)' >$@

# Each sample through the path users take: make APP=samples/NAME.
# The kernel's objects are built first, here: each sample's make then
# finds them up to date.  Were a sample's make to compile one while this
# make does, ld could read an LTO object half rewritten (its IR ids
# change with every compile: lto1 then fails).
SAMPLES := $(notdir $(patsubst %/,%,$(wildcard samples/*/)))
.PHONY: samples
samples: $(KERNEL_OBJS)
	$(Q)set -e; for s in $(SAMPLES); do \
		$(MAKE) --no-print-directory APP=samples/$$s \
			IMAGE=$(BUILD)/samples/$$s $(BUILD)/samples/$$s.bin; \
	done

# One sample's image, the same way (the net boot tests boot echo-server's).
# Inside that make, the image is $(IMAGE).bin's own rule, not this one.
$(BUILD)/samples/%.bin: FORCE $(KERNEL_OBJS)
	$(Q)$(MAKE) --no-print-directory APP=samples/$* \
		IMAGE=$(BUILD)/samples/$* $@

$(foreach g,$(GUESTS),$(eval $(BUILD)/tests/guest/$(g).elf: \
	$(call guest_objs,$(g))))
$(GUEST_ELFS): $(KERNEL_OBJS) $(TARGET_LIBFDT) $(PICOLIBC_LIBC) \
		boot/kernel.ld
	$(link_image)

# The flat image, its relocations packed as RELR (scripts/relr-pack.c).
$(IMAGE).bin $(GUEST_ELFS:.elf=.bin): %.bin: %.elf $(BUILD)/host/relr-pack
	$(call msg,OBJCOPY,$@)
	$(Q)$(OBJCOPY) -O binary $< $@.tmp
	$(Q)$(BUILD)/host/relr-pack $< $@.tmp
	$(Q)mv $@.tmp $@

# Host tools the image's build runs: plain C, no libfdt.
$(BUILD)/host/relr-pack: scripts/relr-pack.c scripts/relr.c scripts/relr.h
	$(call msg,HOSTCC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(HOST_CC) $(WARNINGS) -O2 -g -std=gnu11 -iquote . -o $@ \
		scripts/relr-pack.c scripts/relr.c

$(BUILD)/host/%.c.o: %.c | $(HOST_LIBFDT)
	$(call msg,HOSTCC,$<)
	@mkdir -p $(dir $@)
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -c $< -o $@

$(BUILD)/host/dtb-probe: $(FDT_HOST_OBJS) $(BUILD)/host/fdt/dtb-probe.c.o \
		$(HOST_LIBFDT)
	$(call msg,HOSTLD,$@)
	$(Q)$(HOST_CC) -o $@ $^

tools: $(BUILD)/host/dtb-probe

# make size: where zephyr.bin's bytes go, part by part, from the link map
# (scripts/bench/size.sh); make bench appends the same tables.
# The variants (NET=n, BLK=n, P9FS=n, NET=n with BLK=n) are built in dirs of their own under
# $(BUILD), so the default build is untouched.
SIZE_VARIANTS := nonet:NET=n noblk:BLK=n nop9:P9FS=n nonet-noblk:NET=n@BLK=n
SIZE_IMAGES = default=$(BUILD) $(foreach v,$(SIZE_VARIANTS),\
	$(firstword $(subst :, ,$(v)))=$(BUILD)/variant-$(firstword $(subst :, ,$(v))))
.PHONY: size size-variants
size: $(BUILD)/zephyr.bin size-variants
	$(Q)scripts/bench/size.sh $(SIZE_IMAGES)
size-variants:
	$(Q)set -e; $(foreach v,$(SIZE_VARIANTS),\
		$(MAKE) --no-print-directory $(subst @, ,$(lastword $(subst :, ,$(v)))) \
		BUILD=$(BUILD)/variant-$(firstword $(subst :, ,$(v))) all;)

-include tests/unit/unit.mk
-include tests/boot/boot.mk
-include tests/fuzz/fuzz.mk

check: unit guests boot-tests fuzz-smoke lint
	@echo "make check: all tests passed"

run-bare: $(BUILD)/zephyr.bin
	tests/boot/qemu-bare.sh --gic $(GIC) --interactive $(BUILD)/zephyr.bin

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
