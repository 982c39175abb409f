#!/usr/bin/env python3
"""The kernel's folders form layers: each may use only itself and those below.

    base < boot < kernel < fdt < drivers < xen < frontends < net < lib
         < apps < init

lib/ is what programs call (the POSIX layer and <osprey/...>, declared
in include/).  Programs (samples/, or any folder built with make APP=)
are not layers of the kernel: they include only <...> headers, the
standard ones and include/'s, never a "..." header of the kernel.

base is the two plain headers every layer needs (kernel/errno.h,
kernel/visibility.h): definitions only, no state.  init/ is the
composition root; nothing includes or calls it.  picolibc sits below
everything as a system library: its headers are <...>, never scanned,
and its symbols have no owner here, so calls to it pass.  It calls up
into kernel/ by name through its hooks (LIBC_HOOKS below): those must be
defined in kernel/, and no object of ours may call them by name; and
into lib/ for programs' stdio (LIBC_LIB_HOOKS).

Four checks, each naming the files at fault:
  - includes: every #include "..." in the kernel's C and assembly sources;
  - programs: no #include "..." at all in samples/ and tests/programs/;
  - <errno.h>: included nowhere there but in lib/, since picolibc's
    numbers (newlib's) differ from the kernel's (Linux's, which Xen
    uses) in 14 places, and kernel results are the kernel's:
    "kernel/errno.h" instead (lib/ converts: lib/errno_map.h);
  - calls (with --nm and objects): each object's undefined symbols against
    the folder that defines them, so a lower folder calling up by name
    (the timer calling the scheduler, the IRQ table calling the GIC) fails
    even where no header says so.  The CPU enters through boot/ by name:
    those entry points are listed below, each with its reason.  Inside a
    folder, the files' calls form no circle either (the block layer
    calling the mutexes, which call the scheduler, which panics, which
    stops the machine, which flushed the block layer): a circle is a
    lower file calling up by name, and it is what a function handed in
    by init/ breaks.

Usage: layers.py [--nm NM --objects DIR]
"""
import os
import re
import subprocess
import sys

ORDER = ["base", "boot", "kernel", "fdt", "drivers", "xen", "frontends",
         "net", "lib", "apps", "init"]
RANK = {name: i for i, name in enumerate(ORDER)}

# Source roots scanned, and their layer.  Longer prefixes win.
PREFIXES = {
    "kernel/errno.h": "base",
    "kernel/visibility.h": "base",
    "boot/": "boot",
    "kernel/": "kernel",
    "fdt/": "fdt",
    "drivers/": "drivers",
    "xen/": "xen",
    "frontends/": "frontends",
    "net/": "net",	# the TCP/IP stack's port and glue (lwIP's own code
			# is built from the cache, outside the tree)
    "lib/": "lib",
    "apps/": "apps",
    "tests/guest/": "apps",	# the test apps, built as their own images
    "init/": "init",
}

# Symbols boot/ names although they live above it: the CPU's way in.
ENTRY_POINTS = {
    "kernel_main": "boot/head.S jumps to the C entry once the MMU is on",
    "trap_dispatch": "boot/vectors.S hands every exception to the kernel",
    "trap_exception_stack_overflow":
        "boot/vectors.S reports an overflowing exception stack",
}

# Symbols picolibc's libc.a calls up by name, each defined by kernel/.
LIBC_HOOKS = {
    **{f"__retarget_lock_{op}": "picolibc's locks (malloc, exit, ...) on "
       "the kernel's mutexes (kernel/libc_lock.c)"
       for op in ("init", "init_recursive", "close", "close_recursive",
                  "acquire", "acquire_recursive", "release",
                  "release_recursive")},
    "__lock___libc_recursive_mutex": "picolibc's one static lock, whose "
    "contents (struct __lock) are the kernel's",
    "sbrk": "malloc's memory, from the page allocator (kernel/heap.c)",
}
# Also defined by kernel/ only, but programs may name them too.
LIBC_API_HOOKS = {}
# Defined by lib/ only (programs may name them): programs' stdio and end.
LIBC_LIB_HOOKS = {
    "_exit": "a program's end is the machine's (lib/exit.c)",
    "stdin": "the console (lib/stdio.c)",
    "stdout": "the console (lib/stdio.c)",
    "stderr": "the console (lib/stdio.c)",
}
# The files that may call a LIBC_HOOKS symbol by name, each with its reason.
LIBC_HOOK_CALLERS = {
    "tests/guest/libc/main.c": "holds malloc's lock to see another "
    "thread's malloc wait for it",
}
# The files that may include picolibc's <errno.h>, each with its reason.
LIBC_ERRNO_USERS = {
    "kernel/heap.c": "sbrk() reports to malloc through the C library's "
    "errno",
    "tests/guest/libc/main.c": "tests the C library's own errno",
    "apps/file_cmd.c": "the shell's ls, cat and write make a program's "
    "POSIX calls (open, readdir), which report through the C library's "
    "errno",
    "tests/guest/osapi/main.c": "checks the errors <osprey/...> calls "
    "document, which are <errno.h>'s numbers",
    "net/arch/cc.h": "lwIP's socket layer, and lib/'s files calling it, "
    "set a program's errno (NET_LWIP_PROGRAM_ERRNO); lwIP's core keeps "
    "the kernel's",
    **{f"tests/guest/sockets/{f}": "tests the socket layer's errno as "
       "programs see it" for f in ("helpers.c", "tcp.c", "udp.c", "wait.c")},
}

INCLUDE_RE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
LIBC_ERRNO_RE = re.compile(r'^\s*#\s*include\s*<errno\.h>', re.M)


def layer_of(path):
    best = None
    for prefix, layer in PREFIXES.items():
        if path == prefix or path.startswith(prefix):
            if best is None or len(prefix) > len(best[0]):
                best = (prefix, layer)
    return best[1] if best else None


def sources(root):
    out = []
    for top in ["boot", "kernel", "fdt", "drivers", "xen", "frontends",
                "net", "lib", "apps", "init", "samples", "tests/programs",
                "tests/guest"]:
        base = os.path.join(root, top)
        for d, _, files in os.walk(base):
            for f in files:
                if f.endswith((".c", ".h", ".S")):
                    out.append(os.path.relpath(os.path.join(d, f), root))
    # fdt/dtb-probe.c is the host tool, not the kernel.
    return sorted(p for p in out if p != "fdt/dtb-probe.c")


def resolve(root, src, name):
    """As the compiler does: the file's own folder, then -iquote . (and
    -iquote boot for assembly)."""
    tries = [os.path.join(os.path.dirname(src), name), name]
    if src.endswith(".S"):
        tries.append(os.path.join("boot", name))
    for t in tries:
        t = os.path.normpath(t)
        if os.path.isfile(os.path.join(root, t)):
            return t
    return None


def check_edge(kind, src, dst, what, errors):
    a, b = layer_of(src), layer_of(dst)
    if a is None or b is None:
        errors.append(f"{kind}: {src} -> {dst}: folder not in the layer list")
    elif RANK[b] > RANK[a]:
        errors.append(f"{kind}: {src} ({a}) uses {what} from {dst} ({b}),"
                      f" a layer above it")
    return (a, b)


def cycles(edges, rank=lambda x: RANK.get(x, 99)):
    """Cycles, as lists of nodes (strongly connected components): folders,
    or files with rank=str."""
    graph = {}
    for a, b in edges:
        if a != b:
            graph.setdefault(a, set()).add(b)
            graph.setdefault(b, set())
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp, key=rank))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def check_includes(root, errors):
    edges = []
    for src in sources(root):
        with open(os.path.join(root, src), encoding="utf-8") as f:
            text = f.read()
        if src.startswith(("samples/", "tests/programs/")):
            for name in INCLUDE_RE.findall(text):
                errors.append(f"include: {src} is a program: it includes "
                              f"\"{name}\", a kernel header; programs "
                              f"include <...> only (include/)")
            continue
        # lib/ speaks to programs in their numbers (lib/errno_map.h).
        if LIBC_ERRNO_RE.search(text) and src not in LIBC_ERRNO_USERS and \
                layer_of(src) != "lib":
            errors.append(f"include: {src} includes <errno.h>, picolibc's "
                          f"numbers: use \"kernel/errno.h\"")
        for name in INCLUDE_RE.findall(text):
            dst = resolve(root, src, name)
            if dst is None:
                continue	# a generated or system header
            edges.append(check_edge("include", src, dst, f'"{name}"',
                                    errors))
    for comp in cycles(edges):
        errors.append("include cycle between folders: " + " <-> ".join(comp))


def nm_symbols(nm, obj):
    out = subprocess.run([nm, obj], check=True, capture_output=True,
                         text=True).stdout
    defined, undefined = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in ("U", "w"):
            undefined.add(parts[1])
        elif len(parts) == 3 and parts[1].isupper() and parts[1] not in "UW":
            defined.add(parts[2])
    return defined, undefined


def check_calls(root, nm, objdir, errors):
    objs = {}
    for d, _, files in os.walk(objdir):
        for f in files:
            if f.endswith(".o"):
                path = os.path.join(d, f)
                src = os.path.relpath(path, objdir)[:-2]	# x.c.o -> x.c
                # An object whose source is gone is stale: not linked.
                if layer_of(src) and os.path.isfile(os.path.join(root, src)):
                    objs[src] = nm_symbols(nm, path)
    if not objs:
        errors.append(f"calls: no kernel objects under {objdir}")
        return
    owner = {}
    for src, (defined, _) in objs.items():
        for s in defined:
            why = LIBC_HOOKS.get(s) or LIBC_API_HOOKS.get(s)
            if why and layer_of(src) != "kernel":
                errors.append(f"libc hook: {src} defines {s}, which only "
                              f"kernel/ may ({why})")
            why = LIBC_LIB_HOOKS.get(s)
            if why and layer_of(src) != "lib":
                errors.append(f"libc hook: {src} defines {s}, which only "
                              f"lib/ may ({why})")
            owner[s] = src
    edges, file_edges = [], []
    for src, (_, undefined) in sorted(objs.items()):
        for s in sorted(undefined):
            if s in LIBC_HOOKS:
                if src not in LIBC_HOOK_CALLERS:
                    errors.append(f"libc hook: {src} calls {s} by name; "
                                  f"it is picolibc's to call "
                                  f"({LIBC_HOOKS[s]})")
                continue
            dst = owner.get(s)
            if dst is None:
                continue	# libfdt, or the linker script's symbols
            if s in ENTRY_POINTS and layer_of(src) == "boot":
                continue
            edges.append(check_edge("call", src, dst, s, errors))
            if layer_of(src) == layer_of(dst):
                file_edges.append((src, dst))
    for comp in cycles(edges):
        errors.append("call cycle between folders: " + " <-> ".join(comp))
    for comp in cycles(file_edges, rank=str):
        errors.append("call cycle between files: " + " <-> ".join(comp))


def main(argv):
    root = os.path.normpath(os.path.join(os.path.dirname(__file__), "../.."))
    nm = objdir = None
    args = list(argv)
    while args:
        opt = args.pop(0)
        if opt == "--nm":
            nm = args.pop(0)
        elif opt == "--objects":
            objdir = args.pop(0)
        else:
            print(__doc__, file=sys.stderr)
            return 2
    errors = []
    check_includes(root, errors)
    if nm and objdir:
        check_calls(root, nm, objdir, errors)
    for e in errors:
        print("layers: " + e, file=sys.stderr)
    if errors:
        print("layers: the order is " + " < ".join(ORDER), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
