/*
 * Xen's grant-operation statuses (GNTST_*, xen/grant_table.h) turned into
 * the kernel's negative errno values at the boundary, so that no caller
 * of xen/gnttab.h decodes two number spaces in one result.  A status is a
 * per-operation field beside the hypercall's own return value, and the
 * two overlap (GNTST_general_error is -1, -EPERM is -1).  Pure code: the
 * host unit tests run it.
 *
 *   GNTST_okay               0
 *   GNTST_general_error      -EIO     nothing more specific is known
 *   GNTST_bad_domain         -ESRCH   no such domain
 *   GNTST_bad_gntref         -EINVAL  no such grant, or not for us
 *   GNTST_bad_handle         -EBADF   no such mapping handle
 *   GNTST_bad_virt_addr      -EFAULT  the address we asked to map at
 *   GNTST_bad_dev_addr       -EFAULT  the same, for the device side
 *   GNTST_no_device_space    -ENOSPC  Xen's I/O MMU is full
 *   GNTST_permission_denied  -EACCES  the grant does not allow it
 *                                     (-EPERM stays Xen's own refusal of
 *                                     the whole hypercall, e.g. by XSM)
 *   GNTST_bad_page           -EFAULT  the granted frame is unusable
 *   GNTST_bad_copy_arg       -EINVAL  a copy crossing a page boundary
 *   GNTST_address_too_big    -ERANGE  a frame beyond the address width
 *   GNTST_eagain             -EAGAIN  paged out: try again
 *   GNTST_no_space           -ENOSPC  Xen's handle table is full
 *   anything else            -EIO
 */
#ifndef XEN_GNTTAB_STATUS_H
#define XEN_GNTTAB_STATUS_H

#include <stdint.h>

#include "kernel/errno.h"

/* The errno for a GNTST status, by the table above: 0 or < 0. */
int gnttab_status_errno(int16_t status);

/* Xen's own words for a status ("invalid grant reference"), for logs. */
const char *gnttab_status_name(int16_t status);

#endif
