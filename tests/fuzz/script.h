/*
 * What every ring harness reads its input as: a script of big-endian
 * numbers consumed from the front, zeros once it runs out (so that any
 * input, however short, is a whole script), and the check that stops the
 * run when an invariant breaks.
 */
#ifndef TESTS_FUZZ_SCRIPT_H
#define TESTS_FUZZ_SCRIPT_H

#include <stddef.h>
#include <stdint.h>

#define CHECK(cond) do { if (!(cond)) __builtin_trap(); } while (0)

struct script {
	const uint8_t *data;
	size_t left;
};

/* The next bytes (at most 8) of s as one big-endian number. */
static inline uint64_t take(struct script *s, unsigned int bytes)
{
	uint64_t v = 0;

	while (bytes--) {
		v = v << 8 | (s->left ? *s->data : 0);
		if (s->left) {
			s->data++;
			s->left--;
		}
	}
	return v;
}

#endif
