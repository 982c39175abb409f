/*
 * The TCP benchmark's servers (net_start() must have run):
 *
 *   port 5001, sink: reads until the client shuts its side down, then
 *   answers "sink N bytes cksum C\n" (POSIX cksum of what it read, as
 *   `cksum` prints it) and logs the same line.
 *   port 5002, source: reads one line "send N\n", sends N bytes of
 *   bench_pattern_byte(), closes, and logs "source N bytes cksum C".
 *
 * Two connections at once on each; a peer idle for a minute is dropped.
 */
#ifndef APPS_TCP_BENCH_H
#define APPS_TCP_BENCH_H

#define TCP_SINK_PORT	5001
#define TCP_SOURCE_PORT	5002

/* 0, or the first server's negative errno. */
int tcp_bench_start(void);

#endif
