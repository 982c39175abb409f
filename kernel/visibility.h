/*
 * Forced into every kernel object (-include).  The kernel is one static
 * PIE, so no symbol can be preempted: hidden visibility lets GCC reach
 * every symbol PC-relatively instead of through the GOT.
 */
#pragma GCC visibility push(hidden)
