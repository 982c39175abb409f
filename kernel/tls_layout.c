/* Each thread's TLS block: the arithmetic of kernel/tls_layout.h. */
#include "kernel/errno.h"
#include "kernel/tls_layout.h"

int tls_layout(const struct tls_image *image, size_t from,
	       struct tls_layout *out)
{
	size_t copy, total, tp;

	if (image->tdata_start % TLS_ALIGN ||
	    image->tdata_end < image->tdata_start ||
	    image->tbss_end < image->tdata_end)
		return -EINVAL;
	copy = image->tdata_end - image->tdata_start;
	total = image->tbss_end - image->tdata_start;
	/* Round `from` and the block up to 16 bytes without wrapping. */
	if (from > SIZE_MAX - (TLS_ALIGN - 1) ||
	    total > SIZE_MAX - (TLS_ALIGN - 1))
		return -ERANGE;
	tp = (from + TLS_ALIGN - 1) & ~(size_t)(TLS_ALIGN - 1);
	total = (total + TLS_ALIGN - 1) & ~(size_t)(TLS_ALIGN - 1);
	if (tp > SIZE_MAX - TLS_TCB_SIZE - total)
		return -ERANGE;
	out->tp = tp;
	out->block = tp + TLS_TCB_SIZE;
	out->copy = copy;
	out->zero = image->tbss_end - image->tdata_end;
	out->end = out->block + total;
	return 0;
}
