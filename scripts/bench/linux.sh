# shellcheck shell=bash disable=SC2154 # the driver's variables
# Sourced by scripts/bench.sh: Debian's Linux as the same dom0less domU on
# the same Xen and machine, console on vpl011, and its ratios to our boot
# (scripts/bench/boot.sh); the table's section 2.

linux_args="console=ttyAMA0 earlycon=pl011,mmio32,0x22000000 rdinit=/init"

# linux_setup: Debian's kernel ($linux_image) and an initramfs whose /init
# prints a marker.
linux_setup() {
    local root
    root=$("$top/scripts/fetch-deb.sh" --root dom0root \
        "linux-image-$linux_abi-arm64-unsigned")
    linux_image=$root/boot/vmlinuz-$linux_abi-arm64
    [ -s "$linux_image" ] || die "no $linux_image"
    # Debian's arm64 vmlinuz is a plain Image on bookworm; decompress if not.
    if gzip -t "$linux_image" 2>/dev/null; then
        zcat "$linux_image" >"$work/linux-Image"
        linux_image=$work/linux-Image
    fi
    mkdir -p "$work/initramfs"
    aarch64-linux-gnu-gcc -static -nostdlib -ffreestanding -O2 -Wall -Werror \
        -fno-stack-protector -Wl,--build-id=none \
        -o "$work/initramfs/init" "$top/scripts/bench-linux-init.c"
    (cd "$work/initramfs" && echo init | cpio -o -H newc --quiet) >"$work/initramfs.cpio"
}

# add_domu_ramdisk NAME FILE ADDR: host-dtb.sh gives only dom0 a ramdisk;
# add one to domU1 (dtc merges a second root block into the first).
add_domu_ramdisk() {
    local dtb=$work/$1.dtb size
    size=$(stat -L -c %s "$2")
    dtc -q -I dtb -O dts -o "$dtb.dts" "$dtb"
    {
        printf '/ { chosen { domU1 { module@%x {\n' "$(($3))"
        printf '\tcompatible = "multiboot,ramdisk", "multiboot,module";\n'
        printf '\treg = <0x0 0x%x 0x0 0x%x>;\n}; }; }; };\n' "$(($3))" "$size"
    } >>"$dtb.dts"
    dtc -q -I dts -O dtb -o "$dtb" "$dtb.dts"
    # A module line as host-dtb.sh writes them, for qemu_boot_read.
    printf 'module 0x%x %s\n' "$(($3))" "$(realpath "$2")" >>"$dtb.boot"
}

# linux_hosts GIC ICOUNT SMP: the host DTB of linux_boot.
linux_hosts() {
    host "linux-gicv$1-icount$2" --gic "$1" --smp "$3" \
        --domu "$linux_image:0x50000000:262144:vpl011:bootargs=$linux_args"
    add_domu_ramdisk "linux-gicv$1-icount$2" "$work/initramfs.cpio" 0x54000000
}

LINUX_DONE='DOM1: linux-init: started'
linux_boot() { # GIC ICOUNT RUN
    local g=$1 ic=$2 r=$3 name=linux-gicv$1-icount$2 log t
    log=$logs/$name-run$r.log
    attempt "$g" "$name" || return 0
    if ! boot "$log" "$name" "$ic" $((2 * limit)) all_match "$LINUX_DONE"; then
        failed "$g" "$name run $r" "$log"; count_failure "$g" "$name"; return 0
    fi
    put "$g" "linux$ic.xen_ms" "$(at "$log" '^\(XEN\) ')"
    put "$g" "linux$ic.since_ms" "$(since "$log" '^\(XEN\) DOM1: ')"
    put "$g" "linux$ic.first_ms" "$(at "$log" '^\(XEN\) DOM1: ')"
    put "$g" "linux$ic.init_ms" "$(at "$log" "$LINUX_DONE")"
    # Linux's own clock (printk time) when it starts init: from its
    # sched_clock start, not its first instruction, so a lower bound.
    t=$(sed -n 's/.*DOM1: \[ *\([0-9.]*\)\] Run \/init as init process.*/\1/p' "$log" | head -n 1)
    [ -z "$t" ] || put "$g" "linux$ic.printk_init_ms" "$(awk -v t="$t" 'BEGIN { printf "%.1f", t * 1000 }')"
}

lin_ratio() { # LINUX-KEY OURS-KEY GIC
    ratio "$(med "$3" "$1")" "$(med "$3" "$2")"
}
after_xen() { # PREFIX KEY ICOUNT GIC: median of KEY minus Xen's first line's
    local p=$1 k=$2 ic=$3 g=$4 a b
    a=$(med "$g" "$p$ic.$k") b=$(med "$g" "$p$ic.xen_ms")
    if [ -z "$a" ] || [ -z "$b" ]; then echo ""; return; fi
    awk -v a="$a" -v b="$b" 'BEGIN { printf "%.1f", a - b }'
}
lin_ratio_after_xen() { # LINUX-KEY OURS-KEY ICOUNT GIC
    ratio "$(after_xen linux "$1" "$3" "$4")" "$(after_xen wall "$2" "$3" "$4")"
}
guest_ratio() { # ICOUNT GIC: Linux's clock at init (ms) / our app main (µs)
    local m
    m=$(med "$2" "boot$1.main_us")
    ratio "$(med "$2" "linux$1.printk_init_ms")" "${m:+$(awk -v m="$m" 'BEGIN { print m / 1000 }')}"
}

linux_rows() {
    local ic
    for ic in 1 0; do
        row "**2. Linux $linux_abi as the same domU ($(config "$ic"))**" ""
        row "QEMU start → Xen's first line (ms, wall)" "$(cells s "linux$ic.xen_ms")"
        row "QEMU start → Linux's first line (ms, wall)" "$(cells s "linux$ic.first_ms")"
        row "Xen's '*** Serial input' line → Linux's first line (ms, wall)" "$(cells s "linux$ic.since_ms")"
        row "QEMU start → Linux's init starts (ms, wall)" "$(cells s "linux$ic.init_ms")"
        row "Linux's printk clock at 'Run /init' (ms, guest)" "$(cells s "linux$ic.printk_init_ms")"
        row "ratio Linux / ours: first line, from QEMU start" "$(cells lin_ratio "linux$ic.first_ms" "wall$ic.first_ms")"
        row "ratio Linux / ours: first line, from Xen's first line" "$(cells lin_ratio_after_xen first_ms first_ms "$ic")"
        row "ratio Linux / ours: first line, from Xen's '*** Serial input' (target ≥ 50)" "$(cells lin_ratio "linux$ic.since_ms" "wall$ic.since_ms")"
        row "ratio Linux init / our app main, from QEMU start" "$(cells lin_ratio "linux$ic.init_ms" "wall$ic.main_ms")"
        row "ratio Linux init / our app main, from Xen's first line" "$(cells lin_ratio_after_xen init_ms main_ms "$ic")"
        row "ratio Linux printk at init / our app main (guest clocks)" "$(cells guest_ratio "$ic")"
    done
}
