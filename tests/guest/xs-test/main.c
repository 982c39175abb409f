/*
 * XenStore and XenBus from a guest, for the xl tests (tests/boot/xl.sh):
 *
 * - writes data/osprey-test = hello (dom0 reads it with xenstore-read),
 *   reads it back, lists data/, runs a transaction, removes a scratch key;
 * - watches data/osprey-ping and prints each value dom0 writes there;
 * - registers an "osprey-test" XenBus frontend: when dom0 creates
 *   device/osprey-test/0 and plays the backend, it walks the handshake.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/app.h"
#include "kernel/printk.h"
#include "kernel/thread.h"
#include "xen/xenbus.h"
#include "xen/xenstore.h"

#define READY_WAIT_MS	5000

static void ping_changed(const char *path, void *ctx)
{
	char value[64];

	(void)ctx;
	if (xs_read(XS_NO_TRANSACTION, path, value, sizeof(value)) >= 0)
		printk("xs-test: watch data/osprey-ping = %s\n", value);
}

static int bump_counter(xs_transaction_t t, void *ctx)
{
	char value[16];
	unsigned long n = 0;
	int err;

	(void)ctx;
	if (xs_read(t, "data/osprey-count", value, sizeof(value)) >= 0)
		n = strtoul(value, NULL, 10);
	snprintf(value, sizeof(value), "%lu", n + 1);
	err = xs_write(t, "data/osprey-count", value);
	return err;
}

static int test_probe(struct xenbus_device *dev)
{
	return xenbus_switch_state(dev, XenbusStateInitialising);
}

/* The frontend half of the handshake, driven by the backend's state. */
static void test_backend_changed(struct xenbus_device *dev,
				 enum xenbus_state state)
{
	printk("xs-test: %s backend is %s\n", dev->nodename,
	       xenbus_state_name(state));
	switch (state) {
	case XenbusStateInitWait:
		if (dev->state == XenbusStateInitialising)
			xenbus_switch_state(dev, XenbusStateInitialised);
		break;
	case XenbusStateConnected:
		if (dev->state == XenbusStateInitialised &&
		    !xenbus_switch_state(dev, XenbusStateConnected))
			printk("xs-test: %s connected\n", dev->nodename);
		break;
	case XenbusStateClosing:
		if (!xenbus_switch_state(dev, XenbusStateClosing))
			xenbus_switch_state(dev, XenbusStateClosed);
		printk("xs-test: %s closed\n", dev->nodename);
		break;
	default:
		break;
	}
}

static const struct xenbus_driver test_driver = {
	.type = "osprey-test",
	.probe = test_probe,
	.otherend_changed = test_backend_changed,
};

static void check(const char *what, int err)
{
	if (err < 0)
		printk("xs-test: FAIL %s: %d\n", what, err);
}

static void xs_test_main(void)
{
	char value[64], names[256];
	unsigned int waited;
	int n;

	xenbus_register(&test_driver);
	for (waited = 0; !xenstore_available() && waited < READY_WAIT_MS;
	     waited += 50)
		thread_sleep_ms(50);
	if (!xenstore_available()) {
		printk("xs-test: FAIL no XenStore\n");
		return;
	}
	check("write", xs_write(XS_NO_TRANSACTION, "data/osprey-test",
				"hello"));
	printk("xs-test: wrote data/osprey-test\n");
	n = xs_read(XS_NO_TRANSACTION, "data/osprey-test", value,
		    sizeof(value));
	if (n != 5 || strcmp(value, "hello") != 0)
		printk("xs-test: FAIL read back %d \"%s\"\n", n, value);
	check("mkdir", xs_mkdir(XS_NO_TRANSACTION, "data/osprey-scratch"));
	n = xs_directory(XS_NO_TRANSACTION, "data", names, sizeof(names));
	printk("xs-test: data/ has %d entries\n", n);
	check("rm", xs_rm(XS_NO_TRANSACTION, "data/osprey-scratch"));
	if (xs_read(XS_NO_TRANSACTION, "data/osprey-scratch", value,
		    sizeof(value)) != -2 /* ENOENT */)
		printk("xs-test: FAIL scratch key survived rm\n");
	check("transaction", xs_transaction_run(bump_counter, NULL));
	xs_read(XS_NO_TRANSACTION, "data/osprey-count", value, sizeof(value));
	printk("xs-test: transaction committed, count %s\n", value);
	check("watch", xs_watch("data/osprey-ping", ping_changed, NULL));
	printk("xs-test: ready\n");
	for (;;)
		thread_sleep_ms(60000);
}

APP_REGISTER("xs-test", xs_test_main);
