#!/usr/bin/env bash
# dom0less-xs.sh IMAGE WORKDIR: a dom0less domU with xen,enhanced meets its
# XenStore late.  Xen 4.17 starts IMAGE as domU 1 next to the Linux dom0
# test host (scripts/dom0/build.sh); the guest finds no store page yet and
# waits on the store's event channel.  Dom0 then runs init-dom0less
# (tests/boot/dom0less-xs-dom0.sh), which sets the page up and has
# xenstored notify the guest: it connects, reads its domid and name, and
# powers off on `xl shutdown`.  One boot per GIC version.
#
# Env: BOOT_LOGS (default build/tests/logs), XL_BOOT_TIMEOUT (seconds per
# boot, default 120), DOM0LESS_XS_GICS (default "2 3"), XEN_IMAGE.
set -uo pipefail
here=$(dirname "$0")
top=$(cd "$here/../.." && pwd)
# shellcheck source=tests/boot/lib.sh
. "$here/lib.sh"
[ $# -eq 2 ] || { echo "usage: $0 IMAGE WORKDIR" >&2; exit 2; }
image=$1 work=$2
logs=${BOOT_LOGS:-build/tests/logs}
limit=${XL_BOOT_TIMEOUT:-120}
mkdir -p "$logs" "$work"
suite=dom0less-xs

# host-dtb.sh records the module's size: one snapshot for every boot.
cp "$image" "$work/zephyr.bin" || exit 1

setup_failed() {
    echo "FAIL: $suite: $*"
    echo "$suite boot tests: 0 passed, 1 failed"
    exit 1
}
dom0_host_prepare

# host GIC: dom0 (scripts/dom0/host-dtb.sh) with the test script, and the
# enhanced domU next to it.
host() {
    local t=$work/test-gicv$1
    rm -rf "$t"
    mkdir -p "$t/test"
    install -m 755 "$here/dom0less-xs-dom0.sh" "$t/test/run.sh"
    "$top/scripts/dom0/host-dtb.sh" --gic "$1" --test "$t" \
        --domu "$work/zephyr.bin:0x49000000:65536:enhanced" \
        -o "$work/host-gicv$1.dtb"
}


# line_no LOG ERE: the number of LOG's first line matching ERE, or 0.
line_no() { grep -nE -m 1 -- "$2" "$1" | cut -d: -f1 || true; }

run_gic() {
    local v=$1 log=$logs/dom0less-xs-gicv$1.log s waiting init name named
    dom0_boot "$suite" "gicv$v" "$v" "$log" || [ $? -ne 2 ] || return

    # The guest waited, once, from before dom0 set its store up.
    waiting=$(line_no "$log" '^\(d1\) xenstore: waiting for dom0 to set it up')
    init=$(line_no "$log" '^INFO running init-dom0less')
    if [ -z "$waiting" ]; then
        s="no '(d1) xenstore: waiting for dom0 to set it up' line"
    elif [ -n "$init" ] && [ "$waiting" -gt "$init" ]; then
        s="the guest said it waits only after init-dom0less ran"
    elif [ "$(grep -c '^(d1) xenstore: waiting' "$log")" -ne 1 ]; then
        s="more than one '(d1) xenstore: waiting' line"
    else
        s=''
    fi
    result "gicv$v guest waits for XenStore" "$log" "$s"
    result "gicv$v init-dom0less" "$log" "$(step "$log" init-dom0less)"
    # Then it read them from XenStore: the name init-dom0less gave it.
    name=$(sed -n "s/^INFO name '\(.*\)'\$/\1/p" "$log" | head -n 1)
    named=$(line_no "$log" '^\(d1\) xenstore: domid 1 name ')
    if [ -z "$named" ]; then
        s="no '(d1) xenstore: domid 1 name ...' line"
    elif [ -n "$init" ] && [ "$named" -lt "$init" ]; then
        s="the guest had XenStore before init-dom0less ran"
    elif ! grep -Fxq "(d1) xenstore: domid 1 name $name" "$log"; then
        s="want '(d1) xenstore: domid 1 name $name' (dom0 reads name '$name')"
    else
        s=$(step "$log" guest-connected)
    fi
    result "gicv$v xenstore-name" "$log" "$s"
    if ! grep -q '^(d1) control: shutdown requested: poweroff' "$log"; then
        s="no '(d1) control: shutdown requested: poweroff' line"
    else
        s=$(step "$log" shutdown)
    fi
    result "gicv$v shutdown" "$log" "$s"
}

for v in ${DOM0LESS_XS_GICS:-2 3}; do
    run_gic "$v"
done

summary
