#!/usr/bin/env bash
# Build the host DTB that tells Xen (booted by QEMU virt) which guests to
# start: QEMU's own DTB for the same machine, plus a /chosen with Xen's
# bootargs and one module node per guest image.
#
# Usage: scripts/xen/host-dtb.sh [options] -o OUT.dtb
#   --gic 2|3            GIC version (default 3)
#   --mem SIZE           QEMU -m (default 2G)
#   --smp N              QEMU -smp (default 2)
#   --xen-args "ARGS"    appended to Xen's bootargs
#   --dom0 FILE[:ADDR]   dom0 kernel, loaded at ADDR (default 0x50000000)
#   --dom0-ramdisk FILE:ADDR   dom0 initramfs
#   --dom0-args "ARGS"   dom0's command line (xen,dom0-bootargs)
#   --dom0-mem SIZE      Xen's dom0_mem (default 128M)
#   --domu FILE:ADDR:MEMKIB[:cpus=N][:vpl011][:enhanced|:no-xenstore]
#          [:evtchn=PORT/DOMID/PEERPORT]...[:bootargs=TEXT]
#                        a dom0less guest (repeatable; domain ids follow the
#                        order). bootargs must come last (it may hold ':').
#                        enhanced (a /hypervisor node, xenstore) needs a dom0;
#                        no-xenstore gives the /hypervisor node (event
#                        channels, grants) without one. evtchn: a static
#                        event channel from this domain's PORT to PEERPORT
#                        of domain DOMID, which must name it back (Xen's
#                        booting.txt, "xen,evtchn").
# Example:
#   scripts/xen/host-dtb.sh --gic 2 --domu build/kernel.bin:0x49000000:131072:vpl011 -o host.dtb
#
# Besides OUT.dtb it writes OUT.dtb.boot, which qemu_boot_read
# (scripts/qemu.sh) reads for every boot of it, so that the boot uses the
# machine this DTB describes: lines "gic N", "mem SIZE", "smp N" and
# "module ADDR FILE". Module sizes are read from the files on every run:
# Xen copies exactly reg's size, so a stale DTB truncates a rebuilt image.
set -euo pipefail
# shellcheck source=scripts/qemu.sh
. "$(dirname "$0")/../qemu.sh"

die() { echo "host-dtb.sh: $*" >&2; exit 2; }

gic=3 mem=2G smp=2 out='' xen_args='' dom0_mem=128M dom0_args=''
dom0='' dom0_ramdisk=''
domus=()
while [ $# -gt 0 ]; do
    [ $# -ge 2 ] || die "$1 needs a value"
    case $1 in
    --gic) gic=$2 ;;
    --mem) mem=$2 ;;
    --smp) smp=$2 ;;
    --xen-args) xen_args=$2 ;;
    --dom0) dom0=$2 ;;
    --dom0-ramdisk) dom0_ramdisk=$2 ;;
    --dom0-args) dom0_args=$2 ;;
    --dom0-mem) dom0_mem=$2 ;;
    --domu) domus+=("$2") ;;
    -o) out=$2 ;;
    *) die "unknown option $1 (see the header of $0)" ;;
    esac
    shift 2
done
[ -n "$out" ] || die "missing -o OUT.dtb"
[[ $gic =~ ^[23]$ ]] || die "--gic must be 2 or 3"
[[ $smp =~ ^[1-9][0-9]*$ ]] || die "--smp must be a number"
[ -n "$dom0" ] || [ ${#domus[@]} -gt 0 ] || die "no guest: give --dom0 or --domu"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
boot=$tmp/boot
printf 'gic %s\nmem %s\nsmp %s\n' "$gic" "$mem" "$smp" >"$boot"

# DTS string literal: escape backslashes and double quotes.
quote() { local s=${1//\\/\\\\}; printf '"%s"' "${s//\"/\\\"}"; }

# module INDENT FILE ADDR KIND [BOOTARGS]: print a module node, record it.
module() {
    local file=$2 addr=$3 size
    [ -f "$file" ] || die "no such file: $file"
    [[ $addr =~ ^(0x[0-9a-fA-F]+|[0-9]+)$ ]] || die "bad address '$addr' for $file"
    size=$(stat -L -c %s "$file")
    printf '%smodule@%x {\n' "$1" "$((addr))"
    printf '%s\tcompatible = "multiboot,%s", "multiboot,module";\n' "$1" "$4"
    printf '%s\treg = <0x%x 0x%x 0x%x 0x%x>;\n' "$1" $((addr >> 32)) \
        $((addr & 0xffffffff)) $((size >> 32)) $((size & 0xffffffff))
    [ $# -lt 5 ] || printf '%s\tbootargs = %s;\n' "$1" "$(quote "$5")"
    printf '%s};\n' "$1"
    printf 'module 0x%x %s\n' "$((addr))" "$(realpath "$file")" >>"$boot"
    printf '%d %d %s\n' "$((addr))" "$((addr + size))" "$file" >>"$tmp/ranges"
}

bootargs="console=dtuart dtuart=/pl011@9000000 bootscrub=0"
[ -z "$dom0" ] || bootargs+=" dom0_mem=$dom0_mem"
{
    # dtc wants a node's properties before its subnodes.
    echo "/ {"
    echo "chosen {"
    echo "	#address-cells = <2>;"
    echo "	#size-cells = <2>;"
    echo "	xen,xen-bootargs = $(quote "$bootargs${xen_args:+ $xen_args}");"
    if [ -n "$dom0" ]; then
        echo "	xen,dom0-bootargs = $(quote "$dom0_args");"
        file=${dom0%%:*} addr=0x50000000
        [ "$file" = "$dom0" ] || addr=${dom0#*:}
        module "	" "$file" "$addr" kernel
        if [ -n "$dom0_ramdisk" ]; then
            [[ $dom0_ramdisk == *:* ]] || die "--dom0-ramdisk needs FILE:ADDR"
            module "	" "${dom0_ramdisk%%:*}" "${dom0_ramdisk#*:}" ramdisk
        fi
    fi
    id=0
    for spec in "${domus[@]}"; do
        id=$((id + 1))
        IFS=: read -r file addr kib opts <<<"$spec"
        [[ $kib =~ ^[1-9][0-9]*$ ]] || die "--domu $spec: MEMKIB must be a number"
        cpus=1 extra='' nodes='' args=()
        while [ -n "$opts" ]; do
            case $opts in
            bootargs=*) args=("${opts#bootargs=}"); break ;;
            esac
            opt=${opts%%:*} opts=${opts#"$opt"} opts=${opts#:}
            case $opt in
            vpl011) extra+=$'\t\tvpl011;\n' ;;
            enhanced)
                [ -n "$dom0" ] || die "--domu $spec: enhanced needs --dom0" \
                    "(Xen panics: xenstore support requires dom0)"
                extra+=$'\t\txen,enhanced = "enabled";\n' ;;
            no-xenstore) extra+=$'\t\txen,enhanced = "no-xenstore";\n' ;;
            evtchn=*)
                [[ $opt =~ ^evtchn=([1-9][0-9]*)/([0-9]+)/([1-9][0-9]*)$ ]] ||
                    die "--domu $spec: evtchn=PORT/DOMID/PEERPORT"
                # Labels name each end; dtc turns the reference into the
                # peer node's phandle.
                nodes+=$'\t\t'"ec_d${id}_${BASH_REMATCH[1]}: evtchn@${BASH_REMATCH[1]} {"$'\n'
                nodes+=$'\t\t\tcompatible = "xen,evtchn-v1";\n'
                nodes+=$'\t\t\t'"xen,evtchn = <${BASH_REMATCH[1]} &ec_d${BASH_REMATCH[2]}_${BASH_REMATCH[3]}>;"$'\n'
                nodes+=$'\t\t};\n' ;;
            cpus=*) cpus=${opt#cpus=}
                    [[ $cpus =~ ^[1-9][0-9]*$ ]] || die "--domu $spec: bad cpus" ;;
            *) die "--domu $spec: unknown option '$opt'" ;;
            esac
        done
        echo "	domU$id {"
        echo "		compatible = \"xen,domain\";"
        echo "		#address-cells = <2>;"
        echo "		#size-cells = <2>;"
        printf '\t\tmemory = <0x%x 0x%x>; /* KiB */\n' $((kib >> 32)) $((kib & 0xffffffff))
        echo "		cpus = <$cpus>;"
        printf '%s' "$extra"
        # A domU's command line lives in its kernel module node.
        module "		" "$file" "$addr" kernel "${args[@]}"
        printf '%s' "$nodes"
        echo "	};"
    done
    echo "};"
    echo "};"
} >"$tmp/chosen.dtsi"

# Overlapping modules are refused by Xen; say which ones, here.
sort -n "$tmp/ranges" | awk '$1 < end { print "host-dtb.sh: " prev " overlaps " $3; bad = 1 }
    { end = $2; prev = $3 } END { exit bad }' >&2 || exit 2

# QEMU's DTB depends on -m, -smp and the GIC version: dump it for exactly the
# machine boot.sh will start. No random rng-seed/kaslr-seed: the same inputs
# then give the same DTB, for Xen and for the dom0 DTB Xen derives from it.
qemu_dumpdtb "$tmp/virt.dtb" "$gic" on "$mem" "$smp" dtb-randomness=off \
    >"$tmp/qemu.log" 2>&1 || { cat "$tmp/qemu.log" >&2; die "QEMU's dumpdtb failed"; }
dtc -q -I dtb -O dts -o "$tmp/host.dts" "$tmp/virt.dtb"
# dtc merges a second root block into the first.
cat "$tmp/chosen.dtsi" >>"$tmp/host.dts"
dtc -q -I dts -O dtb -o "$out" "$tmp/host.dts"
cp "$boot" "$out.boot"
