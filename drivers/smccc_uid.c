/*
 * smccc_uid_equal(), apart from the calls so that the host unit tests
 * link it as it is.
 */
#include "drivers/smccc.h"

bool smccc_uid_equal(const struct smccc_result *r, const uint8_t uid[16])
{
	const uint64_t reg[4] = { r->x0, r->x1, r->x2, r->x3 };
	unsigned int i;

	/* SMCCC puts a UID in w0..w3, the upper halves are not part of it. */
	for (i = 0; i < 16; i++)
		if ((uint8_t)(reg[i / 4] >> (8 * (i % 4))) != uid[i])
			return false;
	return true;
}
