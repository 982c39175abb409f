#include "kernel/realtime.h"
#include "kernel/thread.h"

/* Set by realtime_set(), which the boot calls once per source found
 * (the last wins) before the program starts; read-only afterwards. */
static uint64_t offset_ns;
static const char *source;

void realtime_set(uint64_t now_ns, const char *name)
{
	offset_ns = now_ns - sched_now_ns();
	source = name;
}

uint64_t realtime_now_ns(void)
{
	return offset_ns + sched_now_ns();
}

const char *realtime_source(void)
{
	return source;
}
