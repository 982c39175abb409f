/*
 * app=shell: a tiny command line on the console, proving console input
 * (the PV console ring from `xl console`, or a UART).  Type "help".
 */
#include <stdio.h>
#include <string.h>

#include "kernel/app.h"
#include "lib/board.h"
#include "apps/disk.h"
#include "apps/file_cmd.h"
#include "apps/net_cmd.h"
#include "drivers/arm_timer.h"
#include "kernel/page_alloc.h"
#include "kernel/printk.h"
#include "kernel/shutdown.h"
#include "kernel/thread.h"
#include "xen/xenstore.h"

#define LINE_LEN	128
#define POLL_MS		20

static void print_line(void *ctx, const char *line)
{
	(void)ctx;
	printk("%s\n", line);
}

/* Split "cmd rest" in place; returns rest ("" if none). */
static char *split(char *line)
{
	char *sp = strchr(line, ' ');

	if (!sp)
		return line + strlen(line);
	*sp = '\0';
	return sp + 1;
}

static void run(char *line)
{
	char *arg = split(line), value[LINE_LEN];
	char *second;
	int err;

	if (strcmp(line, "") == 0) {
		return;
	} else if (strcmp(line, "help") == 0) {
		printk("commands: help echo platform mem uptime xs-read "
		       "xs-write poweroff reboot disks disk-read disk-write "
		       "disk-flush disk-sum disk-bench ifconfig ping ls cat "
		       "write\n");
	} else if (strcmp(line, "echo") == 0) {
		printk("%s\n", arg);
	} else if (strcmp(line, "platform") == 0) {
		platform_report(board, print_line, NULL);
	} else if (strcmp(line, "mem") == 0) {
		printk("%llu KiB free\n",
		       (unsigned long long)(page_alloc_free_bytes() / 1024));
	} else if (strcmp(line, "uptime") == 0) {
		printk("%llu ms\n", (unsigned long long)((arm_timer_now() -
			boot_ticks.entry) * 1000 / arm_timer_freq()));
	} else if (strcmp(line, "xs-read") == 0) {
		err = xs_read(XS_NO_TRANSACTION, arg, value, sizeof(value));
		if (err < 0)
			printk("xs-read %s: error %d\n", arg, err);
		else
			printk("%s\n", value);
	} else if (strcmp(line, "xs-write") == 0) {
		second = split(arg);
		err = xs_write(XS_NO_TRANSACTION, arg, second);
		if (err)
			printk("xs-write %s: error %d\n", arg, err);
	} else if (strcmp(line, "poweroff") == 0) {
		machine_shutdown(STOP_POWEROFF);
	} else if (strcmp(line, "reboot") == 0) {
		machine_shutdown(STOP_REBOOT);
	} else if (!disk_command(line, arg) && !net_command(line, arg) &&
		   !file_command(line, arg)) {
		printk("%s: unknown command (try help)\n", line);
	}
}

static void shell_main(void)
{
	char line[LINE_LEN], c;
	size_t len = 0;

	printk("shell: ready\nosprey> ");
	for (;;) {
		long n = console_read(&c, 1);

		if (n < 0) {
			printk("shell: console input failed: %ld\n", n);
			return;
		}
		if (n == 0) {
			thread_sleep_ms(POLL_MS);
			continue;
		}
		if (c == '\r' || c == '\n') {
			printk("\n");
			line[len] = '\0';
			run(line);
			len = 0;
			printk("osprey> ");
		} else if ((c == 0x7f || c == '\b') && len) {
			len--;
			printk("\b \b");
		} else if (c >= ' ' && len < sizeof(line) - 1) {
			line[len++] = c;
			printk("%c", c);	/* the terminal does not echo */
		}
	}
}

APP_REGISTER("shell", shell_main);
