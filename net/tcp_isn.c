#include <string.h>

#include "net/tcp_isn.h"

uint32_t tcp_isn(const uint8_t key[SIPHASH_KEY_LEN], uint32_t local_ip,
		 uint16_t local_port, uint32_t remote_ip,
		 uint16_t remote_port, uint64_t clock_4us)
{
	uint8_t tuple[12];

	memcpy(tuple, &local_ip, 4);
	memcpy(tuple + 4, &remote_ip, 4);
	memcpy(tuple + 8, &local_port, 2);
	memcpy(tuple + 10, &remote_port, 2);
	return (uint32_t)clock_4us +
	       (uint32_t)siphash24(key, tuple, sizeof(tuple));
}
