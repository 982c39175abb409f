#include <string.h>

#include "frontends/netif_ring.h"

_Static_assert(NETIF_TX_RING_SIZE <= NETIF_RING_MAX &&
	       NETIF_RX_RING_SIZE <= NETIF_RING_MAX, "ids fit the bitmap");

void netif_ids_set(struct netif_ids *ids, unsigned int id)
{
	if (id < NETIF_RING_MAX)
		ids->bits[id / 64] |= 1ULL << (id % 64);
}

bool netif_ids_test(const struct netif_ids *ids, unsigned int id)
{
	return id < NETIF_RING_MAX && (ids->bits[id / 64] >> (id % 64) & 1);
}

static void ids_clear(struct netif_ids *ids, unsigned int id)
{
	ids->bits[id / 64] &= ~(1ULL << (id % 64));
}

unsigned int netif_ids_count(const struct netif_ids *ids)
{
	unsigned int i, n = 0;

	for (i = 0; i < NETIF_RING_MAX / 64; i++)
		n += (unsigned int)__builtin_popcountll(ids->bits[i]);
	return n;
}

long netif_ring_ready(const RING_IDX *rsp_prod, RING_IDX rsp_cons,
		      RING_IDX req_prod, unsigned int ring_size)
{
	/*
	 * Acquire: the responses written before rsp_prod moved are then
	 * visible, and the value checked is the value used.
	 */
	RING_IDX p = __atomic_load_n(rsp_prod, __ATOMIC_ACQUIRE);
	RING_IDX asked = req_prod - rsp_cons;

	/* Unsigned distances: a producer behind rsp_cons wraps huge. */
	if (asked > ring_size || p - rsp_cons > asked)
		return NETIF_RING_CORRUPT;
	return (long)(p - rsp_cons);
}

int netif_tx_response(struct netif_tx_response rsp,
		      struct netif_ids *outstanding, uint16_t *id)
{
	int verdict;

	switch (rsp.status) {
	case NETIF_RSP_NULL:
		return NETIF_TX_SKIP;
	case NETIF_RSP_OKAY:
		verdict = 0;
		break;
	case NETIF_RSP_ERROR:
		verdict = -EIO;
		break;
	case NETIF_RSP_DROPPED:
		verdict = -ENOBUFS;
		break;
	default:
		return NETIF_RING_CORRUPT;
	}
	if (rsp.id >= NETIF_TX_RING_SIZE || !netif_ids_test(outstanding, rsp.id))
		return NETIF_RING_CORRUPT;
	ids_clear(outstanding, rsp.id);
	*id = rsp.id;
	return verdict;
}

/* The first failure is the frame's. */
static void frame_fail(struct netif_rx_frame *f, int err)
{
	if (!f->error)
		f->error = err;
}

/* An extra-info slot: the same 8 bytes, read as io/netif.h lays it out. */
static void rx_extra(struct netif_rx_frame *f, struct netif_rx_response rsp)
{
	struct netif_extra_info extra;

	_Static_assert(sizeof(extra) == sizeof(rsp), "extra fills a slot");
	memcpy(&extra, &rsp, sizeof(extra));
	/*
	 * GSO is the one we use (feature-gso-tcpv4); the others (a hash, a
	 * multicast filter) we did not ask for and ignore.
	 */
	if (extra.type == XEN_NETIF_EXTRA_TYPE_NONE ||
	    extra.type >= XEN_NETIF_EXTRA_TYPE_MAX)
		frame_fail(f, -EINVAL);
	else if (extra.type == XEN_NETIF_EXTRA_TYPE_GSO) {
		if (extra.u.gso.type != XEN_NETIF_GSO_TYPE_TCPV4 ||
		    extra.u.gso.size == 0)
			frame_fail(f, -EINVAL);
		else
			f->gso_size = extra.u.gso.size;
	}
	f->extras = (extra.flags & XEN_NETIF_EXTRA_FLAG_MORE) ? 1 : 0;
}

static void rx_data(struct netif_rx_frame *f, struct netif_rx_response rsp,
		    uint32_t max_len, struct netif_rx_slot *slot)
{
	bool first = !f->started;
	uint16_t size;

	f->more = rsp.flags & NETRXF_more_data;
	/* Extra slots follow the first response only (io/netif.h). */
	if (rsp.flags & NETRXF_extra_info) {
		if (first)
			f->extras = 1;
		else
			frame_fail(f, -EINVAL);
	}
	if (first)
		f->csum = rsp.flags & (NETRXF_data_validated |
				       NETRXF_csum_blank);
	/* A GSO prefix slot: a feature we did not ask for. */
	if (rsp.flags & NETRXF_gso_prefix)
		frame_fail(f, -EINVAL);
	if (rsp.status < 0) {
		frame_fail(f, -EIO);
		return;
	}
	size = (uint16_t)rsp.status;
	if ((uint32_t)rsp.offset + size > NETIF_PAGE_SIZE) {
		frame_fail(f, -EINVAL);
		return;
	}
	if ((uint64_t)f->len + size > max_len) {
		frame_fail(f, -EMSGSIZE);
		return;
	}
	if (f->error)
		return;
	f->len += size;
	slot->offset = rsp.offset;
	slot->size = size;
}

int netif_rx_response(struct netif_rx_frame *f, RING_IDX idx,
		      struct netif_rx_response rsp,
		      struct netif_ids *outstanding, uint32_t max_len,
		      struct netif_rx_slot *slot)
{
	unsigned int id = idx % NETIF_RX_RING_SIZE;
	int verdict;

	if (!netif_ids_test(outstanding, id))
		return NETIF_RING_CORRUPT;
	if (!f->extras && rsp.id != id)
		return NETIF_RING_CORRUPT;
	ids_clear(outstanding, id);
	slot->id = (uint16_t)id;
	slot->offset = 0;
	slot->size = 0;
	slot->frame_len = 0;
	slot->csum_flags = 0;
	slot->gso_size = 0;
	if (f->extras)
		rx_extra(f, rsp);
	else
		rx_data(f, rsp, max_len, slot);
	f->started = true;
	if (++f->slots > NETIF_RX_MAX_SLOTS)
		frame_fail(f, -EMSGSIZE);
	if (f->error)
		slot->size = 0;
	if (f->extras || f->more)
		return NETIF_RX_MORE;
	verdict = f->error;
	slot->frame_len = verdict ? 0 : f->len;
	if (!verdict) {
		slot->csum_flags = f->csum;
		slot->gso_size = f->gso_size;
	}
	memset(f, 0, sizeof(*f));
	return verdict;
}
