/*
 * xen_early_init(): who is underneath and what it offers, from
 * XENVER_version and XENVER_get_features.
 */
#include "kernel/power.h"
#include "xen/hypercall.h"
#include "xen/shutdown.h"
#include "xen/guest.h"

/* Filled once by xen_early_init(), before any thread exists. */
static struct xen_info info;
const struct xen_info *const xen = &info;

void xen_early_init(const struct platform *p)
{
	xen_feature_info_t fi = { .submap_idx = 0 };
	long v;

	if (!p->xen.present && !p->xen.found_by_smccc)
		return;
	info.present = true;
	info.no_node = !p->xen.present;
	v = hyp_xen_version(XENVER_version, NULL);
	if (v > 0) {
		info.major = (unsigned int)(v >> 16);
		info.minor = (unsigned int)(v & 0xffff);
	}
	if (hyp_xen_version(XENVER_get_features, &fi) == 0)
		info.features = fi.submap;
	info.dom0 = info.features & (1u << XENFEAT_dom0);
	power_set(&xen_power_ops);
}
