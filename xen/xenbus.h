/*
 * XenBus: PV frontends found under the domain's "device/<type>/<id>" in
 * XenStore, each handed to the driver registered for its type, and the
 * frontend half of the state handshake (xen/io/xenbus.h).  A PV driver is
 * one file declaring a struct xenbus_driver and one xenbus_register().
 */
#ifndef XEN_XENBUS_H
#define XEN_XENBUS_H

#include <stdbool.h>
#include <stdint.h>

#include <xen/xen.h>
#include <xen/io/xenbus.h>

#include "xen/xenstore.h"

/* Room for a node name and its NUL. */
#define XENBUS_NODENAME_LEN	64

struct xenbus_device {
	char nodename[XENBUS_NODENAME_LEN];	/* "device/vif/0" */
	char otherend[96];		/* the backend's path */
	domid_t otherend_id;
	enum xenbus_state state;	/* ours, as last written */
	const struct xenbus_driver *driver;
	void *priv;
};

struct xenbus_driver {
	const char *type;		/* "vif", "vbd", ... */
	int (*probe)(struct xenbus_device *dev);
	/* The backend's state changed (runs on the xenwatch thread). */
	void (*otherend_changed)(struct xenbus_device *dev,
				 enum xenbus_state state);
	/*
	 * The toolstack removed the device's node (after a detach, once
	 * both ends closed): let go of it.  dev is reused for a later
	 * device once this returns.  May be NULL.
	 */
	void (*remove)(struct xenbus_device *dev);
};

/*
 * Before xenbus_start(), or any time after for later hotplug: 0, or
 * -ENOSPC when 8 drivers are registered already.
 */
int xenbus_register(const struct xenbus_driver *driver);

/* Probe what is there and watch "device" for more: 0, or xs_watch's. */
int xenbus_start(void);

/*
 * Write our state, if the handshake allows the step (see
 * xenbus_transition_allowed) and the device's node still exists (checked
 * in the same transaction: a removed node is not created again): 0;
 * -EINVAL for a step it does not allow; -ENODEV when the node is gone;
 * or XenStore's error (dev->state then stays as it was).
 */
int xenbus_switch_state(struct xenbus_device *dev, enum xenbus_state to);

/*
 * Write dev's KEY (under its node) as value, or as a decimal number,
 * inside transaction t, as a frontend's handshake does: xs_write's result.
 */
int xenbus_write(xs_transaction_t t, const struct xenbus_device *dev,
		 const char *key, const char *value);
int xenbus_write_uint(xs_transaction_t t, const struct xenbus_device *dev,
		      const char *key, unsigned long value);

/*
 * The backend's KEY (under dev->otherend) as a number, or fallback when
 * it is absent or not a decimal number: how a frontend reads what its
 * backend offers.
 */
unsigned long xenbus_backend_uint(const struct xenbus_device *dev,
				  const char *key, unsigned long fallback);

/* The frontend's legal steps, pure so the host tests can check it. */
bool xenbus_transition_allowed(enum xenbus_state from, enum xenbus_state to);

/* "Connected", ...; "invalid" for a value no state has. */
const char *xenbus_state_name(enum xenbus_state s);

#endif
