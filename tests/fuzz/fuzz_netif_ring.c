/*
 * libFuzzer harness: the PV network rings' response checks
 * (frontends/netif_ring.c) against a hostile backend, driven the way netfront
 * drives them.  The input is a script: we post TX and RX requests, the
 * peer writes any response bytes and any rsp_prod, and we consume what
 * netif_ring_ready says is there.  Besides ASan/UBSan (each accepted RX
 * slot is copied out of an exact-size page into an exact-size frame
 * buffer), it asserts:
 *   - ready never counts more than we asked, and CORRUPT otherwise;
 *   - every accepted answer frees exactly one id that was outstanding,
 *     the one it names; a refused one changes nothing;
 *   - an RX id is the slot's own; data stays inside the page; a complete
 *     frame's length is the sum of its slots and within max_len; the
 *     frame state is zero between frames;
 *   - a frame's checksum flags and GSO size come out only with a complete
 *     frame, and only the flags io/netif.h defines for that;
 *   - verdicts are only the documented ones.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "frontends/netif_ring.h"
#include "tests/fuzz/script.h"


/*
 * The longest frame netfront takes: one MTU, or (feature-gso-tcpv4) a
 * large TCP frame; each input picks one by its RX start index's parity.
 */
#define MTU_FRAME	1514
#define GSO_FRAME	65535
static uint32_t max_frame;


/* One direction's state, as the driver keeps it. */
struct side {
	RING_IDX req_prod, rsp_cons, rsp_prod;	/* rsp_prod: the peer's */
	struct netif_ids ids;
	uint8_t rsp[NETIF_RING_MAX][8];		/* the peer's responses */
};

static struct side tx_side, rx_side;
static struct netif_rx_frame frame;
static uint32_t frame_sum;
static unsigned char *page, *assembled;

static void post_tx(unsigned int n)
{
	/*
	 * Ids chosen as a free list would: any not outstanding, while there
	 * is one (NULL answers consume ring slots but free no id).
	 */
	unsigned int id = 0;

	while (n-- && tx_side.req_prod - tx_side.rsp_cons <
		      NETIF_TX_RING_SIZE) {
		while (id < NETIF_TX_RING_SIZE &&
		       netif_ids_test(&tx_side.ids, id))
			id++;
		if (id == NETIF_TX_RING_SIZE)
			return;
		netif_ids_set(&tx_side.ids, id);
		tx_side.req_prod++;
	}
}

static void post_rx(unsigned int n)
{
	while (n-- && rx_side.req_prod - rx_side.rsp_cons <
		      NETIF_RX_RING_SIZE) {
		unsigned int id = rx_side.req_prod % NETIF_RX_RING_SIZE;

		/* The driver's invariant: a slot is free before reuse. */
		CHECK(!netif_ids_test(&rx_side.ids, id));
		netif_ids_set(&rx_side.ids, id);
		rx_side.req_prod++;
	}
}

/* The backend broke the protocol: the driver disconnects and starts over. */
static void reconnect(struct side *s)
{
	memset(s, 0, sizeof(*s));
	if (s == &rx_side) {
		memset(&frame, 0, sizeof(frame));
		frame_sum = 0;
	}
}

static int frame_equal(const struct netif_rx_frame *a,
		       const struct netif_rx_frame *b)
{
	return a->started == b->started && a->len == b->len &&
	       a->slots == b->slots && a->extras == b->extras &&
	       a->more == b->more && a->error == b->error &&
	       a->csum == b->csum && a->gso_size == b->gso_size;
}

static long ready(struct side *s, unsigned int size)
{
	long n = netif_ring_ready(&s->rsp_prod, s->rsp_cons, s->req_prod,
				  size);

	if (n == NETIF_RING_CORRUPT) {
		CHECK(s->req_prod - s->rsp_cons > size ||
		      s->rsp_prod - s->rsp_cons > s->req_prod - s->rsp_cons);
		return n;
	}
	CHECK(n >= 0 && (RING_IDX)n == s->rsp_prod - s->rsp_cons);
	CHECK((RING_IDX)n <= s->req_prod - s->rsp_cons);
	return n;
}

static void consume_tx(void)
{
	long n = ready(&tx_side, NETIF_TX_RING_SIZE);

	if (n < 0) {
		reconnect(&tx_side);
		return;
	}
	while (n--) {
		struct netif_tx_response rsp;
		struct netif_ids before = tx_side.ids;
		unsigned int count = netif_ids_count(&tx_side.ids);
		uint16_t id = 0xbeef;
		int v;

		memcpy(&rsp, tx_side.rsp[tx_side.rsp_cons %
					 NETIF_TX_RING_SIZE], sizeof(rsp));
		v = netif_tx_response(rsp, &tx_side.ids, &id);
		if (v == NETIF_RING_CORRUPT || v == NETIF_TX_SKIP) {
			CHECK(memcmp(&before, &tx_side.ids,
				     sizeof(before)) == 0);
			CHECK(id == 0xbeef);
			if (v == NETIF_RING_CORRUPT) {
				reconnect(&tx_side);
				return;
			}
		} else {
			CHECK(v == 0 || v == -EIO || v == -ENOBUFS);
			CHECK(id == rsp.id && netif_ids_test(&before, id));
			CHECK(!netif_ids_test(&tx_side.ids, id));
			CHECK(netif_ids_count(&tx_side.ids) == count - 1);
		}
		tx_side.rsp_cons++;
	}
}

static void consume_rx(void)
{
	long n = ready(&rx_side, NETIF_RX_RING_SIZE);

	if (n < 0) {
		reconnect(&rx_side);
		return;
	}
	while (n--) {
		struct netif_rx_response rsp;
		struct netif_rx_frame f_before = frame;
		struct netif_ids before = rx_side.ids;
		unsigned int count = netif_ids_count(&rx_side.ids);
		unsigned int id = rx_side.rsp_cons % NETIF_RX_RING_SIZE;
		struct netif_rx_slot slot;
		int v;

		memcpy(&rsp, rx_side.rsp[id], sizeof(rsp));
		v = netif_rx_response(&frame, rx_side.rsp_cons, rsp,
				      &rx_side.ids, max_frame, &slot);
		if (v == NETIF_RING_CORRUPT) {
			CHECK(memcmp(&before, &rx_side.ids,
				     sizeof(before)) == 0);
			CHECK(frame_equal(&f_before, &frame));
			reconnect(&rx_side);
			return;
		}
		CHECK(v == NETIF_RX_MORE || v == 0 || v == -EIO ||
		      v == -EINVAL || v == -EMSGSIZE);
		CHECK(slot.id == id && netif_ids_test(&before, id));
		CHECK(!netif_ids_test(&rx_side.ids, id));
		CHECK(netif_ids_count(&rx_side.ids) == count - 1);
		CHECK((uint32_t)slot.offset + slot.size <= NETIF_PAGE_SIZE);
		CHECK(frame_sum + slot.size <= max_frame);
		if (v != 0)
			CHECK(slot.gso_size == 0 && slot.csum_flags == 0);
		else
			CHECK(!(slot.csum_flags & ~(NETRXF_data_validated |
						    NETRXF_csum_blank)));
		/* What the driver does: copy the slot into the frame. */
		memcpy(assembled + frame_sum, page + slot.offset, slot.size);
		frame_sum += slot.size;
		if (v != NETIF_RX_MORE) {
			struct netif_rx_frame zero = { 0 };

			CHECK(frame_equal(&zero, &frame));
			if (v == 0)
				CHECK(slot.frame_len == frame_sum);
			else
				CHECK(slot.frame_len == 0);
			frame_sum = 0;
		}
		rx_side.rsp_cons++;
		/* The driver reposts the buffer at once. */
		post_rx(1);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct script s = { data, size };
	unsigned int ops = 0;

	if (!page) {
		page = malloc(NETIF_PAGE_SIZE);
		assembled = malloc(GSO_FRAME);
		CHECK(page && assembled);
		memset(page, 0x5a, NETIF_PAGE_SIZE);
	}
	reconnect(&tx_side);
	reconnect(&rx_side);
	/* Start anywhere: free-running indices wrap. */
	tx_side.req_prod = tx_side.rsp_cons = tx_side.rsp_prod = take(&s, 4);
	rx_side.req_prod = rx_side.rsp_cons = rx_side.rsp_prod = take(&s, 4);
	max_frame = (rx_side.req_prod & 1) ? GSO_FRAME : MTU_FRAME;

	while (s.left && ops++ < 512) {
		uint32_t op = take(&s, 1);
		struct side *side = (op & 8) ? &rx_side : &tx_side;
		unsigned int k;

		switch (op & 7) {
		case 0:
			if (op & 8)
				post_rx(take(&s, 1));
			else
				post_tx(take(&s, 1));
			break;
		case 1:		/* the peer answers the next few, in order */
			k = take(&s, 1) % 8;
			while (k--) {
				uint8_t *r = side->rsp[side->rsp_prod %
						       NETIF_RING_MAX];
				uint32_t i;

				for (i = 0; i < 8; i++)
					r[i] = (uint8_t)take(&s, 1);
				side->rsp_prod++;
			}
			break;
		case 2:		/* any producer index */
			side->rsp_prod = take(&s, 4);
			break;
		case 3:		/* a small step */
			side->rsp_prod += (int8_t)take(&s, 1);
			break;
		case 4:		/* scribble on any response slot */
			k = take(&s, 1);
			side->rsp[k % NETIF_RING_MAX][take(&s, 1) % 8] =
				(uint8_t)take(&s, 1);
			break;
		default:
			if (op & 8)
				consume_rx();
			else
				consume_tx();
			break;
		}
	}
	return 0;
}
