#include "xen/console_ring.h"

/*
 * Snapshot the peer's index once, with acquire ordering: the bytes it
 * published before moving the index are then visible, and re-reading it
 * later cannot change a length we already checked.
 */
static XENCONS_RING_IDX load_index(const XENCONS_RING_IDX *idx)
{
	return __atomic_load_n(idx, __ATOMIC_ACQUIRE);
}

static void store_index(XENCONS_RING_IDX *idx, XENCONS_RING_IDX v)
{
	__atomic_store_n(idx, v, __ATOMIC_RELEASE);
}

long console_ring_write(struct xencons_interface *ring, const char *buf,
			size_t len)
{
	XENCONS_RING_IDX cons = load_index(&ring->out_cons);
	XENCONS_RING_IDX prod = ring->out_prod;	/* ours alone to write */
	XENCONS_RING_IDX used = prod - cons;
	size_t done = 0;

	if (used > sizeof(ring->out))
		return CONSOLE_RING_CORRUPT;
	while (done < len && used < sizeof(ring->out)) {
		ring->out[MASK_XENCONS_IDX(prod, ring->out)] = buf[done++];
		prod++;
		used++;
	}
	store_index(&ring->out_prod, prod);
	return (long)done;
}

long console_ring_read(struct xencons_interface *ring, char *buf,
		       size_t len)
{
	XENCONS_RING_IDX prod = load_index(&ring->in_prod);
	XENCONS_RING_IDX cons = ring->in_cons;	/* ours alone to write */
	XENCONS_RING_IDX avail = prod - cons;
	size_t done = 0;

	if (avail > sizeof(ring->in))
		return CONSOLE_RING_CORRUPT;
	while (done < len && cons != prod)
		buf[done++] = ring->in[MASK_XENCONS_IDX(cons++, ring->in)];
	store_index(&ring->in_cons, cons);
	return (long)done;
}
