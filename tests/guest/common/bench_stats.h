/* Median, min and max of timed samples, printed in one line format that
 * scripts/bench.sh parses:
 *   bench: NAME median TICKS ticks NS ns min TICKS max TICKS n COUNT
 */
#ifndef TESTS_GUEST_COMMON_BENCH_STATS_H
#define TESTS_GUEST_COMMON_BENCH_STATS_H

#include <stdint.h>

/* Sorts samples in place, then prints the line. */
void bench_report(const char *name, uint64_t *samples, unsigned int n);

#endif
