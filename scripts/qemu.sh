# shellcheck shell=bash
# The one place that knows how QEMU is started: sourced by the boot tests
# (tests/boot/lib.sh), scripts/xen/*.sh, the benchmarks and the DTB
# generators, so that a fix to the machine, the time limit or the stopper
# reaches every one of them.  It lives in scripts/ because scripts/ must
# not depend on tests/, while tests/ already runs scripts/xen/boot.sh.
#
# The builders print QEMU arguments one per line: take them into an array
# with `mapfile -t ARGS < <(...)`, or, when no path holds a space (the
# tests' build directories), as words with an unquoted $(...).

QEMU=${QEMU:-qemu-system-aarch64}

# qemu_machine GIC VIRT(on|off) MEM SMP [MACHINE-OPTION...]: QEMU's virt
# machine with a GICvGIC, EL2 when VIRT is on, MEM of RAM and SMP CPUs,
# serial console on stdio.  -nic none: a minimal Debian 12 has no ROM for
# virt's default NIC (ipxe-qemu), and no guest here needs a NIC.
qemu_machine() {
    local opts=virt,gic-version=$1,virtualization=$2 mem=$3 smp=$4
    shift 4
    [ $# -eq 0 ] || opts+=$(printf ',%s' "$@")
    printf '%s\n' -machine "$opts" -cpu cortex-a57 -smp "$smp" -m "$mem" \
        -nographic -nic none -no-reboot
}

# qemu_loader FILE ADDR: FILE copied raw into guest memory at ADDR.
qemu_loader() {
    printf '%s\n' -device "loader,file=$1,addr=$2,force-raw=on"
}

# qemu_entry ADDR: CPU 0 starts at ADDR instead of a -kernel's entry.
qemu_entry() {
    printf '%s\n' -device "loader,addr=$1,cpu-num=0"
}

# qemu_icount: one instruction per virtual ns, so that guest time is
# deterministic.  Only with -smp 1: with -smp 2, Xen hangs under icount.
qemu_icount() {
    printf '%s\n' -icount shift=0,sleep=off
}

# qemu_boot_read DTB: what scripts/xen/host-dtb.sh recorded in DTB.boot,
# so that a boot uses the machine the DTB describes.  Its lines are
# "gic N", "mem SIZE", "smp N" and "module ADDR FILE" (any number).  Sets
# boot_gic, boot_mem, boot_smp (empty if the file has no such line) and
# the array boot_modules ("ADDR FILE" each).
qemu_boot_read() {
    local key value
    boot_gic='' boot_mem='' boot_smp='' boot_modules=()
    while read -r key value; do
        case $key in
        gic) boot_gic=$value ;;
        mem) boot_mem=$value ;;
        smp) boot_smp=$value ;;
        module) boot_modules+=("$value") ;;
        esac
    done <"$1.boot"
}

# qemu_xen XEN DTB: Xen booted on the machine DTB.boot gives (host-dtb.sh's
# defaults GICv3, 2G, 2 CPUs where it is silent), with its modules loaded.
qemu_xen() {
    local m
    qemu_boot_read "$2"
    qemu_machine "${boot_gic:-3}" on "${boot_mem:-2G}" "${boot_smp:-2}"
    printf '%s\n' -kernel "$1" -dtb "$2"
    for m in "${boot_modules[@]}"; do
        qemu_loader "${m#* }" "${m%% *}"
    done
}

# qemu_run SECS ARGS...: run QEMU in the foreground, stdin and output as
# the caller's, in its own session, killed SECS seconds after its start
# (and KILLed 2 s later).  Returns QEMU's status (124: time ran out).
qemu_run() {
    local secs=$1
    shift
    setsid -w timeout -k 2 "$secs" "$QEMU" "$@"
}

# qemu_dumpdtb OUT GIC VIRT MEM SMP [MACHINE-OPTION...]: QEMU's own DTB for
# that machine, written to OUT.  QEMU's messages go to the caller's output.
qemu_dumpdtb() {
    local out=$1 args
    shift
    mapfile -t args < <(qemu_machine "$@" "dumpdtb=$out")
    qemu_run 60 "${args[@]}" </dev/null
}

# The QEMU that qemu_start started: timeout(1)'s pid, also the id of
# QEMU's session and process group.  Owned by qemu_start and qemu_stop;
# qemu_status is QEMU's exit status once qemu_stop has reaped it.
# shellcheck disable=SC2034 # qemu_status is for the callers
qemu_pid='' qemu_status=''

# qemu_start SECS OUT ARGS...: start QEMU in the background, output to the
# file (or FIFO) OUT, stdin from /dev/null, in its own session under
# timeout(1): QEMU dies SECS + 5 s after its start even if the calling
# script is killed with SIGKILL.  The caller must call qemu_stop on every
# exit path (trap it on EXIT).
qemu_start() {
    local secs=$1 out=$2
    shift 2
    qemu_start_input "$secs" "$out" /dev/null "$@"
}

# qemu_start_input SECS OUT IN ARGS...: qemu_start with the serial
# console's input read from IN, a FIFO the caller opens for writing
# (until then QEMU waits for its opening) and types keys into while it
# watches OUT; QEMU sees no end of input while the caller keeps it open.
qemu_start_input() {
    local secs=$1 out=$2 in=$3
    shift 3
    setsid timeout -k 2 "$((secs + 5))" "$QEMU" "$@" <"$in" >"$out" 2>&1 &
    qemu_pid=$! qemu_status=''
}

qemu_running() {
    [ -n "$qemu_pid" ] && kill -0 "$qemu_pid" 2>/dev/null
}

# qemu_stop: stop the QEMU of qemu_start, if any.  TERM to timeout(1),
# which passes it on to QEMU, reaps it and KILLs it 2 s later if it is
# still there; then KILL for anything else left in its process group.
# shellcheck disable=SC2034 # qemu_status is for the callers
qemu_stop() {
    if [ -n "$qemu_pid" ]; then
        kill -TERM "$qemu_pid" 2>/dev/null || true
        qemu_status=0
        wait "$qemu_pid" 2>/dev/null || qemu_status=$?
        kill -KILL -- "-$qemu_pid" 2>/dev/null || true
        qemu_pid=''
    fi
}

# qemu_wait SECS CHECK...: run CHECK every 0.1 s until it succeeds (0),
# QEMU exits first (1, unless CHECK succeeds once more after: QEMU may
# print the last awaited line just before exiting) or SECS seconds pass
# (2).  QEMU is stopped in every case; qemu_status then says how it ended.
# The locals carry the function's name: CHECK sees them (bash scoping is
# dynamic), and must not set one of them when it means its own variable.
qemu_wait() {
    local qemu_wait_end=$((${EPOCHREALTIME//[!0-9]/} + $1 * 1000000))
    local qemu_wait_rc
    shift
    while :; do
        if "$@"; then
            qemu_wait_rc=0
        elif ! qemu_running; then
            qemu_wait_rc=1
            "$@" && qemu_wait_rc=0
        elif [ "${EPOCHREALTIME//[!0-9]/}" -ge "$qemu_wait_end" ]; then
            qemu_wait_rc=2
        else
            sleep 0.1
            continue
        fi
        qemu_stop
        return "$qemu_wait_rc"
    done
}

# qemu_console_log LOG: after qemu_machine's arguments, the serial console
# and the monitor stay on stdio (Ctrl-a x, Ctrl-a c) and everything the
# console shows is also written to LOG, for a watcher to read.
# signal=off: Ctrl-C goes to the guest instead of killing QEMU.
qemu_console_log() {
    printf '%s\n' -chardev "stdio,id=console,mux=on,signal=off,logfile=$1" \
        -serial chardev:console -mon chardev=console,mode=readline
}

# qemu_exec ARGS...: replace this shell by an interactive QEMU (Ctrl-a x
# quits): no time limit, the user stops it.  With QEMU_DRY_RUN=1 it only
# prints the command line, shell-quoted.
qemu_exec() {
    local a line=$QEMU
    if [ -n "${QEMU_DRY_RUN:-}" ]; then
        for a in "$@"; do
            [[ $a =~ ^[-A-Za-z0-9_./,=:+@%]+$ ]] || a=${a@Q}
            line+=" $a"
        done
        echo "$line"
        return 0
    fi
    exec "$QEMU" "$@"
}
