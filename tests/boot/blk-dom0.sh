#!/bin/sh
# The steps of tests/boot/blk.sh, run inside the dom0 test host (busybox
# sh, see scripts/dom0/init) as /test/run.sh, next to zephyr.bin, a file
# "gic" holding the host's GIC version and seed.bin, 1 MiB of fixed
# pseudo-random bytes the disk images are made of (so runs are alike), and
# disk.bin, samples/disk as `make APP=samples/disk` builds it.
#
# The guest is zephyr.bin's shell (extra="app=shell"), driven by typing
# into its PV console; xen-blkback serves it files through loop devices
# (libxl's block hotplug script) and a loop device with 4096-byte logical
# sectors.  It prints, on the console Xen's serial shows:
#   STEP NAME OK                    a step passed
#   STEP NAME FAIL REASON           it did not
#   CON NAME| LINE                  the guest's PV console during step NAME
#   INFO ...                        anything else worth seeing in a log
# Every wait has a time limit and every xl command runs under timeout(1).
# A guest.cfg next to it replaces the guest's kernel, memory and extra
# lines: a stand-in guest with the same console lines checks the suite
# itself (blk.sh's BLK_GUEST_FILES).
# When a disk never shows up, the steps that need it fail at once
# ("skipped: ..."), so that a guest without blkfront costs little time.
gic=$(cat gic)
guest_vcpus=$(cat vcpus 2>/dev/null || echo 1)
echo "INFO guests get $guest_vcpus vCPUs"
log_dir=/var/log/xen/console
log=$log_dir/guest-zephyr.log
# busybox sh runs its own losetup applet for a bare "losetup", and that
# one has no --sector-size: util-linux's, which init links in /bin.
losetup=/bin/losetup
mib=1048576
# A stand-in (guest.cfg) may boot a whole Linux: it gets longer to start.
ready_secs=10
[ ! -f guest.cfg ] || ready_secs=60

now() { cut -d' ' -f1 /proc/uptime; }
since() { awk -v a="$(now)" -v b="$1" 'BEGIN { printf "%.2f", a - b }'; }
ok() { echo "STEP $1 OK ($(now)s)"; }
fail() {
    step=$1
    shift
    echo "STEP $step FAIL $* ($(now)s)"
}

# console_from FILE LINE: FILE from line LINE on, less the shell prompts
# that begin a line: what the guest prints by itself (a disk attached or
# detached) follows the prompt on its line.
console_from() { tail -n +"$2" "$1" | tr -d '\r' | sed 's/^\(osprey> \)*//'; }

# count FILE REGEX [FROM]: lines of FILE (from line FROM on) that match.
count() {
    [ -f "$1" ] || { echo 0; return; }
    console_from "$1" "${3:-1}" | grep -Ec -- "$2"
}

# lines REGEX FROM: the guest's console lines from line FROM that match.
lines() { console_from "$log" "$2" | grep -E -- "$1"; }

# mark: the line of the console log the next command's output starts at.
mark() {
    [ -f "$log" ] || { echo 1; return; }
    echo $(($(wc -l <"$log") + 1))
}

# centis: /proc/uptime in hundredths of a second, in $centis (no fork: a
# wait's limit must not stretch with the cost of each check under TCG).
centis() {
    read -r centis _ </proc/uptime
    centis=${centis%.*}${centis#*.}
    centis=${centis#0}
}

# wait_for REGEX N SECS [FROM]: until N console lines (from line FROM) match,
# at most SECS; gives up early if the guest has crashed or is gone.
wait_for() {
    centis
    end=$((centis + $3 * 100)) next=$((centis + 100))
    while [ "$(count "$log" "$1" "${4:-1}")" -lt "$2" ]; do
        centis
        [ "$centis" -le "$end" ] || return 1
        if [ "$centis" -ge "$next" ]; then
            next=$((centis + 100))
            case $(state) in
            *c*) echo "INFO the guest crashed"; return 1 ;;
            "") echo "INFO the guest is gone"; return 1 ;;
            esac
        fi
        sleep 0.1
    done
}

# show STEP FROM: the guest's console from line FROM as "CON STEP| LINE".
show() {
    [ -f "$log" ] || { echo "INFO $1: no $log"; return; }
    # awk ends the last line too: the shell's prompt has no newline, and a
    # STEP line after it would be lost in a CON line.
    tail -n +"$2" "$log" | tr -d '\r' | awk -v p="CON $1| " '{ print p $0 }'
}

state() {
    timeout 5 xl list zephyr 2>/dev/null | awk '$1 == "zephyr" { print $5 }'
}

# stopped SECS: within SECS, Xen has the domain shut down (`xl list`'s
# state s), dying (d), or it has left the list: it stopped, whether or not
# the toolstack has finished tearing it down (with a backend that keeps a
# request, that takes longer).
stopped() {
    centis
    end=$((centis + $1 * 100))
    while :; do
        case $(state) in
        "" | *s* | *d*) return 0 ;;
        esac
        centis
        [ "$centis" -le "$end" ] || return 1
        sleep 0.1
    done
}

# gone SECS: the domain has left `xl list` within SECS.
gone() {
    centis
    end=$((centis + $1 * 100))
    while timeout 5 xl domid zephyr >/dev/null 2>&1; do
        centis
        [ "$centis" -le "$end" ] || return 1
        sleep 0.1
    done
}

destroy() {
    timeout 10 xl destroy zephyr >/dev/null 2>&1
    gone 5
}

# type_in LINE: type LINE and Enter into the guest's PV console, through
# the pty xenconsoled serves (as in xl-dom0.sh's console-input step).
type_in() {
    printf '%s\r' "$1" >"$tty"
}

# image FILE MIB: FILE of MIB MiB made of seed.bin, MiB i rotated by
# i * 4099 bytes: no two aligned sectors alike, so a read from a wrong
# place shows.
image() {
    [ -f seed2.bin ] || cat seed.bin seed.bin >seed2.bin
    i=0
    while [ "$i" -lt "$2" ]; do
        dd if=seed2.bin of="$1" bs=$mib count=1 iflag=skip_bytes \
            skip=$((i * 4099 % mib)) seek="$i" conv=notrunc 2>/dev/null
        i=$((i + 1))
    done
}

# sums FILE MIB NAME: the lines `disk-sum NAME` must print for FILE.
sums() {
    i=0
    while [ "$i" -lt "$2" ]; do
        echo "disk-sum $3 $i: $(dd if="$1" bs=$mib skip="$i" count=1 \
            2>/dev/null | cksum | cut -d' ' -f1,2)"
        i=$((i + 1))
    done
}

# pattern TEXT SIZE: TEXT repeated to SIZE bytes, the last copy cut.
pattern() {
    n=0 s=
    while [ "$n" -lt "$2" ]; do s=$s$1; n=$((n + ${#1})); done
    printf %s "$s" | head -c "$2"
}

# outside FILE FROM TO: the cksums of FILE's bytes before FROM and from TO
# on: what a write to bytes FROM..TO-1 must leave alone.  (Not a copy of
# each image to compare with: dom0's root file system is half its RAM.)
outside() {
    echo "$(head -c "$2" "$1" | cksum) $(tail -c +$(($3 + 1)) "$1" | cksum)"
}

# start NAME DISK...: a shell guest with DISKs (xl disk specs), its pty
# in $tty; fails unless the shell is ready within 10 s.
start() {
    name=$1
    shift
    {
        if [ -f guest.cfg ]; then
            cat guest.cfg
        else
            echo "kernel=\"$PWD/zephyr.bin\""
            echo 'memory=32'
            echo 'extra="app=shell"'
        fi
        echo 'name="zephyr"'
        echo "vcpus=$guest_vcpus"
        echo 'on_crash="preserve"'
        printf 'disk=['
        sep=
        for d in "$@"; do printf "%s'%s'" "$sep" "$d"; sep=,; done
        echo ']'
    } >"$name.conf"
    rm -f "$log_dir"/guest-zephyr*.log
    t0=$(now)
    out=$(timeout 30 xl create "$name.conf" 2>&1)
    rc=$?
    echo "$out" | sed "s/^/INFO xl create $name| /"
    echo "INFO $name: xl create took $(since "$t0") s (at $(now)s)"
    sed "s/^/INFO $name.conf| /" "$name.conf"
    [ "$rc" -eq 0 ] || return 1
    id=$(timeout 5 xl domid zephyr) || return 1
    tty=$(timeout 5 xenstore-read "/local/domain/$id/console/tty") || return 1
    wait_for '^shell: ready' 1 "$ready_secs" || return 1
    echo "INFO $name: shell ready $(since "$t0") s after xl create began"
}

# backend_info VDEV: what blkback and the hotplug script wrote, for a log.
backend_info() {
    timeout 5 xenstore-ls -f "/local/domain/0/backend/vbd/$id/$1" 2>&1 |
        grep -E -e '/(state|sectors|(physical-)?sector-size|mode|node) ' \
            -e '/hotplug-(status|error) ' |
        sed 's/^/INFO xs| /'
}

# vdev NAME: the virtual-device number of xvdNAME (Xen's vbd-interface.txt:
# 202 << 8 | disk << 4 for xvda..xvdp).
vdev() {
    echo $((202 * 256 + ($(printf %d "'${1#xvd}") - 97) * 16))
}

# boot_line NAME SECTORS SIZE MIB MODE [FROM]: blkfront announced the disk.
boot_line() {
    re="^blkfront: $1: $2 sectors of $3 bytes \\($4 MiB\\), $5, backend d0\$"
    if wait_for "$re" 1 10 "${6:-1}"; then
        return 0
    fi
    echo "INFO no '$(echo "$re" | tr -d '^$\\')' line"
    backend_info "$(vdev "$1")"
    return 1
}

# check_sum STEP NAME FILE MIB SECS: `disk-sum NAME` gives FILE's sums.
check_sum() {
    sums "$3" "$4" "$2" >"want-$1.txt"
    from=$(mark)
    t0=$(now)
    type_in "disk-sum $2"
    if ! wait_for "^disk-sum $2: (done|error)" 1 "$5" "$from"; then
        fail "$1" "no 'disk-sum $2: done' line within $5 s"
    else
        lines "^disk-sum $2 [0-9]+: " "$from" >"got-$1.txt"
        done_line=$(lines "^disk-sum $2: " "$from" | head -n 1)
        echo "INFO $1: $done_line (dom0 saw $(since "$t0") s)"
        if [ "$done_line" = "${done_line#"disk-sum $2: done $4 MiB in "}" ]; then
            fail "$1" "'$done_line', want 'disk-sum $2: done $4 MiB in MS ms'"
        elif ! cmp -s "want-$1.txt" "got-$1.txt"; then
            fail "$1" "the per-MiB sums differ from dom0's cksum: $(diff "want-$1.txt" "got-$1.txt" | grep -E '^[-+]d' | head -n 4 | tr '\n' ' ')"
        else
            ok "$1"
        fi
    fi
    show "$1" "$from"
}

# expect_line STEP LINE WANT SECS: typing LINE gives the console line WANT.
expect_line() {
    from=$(mark)
    type_in "$2"
    if wait_for "^$3\$" 1 "$4" "$from"; then
        ok "$1"
    else
        fail "$1" "no '$3' line within $4 s after '$2'"
    fi
    show "$1" "$from"
}

# skip STEP...: each STEP fails, for want of the disk.
skip() {
    for s in "$@"; do fail "$s" "skipped: $why"; done
}

echo "INFO host GICv$gic, dom0 up at $(now)s"
why=
# Every check of the disks' bytes rests on POSIX cksum (busybox's, or
# coreutils' where busybox has none): the CRC of no input is 4294967295.
if [ "$(printf '' | cksum 2>&1)" = "4294967295 0" ]; then
    ok cksum
else
    fail cksum "cksum of no input gave '$(printf '' | cksum 2>&1)'"
fi
t0=$(now)
image /tmp/a.img 64
a_outside=$(outside /tmp/a.img 512000 512512)
image /tmp/b.img 8
b_sum=$(cksum </tmp/b.img)
image /tmp/c.img 16
image /tmp/x.img 4
# Sparse: a disk-sum of it outlasts a block-detach.
dd if=/dev/zero of=/tmp/big.img bs=$mib seek=1023 count=1 2>/dev/null
image /tmp/k.img 8
k_outside=$(outside /tmp/k.img 12288 16384)
image /tmp/s.img 4
echo "INFO images made in $(since "$t0") s; $(df -k /tmp | tail -n 1)"
for f in a:64 b:8 c:16 x:4 k:8 s:4; do
    [ "$(wc -c <"/tmp/${f%:*}.img")" -eq $((${f#*:} * mib)) ] ||
        echo "INFO /tmp/${f%:*}.img is not ${f#*:} MiB: out of space?"
done

# (a) 64 MiB, rw: the guest's sums are dom0's; (b) a write lands in the
# file, read back and flushed, and is there after xl shutdown.
if start sum 'format=raw,vdev=xvda,access=rw,target=/tmp/a.img'; then
    if boot_line xvda 131072 512 64 rw; then
        ok boot-line
        show boot-line 1
        check_sum sum xvda /tmp/a.img 64 40
        expect_line write 'disk-write xvda 1000 osprey-pattern' \
            'disk-write xvda 1000: ok' 5
        pattern osprey-pattern 512 >want-sector
        od -An -v -tx1 want-sector | tr -d ' \n' | fold -w 64 |
            awk '{ printf "%04x: %s\n", (NR - 1) * 32, $0 }' >want-read.txt
        from=$(mark)
        type_in 'disk-read xvda 1000'
        if wait_for '^disk-read xvda 1000: ' 1 5 "$from"; then
            lines '^[0-9a-f]{4}: ' "$from" >got-read.txt
            if ! lines '^disk-read xvda 1000: ok$' "$from" | grep -q .; then
                fail read "$(lines '^disk-read xvda 1000: ' "$from")"
            elif cmp -s want-read.txt got-read.txt; then
                ok read
            else
                fail read "sector 1000 read back is not the pattern written"
            fi
        else
            fail read "no 'disk-read xvda 1000:' line within 5 s"
        fi
        show read "$from"
        expect_line flush 'disk-flush xvda' 'disk-flush xvda: ok' 5
    else
        why="no blkfront line for xvda"
        fail boot-line "$why"
        show boot-line 1
        skip sum write read flush write-shutdown
    fi
    if [ -z "$why" ]; then
        from=$(mark)
        timeout 10 xl shutdown zephyr 2>&1 | sed 's/^/INFO xl shutdown| /'
        if ! gone 10; then
            fail write-shutdown "the guest is still there 10 s after xl shutdown"
        elif dd if=/tmp/a.img bs=512 skip=1000 count=1 2>/dev/null |
            cmp -s - want-sector &&
            [ "$(outside /tmp/a.img 512000 512512)" = "$a_outside" ]; then
            ok write-shutdown
        else
            fail write-shutdown "sector 1000 of a.img is not 'osprey-pattern' repeated, or other bytes changed"
        fi
        show write-shutdown "$from"
    fi
else
    fail boot-line "the shell guest did not start"
    why="no guest"
    skip sum write read flush write-shutdown
fi
destroy
echo "INFO (a), (b) done at $(now)s"

# (c) two disks, the second read-only; (d) one attached and detached
# while the guest runs, then one detached in the middle of a disk-sum.
if start two 'format=raw,vdev=xvda,access=rw,target=/tmp/x.img' \
    'format=raw,vdev=xvdb,access=ro,target=/tmp/b.img'; then
    if boot_line xvda 8192 512 4 rw && boot_line xvdb 16384 512 8 ro; then
        from=$(mark)
        type_in disks
        if wait_for '^disks: ' 1 5 "$from" &&
            [ "$(lines '^disk(s:| xv)' "$from" | tr '\n' '|')" = \
            "disk xvda: 8192 sectors of 512 bytes (4 MiB), rw|disk xvdb: 16384 sectors of 512 bytes (8 MiB), ro|disks: 2|" ]; then
            ok disks
        else
            fail disks "'disks' did not list xvda rw (4 MiB) and xvdb ro (8 MiB), then 'disks: 2'"
        fi
        show disks "$from"
        check_sum ro-sum xvdb /tmp/b.img 8 15
        expect_line ro-write 'disk-write xvdb 5 must-not-land' \
            'disk-write xvdb 5: error -30 \(EROFS\)' 5
        if [ "$(cksum </tmp/b.img)" != "$b_sum" ]; then
            fail ro-unchanged "b.img changed in dom0"
        else
            ok ro-unchanged
        fi

        # (d) xvdc comes and goes while the guest runs.
        from=$(mark)
        t0=$(now)
        timeout 20 xl block-attach zephyr \
            'format=raw,vdev=xvdc,access=rw,target=/tmp/c.img' 2>&1 |
            sed 's/^/INFO xl block-attach| /'
        echo "INFO block-attach took $(since "$t0") s"
        if boot_line xvdc 32768 512 16 rw "$from"; then
            ok hot-attach
            show hot-attach "$from"
            check_sum hot-sum xvdc /tmp/c.img 16 20
            from=$(mark)
            t0=$(now)
            timeout 20 xl block-detach zephyr xvdc 2>&1 |
                sed 's/^/INFO xl block-detach| /'
            echo "INFO block-detach took $(since "$t0") s"
            if ! wait_for '^blkfront: xvdc: detached$' 1 10 "$from"; then
                fail hot-detach "no 'blkfront: xvdc: detached' line"
            else
                from2=$(mark)
                type_in disks
                if ! wait_for '^disks: ' 1 5 "$from2"; then
                    fail hot-detach "no 'disks:' line after the detach"
                elif [ "$(lines '^disks: ' "$from2")" != 'disks: 2' ] ||
                    lines '^disk xvdc:' "$from2" | grep -q .; then
                    fail hot-detach "'disks' still lists xvdc after the detach"
                elif timeout 5 xl block-list zephyr | grep -q "^$(vdev xvdc) "; then
                    fail hot-detach "xl block-list still lists $(vdev xvdc)"
                else
                    ok hot-detach
                fi
            fi
            show hot-detach "$from"
        else
            why="no blkfront line for the attached xvdc"
            fail hot-attach "$why"
            show hot-attach "$from"
            skip hot-sum hot-detach
        fi
        expect_line hot-alive 'echo still-here' 'still-here' 5

        # A detach while a disk-sum of 1 GiB runs: the sum ends with an
        # error and the shell still answers.
        from=$(mark)
        timeout 20 xl block-attach zephyr \
            'format=raw,vdev=xvdd,access=rw,target=/tmp/big.img' 2>&1 |
            sed 's/^/INFO xl block-attach| /'
        if boot_line xvdd 2097152 512 1024 rw "$from"; then
            type_in 'disk-sum xvdd'
            if ! wait_for '^disk-sum xvdd [0-9]+: ' 1 10 "$from"; then
                fail detach-busy "the disk-sum of xvdd did not start"
            else
                t0=$(now)
                timeout 20 xl block-detach zephyr xvdd 2>&1 |
                    sed 's/^/INFO xl block-detach| /'
                echo "INFO block-detach took $(since "$t0") s"
                err='^disk-sum xvdd: error -[0-9]+ \([A-Z0-9]+\) at MiB [0-9]+$'
                if ! wait_for '^disk-sum xvdd: ' 1 15 "$from"; then
                    fail detach-busy "the disk-sum of xvdd did not end within 15 s of the detach"
                elif ! lines "$err" "$from" | grep -q .; then
                    fail detach-busy "'$(lines '^disk-sum xvdd: ' "$from")', want 'disk-sum xvdd: error -N (NAME) at MiB M' (the sum may have ended before the detach)"
                elif ! wait_for '^blkfront: xvdd: detached$' 1 10 "$from"; then
                    fail detach-busy "no 'blkfront: xvdd: detached' line"
                else
                    ok detach-busy
                fi
            fi
            show detach-busy "$from"
            expect_line busy-alive 'echo still-here-2' 'still-here-2' 5
        else
            fail detach-busy "no blkfront line for the attached xvdd"
            show detach-busy "$from"
            fail busy-alive "skipped: no xvdd"
        fi
    else
        why="no blkfront lines for xvda and xvdb"
        show disks 1
        skip disks ro-sum ro-write ro-unchanged hot-attach hot-sum \
            hot-detach hot-alive detach-busy busy-alive
    fi
else
    why="no guest"
    skip disks ro-sum ro-write ro-unchanged hot-attach hot-sum hot-detach \
        hot-alive detach-busy busy-alive
fi
destroy
echo "INFO (c), (d) done at $(now)s"

# (e) 4096-byte logical sectors: a loop device set up here, given as a
# block device (phy).  disk-write's sector 3 is byte 12288 of the file.
if ! loop=$($losetup --sector-size 4096 -f --show /tmp/k.img 2>&1); then
    why="losetup --sector-size 4096: $loop"
    skip 4k-line 4k-sum 4k-write 4k-file
elif lbs=$(cat "/sys/block/${loop#/dev/}/queue/logical_block_size" 2>&1)
    [ "$lbs" != 4096 ]; then
    why="$loop has $lbs-byte sectors"
    skip 4k-line 4k-sum 4k-write 4k-file
elif start 4k "format=raw,vdev=xvda,access=rw,target=$loop"; then
    if boot_line xvda 2048 4096 8 rw; then
        ok 4k-line
        show 4k-line 1
        backend_info "$(vdev xvda)"
        check_sum 4k-sum xvda /tmp/k.img 8 15
        expect_line 4k-write 'disk-write xvda 3 osprey-4k' 'disk-write xvda 3: ok' 5
        pattern osprey-4k 4096 >want-4k
        from=$(mark)
        timeout 10 xl shutdown zephyr 2>&1 | sed 's/^/INFO xl shutdown| /'
        if ! gone 10; then
            fail 4k-file "the guest is still there 10 s after xl shutdown"
        elif dd if=/tmp/k.img bs=4096 skip=3 count=1 2>/dev/null |
            cmp -s - want-4k &&
            [ "$(outside /tmp/k.img 12288 16384)" = "$k_outside" ]; then
            ok 4k-file
        else
            fail 4k-file "bytes 12288..16383 of k.img are not 'osprey-4k' repeated, or other bytes changed"
        fi
        show 4k-file "$from"
    else
        fail 4k-line "no blkfront line for xvda"
        show 4k-line 1
        why="no xvda"
        skip 4k-sum 4k-write 4k-file
    fi
else
    fail 4k-line "the shell guest did not start"
    why="no guest"
    skip 4k-sum 4k-write 4k-file
fi
destroy
[ -z "${loop:-}" ] || $losetup -d "$loop" 2>/dev/null

# (f) A backend that never answers a flush: the disk is a device-mapper
# device over a loop device, suspended before `xl shutdown`, so that the
# flush of the guest's stop waits in device-mapper for good.  The guest
# must power off within 10 s all the same (its stop gives the flushes 7 s
# and stops at 8 s whatever happens), naming the disk it gave up on.
# DM_DISABLE_UDEV: no udev here; libdevmapper makes /dev/mapper's nodes.
export DM_DISABLE_UDEV=1
dm=osprey-stall
if ! sloop=$($losetup -f --show /tmp/s.img 2>&1); then
    why="losetup /tmp/s.img: $sloop"
    sloop=
    skip stall-line stall-stop stall-reason
elif ! out=$(timeout 10 dmsetup create "$dm" \
    --table "0 $((4 * mib / 512)) linear $sloop 0" 2>&1); then
    why="dmsetup create: $out"
    skip stall-line stall-stop stall-reason
elif start stall "format=raw,vdev=xvda,access=rw,target=/dev/mapper/$dm"; then
    # Without a flush to send there is nothing to stall.
    if boot_line xvda 8192 512 4 rw &&
        wait_for '^blkfront: xvda: ring .*, flush$' 1 5; then
        ok stall-line
        show stall-line 1
        if ! out=$(timeout 10 dmsetup suspend "$dm" 2>&1); then
            why="dmsetup suspend: $out"
            skip stall-stop stall-reason
        else
            echo "INFO $dm: $(timeout 5 dmsetup info -c --noheadings \
                -o name,attr "$dm" 2>&1)"
            from=$(mark)
            t0=$(now)
            timeout 10 xl shutdown zephyr 2>&1 |
                sed 's/^/INFO xl shutdown| /'
            if stopped 10; then
                ok stall-stop
                echo "INFO stall-stop: stopped $(since "$t0") s after xl shutdown began"
            else
                fail stall-stop "the guest still runs 10 s after xl shutdown, its backend's flush stalled"
            fi
            # The line comes before the stop; xenconsoled may log it a
            # little later.
            if wait_for '^block: xvda: flush timed out, stopping anyway$' 1 3 \
                "$from"; then
                ok stall-reason
            else
                fail stall-reason "no 'block: xvda: flush timed out, stopping anyway' line"
                show stall-reason "$from"
            fi
            show stall-stop "$from"
        fi
    else
        why="no blkfront line for xvda with flush"
        fail stall-line "$why"
        show stall-line 1
        backend_info "$(vdev xvda)"
        skip stall-stop stall-reason
    fi
else
    fail stall-line "the shell guest did not start"
    why="no guest"
    skip stall-stop stall-reason
fi
# blkback's flush ends with the suspension, and the domain can go.
timeout 10 dmsetup resume "$dm" >/dev/null 2>&1
destroy
timeout 10 dmsetup remove "$dm" 2>&1 | sed 's/^/INFO dmsetup remove| /'
[ -z "$sloop" ] || $losetup -d "$sloop" 2>/dev/null
# Every loop device the block script made is gone with the guests.
echo "INFO loop devices left: $($losetup -a | wc -l)"
# (g) samples/disk, the block API as a program has it (<osprey/block.h>):
# it lists its disk, writes a pattern over 8 sectors in the middle,
# flushes, reads them back and writes the old contents back, prints its
# verdict and returns 0: the orderly poweroff.  The image must then be as
# it was.  Not with a stand-in guest (guest.cfg): it is this image's.
if [ -f guest.cfg ]; then
    echo "INFO (g) skipped: a stand-in guest has no disk sample"
elif [ ! -f disk.bin ]; then
    why="no disk.bin next to the test"
    skip disk-sample disk-sample-unchanged
else
    image /tmp/d.img 4
    d_sum=$(cksum </tmp/d.img)
    {
        echo "kernel=\"$PWD/disk.bin\""
        echo 'name="zephyr"'
        echo 'memory=32'
        echo "vcpus=$guest_vcpus"
        echo 'on_crash="preserve"'
        echo "disk=['format=raw,vdev=xvda,access=rw,target=/tmp/d.img']"
    } >disk-sample.conf
    rm -f "$log_dir"/guest-zephyr*.log
    out=$(timeout 30 xl create disk-sample.conf 2>&1)
    rc=$?
    echo "$out" | sed 's/^/INFO xl create disk-sample| /'
    if [ "$rc" -ne 0 ]; then
        why="xl create failed"
        skip disk-sample disk-sample-unchanged
    else
        list='^disk: xvda: 8192 sectors of 512 bytes \(4 MiB\), rw(, flush)?$'
        if ! wait_for '^disk: (PASS|FAIL)' 1 30; then
            fail disk-sample "no 'disk: PASS' or 'disk: FAIL' line within 30 s"
        elif [ "$(count "$log" '^disk: PASS$')" -ne 1 ]; then
            fail disk-sample "$(lines '^disk: FAIL' 1 | head -n 1)"
        elif [ "$(count "$log" "$list")" -ne 1 ] ||
            [ "$(count "$log" '^disk: 1 disk$')" -ne 1 ]; then
            fail disk-sample "it did not list xvda alone, as 8192 sectors of 512 bytes, rw"
        else
            ok disk-sample
        fi
        # Its return from main() is the orderly stop, disks synced.
        if ! gone 15; then
            fail disk-sample-unchanged "the guest is still there 15 s after its verdict (state '$(state)')"
        elif [ "$(cksum </tmp/d.img)" != "$d_sum" ]; then
            fail disk-sample-unchanged "d.img changed: the sectors were not restored"
        else
            ok disk-sample-unchanged
        fi
    fi
    show disk-sample 1
    destroy
    rm -f /tmp/d.img
fi

echo "INFO all steps done at $(now)s"
