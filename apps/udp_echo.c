/*
 * UDP echo on lwIP's raw API: each datagram is answered from the tcpip
 * thread as it arrives, in the buffer it came in, so a flood holds no
 * buffer and no thread; apps/echo_policy.h says which are refused.
 */
#include "apps/echo_policy.h"
#include "apps/udp_echo.h"
#include "kernel/errno.h"
#include "lwip/ip.h"
#include "lwip/netif.h"
#include "lwip/tcpip.h"
#include "lwip/udp.h"

/*
 * tcpip thread (core lock held).  The netif it came in on gives our own
 * address there; a forged source naming another of our links' addresses
 * costs one answer, which that link's loopback then refuses.
 */
static void echo_recv(void *arg, struct udp_pcb *pcb, struct pbuf *p,
		      const ip_addr_t *addr, u16_t port)
{
	const struct netif *in = ip_current_input_netif();
	struct echo_local local = {
		lwip_ntohl(ip4_addr_get_u32(netif_ip4_addr(in))),
		lwip_ntohl(ip4_addr_get_u32(netif_ip4_netmask(in))),
	};

	(void)arg;
	/* Only the loopback netif has no Ethernet: there, only we send. */
	if (!echo_refused(lwip_ntohl(ip4_addr_get_u32(ip_2_ip4(addr))), port,
			  !(in->flags & NETIF_FLAG_ETHERNET), &local, 1))
		(void)udp_sendto(pcb, p, addr, port);
	pbuf_free(p);
}

int udp_echo_start(void)
{
	struct udp_pcb *pcb;
	err_t err = ERR_MEM;

	LOCK_TCPIP_CORE();
	pcb = udp_new();
	if (pcb) {
		err = udp_bind(pcb, IP4_ADDR_ANY, UDP_ECHO_PORT);
		if (err == ERR_OK)
			udp_recv(pcb, echo_recv, NULL);
		else
			udp_remove(pcb);
	}
	UNLOCK_TCPIP_CORE();
	return err == ERR_OK ? 0 : -err_to_errno(err);
}
