#include "xen/grant_refs.h"

static bool managed(const struct grant_refs *g, grant_ref_t ref)
{
	return ref >= g->first && ref < g->limit;
}

static void set_free(struct grant_refs *g, grant_ref_t ref, bool is_free)
{
	uint64_t bit = 1ULL << (ref % 64);

	if (is_free)
		g->free_bits[ref / 64] |= bit;
	else
		g->free_bits[ref / 64] &= ~bit;
}

bool grant_refs_is_free(const struct grant_refs *g, grant_ref_t ref)
{
	return managed(g, ref) &&
	       (g->free_bits[ref / 64] >> (ref % 64) & 1);
}

int grant_refs_init(struct grant_refs *g, unsigned int first,
		    unsigned int limit)
{
	unsigned int i;

	if (first >= limit || limit > GRANT_REFS_MAX)
		return -EINVAL;
	g->first = first;
	g->limit = limit;
	g->count = 0;
	for (i = 0; i < GRANT_REFS_MAX / 64; i++)
		g->free_bits[i] = 0;
	for (i = limit; i-- > first;) {
		g->stack[g->count++] = i;
		set_free(g, i, true);
	}
	return 0;
}

long grant_refs_get(struct grant_refs *g)
{
	grant_ref_t ref;

	if (!g->count)
		return -ENOSPC;
	ref = g->stack[--g->count];
	set_free(g, ref, false);
	return ref;
}

int grant_refs_take(struct grant_refs *g, grant_ref_t ref)
{
	unsigned int i;

	if (!managed(g, ref))
		return -EINVAL;
	if (!grant_refs_is_free(g, ref))
		return -EBUSY;
	/* Rare (tests that agree on a reference): a scan is fine. */
	for (i = 0; g->stack[i] != ref; i++)
		;
	g->stack[i] = g->stack[--g->count];
	set_free(g, ref, false);
	return 0;
}

int grant_refs_put(struct grant_refs *g, grant_ref_t ref)
{
	if (!managed(g, ref))
		return -EINVAL;
	if (grant_refs_is_free(g, ref))
		return -EALREADY;
	g->stack[g->count++] = ref;
	set_free(g, ref, true);
	return 0;
}
