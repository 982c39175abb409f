#include "xen/gnttab_status.h"

#include <xen/xen.h>
#include <xen/grant_table.h>

int gnttab_status_errno(int16_t status)
{
	switch (status) {
	case GNTST_okay: return 0;
	case GNTST_bad_domain: return -ESRCH;
	case GNTST_bad_gntref: return -EINVAL;
	case GNTST_bad_handle: return -EBADF;
	case GNTST_bad_virt_addr: return -EFAULT;
	case GNTST_bad_dev_addr: return -EFAULT;
	case GNTST_no_device_space: return -ENOSPC;
	case GNTST_permission_denied: return -EACCES;
	case GNTST_bad_page: return -EFAULT;
	case GNTST_bad_copy_arg: return -EINVAL;
	case GNTST_address_too_big: return -ERANGE;
	case GNTST_eagain: return -EAGAIN;
	case GNTST_no_space: return -ENOSPC;
	default: return -EIO;	/* GNTST_general_error, or one Xen added */
	}
}

const char *gnttab_status_name(int16_t status)
{
	static const char *const names[] = GNTTABOP_error_msgs;
	int i = -status;

	if (i >= 0 && i < (int)(sizeof(names) / sizeof(names[0])))
		return names[i];
	return "unknown grant status";
}
