/*
 * Internal to lib/: lwIP's socket calls (lwip_socket(), lwip_bind(),
 * ...), for the files that give programs their sockets.  lwIP's socket
 * layer sets the program's errno with picolibc's numbers (net/arch/cc.h)
 * and reads the program's own structures (net/socket_abi.h); a file
 * calling it is built the same way: include this before any other
 * header of lwIP.
 */
#ifndef LIB_LWIP_SOCKET_H
#define LIB_LWIP_SOCKET_H

#define NET_LWIP_PROGRAM_ERRNO	1
#include "lwip/sockets.h"

#endif
