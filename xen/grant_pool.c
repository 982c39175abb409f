#include <string.h>

#include "xen/grant_pool.h"

static bool bit(const uint64_t *bits, unsigned int n)
{
	return bits[n / 64] >> (n % 64) & 1;
}

static void set_bit_to(uint64_t *bits, unsigned int n, bool on)
{
	uint64_t mask = 1ULL << (n % 64);

	if (on)
		bits[n / 64] |= mask;
	else
		bits[n / 64] &= ~mask;
}

int grant_pool_init(struct grant_pool *p, const struct grant_pool_ops *ops,
		    void *base, unsigned int count)
{
	unsigned int i;

	if (count == 0 || count > GRANT_POOL_MAX)
		return -EINVAL;
	memset(p, 0, sizeof(*p));
	p->ops = ops;
	p->base = base;
	p->count = count;
	for (i = 0; i < count; i++)
		p->ref[i] = GRANT_POOL_NO_REF;
	return 0;
}

uint8_t *grant_pool_page(const struct grant_pool *p, unsigned int n)
{
	return p->base + (size_t)n * GRANT_POOL_PAGE_SIZE;
}

bool grant_pool_is_kept(const struct grant_pool *p, unsigned int n)
{
	return n < p->count && bit(p->kept_bits, n);
}

long grant_pool_ref(const struct grant_pool *p, unsigned int n)
{
	return n < p->count ? p->ref[n] : GRANT_POOL_NO_REF;
}

int grant_pool_end(struct grant_pool *p, unsigned int n)
{
	long err;

	if (n >= p->count)
		return -EINVAL;
	if (p->ref[n] == GRANT_POOL_NO_REF)
		return 0;
	err = p->ops->end((grant_ref_t)p->ref[n]);
	/* -EALREADY: ended already, so not the backend's: the page is ours. */
	if (err && err != -EALREADY) {
		/* The reference stays recorded: nothing ends it again, and a
		 * later grant of this page is refused. */
		if (!bit(p->kept_bits, n)) {
			set_bit_to(p->kept_bits, n, true);
			p->kept++;
		}
		return -EBUSY;
	}
	p->ref[n] = GRANT_POOL_NO_REF;
	return 0;
}

unsigned int grant_pool_end_all(struct grant_pool *p)
{
	unsigned int n, before = p->kept;

	for (n = 0; n < p->count; n++)
		if (!bit(p->kept_bits, n))
			(void)grant_pool_end(p, n);
	return p->kept - before;
}

unsigned int grant_pool_reset(struct grant_pool *p)
{
	unsigned int n, kept = grant_pool_end_all(p);

	p->nfree = 0;
	memset(p->free_bits, 0, sizeof(p->free_bits));
	/* Pushed from the top so that page 0 is handed out first. */
	for (n = p->count; n-- > 0;) {
		if (bit(p->kept_bits, n))
			continue;
		memset(grant_pool_page(p, n), 0, GRANT_POOL_PAGE_SIZE);
		p->free[p->nfree++] = (uint16_t)n;
		set_bit_to(p->free_bits, n, true);
	}
	return kept;
}

int grant_pool_take(struct grant_pool *p)
{
	unsigned int n;

	if (!p->nfree)
		return -ENOSPC;
	n = p->free[--p->nfree];
	set_bit_to(p->free_bits, n, false);
	return (int)n;
}

int grant_pool_put(struct grant_pool *p, unsigned int n)
{
	if (n >= p->count)
		return -EINVAL;
	if (bit(p->kept_bits, n))
		return -EBUSY;
	if (bit(p->free_bits, n))
		return -EALREADY;
	p->free[p->nfree++] = (uint16_t)n;
	set_bit_to(p->free_bits, n, true);
	return 0;
}

long grant_pool_grant(struct grant_pool *p, unsigned int n, domid_t domid,
		      bool readonly)
{
	long ref;

	if (n >= p->count)
		return -EINVAL;
	if (bit(p->kept_bits, n) || p->ref[n] != GRANT_POOL_NO_REF)
		return -EBUSY;
	ref = p->ops->grant(domid, (uint64_t)(uintptr_t)grant_pool_page(p, n),
			    readonly);
	if (ref >= 0)
		p->ref[n] = ref;
	return ref;
}

int grant_budget_connect(struct grant_budget *b)
{
	if (b->kept > GRANT_BUDGET_KEPT_MAX)
		return -ENOSPC;
	if (b->connects >= GRANT_BUDGET_CONNECTS_MAX)
		return -ELOOP;
	b->connects++;
	return 0;
}

void grant_budget_kept(struct grant_budget *b, unsigned int count)
{
	b->kept += count;
}
