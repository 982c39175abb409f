#include "xen/byte_ring.h"

/*
 * The peer's index is read once with acquire ordering: the bytes it
 * published before moving it are then visible, and a later re-read cannot
 * change a length already checked.  Ours is published with release
 * ordering, after the bytes.
 */
static uint32_t load_peer(const uint32_t *idx)
{
	return __atomic_load_n(idx, __ATOMIC_ACQUIRE);
}

static void publish(uint32_t *idx, uint32_t v)
{
	__atomic_store_n(idx, v, __ATOMIC_RELEASE);
}

long byte_ring_put(char *ring, uint32_t size, uint32_t *prod,
		   const uint32_t *cons, const char *buf, size_t len)
{
	uint32_t c = load_peer(cons);
	uint32_t p = *prod;	/* shared memory too: checked like the peer's */
	uint32_t used = p - c;
	size_t done = 0;

	if (used > size)
		return BYTE_RING_CORRUPT;
	while (done < len && used < size) {
		ring[p & (size - 1)] = buf[done++];
		p++;
		used++;
	}
	publish(prod, p);
	return (long)done;
}

long byte_ring_get(const char *ring, uint32_t size, const uint32_t *prod,
		   uint32_t *cons, char *buf, size_t len)
{
	uint32_t p = load_peer(prod);
	uint32_t c = *cons;
	size_t done = 0;

	if (p - c > size)
		return BYTE_RING_CORRUPT;
	while (done < len && c != p)
		buf[done++] = ring[c++ & (size - 1)];
	publish(cons, c);
	return (long)done;
}

long byte_ring_avail(uint32_t size, const uint32_t *prod,
		     const uint32_t *cons)
{
	uint32_t avail = load_peer(prod) - *cons;

	return avail > size ? BYTE_RING_CORRUPT : (long)avail;
}
