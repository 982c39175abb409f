#include "xen/gnttab_status.h"

#include <xen/xen.h>
#include <xen/grant_table.h>

#include "kernel/strlist.h"

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

/*
 * Xen's GNTTABOP_error_msgs (grant_table.h), status 0 down, as one
 * string list (kernel/strlist.h): its array of pointers would cost 8 bytes
 * and a relocation per status.  tests/unit/test_gnttab_status.c checks
 * the two agree.
 */
static const char status_names[] =
	"okay\0"
	"undefined error\0"
	"unrecognised domain id\0"
	"invalid grant reference\0"
	"invalid mapping handle\0"
	"invalid virtual address\0"
	"invalid device address\0"
	"no spare translation slot in the I/O MMU\0"
	"permission denied\0"
	"bad page\0"
	"copy arguments cross page boundary\0"
	"page address size too large\0"
	"operation not done; try again\0"
	"out of space\0";

const char *gnttab_status_name(int16_t status)
{
	const char *name = status > 0 ? NULL :
			   strlist_nth(status_names, (size_t)-status);

	return name ? name : "unknown grant status";
}
