#include <stdbool.h>

#include "kernel/errno.h"
#include "kernel/page_alloc.h"
#include "lwip/pbuf.h"
#include "lwip/sys.h"
#include "net/rx_pool.h"

struct rx_buffer {
	struct pbuf_custom custom;	/* first: lwIP hands back the pbuf */
	struct rx_buffer *next_free;
	u8_t data[NET_RX_BUFFER_DATA];
};

#define POOL_BYTES	(NET_RX_BUFFERS * sizeof(struct rx_buffer))
#define POOL_PAGES	((POOL_BYTES + PAGE_SIZE - 1) / PAGE_SIZE)

/*
 * The free list and the counts, under sys_arch_protect(): buffers are
 * taken on the driver's thread and given back on whichever thread frees
 * the pbuf.  Set up once by net_rx_pool_init() (under net_start()'s
 * callers' lock: net_link_add() runs it before adding a netif).
 */
static struct rx_buffer *free_list;
static bool pool_ready;
static struct net_pool_stats stats;

static void rx_free(struct pbuf *p)
{
	struct rx_buffer *b = (struct rx_buffer *)p;
	SYS_ARCH_DECL_PROTECT(flags);

	SYS_ARCH_PROTECT(flags);
	b->next_free = free_list;
	free_list = b;
	stats.used--;
	SYS_ARCH_UNPROTECT(flags);
}

int net_rx_pool_init(void)
{
	struct rx_buffer *b;
	unsigned int i;

	if (pool_ready)
		return 0;
	b = page_alloc(POOL_PAGES);
	if (!b)
		return -ENOMEM;
	for (i = 0; i < NET_RX_BUFFERS; i++) {
		b[i].custom.custom_free_function = rx_free;
		b[i].next_free = free_list;
		free_list = &b[i];
	}
	stats.total = NET_RX_BUFFERS;
	pool_ready = true;
	return 0;
}

static struct pbuf *take(u16_t len)
{
	struct rx_buffer *b;
	SYS_ARCH_DECL_PROTECT(flags);

	SYS_ARCH_PROTECT(flags);
	b = free_list;
	if (b) {
		free_list = b->next_free;
		if (++stats.used > stats.max)
			stats.max = stats.used;
	} else {
		stats.errors++;
	}
	SYS_ARCH_UNPROTECT(flags);
	if (!b)
		return NULL;
	return pbuf_alloced_custom(PBUF_RAW, len, PBUF_POOL, &b->custom,
				   b->data, NET_RX_BUFFER_DATA);
}

struct pbuf *net_rx_alloc(size_t len)
{
	struct pbuf *head = NULL, *p;
	size_t n;

	do {
		n = len < NET_RX_BUFFER_DATA ? len : NET_RX_BUFFER_DATA;
		p = take((u16_t)n);
		if (!p) {
			if (head)
				pbuf_free(head);
			return NULL;
		}
		if (head)
			pbuf_cat(head, p);
		else
			head = p;
		len -= n;
	} while (len);
	return head;
}

bool net_rx_room(size_t len)
{
	size_t need = (len + NET_RX_BUFFER_DATA - 1) / NET_RX_BUFFER_DATA;

	/* A read without the lock: a hint, net_rx_alloc decides. */
	return pool_ready &&
	       __atomic_load_n(&stats.used, __ATOMIC_RELAXED) + need <=
	       stats.total;
}

void net_rx_stats(struct net_pool_stats *st)
{
	SYS_ARCH_DECL_PROTECT(flags);

	SYS_ARCH_PROTECT(flags);
	*st = stats;
	SYS_ARCH_UNPROTECT(flags);
}
