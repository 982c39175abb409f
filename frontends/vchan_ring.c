#include <string.h>

#include "kernel/errno.h"
#include "frontends/vchan_ring.h"

#define GRANTS_OFFSET	offsetof(struct vchan_interface, grants)

/*
 * The peer's index is read once with acquire ordering: what it wrote
 * before moving the index is then visible, and the length checked is the
 * length used.  Ours is published with release ordering, after the bytes
 * (the producer) or after they were copied out (the consumer).
 */
static uint32_t peer_index(const struct vchan_ring *r)
{
	return __atomic_load_n(r->producer ? &r->shared->cons :
			       &r->shared->prod, __ATOMIC_ACQUIRE);
}

static void publish(struct vchan_ring *r)
{
	__atomic_store_n(r->producer ? &r->shared->prod : &r->shared->cons,
			 r->own, __ATOMIC_RELEASE);
}

int vchan_ring_init(struct vchan_ring *r, struct ring_shared *shared,
		    void *data, unsigned int order, bool producer)
{
	if (order < VCHAN_ORDER_SMALL || order > VCHAN_ORDER_MAX)
		return -EINVAL;
	r->shared = shared;
	r->data = data;
	r->size = 1u << order;
	r->producer = producer;
	r->own = __atomic_load_n(producer ? &shared->prod : &shared->cons,
				 __ATOMIC_RELAXED);
	return 0;
}

/* Bytes between the two indices, or CORRUPT if more than the ring. */
static long used(const struct vchan_ring *r, uint32_t peer)
{
	uint32_t n = r->producer ? r->own - peer : peer - r->own;

	return n > r->size ? VCHAN_RING_CORRUPT : (long)n;
}

long vchan_ring_readable(const struct vchan_ring *r)
{
	if (r->producer)
		return -EINVAL;
	return used(r, peer_index(r));
}

long vchan_ring_writable(const struct vchan_ring *r)
{
	long n;

	if (!r->producer)
		return -EINVAL;
	n = used(r, peer_index(r));
	return n < 0 ? n : (long)r->size - n;
}

/*
 * Where n bytes from our index start in the ring (*at), and how many of
 * them fit before its end: the rest wrap to its start.
 */
static uint32_t span(const struct vchan_ring *r, size_t n, uint32_t *at)
{
	uint32_t first;

	*at = r->own & (r->size - 1);
	first = r->size - *at;
	return first > n ? (uint32_t)n : first;
}

long vchan_ring_read(struct vchan_ring *r, void *buf, size_t len)
{
	long avail = vchan_ring_readable(r);
	uint32_t at, first;
	size_t n;

	if (avail < 0)
		return avail;
	n = len < (size_t)avail ? len : (size_t)avail;
	first = span(r, n, &at);
	memcpy(buf, r->data + at, first);
	memcpy((uint8_t *)buf + first, r->data, n - first);
	r->own += (uint32_t)n;
	publish(r);
	return (long)n;
}

long vchan_ring_write(struct vchan_ring *r, const void *buf, size_t len)
{
	long room = vchan_ring_writable(r);
	uint32_t at, first;
	size_t n;

	if (room < 0)
		return room;
	n = len < (size_t)room ? len : (size_t)room;
	first = span(r, n, &at);
	memcpy(r->data + at, buf, first);
	memcpy(r->data, (const uint8_t *)buf + first, n - first);
	r->own += (uint32_t)n;
	publish(r);
	return (long)n;
}

unsigned int vchan_order_pages(unsigned int order)
{
	return order < VCHAN_PAGE_SHIFT ? 0 : 1u << (order - VCHAN_PAGE_SHIFT);
}

unsigned int vchan_order_offset(unsigned int order)
{
	if (order == VCHAN_ORDER_SMALL)
		return 1024;
	if (order == VCHAN_ORDER_LARGE)
		return 2048;
	return 0;
}

int vchan_orders_check(unsigned int left, unsigned int right)
{
	unsigned int end = VCHAN_PAGE_SIZE, grants;

	if (left < VCHAN_ORDER_SMALL || left > VCHAN_ORDER_MAX ||
	    right < VCHAN_ORDER_SMALL || right > VCHAN_ORDER_MAX)
		return -EINVAL;
	if (left == right && left < VCHAN_PAGE_SHIFT)
		return -EINVAL;
	if (vchan_order_offset(left) && vchan_order_offset(left) < end)
		end = vchan_order_offset(left);
	if (vchan_order_offset(right) && vchan_order_offset(right) < end)
		end = vchan_order_offset(right);
	grants = vchan_order_pages(left) + vchan_order_pages(right);
	if (GRANTS_OFFSET + grants * sizeof(uint32_t) > end)
		return -EINVAL;
	return 0;
}

/* The smallest page-ring order holding size bytes (at least a page). */
static unsigned int order_for(size_t size)
{
	unsigned int order = VCHAN_PAGE_SHIFT;

	while (order < VCHAN_ORDER_MAX && ((size_t)1 << order) < size)
		order++;
	return order;
}

int vchan_orders_choose(size_t left_min, size_t right_min,
			unsigned int *left, unsigned int *right)
{
	const size_t small = 1u << VCHAN_ORDER_SMALL;
	const size_t large = 1u << VCHAN_ORDER_LARGE;

	if (left_min > (1u << VCHAN_ORDER_MAX) ||
	    right_min > (1u << VCHAN_ORDER_MAX))
		return -EINVAL;
	*left = order_for(left_min);
	*right = order_for(right_min);
	/* In the page where both fit, or one of them: fewer grants. */
	if (left_min <= small && right_min <= large) {
		*left = VCHAN_ORDER_SMALL;
		*right = VCHAN_ORDER_LARGE;
	} else if (left_min <= large && right_min <= small) {
		*left = VCHAN_ORDER_LARGE;
		*right = VCHAN_ORDER_SMALL;
	} else if (left_min <= large) {
		*left = VCHAN_ORDER_LARGE;
	} else if (right_min <= large) {
		*right = VCHAN_ORDER_LARGE;
	}
	return vchan_orders_check(*left, *right);
}

void vchan_notify_request(uint8_t *peer_byte, uint8_t bit)
{
	__atomic_fetch_or(peer_byte, bit, __ATOMIC_SEQ_CST);
	/* The request is seen before the indices are read again. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

bool vchan_notify_take(uint8_t *own_byte, uint8_t bit)
{
	/* The index moved before the bit is looked at. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return __atomic_fetch_and(own_byte, (uint8_t)~bit,
				  __ATOMIC_SEQ_CST) & bit;
}
