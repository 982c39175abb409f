/* The 9pfs transport's byte rings: see p9_ring.h. */
#include <string.h>

#include "frontends/p9_ring.h"

uint32_t p9_ring_size(unsigned int order)
{
	return (uint32_t)XEN_FLEX_RING_SIZE(order);
}

unsigned int p9_ring_order(unsigned int backend_max, unsigned int wanted)
{
	unsigned int order = backend_max < wanted ? backend_max : wanted;

	return order < P9_RING_ORDER_MAX ? order : P9_RING_ORDER_MAX;
}

long p9_ring_used(RING_IDX prod, RING_IDX cons, uint32_t size)
{
	/* Unsigned difference: prod behind cons comes out huge. */
	RING_IDX used = prod - cons;

	if (used > size)
		return P9_RING_CORRUPT;
	return (long)used;
}

void p9_ring_put(uint8_t *ring, uint32_t size, RING_IDX idx,
		 const void *src, size_t len)
{
	uint32_t at = idx & (size - 1);
	size_t first = len < size - at ? len : size - at;

	memcpy(ring + at, src, first);
	memcpy(ring, (const uint8_t *)src + first, len - first);
}

void p9_ring_get(const uint8_t *ring, uint32_t size, RING_IDX idx,
		 void *dst, size_t len)
{
	uint32_t at = idx & (size - 1);
	size_t first = len < size - at ? len : size - at;

	memcpy(dst, ring + at, first);
	memcpy((uint8_t *)dst + first, ring, len - first);
}

void p9_ring_init(struct p9_ring *r, struct xen_9pfs_data_intf *intf,
		  uint8_t *data, unsigned int order)
{
	r->intf = intf;
	r->size = p9_ring_size(order);
	r->in = data;
	r->out = data + r->size;
	r->out_prod = 0;
	r->in_cons = 0;
	intf->in_cons = 0;
	intf->in_prod = 0;
	intf->out_cons = 0;
	intf->out_prod = 0;
	intf->ring_order = order;
}

long p9_ring_send(struct p9_ring *r, const void *src, size_t len)
{
	RING_IDX cons = __atomic_load_n(&r->intf->out_cons, __ATOMIC_ACQUIRE);
	long used = p9_ring_used(r->out_prod, cons, r->size);
	size_t room;

	if (used < 0)
		return used;
	room = r->size - (size_t)used;
	if (len > room)
		len = room;
	p9_ring_put(r->out, r->size, r->out_prod, src, len);
	r->out_prod += (RING_IDX)len;
	/* The bytes before the index that publishes them. */
	__atomic_store_n(&r->intf->out_prod, r->out_prod, __ATOMIC_RELEASE);
	return (long)len;
}

long p9_ring_recv(struct p9_ring *r, void *dst, size_t len)
{
	RING_IDX prod = __atomic_load_n(&r->intf->in_prod, __ATOMIC_ACQUIRE);
	long ready = p9_ring_used(prod, r->in_cons, r->size);

	if (ready < 0)
		return ready;
	if (len > (size_t)ready)
		len = (size_t)ready;
	p9_ring_get(r->in, r->size, r->in_cons, dst, len);
	r->in_cons += (RING_IDX)len;
	/* Our reads of the bytes before the index that frees them. */
	__atomic_store_n(&r->intf->in_cons, r->in_cons, __ATOMIC_RELEASE);
	return (long)len;
}
