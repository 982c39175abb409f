#!/usr/bin/env bash
# seeds.sh DIR: hand-written starting inputs for the ring harnesses, in
# DIR/HARNESS (the fdt_probe seeds are the test DTBs).  Formats: see each
# tests/fuzz/fuzz_HARNESS.c.  Each seed exercises a case the unit tests
# name; the fuzzer mutates from there.
# The seeds are octal escapes, so they go in printf's format on purpose.
# shellcheck disable=SC2059
set -euo pipefail
dir=$1
z16='\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0'

# console_ring: four big-endian indices in_cons, in_prod, out_cons,
# out_prod, then ops: 0 write LEN16, 2 read LEN16, 4+8k set index k to
# VALUE32, 7 the peer drains the out ring.
c=$dir/console_ring
mkdir -p "$c"
printf "$z16"'\0\0\5\2\0\5' >"$c/empty-write-read"
printf '\0\0\0\0\0\0\4\0\0\0\0\0\0\0\10\0\0\0\1\2\4\0\7\0\0\1' >"$c/full-both"
printf '\377\377\377\376\0\0\0\2\377\377\377\376\377\377\377\376\0\0\4\2\0\4' \
    >"$c/wrapping"
printf '\0\0\0\0\0\0\4\1\0\0\0\0\0\0\10\1\0\0\1\2\0\1\34\0\0\0\0\0\0\1' \
    >"$c/corrupt"

# xs_wire: LEN16 and a raw payload; four big-endian indices rsp_cons,
# rsp_prod, req_cons, req_prod; then ops: 0 read a message, 2 the peer
# appends LEN16 bytes, 4+8k set index k (k 0-3) or, for k 4, 5, 6, the
# connection state, server features, error field to a big-endian 32-bit
# value, 5 the peer takes our requests, 6 write LEN16 request bytes.  Headers on the ring are host-endian
# struct xsd_sockmsg {type, req_id, tx_id, len} (x86-64: little-endian).
x=$dir/xs_wire
mkdir -p "$x"
hdr() { # TYPE LEN as octal escapes
    printf "$1"'\0\0\0\0\0\0\0\0\0\0\0'"$2"'\0\0\0'
}
{ printf '\0\013path\0token\0'"$z16"'\2\0\026'; hdr '\017' '\006'
  printf 'a\0tok\0\0'; } >"$x/watch-event"
{ printf '\0\007ENOENT\0'"$z16"'\2\0\027'; hdr '\020' '\007'
  printf 'ENOENT\0\0'; } >"$x/error-reply"
{ printf '\0\011a\0bb\0ccc\0'"$z16"'\2\0\031'; hdr '\001' '\011'
  printf 'a\0bb\0ccc\0\0\6\0\100\5\6\4\0'; } >"$x/directory-and-write"
# A header in two pieces, then one claiming 4097 bytes (too big).
{ printf '\0\0'"$z16"'\2\0\012'; hdr '\002' '\002' | head -c 10; printf '\0'
  printf '\2\0\010'; hdr '\002' '\002' | tail -c 6; printf 'ok\0'
  printf '\2\0\020'; printf '\002\0\0\0\0\0\0\0\0\0\0\0\001\020\0\0'
  printf '\0'; } >"$x/split-then-too-big"
# Xen 4.21's dom0less page: RECONNECT, then features and CONNECTED, a
# reply; then an error under the error feature.
{ printf '\0\0'"$z16"'\044\0\0\0\1\0\054\0\0\0\3\0\044\0\0\0\0'
  printf '\2\0\022'; hdr '\002' '\002'; printf 'ok\0'
  printf '\064\0\0\0\2\0'; } >"$x/reconnect-then-connected"
# The peer claims more than the ring holds.
printf '\0\0\0\0\0\0\0\0\4\1\0\0\0\0\0\0\0\0\0\6\0\1' >"$x/corrupt-rsp-prod"

# blkif_ring: ops (one byte each, then their arguments): 0 send HOW, 1
# write response at SLOT ID64 OP STATUS16, 2 answer the oldest request
# OP STATUS, 3 set rsp_prod to VALUE32, 4 take responses.
b=$dir/blkif_ring
mkdir -p "$b"
printf '\0\0\0\1\0\5\2\0\2\2\1\2\4' >"$b/three-answered"
printf '\0\0\3\0\0\0\100\4' >"$b/index-too-far"
printf '\0\0\1\0\0\0\0\0\0\0\0\0\0\0\0\2\0\4' >"$b/unknown-id"

# netif_ring: big-endian starting indices of the TX and RX rings, then
# ops, bit 3 choosing RX: 0 post N requests, 1 the peer answers N (8
# bytes each: host-endian struct netif_tx_response or netif_rx_response,
# or an extra-info slot), 2 set rsp_prod to VALUE32, 3 move it by a signed
# byte, 4 scribble SLOT BYTE VALUE, 5-7 consume what is ready.
n=$dir/netif_ring
mkdir -p "$n"
# Two frames sent: one OKAY, one ERROR.
printf '\0\0\0\0\0\0\0\0\0\2\1\2\0\0\0\0\0\0\0\0\1\0\377\377\0\0\0\0\5' \
    >"$n/tx-okay-error"
# One 60-byte frame received.
printf '\0\0\0\0\0\0\0\0\10\4\11\1\0\0\0\0\0\0\74\0\15' >"$n/rx-frame"
# A frame with an extra-info (GSO) slot and a second data slot.
printf '\0\0\0\0\0\0\0\0\10\4\11\3\0\0\0\0\14\0\144\0' >"$n/rx-extra-chain"
printf '\1\0\0\0\0\0\0\0\2\0\0\0\0\0\62\0\15' >>"$n/rx-extra-chain"
# An odd RX start index takes large frames: a GSO frame with blank,
# validated checksums, its GSO slot (TCPv4, 1448) and a second data slot.
printf '\0\0\0\0\0\0\0\1\10\3\11\3\1\0\0\0\17\0\0\20' >"$n/rx-gso"
printf '\1\0\250\5\1\0\0\0\3\0\0\0\0\0\144\0\15' >>"$n/rx-gso"
# The peer claims five answers to one request.
printf '\0\0\0\0\0\0\0\0\10\1\12\0\0\0\5\15' >"$n/rx-corrupt-prod"
# Indices about to wrap.
printf '\377\377\377\376\377\377\377\376\0\4\1\2\0\0\0\0\0\0\0\0' \
    >"$n/tx-wrapping"
printf '\1\0\0\0\0\0\0\0\5' >>"$n/tx-wrapping"

# tcp_peek: an IPv4 datagram as it arrives.  A SYN cookie's ACK
# (10.0.0.1:40000 -> 10.0.0.3:80), then the same with IP options and a
# timestamp option, then a fragment of it.
p=$dir/tcp_peek
mkdir -p "$p"
ip='\105\0\0\50\0\0\100\0\100\6\0\0\12\0\0\1\12\0\0\3'
tcp='\234\100\0\120\22\64\126\171\336\255\276\360\120\20\162\20\0\0\0\0'
printf "$ip$tcp" >"$p/cookie-ack"
printf '\106\0\0\70\0\0\100\0\100\6\0\0\12\0\0\1\12\0\0\3\1\1\1\0' >"$p/options"
printf '\234\100\0\120\22\64\126\171\336\255\276\360\200\20\162\20\0\0\0\0' \
    >>"$p/options"
printf '\1\1\10\12\0\0\0\1\0\0\0\2' >>"$p/options"
printf '\105\0\0\50\0\0\40\0\100\6\0\0\12\0\0\1\12\0\0\3'"$tcp" >"$p/fragment"

# tso: an IPv4 datagram from a TSO link's peer.  A SYN with MSS 1460
# (10.0.0.1:40000 -> 10.0.0.2:80), the same with NOPs and a window scale
# first (the MSS at an odd offset), and one without options.
o=$dir/tso
mkdir -p "$o"
ip='\105\0\0\54\0\0\100\0\100\6\0\0\12\0\0\1\12\0\0\2'
printf "$ip"'\234\100\0\120\0\0\0\1\0\0\0\0\140\2\162\20\0\0\0\0\2\4\5\264' >"$o/syn-mss"
printf '\105\0\0\64\0\0\100\0\100\6\0\0\12\0\0\1\12\0\0\2' >"$o/syn-mss-odd"
printf '\234\100\0\120\0\0\0\1\0\0\0\0\200\2\162\20\0\0\0\0' >>"$o/syn-mss-odd"
printf '\1\1\3\3\7\2\4\5\264\0\0\0' >>"$o/syn-mss-odd"
printf '\105\0\0\50\0\0\100\0\100\6\0\0\12\0\0\1\12\0\0\2' >"$o/syn-plain"
printf '\234\100\0\120\0\0\0\1\0\0\0\0\120\2\162\20\0\0\0\0' >>"$o/syn-plain"

# cpu_hotplug: a XenStore watch path, as xenstored sends it.
h=$dir/cpu_hotplug
mkdir -p "$h"
printf 'cpu/1/availability' >"$h/relative"
printf '/local/domain/7/cpu/12/availability' >"$h/absolute"
printf 'cpu' >"$h/first-firing"
printf 'cpu/01/availability' >"$h/leading-zero"

# vchan_ring: a byte of orders (left 10 + bits 0-1, right 10 + bits
# 2-3), four big-endian indices left.cons, left.prod, right.cons,
# right.prod, then ops: 0 write LEN16, 2 read LEN16, 4+8k set index k
# to VALUE32, 5+8k move it by VALUE16, 6 the peer writes SLOT16 BYTE, 7
# layout checks LEFT-ORDER RIGHT-ORDER LEFT-MIN24 RIGHT-MIN24.
v=$dir/vchan_ring
mkdir -p "$v"
# The peer wrote 100 bytes; we read them and write 3000 into 2 KiB.
printf '\4''\0\0\0\0\0\0\0\144'"$z16" | head -c 17 >"$v/read-write"
printf '\2\0\200\0\13\270\2\0\1' >>"$v/read-write"
# Indices about to wrap, then moved past it.
printf '\0\377\377\377\360\377\377\377\360\377\377\377\360\377\377\377\360' \
    >"$v/wrapping"
printf '\015\0\40\2\0\40\0\10\0\2\0\40' >>"$v/wrapping"
# The peer claims 1025 bytes in a 1 KiB ring, then a cons past our prod.
printf '\0\0\0\0\0\0\0\4\1\0\0\0\0\0\0\0\0\2\0\1\0\0\20\024\0\0\0\1' \
    >"$v/corrupt"
# Layout: orders 20 and 10 (refused), 16 and 16, sizes over 1 MiB.
printf '\0'"$z16"'\7\24\12\0\0\0\0\0\0\7\20\20\1\0\0\0\2\0\7\11\24\20\0\1\0\0\0' \
    >"$v/layout"

# p9_wire: PARSER (0 Rversion, 1 Rattach, 2 Rwalk, 3 Ropen/Rcreate, 4
# Rread, 5 Rwrite, 6 Rclunk, 7 Rstat, 8 directory data), ASKED32
# big-endian, then the reply, little-endian as on the wire; tag 1.
w=$dir/p9_wire
mkdir -p "$w"
printf '\0\0\0\040\0\025\0\0\0\145\377\377\0\040\0\0\010\0009P2000.u' \
    >"$w/rversion"
printf '\1\0\0\0\0\024\0\0\0\151\1\0\200\0\0\0\0\1\0\0\0\0\0\0\0' \
    >"$w/rattach"
printf '\2\0\0\0\2\043\0\0\0\157\1\0\2\0' >"$w/rwalk-two"
printf '\200\0\0\0\0\12\0\0\0\0\0\0\0\0\0\0\0\0\13\0\0\0\0\0\0\0' >>"$w/rwalk-two"
printf '\4\0\0\0\20\020\0\0\0\165\1\0\5\0\0\0hello' >"$w/rread"
# A stat as xen-9pfsd writes it: its size 10 more than its 61 + 1 bytes.
st='\110\0\0\0\0\0\0\0\0\0\0\0\0\52\0\0\0\0\0\0\0'
st=$st'\244\1\0\0\0\0\0\0\0\0\0\0\5\0\0\0\0\0\0\0\1\0f'
st=$st'\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0'
printf '\7\0\0\0\0\111\0\0\0\175\1\0\112\0'"$st" >"$w/rstat-xen"
# Directory data as xen-9pfsd sends it (seen from Xen 4.20): n[2] = size
# + 2 before each stat.
printf '\10\0\0\0\0\112\0'"$st"'\112\0'"$st" >"$w/directory-xen"
printf '\10\0\0\0\0'"$st$st" >"$w/directory-bare"
printf '\1\0\0\0\0\016\0\0\0\153\1\0\1\0x\2\0\0\0' >"$w/rerror-enoent"

# p9_ring: ORDER (0-2), then ops: 0 send LEN16, 1 receive LEN16, 2 the
# backend takes LEN16 bytes, 3 it writes LEN16 reply bytes, 4 it sets
# out_cons to VALUE32, 5 it sets in_prod to VALUE32.
g=$dir/p9_ring
mkdir -p "$g"
printf '\0\0\0\100\2\0\100\3\0\40\1\0\40' >"$g/round-trip"
printf '\0\0\10\0\0\0\1\2\4\0\0\0\2\10\0\3\10\0\1\10\0\1\0\1' >"$g/full-wrap"
printf '\1\5\0\0\20\1\1\0\20' >"$g/corrupt-in-prod"
printf '\0\0\0\4\4\0\0\0\5\0\0\1' >"$g/corrupt-out-cons"
