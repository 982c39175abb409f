#include "xen/byte_ring.h"
#include "xen/console_ring.h"

long console_ring_write(struct xencons_interface *ring, const char *buf,
			size_t len)
{
	return byte_ring_put(ring->out, sizeof(ring->out), &ring->out_prod,
			     &ring->out_cons, buf, len);
}

long console_ring_room(const struct xencons_interface *ring)
{
	long used = byte_ring_avail(sizeof(ring->out), &ring->out_prod,
				    &ring->out_cons);

	return used < 0 ? used : (long)sizeof(ring->out) - used;
}

long console_ring_read(struct xencons_interface *ring, char *buf,
		       size_t len)
{
	return byte_ring_get(ring->in, sizeof(ring->in), &ring->in_prod,
			     &ring->in_cons, buf, len);
}
