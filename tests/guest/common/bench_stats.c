#include "tests/guest/common/bench_stats.h"
#include "drivers/arm_timer.h"
#include "kernel/printk.h"

void bench_report(const char *name, uint64_t *samples, unsigned int n)
{
	unsigned int i, k;
	uint64_t median;

	if (!n)
		return;
	for (i = 1; i < n; i++) {		/* insertion sort: n is small */
		uint64_t v = samples[i];

		for (k = i; k > 0 && samples[k - 1] > v; k--)
			samples[k] = samples[k - 1];
		samples[k] = v;
	}
	median = samples[n / 2];
	printk("bench: %s median %llu ticks %llu ns min %llu max %llu n %u\n",
	       name, (unsigned long long)median,
	       (unsigned long long)(median * 1000000000ULL / arm_timer_freq()),
	       (unsigned long long)samples[0],
	       (unsigned long long)samples[n - 1], n);
}
