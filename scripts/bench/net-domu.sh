#!/bin/sh
# /test/run.sh of the Linux domU of scripts/bench/net.sh (scripts/domu/
# build.sh's init runs it): eth0 (xen-netfront) at bench.ip=A.B.C.D/24
# from the kernel command line, busybox httpd serving a page of
# bench.page=N bytes on port 80, nc listening on 5001 (the sink: cat into
# /dev/null) and 5002 (the source: "send N" gets N zero bytes back), as
# Osprey's app=httpd does; then "bench: ready" and wait to be destroyed.
ip='' page=600
read -r cmdline </proc/cmdline
for word in $cmdline; do
    case $word in
    bench.ip=*) ip=${word#*=} ;;
    bench.page=*) page=${word#*=} ;;
    esac
done
i=0
while [ ! -e /sys/class/net/eth0 ] && [ "$i" -lt 50 ]; do
    sleep 0.1
    i=$((i + 1))
done
ifconfig lo 127.0.0.1 up
ifconfig eth0 "$ip" netmask 255.255.255.0 up || echo "bench: FATAL no eth0"
mkdir -p /www
# Text of the same size as Osprey's page, in lines.
awk -v n="$page" 'BEGIN { l = "0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxy"
    while (n > 0) { s = n >= 72 ? l : substr(l, 1, n - 1); print s; n -= length(s) + 1 } }' \
    >/www/index.html
httpd -p 80 -h /www
# nc -e runs each on the connection itself (its stdin and stdout): no
# relaying through nc, and no stdin of nc's own (a background job's is
# /dev/null, whose end nc would pass on as a half-close).
printf '#!/bin/sh\ncat >/dev/null\n' >/tmp/sink.sh
# shellcheck disable=SC2016 # expanded by source.sh
printf '#!/bin/sh\nread -r word n\n[ "$word" = send ] && head -c "$n" /dev/zero\n' \
    >/tmp/source.sh
chmod 755 /tmp/sink.sh /tmp/source.sh
(while :; do nc -l -p 5001 -e /tmp/sink.sh; done) &
(while :; do nc -l -p 5002 -e /tmp/source.sh; done) &
echo "bench: ready eth0 $ip page $(wc -c </www/index.html) bytes," \
    "offloads $(cat /sys/class/net/eth0/features 2>/dev/null || echo ?)"
while :; do sleep 3600; done
