#!/bin/sh
# /test/run.sh of `scripts/run.sh` (the demo): what a user does on a real
# Xen host.  The seed's zephyr.conf and the image are in /root; the guest
# is started with `xl create -c`, so its console is on the screen.
# Ctrl-] leaves the console for a dom0 shell, where `xl list`,
# `xl shutdown zephyr`, `xl console zephyr` and `xl create -c zephyr.conf`
# work; leaving that shell powers the host off.
cd /root || exit 1
cp /test/zephyr.bin /root/zephyr.bin
# The seed's config; kernel= absolute, so that `xl reboot` finds it too.
cat >/root/zephyr.conf <<'CONF'
kernel = "/root/zephyr.bin"
name = "zephyr"
vcpus = 1
memory = 16
on_crash = "preserve"
CONF
echo "dom0: # xl create -c zephyr.conf    (Ctrl-] leaves the console, Ctrl-a x quits QEMU)"
# cttyhack gives the session hvc0 as its controlling terminal, so that
# xl's console can take the keyboard and Ctrl-C reaches the shell.
setsid cttyhack sh -c '
    cd /root
    xl create -c zephyr.conf
    echo
    echo "dom0: the zephyr guest keeps running: xl list, xl console zephyr,"
    echo "dom0: xl shutdown zephyr, xl create -c zephyr.conf; exit powers off"
    PS1="dom0# " exec sh -i'
