#!/usr/bin/env python3
"""size_map.py MAP BIN [LABEL]: where the bytes of a flat image come from.

Reads GNU ld's link map (-Map) of an Osprey image and prints one table:
for each part of the tree (by the object file each input section came
from), its bytes of code, read-only data and data in the image, then the
bytes that belong to no object: relocations, padding between input
sections (alignment), and holes between output sections (page alignment
for W^X).  Every byte of BIN is in exactly one row, so the rows add up to
BIN's size (checked: the script fails if they do not).

Only sections that land in the flat binary count (objcopy -O binary
writes from address 0 to the end of the last loaded section); bss,
.tbss and stacks are not in the file.
"""
import os
import re
import subprocess
import sys

# Parts, in the order the table prints them: (row, test on the object's
# path relative to the build dir).  The first match wins: the block
# driver's files are named before the folders they sit in.
BLOCK_FILES = ("kernel/block.c", "kernel/block_sync.c",
               "frontends/blkfront.c", "frontends/blkif_ring.c",
               "frontends/vbd_name.c", "lib/osprey_block.c", "apps/disk.c")
NET_XEN_FILES = ("frontends/netfront.c", "frontends/netif_ring.c")
PARTS = [
    ("kernel (boot/ kernel/ init/ drivers/)",
     lambda p: p.startswith(("target/boot/", "target/kernel/", "target/init/",
                             "target/drivers/")) or p.endswith("/.entry.o")),
    ("Xen (xen/, frontends/ but netfront and blkfront)",
     lambda p: p.startswith(("target/xen/", "target/frontends/"))),
    ("DT (fdt/, libfdt)",
     lambda p: p.startswith("target/fdt/") or "libfdt.a" in p),
    ("net glue (net/, netfront)", lambda p: p.startswith("target/net/")),
    ("lwIP", lambda p: p.startswith(("lwip/", "lwip-program/"))),
    ("block (blkfront, block layer, disk app)", None),
    ("libc (picolibc, libgcc)",
     lambda p: "libc.a" in p or "libgcc" in p),
    ("apps (apps/ lib/)",
     lambda p: p.startswith(("target/apps/", "target/lib/"))),
    ("program (APP / test guest)",
     lambda p: p.startswith(("program/", "target/tests/"))),
]
RELOCS = "relocations (.rela.dyn / .relr)"
FILL = "alignment inside sections (ld *fill*)"
MERGED = "merged strings not told apart by the map"
HOLES = "holes between sections (page alignment)"
OTHER = "linker-made / other"

# Output sections whose bytes are overheads, whatever object ld names.
RELOC_SECTIONS = (".rela.dyn", ".relr.dyn", ".relr")


def classify(path, build):
    rel = os.path.normpath(path)
    if rel.startswith(build.rstrip("/") + "/"):
        rel = rel[len(build.rstrip("/")) + 1:]
    src = re.sub(r"^(target|host)/", "", rel)
    src = re.sub(r"\.o$", "", src)
    if src in BLOCK_FILES:
        return PARTS[5][0]
    if src in NET_XEN_FILES:
        return PARTS[3][0]
    for name, test in PARTS:
        if test is not None and test(rel):
            return name
    return OTHER


TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
LTO_RE = re.compile(r"\.ltrans\d*\.ltrans\.o$|\.ltrans\.o$")
UNTRACED = "LTO output not traced to a source"


def lto_sources(elf, nm):
    """{address: source file} for the symbols the debug info places (nm
    -l): under LTO the map names only the link's temporary objects."""
    out = subprocess.run([nm, "-S", "-l", "--defined-only", elf],
                         check=True, capture_output=True, text=True).stdout
    where = {}
    for line in out.splitlines():
        if "\t" not in line:
            continue
        fields, src = line.split("\t", 1)
        src = src.rsplit(":", 1)[0]
        where.setdefault(int(fields.split()[0], 16), src)
    return where


def source_as_object(src):
    """The object path (relative to the build dir) a source compiles to."""
    lwip = os.path.join("lwip", "src") + os.sep
    if lwip in src:
        return "lwip/" + src.split(lwip, 1)[1] + ".o"
    rel = os.path.relpath(src, TOP)
    return "target/" + rel + ".o"


def kind(out_name, in_name):
    """code, rodata or data: by the output section, then the input's name."""
    if out_name == ".text":
        return "text"
    if out_name == ".rodata":
        return "rodata"
    if in_name.startswith(".data.rel.ro"):
        return "relro"
    return "data"


HEX = r"0x([0-9a-fA-F]+)"
OUT_RE = re.compile(r"^(\.\S+)\s+" + HEX + r"\s+" + HEX +
                    r"(?:\s+load address " + HEX + r")?\s*$")
OUT_NAME_RE = re.compile(r"^(\.\S+)\s*$")
IN_RE = re.compile(r"^ (\S+)\s+" + HEX + r"\s+" + HEX + r"\s+(\S.*)$")
IN_NAME_RE = re.compile(r"^ (\.\S+)\s*$")
CONT_RE = re.compile(r"^\s+" + HEX + r"\s+" + HEX + r"\s+(\S.*)$")
ADDR_SIZE_RE = re.compile(r"^\s+" + HEX + r"\s+" + HEX +
                          r"(?:\s+load address " + HEX + r")?\s*$")
FILL_RE = re.compile(r"^ \*fill\*\s+" + HEX + r"\s+" + HEX)


def load(m, addr_group):
    """A section's place in the file: its load address if ld gives one
    (boot/kernel.ld stores rodata and data below their run addresses),
    else its address."""
    lma = m.group(addr_group + 2)
    return int(lma if lma is not None else m.group(addr_group), 16)


def parse(map_path):
    """Output sections [name, load addr, size, [(in_name, addr, size,
    file)], fill, run addr] from the memory map part of the file: inputs
    at their run addresses."""
    sections = []
    cur = None
    pending_out = None
    pending_in = None
    in_map = False
    with open(map_path) as f:
        for line in f:
            line = line.rstrip("\n")
            if not in_map:
                in_map = line.startswith("Linker script and memory map")
                continue
            if pending_out is not None:
                m = ADDR_SIZE_RE.match(line)
                if m:
                    cur = [pending_out, load(m, 1), int(m.group(2), 16),
                           [], 0, int(m.group(1), 16)]
                    sections.append(cur)
                pending_out = None
                continue
            if pending_in is not None:
                m = CONT_RE.match(line)
                if m and cur is not None:
                    cur[3].append((pending_in, int(m.group(1), 16),
                                   int(m.group(2), 16), m.group(3)))
                pending_in = None
                continue
            m = OUT_RE.match(line)
            if m:
                cur = [m.group(1), load(m, 2), int(m.group(3), 16), [], 0,
                       int(m.group(2), 16)]
                sections.append(cur)
                continue
            m = OUT_NAME_RE.match(line)
            if m:
                pending_out = m.group(1)
                continue
            if cur is None:
                continue
            m = FILL_RE.match(line)
            if m:
                cur[4] += int(m.group(2), 16)
                continue
            m = IN_RE.match(line)
            if m:
                cur[3].append((m.group(1), int(m.group(2), 16),
                               int(m.group(3), 16), m.group(4)))
                continue
            m = IN_NAME_RE.match(line)
            if m:
                pending_in = m.group(1)
    return sections


def table(map_path, bin_size, build, elf=None, nm=None):
    sections = parse(map_path)
    lto = None
    loaded = [s for s in sections
              if s[0] in (".text", ".rodata", ".data") + RELOC_SECTIONS
              and s[2] > 0]
    loaded.sort(key=lambda s: s[1])
    # scripts/relr-pack.c packs the RELA table that ends the file into
    # RELR in its place and cuts the image after it: the map has the size
    # before packing.
    last = loaded[-1]
    if last[0] in RELOC_SECTIONS and last[1] <= bin_size < last[1] + last[2]:
        last[2] = bin_size - last[1]
    end = max(s[1] + s[2] for s in loaded)
    if end != bin_size:
        sys.exit(f"size_map.py: the map's loaded sections end at {end}, "
                 f"the image has {bin_size} bytes")
    rows = {name: {"text": 0, "rodata": 0, "relro": 0, "data": 0}
            for name, _ in PARTS + [(UNTRACED, None)]}
    over = {RELOCS: 0, FILL: 0, MERGED: 0, HOLES: 0, OTHER: 0}
    pos = 0
    for name, addr, size, inputs, fill, vma in loaded:
        if addr < pos:
            sys.exit(f"size_map.py: {name} overlaps the section before it")
        over[HOLES] += addr - pos
        pos = addr + size
        if name in RELOC_SECTIONS:
            over[RELOCS] += size
            continue
        counted = 0
        # Merged strings (.rodata.*.str1.1): ld lists each input with its
        # size before merging, several at one address.  Each input gets
        # the bytes from its address to the next input's, at most its own
        # size; what is left is padding.  Exact for everything else.
        inputs = sorted((i for i in inputs if i[2] > 0), key=lambda i: i[1])
        for k, (in_name, a, in_size, path) in enumerate(inputs):
            if k > 0 and inputs[k - 1][1] == a:
                continue        # the first at an address has its bytes
            nxt = vma + size
            for later in inputs[k + 1:]:
                if later[1] > a:
                    nxt = later[1]
                    break
            in_size = max(0, min(in_size, nxt - a))
            if in_size == 0:
                continue
            counted += in_size
            if LTO_RE.search(path):
                if lto is None:
                    lto = lto_sources(elf, nm) if elf and nm else {}
                src = lto.get(a)
                part = (classify(source_as_object(src), "")
                        if src else UNTRACED)
                if part == OTHER:
                    part = UNTRACED
            else:
                part = classify(path, build)
            if part == OTHER:
                over[OTHER] += in_size
            else:
                rows[part][kind(name, in_name)] += in_size
        # What no input section covers: ld's *fill*, and string bytes the
        # map lists under an input that shares its address with another.
        over[FILL] += fill
        over[MERGED] += size - counted - fill
    total = sum(sum(r.values()) for r in rows.values()) + sum(over.values())
    if total != bin_size:
        sys.exit(f"size_map.py: rows add up to {total}, image is {bin_size}")
    return rows, over


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    map_path, bin_path = sys.argv[1], sys.argv[2]
    label = sys.argv[3] if len(sys.argv) > 3 else bin_path
    build = os.path.normpath(os.path.dirname(bin_path))
    bin_size = os.path.getsize(bin_path)
    elf = map_path[:-len(".map")] if map_path.endswith(".map") else None
    nm = os.environ.get("NM", "aarch64-linux-gnu-nm")
    rows, over = table(map_path, bin_size, build, elf, nm)
    print(f"{label}: {bin_size} bytes ({bin_size / 1024:.1f} KiB)")
    print(f"| {'Part':<42} | {'text':>7} | {'rodata':>7} | {'relro':>6} "
          f"| {'data':>6} | {'total':>7} |")
    print(f"|{'-' * 44}|{'-' * 8}:|{'-' * 8}:|{'-' * 7}:|{'-' * 7}:"
          f"|{'-' * 8}:|")
    for name in [p for p, _ in PARTS] + [UNTRACED]:
        r = rows[name]
        if name == UNTRACED and not sum(r.values()):
            continue
        t = sum(r.values())
        print(f"| {name:<42} | {r['text']:>7} | {r['rodata']:>7} "
              f"| {r['relro']:>6} | {r['data']:>6} | {t:>7} |")
    for name, v in over.items():
        print(f"| {name:<42} | {'':>7} | {'':>7} | {'':>6} | {'':>6} "
              f"| {v:>7} |")
    print(f"| {'total':<42} | {'':>7} | {'':>7} | {'':>6} | {'':>6} "
          f"| {bin_size:>7} |")


if __name__ == "__main__":
    main()
