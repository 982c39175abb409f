#include <stdio.h>
#include <string.h>

#include "kernel/errno.h"
#include "kernel/printk.h"
#include "xen/xenbus.h"
#include "xen/xenbus_seen.h"
#include "xen/xenstore.h"
#include "xen/xs_wire.h"

#define MAX_DRIVERS	8
#define MAX_DEVICES	16
#define LIST_LEN	512

/*
 * Registry, devices and the names scans have dealt with, owned by this
 * file; touched only from threads (boot's xenbus thread, then xenwatch),
 * one at a time, as XenStore callbacks are serialised on xenwatch.
 */
static const struct xenbus_driver *drivers[MAX_DRIVERS];
static struct xenbus_device device_pool[MAX_DEVICES];
static struct xenbus_device *devices[MAX_DEVICES];	/* slots in use */
static struct xenbus_seen seen;

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

struct state_step {
	const struct xenbus_device *dev;
	enum xenbus_state to;
};

/*
 * Write the state only where the device's node still exists, in one
 * transaction (as Linux's xenbus_switch_state): after a detach the
 * toolstack has removed it, and a plain write would create it again, a
 * device that nobody would remove.
 */
static int write_state(xs_transaction_t t, void *ctx)
{
	const struct state_step *step = ctx;
	char path[80], value[4];
	int err;

	err = xs_read(t, step->dev->nodename, value, sizeof(value));
	if (err < 0)
		return err == -ENOENT ? -ENODEV : err;
	snprintf(path, sizeof(path), "%s/state", step->dev->nodename);
	snprintf(value, sizeof(value), "%d", step->to);
	return xs_write(t, path, value);
}

int xenbus_write(xs_transaction_t t, const struct xenbus_device *dev,
		 const char *key, const char *value)
{
	char path[XENBUS_NODENAME_LEN + 48];

	snprintf(path, sizeof(path), "%s/%s", dev->nodename, key);
	return xs_write(t, path, value);
}

int xenbus_write_uint(xs_transaction_t t, const struct xenbus_device *dev,
		      const char *key, unsigned long value)
{
	char text[24];

	snprintf(text, sizeof(text), "%lu", value);
	return xenbus_write(t, dev, key, text);
}

unsigned long xenbus_backend_uint(const struct xenbus_device *dev,
				  const char *key, unsigned long fallback)
{
	char path[sizeof(dev->otherend) + 48], value[24];
	unsigned long n;

	snprintf(path, sizeof(path), "%s/%s", dev->otherend, key);
	if (xs_read(XS_NO_TRANSACTION, path, value, sizeof(value)) < 0 ||
	    xs_parse_uint(value, ~0UL, &n))
		return fallback;
	return n;
}

int xenbus_switch_state(struct xenbus_device *dev, enum xenbus_state to)
{
	struct state_step step = { dev, to };
	int err;

	if (!xenbus_transition_allowed(dev->state, to)) {
		printk("xenbus: %s: %s -> %s is not a frontend step\n",
		       dev->nodename, xenbus_state_name(dev->state),
		       xenbus_state_name(to));
		return -EINVAL;
	}
	err = xs_transaction_run(write_state, &step);
	if (err)
		return err;
	dev->state = to;
	return 0;
}

/*
 * Something at or below the backend's "state" changed: read the state
 * itself (the watch also fires for a node the backend adds below it),
 * and tell the driver.
 */
static void otherend_changed(const char *path, void *ctx)
{
	struct xenbus_device *dev = ctx;
	char state_path[112], value[8];
	unsigned long state;

	(void)path;
	snprintf(state_path, sizeof(state_path), "%s/state", dev->otherend);
	if (xs_read(XS_NO_TRANSACTION, state_path, value, sizeof(value)) < 0)
		return;		/* not written yet, or gone */
	if (xs_parse_uint(value, XenbusStateReconfigured, &state)) {
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
	char name[XENBUS_NODENAME_LEN], path[112], value[16];
	unsigned long backend_id;
	unsigned int slot;
	int err;

	err = xenbus_seen_note(&seen, type, id, name);
	if (err == -EEXIST)
		return;
	if (err) {
		/* Reported once: the name is now seen, refused. */
		printk("xenbus: device/%.24s/%.40s: %s (%d)\n", type, id,
		       err == -ENAMETOOLONG ? "name too long, refused" :
					      "too many devices to track",
		       err);
		return;
	}
	for (slot = 0; slot < MAX_DEVICES && devices[slot]; slot++)
		;
	if (slot == MAX_DEVICES) {
		printk("xenbus: %s: no room for another device\n", name);
		xenbus_seen_forget(&seen, name);
		return;
	}
	dev = &device_pool[slot];
	memset(dev, 0, sizeof(*dev));
	memcpy(dev->nodename, name, sizeof(dev->nodename));
	if (!drv) {
		/* Kept, driverless, so that it is reported only once. */
		devices[slot] = dev;
		printk("xenbus: %s: no driver for \"%s\"\n", name, type);
		return;
	}
	/* Incomplete entries are left for the next scan to retry. */
	snprintf(path, sizeof(path), "%s/backend", dev->nodename);
	if (xs_read(XS_NO_TRANSACTION, path, dev->otherend,
		    sizeof(dev->otherend)) < 0)
		goto retry;
	snprintf(path, sizeof(path), "%s/backend-id", dev->nodename);
	if (xs_read(XS_NO_TRANSACTION, path, value, sizeof(value)) < 0)
		goto retry;
	/* A domid, not DOMID_SELF or another special one. */
	if (xs_parse_uint(value, DOMID_FIRST_RESERVED - 1, &backend_id)) {
		printk("xenbus: %s: backend-id \"%s\" is not a domain\n",
		       dev->nodename, value);
		goto retry;
	}
	dev->otherend_id = (domid_t)backend_id;
	dev->driver = drv;
	dev->state = XenbusStateUnknown;
	printk("xenbus: %s: %s driver, backend d%u %s\n", dev->nodename,
	       drv->type, dev->otherend_id, dev->otherend);
	err = drv->probe(dev);
	if (err) {
		/* Not kept: the next change under device/ tries again (the
		 * toolstack may not have finished setting it up). */
		printk("xenbus: %s: probe failed: %d\n", dev->nodename, err);
		goto retry;
	}
	devices[slot] = dev;
	snprintf(path, sizeof(path), "%s/state", dev->otherend);
	if (xs_watch(path, otherend_changed, dev))
		printk("xenbus: %s: cannot watch the backend\n",
		       dev->nodename);
	return;
retry:
	xenbus_seen_forget(&seen, name);
}

/* device's node is gone: the driver lets go, and the slot is free. */
static void remove_device(unsigned int slot)
{
	struct xenbus_device *dev = devices[slot];
	char path[112];

	if (dev->driver) {
		snprintf(path, sizeof(path), "%s/state", dev->otherend);
		(void)xs_unwatch(path, otherend_changed, dev);
		printk("xenbus: %s: removed\n", dev->nodename);
		if (dev->driver->remove)
			dev->driver->remove(dev);
	}
	xenbus_seen_forget(&seen, dev->nodename);
	devices[slot] = NULL;
}

/* Drop the devices whose node the toolstack removed (a detach). */
static void remove_gone(void)
{
	char value[8];
	unsigned int slot;

	for (slot = 0; slot < MAX_DEVICES; slot++)
		if (devices[slot] &&
		    xs_read(XS_NO_TRANSACTION, devices[slot]->nodename, value,
			    sizeof(value)) == -ENOENT)
			remove_device(slot);
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
		/* libxl's device/suspend/event-channel is no device. */
		if (strcmp(type, "suspend") == 0)
			continue;
		snprintf(path, sizeof(path), "device/%s", type);
		nids = xs_directory(XS_NO_TRANSACTION, path, ids, sizeof(ids));
		for (k = 0, id = ids; k < nids; k++, id += strlen(id) + 1)
			add_device(type, id);
	}
	remove_gone();
}

int xenbus_start(void)
{
	/* The watch fires once at once: that is the first scan. */
	return xs_watch("device", scan, NULL);
}
