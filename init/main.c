/*
 * kernel_main(): from the DTB to running threads.  This folder is the
 * composition root: the one place that knows every other folder and wires
 * them (entry -> probe -> drivers -> Xen -> app).  Nothing below includes
 * or calls it; a lower layer that must call up, like the timer calling the
 * scheduler, gets the function handed to it here.
 *
 * Order matters: the MMU must be on before libfdt reads the DTB (libfdt
 * was not built for strict alignment), the console must be known before
 * anything can be said, and the allocator must not hand out the DTB
 * before it has moved.
 */
#include <string.h>
#include <time.h>

#include <libfdt.h>

#include "kernel/app.h"
#include "lib/board.h"
#include "boot/cpu.h"
#include "boot/image.h"
#include "boot/mmu.h"
#include "boot/sysregs.h"
#include "drivers/arm_timer.h"
#include "drivers/gic.h"
#include "drivers/psci.h"
#include "drivers/rtc.h"
#include "drivers/smccc.h"
#include "drivers/uart.h"
#include "fdt/platform.h"
#include "kernel/block.h"
#include "kernel/bootargs.h"
#include "kernel/errno.h"
#include "kernel/features.h"
#include "kernel/irq.h"
#include "kernel/page_alloc.h"
#include "kernel/panic.h"
#include "kernel/power.h"
#include "kernel/printk.h"
#include "kernel/realtime.h"
#include "kernel/shutdown.h"
#include "kernel/smp.h"
#include "kernel/thread.h"
#include "kernel/version.h"
#include "net/vif.h"
#include "frontends/9pfs.h"
#include "frontends/blkfront.h"
#include "xen/console_io.h"
#include "xen/console_pv.h"
#include "xen/events.h"
#include "xen/guest.h"
#include "frontends/netfront.h"
#include "xen/shared_info.h"

/* The largest DTB accepted, as Linux does on arm64. */
#define DTB_MAX_SIZE	(2UL << 20)
#define APP_PRIORITY	7

void kernel_main(uint64_t dtb, uint64_t image_base, uint64_t entry_ticks);

/* Filled once by kernel_main() before any thread exists (apps/board.h). */
static struct platform platform;

/* Counter stamps of the boot, set once by kernel_main(). */
static struct boot_ticks ticks;

/* The DTB after it moved out of the allocator's way (for later readers). */
static void *dtb_copy;

/* The interrupt controller and the timer, as the kernel's services take
 * them: the drivers and the services never name each other. */
static const struct irq_controller gic_controller = {
	.enable = gic_enable_irq,
	.ack = gic_ack,
	.eoi = gic_eoi,
	.init_cpu = gic_init_cpu,
	.send_sgi = gic_send_sgi,
};

/* What Xen needs on each CPU before its interrupts are on: that vCPU's
 * vcpu_info (a no-op without Xen). */
static const struct smp_hooks xen_smp_hooks = {
	.cpu_starting = xen_cpu_starting,
	.cpu_dying = xen_cpu_dying,
};

static const struct sched_timer virtual_timer = {
	.now = arm_timer_now,
	.ms_to_ticks = arm_timer_ms_to_ticks,
	.set_deadline = arm_timer_set_deadline,
	.stop = arm_timer_stop,
};

/* An app that returned with nothing else running stops the machine the
 * way `xl shutdown` does: synced first. */
static void all_threads_finished(void)
{
	shutdown_request(STOP_POWEROFF);
}

/*
 * The DTB's size from its header, read with the MMU off (aligned 32-bit
 * big-endian loads only).  An unusable header still gets one page mapped
 * so that the probe can say what is wrong with it.
 */
static uint64_t early_dtb_size(uint64_t dtb)
{
	const volatile uint32_t *hdr = (const volatile uint32_t *)dtb;
	uint64_t size;

	if (!dtb || (dtb & 7) || __builtin_bswap32(hdr[0]) != FDT_MAGIC)
		return dtb ? 4096 : 0;
	size = __builtin_bswap32(hdr[1]);
	return size > DTB_MAX_SIZE ? DTB_MAX_SIZE : size;
}

static void print_line(void *ctx, const char *line)
{
	(void)ctx;
	printk("%s\n", line);
}

/*
 * The first console: dom0 speaks through console_io (it has no UART of
 * its own); a domU uses its UART (vpl011) when the DT has one, else
 * console_io if Xen lets it (xl-built guests are refused).  With none,
 * output waits in the log for a console found later (the PV ring).
 */
static void choose_console(void)
{
	const struct console *c = NULL;

	if (xen->present && xen->dom0)
		c = xen_console_io();
	if (!c)
		c = uart_console_start(&platform);
	if (!c && xen->present && xen_console_io_allowed())
		c = xen_console_io();
	if (c)
		console_set(c);
}

/*
 * A domU built by a toolstack has a PV console: that is what `xl console`
 * shows, so it becomes the console (and gets the boot replayed).  A UART
 * already in use (vuart="sbsa_uart") keeps a copy of everything after.
 */
static void choose_late_console(void)
{
	const struct console *uart = console_get();
	const struct console *c;

	if (!xen->present || xen->dom0 || xen->no_node)
		return;
	c = xen_console_pv_start();
	if (!c)
		return;
	console_set(c);
	if (uart)
		console_set_mirror(uart);
}

static void map_ram(void)
{
	unsigned int i;

	for (i = 0; i < platform.ram_count; i++) {
		const struct region *r = &platform.ram[i];

		if (mmu_map(r->base, r->size, MMU_NORMAL))
			panic("mmu: cannot map RAM 0x%llx+0x%llx",
			      (unsigned long long)r->base,
			      (unsigned long long)r->size);
		if (page_alloc_add(r->base, r->size))
			printk("mem: too many ranges, RAM bank 0x%llx lost\n",
			       (unsigned long long)r->base);
	}
}

/* Take what is in use out of the allocator, then move the DTB. */
static void setup_memory(uint64_t image_base, uint64_t dtb,
			 uint64_t dtb_size)
{
	unsigned int i;
	size_t pages = (dtb_size + PAGE_SIZE - 1) / PAGE_SIZE;

	map_ram();
	page_alloc_reserve(image_base, (uint64_t)(uintptr_t)_end - image_base);
	for (i = 0; i < platform.reserved_count; i++)
		page_alloc_reserve(platform.reserved[i].base,
				   platform.reserved[i].size);
	page_alloc_reserve(dtb, dtb_size);
	dtb_copy = page_alloc(pages);
	if (!dtb_copy || fdt_move((void *)(uintptr_t)dtb, dtb_copy,
				  (int)(pages * PAGE_SIZE)) != 0)
		panic("mem: cannot move the DTB out of the allocator's way");
	/* The old copy's pages are free now if they are RAM, except those
	 * it shares with the image (a loader may put the DTB right after
	 * it, or inside it) or with what the DT reserved. */
	for (i = 0; i < platform.ram_count; i++)
		if (dtb >= platform.ram[i].base &&
		    dtb + dtb_size <= platform.ram[i].base + platform.ram[i].size)
			page_alloc_add(dtb, dtb_size);
	page_alloc_reserve(image_base, (uint64_t)(uintptr_t)_end - image_base);
	for (i = 0; i < platform.reserved_count; i++)
		page_alloc_reserve(platform.reserved[i].base,
				   platform.reserved[i].size);
	printk("mem: %llu KiB free, DTB moved to %p, %u page tables\n",
	       (unsigned long long)(page_alloc_free_bytes() / 1024),
	       dtb_copy, mmu_tables_used());
}

/*
 * The time of day, read once: Xen's wallclock where the control domain
 * has set it (a guest under xl: a Linux dom0 sets Xen's clock from its
 * RTC), else the RTC the DT lists (bare hardware and QEMU, and dom0, to
 * which Xen leaves the RTC).  A clock before 2000 was never set and is
 * not used: without a source the time of day counts from 1970 at boot.
 */
static void set_time_of_day(void)
{
	const char *name = "xen-wallclock";
	uint64_t ns = 0;
	struct tm tm;
	time_t t;
	int err = xen_wallclock_now_ns(&ns);

	if (err || ns < REALTIME_UNSET_BEFORE_NS) {
		err = rtc_read_ns(&platform, &ns, &name);
		if (err == -ENODEV)
			printk("time: %s at 0x%llx does not answer as one\n",
			       platform.rtc.compatible,
			       (unsigned long long)platform.rtc.reg.base);
	}
	if (err || ns < REALTIME_UNSET_BEFORE_NS) {
		printk("time: no clock was set (%s), counting from 1970 at "
		       "boot\n", xen->present ? "Xen's wallclock, RTC" :
		       "RTC");
		return;
	}
	realtime_set(ns, name);
	t = (time_t)(ns / 1000000000ULL);
	gmtime_r(&t, &tm);
	printk("time: %04d-%02d-%02d %02d:%02d:%02d UTC from %s\n",
	       tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	       tm.tm_min, tm.tm_sec, name);
}

/* The PV frontends zephyr.bin has, each matched by XenBus device type. */
static void register_xenbus_drivers(void)
{
	char options[64];

	if (!xen->present || xen->dom0 || xen->no_node)
		return;
#if OSPREY_BLK
	if (!bootarg(platform.bootargs, "blkfront", options, sizeof(options)))
		options[0] = '\0';
	if (blkfront_register(options))
		printk("blkfront: cannot register with XenBus\n");
#endif
#if OSPREY_NET
	/* Only a table entry until a vif appears; lwIP starts with the
	 * first vif (DHCP, or ip= from bootargs). */
	netfront_set_ops(net_vif_ops(platform.bootargs));
	if (!bootarg(platform.bootargs, "netfront", options, sizeof(options)))
		options[0] = '\0';
	if (netfront_init(options))
		printk("netfront: cannot register with XenBus\n");
#endif
#if OSPREY_9PFS
	if (p9fs_register())
		printk("9pfs: cannot register with XenBus\n");
#endif
	(void)options;
}

/*
 * The boot figures are for the benchmarks (scripts/bench/): a user's boot
 * log stays one screen long.  Shown with app=bench or loglevel=debug.
 */
static bool show_boot_ticks(const struct app *app)
{
	char level[8];

	return strcmp(app->name, "bench") == 0 ||
	       (bootarg(platform.bootargs, "loglevel", level, sizeof(level)) &&
		strcmp(level, "debug") == 0);
}

/*
 * Start the CPUs whose enable-method is PSCI (every one Xen and QEMU
 * describe); name the others, which this kernel cannot start.
 */
static void start_cpus(void)
{
	uint64_t mpidrs[PLATFORM_MAX_CPUS];
	unsigned int i, n = 0;
	uint64_t self = read_sysreg(mpidr_el1) & MPIDR_AFFINITY_MASK;

	for (i = 0; i < platform.cpu_count; i++) {
		if (platform.cpu_enable[i] == CPU_ENABLE_PSCI ||
		    platform.cpu_mpidr[i] == self)
			mpidrs[n++] = platform.cpu_mpidr[i];
		else
			printk("smp: cpu MPIDR 0x%llx has no PSCI "
			       "enable-method: not started\n",
			       (unsigned long long)platform.cpu_mpidr[i]);
	}
	smp_start_all(mpidrs, n);
}

static void app_thread(void *arg)
{
	const struct app *app = arg;
	uint64_t app_main;

	/* The other CPUs start from a thread, the scheduler running: the
	 * boot CPU sleeps while each comes up, and the app then sees them
	 * all from its first line (as Linux's kernel_init runs smp_init). */
	start_cpus();
	app_main = arm_timer_now();
	if (show_boot_ticks(app))
		printk("bench: boot ticks first-line %llu app-main %llu "
		       "freq %u\n",
		       (unsigned long long)(ticks.first_line - ticks.entry),
		       (unsigned long long)(app_main - ticks.entry),
		       arm_timer_freq());
	app->main();
	printk("app %s: finished\n", app->name);
}

void kernel_main(uint64_t dtb, uint64_t image_base, uint64_t entry_ticks)
{
	uint64_t dtb_size = early_dtb_size(dtb);
	const struct console *first_console;
	const char *why;
	const struct app *app;
	unsigned int i;
	int err;

	mmu_init_early(image_base, (uint64_t)(uintptr_t)_end, dtb, dtb_size);
	err = fdt_probe((const void *)(uintptr_t)dtb, dtb_size, &platform);
	/* The probe dropped Xen regions over RAM; only we know the image. */
	if (!err)
		platform_xen_drop_overlaps(&platform, image_base,
					   (uint64_t)(uintptr_t)_end -
					   image_base, "the kernel image");
	power_set(psci_power_ops(&platform));
	smp_set_ops(psci_cpu_ops(&platform), &xen_smp_hooks);
	/* A dom0less domU built without "xen,enhanced" has no /hypervisor:
	 * only Xen's answer through the PSCI conduit tells it is there. */
	if (!err && !platform.xen.present)
		platform.xen.found_by_smccc = smccc_hypervisor_is_xen(&platform);
	if (!err)
		xen_early_init(&platform);
	choose_console();

	printk("*** Booting %s %s ***\n", KERNEL_NAME, KERNEL_VERSION);
	ticks.entry = entry_ticks;
	ticks.first_line = read_sysreg(cntvct_el0);
	printk("boot: image at 0x%llx, DTB at 0x%llx (%llu bytes)\n",
	       (unsigned long long)image_base, (unsigned long long)dtb,
	       (unsigned long long)dtb_size);
	platform_report(&platform, print_line, NULL);
	for (i = 0; i < platform.error_count; i++)
		printk("%s\n", platform.errors[i]);
	why = err ? "the DTB is unusable" : platform_unbootable_reason(&platform);
	if (why)
		panic("boot: cannot boot: %s", why);
	printk("console: %s\n", console_get() ? console_get()->name : "none");

	setup_memory(image_base, dtb, dtb_size);
	if (gic_init(&platform))
		panic("boot: no working interrupt controller");
	irq_set_controller(&gic_controller);
	sched_set_timer(&virtual_timer);
	sched_set_all_finished(all_threads_finished);
	if (arm_timer_init(&platform, sched_timer_expired))
		panic("boot: no working timer");
	printk("drivers: %s, timer %u Hz on INTID %u, power %s\n", gic_name(),
	       arm_timer_freq(), platform.timer.virt_intid, power_name());
	if (xen_init(&platform))
		panic("boot: Xen support failed to start");
	set_time_of_day();
	first_console = console_get();
	choose_late_console();
	if (console_get() != first_console)
		printk("console: %s\n", console_get()->name);

	app = app_find(platform.bootargs);
	if (!app && bootarg(platform.bootargs, "app", NULL, 0))
		panic("boot: bootargs \"%s\" name no known app",
		      platform.bootargs);
	if (!app)
		panic("boot: this image has no program: bootargs need app=");
	board_publish(&platform, &ticks);
	/* The kernel's stop does not know the block layer: what it syncs
	 * is handed in here. */
	if (shutdown_init(OSPREY_BLK ? block_sync_all : NULL))
		panic("boot: no memory for the shutdown threads");
	register_xenbus_drivers();
	xen_start_services();
	printk("app: %s on %s\n", app->name, board_name());
	if (!thread_create(app->name, app_thread, (void *)app, APP_PRIORITY,
			   app->stack ? app->stack : THREAD_STACK_DEFAULT))
		panic("boot: no memory for the first thread");
	sched_start();
}
