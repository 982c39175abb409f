#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/errno.h"
#include "kernel/page_alloc.h"
#include "kernel/printk.h"
#include "xen/xenbus.h"
#include "xen/xenstore.h"

#define MAX_DRIVERS	8
#define MAX_DEVICES	16
#define LIST_LEN	512

/*
 * Registry and devices, owned by this file; touched only from threads
 * (boot's xenbus thread, then xenwatch), one at a time, as XenStore
 * callbacks are serialised on xenwatch.
 */
static const struct xenbus_driver *drivers[MAX_DRIVERS];
static struct xenbus_device *devices[MAX_DEVICES];

int xenbus_register(const struct xenbus_driver *driver)
{
	unsigned int i;

	for (i = 0; i < MAX_DRIVERS; i++) {
		if (!drivers[i]) {
			drivers[i] = driver;
			return 0;
		}
	}
	return -ENOSPC;
}

static const struct xenbus_driver *driver_for(const char *type)
{
	unsigned int i;

	for (i = 0; i < MAX_DRIVERS && drivers[i]; i++)
		if (strcmp(drivers[i]->type, type) == 0)
			return drivers[i];
	return NULL;
}

static struct xenbus_device *find_device(const char *nodename)
{
	unsigned int i;

	for (i = 0; i < MAX_DEVICES && devices[i]; i++)
		if (strcmp(devices[i]->nodename, nodename) == 0)
			return devices[i];
	return NULL;
}

int xenbus_switch_state(struct xenbus_device *dev, enum xenbus_state to)
{
	char path[80], value[4];
	int err;

	if (!xenbus_transition_allowed(dev->state, to)) {
		printk("xenbus: %s: %s -> %s is not a frontend step\n",
		       dev->nodename, xenbus_state_name(dev->state),
		       xenbus_state_name(to));
		return -EINVAL;
	}
	snprintf(path, sizeof(path), "%s/state", dev->nodename);
	snprintf(value, sizeof(value), "%d", to);
	err = xs_write(XS_NO_TRANSACTION, path, value);
	if (err)
		return err;
	dev->state = to;
	return 0;
}

/* The backend's "state" key changed: tell the driver. */
static void otherend_changed(const char *path, void *ctx)
{
	struct xenbus_device *dev = ctx;
	char value[8];
	long state;

	(void)path;
	if (xs_read(XS_NO_TRANSACTION, path, value, sizeof(value)) < 0)
		return;		/* not written yet, or gone */
	state = strtoul(value, NULL, 10);
	if (state < XenbusStateUnknown || state > XenbusStateReconfigured) {
		printk("xenbus: %s: backend state \"%s\" is not a state\n",
		       dev->nodename, value);
		return;
	}
	if (dev->driver->otherend_changed)
		dev->driver->otherend_changed(dev, (enum xenbus_state)state);
}

static void add_device(const char *type, const char *id)
{
	const struct xenbus_driver *drv = driver_for(type);
	struct xenbus_device *dev;
	char path[96], value[16];
	unsigned int slot;

	snprintf(path, sizeof(path), "device/%s/%s", type, id);
	if (find_device(path))
		return;
	if (!drv) {
		printk("xenbus: %s: no driver for \"%s\"\n", path, type);
		return;
	}
	for (slot = 0; slot < MAX_DEVICES && devices[slot]; slot++)
		;
	dev = slot < MAX_DEVICES ? page_alloc(1) : NULL;
	if (!dev) {
		printk("xenbus: %s: no room for another device\n", path);
		return;
	}
	snprintf(dev->nodename, sizeof(dev->nodename), "%s", path);
	snprintf(path, sizeof(path), "%s/backend", dev->nodename);
	if (xs_read(XS_NO_TRANSACTION, path, dev->otherend,
		    sizeof(dev->otherend)) < 0) {
		printk("xenbus: %s: no backend path\n", dev->nodename);
		return;
	}
	snprintf(path, sizeof(path), "%s/backend-id", dev->nodename);
	if (xs_read(XS_NO_TRANSACTION, path, value, sizeof(value)) < 0) {
		printk("xenbus: %s: no backend-id\n", dev->nodename);
		return;
	}
	dev->otherend_id = (domid_t)strtoul(value, NULL, 10);
	dev->driver = drv;
	dev->state = XenbusStateUnknown;
	devices[slot] = dev;
	printk("xenbus: %s: %s driver, backend d%u %s\n", dev->nodename,
	       drv->type, dev->otherend_id, dev->otherend);
	if (drv->probe(dev)) {
		printk("xenbus: %s: probe failed\n", dev->nodename);
		return;
	}
	snprintf(path, sizeof(path), "%s/state", dev->otherend);
	if (xs_watch(path, otherend_changed, dev))
		printk("xenbus: %s: cannot watch the backend\n",
		       dev->nodename);
}

/* Look at device/TYPE/ID and add what is new (hotplug calls this too). */
static void scan(const char *unused, void *ctx)
{
	static char types[LIST_LEN], ids[LIST_LEN];
	char path[80];
	const char *type, *id;
	int ntypes, nids, i, k;

	(void)unused;
	(void)ctx;
	ntypes = xs_directory(XS_NO_TRANSACTION, "device", types,
			      sizeof(types));
	for (i = 0, type = types; i < ntypes; i++, type += strlen(type) + 1) {
		snprintf(path, sizeof(path), "device/%s", type);
		nids = xs_directory(XS_NO_TRANSACTION, path, ids, sizeof(ids));
		for (k = 0, id = ids; k < nids; k++, id += strlen(id) + 1)
			add_device(type, id);
	}
}

int xenbus_start(void)
{
	/* The watch fires once at once: that is the first scan. */
	return xs_watch("device", scan, NULL);
}
