#!/usr/bin/env python3
"""
tools/check-deps.py - prove that `make deps` (tools/deps.sh) installs every
Debian package the build uses, so a fresh machine builds and tests without
luck. Run after a build (.ci/run does, before `make test`).

It gathers the files the build touched: the headers named in build/**/*.d
(the kernel) and by `gcc -M` over the user programs and tests, the files a
static user link reads (`ld -t`), and the programs the build and the tests
run (compiler passes, nasm, ld, qemu, grub-mkrescue, xorriso, mformat, gdb,
cpio, python3, make...). `dpkg -S` names each one's package. A package is
accounted for when it is on deps.sh's list, is pulled in by one through
Depends/Pre-Depends (deps.sh installs without Recommends), or is one of
Debian's Essential/required packages, which every Debian system has. Any
other package, or a file no package owns, fails with its name.

  tools/check-deps.py [-v]
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CROSS = os.environ.get("CROSS", "i686-linux-gnu-")
CC = CROSS + "gcc"

# what the build, the image and the tests run (Makefile, tools/, tests/host/)
TOOLS = [CC, CROSS + "ld", CROSS + "nm", CROSS + "objdump", CROSS + "strip", "nasm",
         "qemu-system-i386", "grub-mkrescue", "xorriso", "mformat", "gdb", "cpio", "python3",
         "make", "sh", "find", "sort", "od", "tr", "cksum", "timeout", "apt-get", "dpkg-deb"]
# data files the tools read at run time
DATA = ["/usr/lib/grub/i386-pc/kernel.img", "/usr/share/qemu/bios-256k.bin",
        "/usr/share/qemu/linuxboot_dma.bin", "/usr/share/qemu/kvmvapic.bin"]


# where a bare Debian system finds programs (a hand-installed /usr/local or
# ~/.pyenv earlier in PATH would hide what a fresh machine lacks)
SYSTEM_PATH = "/usr/sbin:/usr/bin:/sbin:/bin"


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def build_files():
    files = set()
    for d in glob.glob(os.path.join(ROOT, "build", "**", "*.d"), recursive=True):
        with open(d, errors="replace") as f:
            for word in f.read().replace("\\\n", " ").split():
                if word.startswith("/"):
                    files.add(word.rstrip(":"))
    srcs = glob.glob(os.path.join(ROOT, "user", "*.c")) + \
        glob.glob(os.path.join(ROOT, "user", "bench", "*.c")) + \
        glob.glob(os.path.join(ROOT, "tests", "user", "*.c"))
    for src in srcs:
        p = run([CC, "-static", "-M", "-Itests/user", "-Iuser", "-Iuser/bench", src], cwd=ROOT)
        for word in p.stdout.decode(errors="replace").replace("\\\n", " ").split():
            if word.startswith("/"):
                files.add(word)
    # a static link: crt files, libc.a, libgcc.a, the linker script...
    with tempfile.TemporaryDirectory() as tmp:
        p = run([CC, "-static", "-O2", "-Wl,-t", "-o", os.path.join(tmp, "a.out"),
                 os.path.join(ROOT, "user", "hello.c")], cwd=ROOT)
        for line in (p.stdout + p.stderr).decode(errors="replace").splitlines():
            m = re.search(r"(/[^\s()]+)", line)
            if m and os.path.exists(m.group(1)):
                files.add(m.group(1))
    for prog in ("cc1", "as", "ld", "collect2", "lto-wrapper"):
        p = run([CC, "-print-prog-name=" + prog])
        path = p.stdout.decode().strip()
        if path.startswith("/") or shutil.which(path):
            files.add(path if path.startswith("/") else shutil.which(path))
    for t in TOOLS:
        path = shutil.which(t, path=SYSTEM_PATH)
        if path:
            files.add(path)
        else:
            files.add("MISSING:" + t)
    files.update(f for f in DATA if os.path.exists(f))
    home_cache = os.path.join(os.path.expanduser("~"), ".cache")
    return {f for f in files if not f.startswith(ROOT + "/") and not f.startswith(home_cache)}


def dpkg_search(paths):
    """path -> [packages] for the paths dpkg knows (one dpkg -S for all)."""
    found = {}
    if not paths:
        return found
    p = run(["dpkg", "-S"] + sorted(paths))
    for line in p.stdout.decode(errors="replace").splitlines():
        if line.startswith("diversion by") or ": " not in line:
            continue
        pkgs, path = line.split(": ", 1)
        found.setdefault(path, [x.strip().split(":")[0] for x in pkgs.split(",")])
    return found


def owner_of(files):
    """file -> packages; a symlink or a merged-/usr path falls back to its target or /bin twin."""
    owners, unowned = {}, []
    cands = {}
    for f in files:
        if f.startswith("MISSING:"):
            continue
        c = [f, os.path.realpath(f)]
        c += [x[4:] for x in c if x.startswith("/usr/")]
        cands[f] = c
    found = dpkg_search({c for cs in cands.values() for c in cs})
    for f in sorted(files):
        hit = next((found[c] for c in cands.get(f, []) if c in found), None)
        if hit:
            owners[f] = hit
        else:
            unowned.append(f)
    return owners, unowned


def installed():
    fmt = "${Package}\t${Essential}\t${Priority}\t${Provides}\t${Pre-Depends}\t${Depends}\t${db:Status-Abbrev}\n"
    p = run(["dpkg-query", "-W", "-f", fmt])
    pkgs, provides = {}, {}
    for line in p.stdout.decode().splitlines():
        name, ess, prio, prov, pre, dep, status = (line.split("\t") + [""] * 7)[:7]
        if not status.startswith("ii"):
            continue
        pkgs[name] = (ess == "yes" or prio == "required", pre + "," + dep)
        for v in prov.split(","):
            v = v.strip().split(" ")[0]
            if v:
                provides.setdefault(v, []).append(name)
    return pkgs, provides


def closure(roots, pkgs, provides):
    seen, todo = set(), list(roots)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        if name not in pkgs:
            continue
        for clause in pkgs[name][1].split(","):
            for alt in clause.split("|"):
                dep = alt.strip().split(" ")[0].split(":")[0]
                if not dep:
                    continue
                for real in ([dep] if dep in pkgs else []) + provides.get(dep, []):
                    todo.append(real)
    return seen


def main():
    verbose = "-v" in sys.argv[1:]
    listed = run(["sh", os.path.join(ROOT, "tools", "deps.sh"), "--list"]).stdout.decode().split()
    pkgs, provides = installed()
    base = {n for n, (req, _) in pkgs.items() if req}
    pulled = closure(listed, pkgs, provides)
    allowed = pulled | closure(base, pkgs, provides)
    owners, unowned = owner_of(build_files())
    bad = {}
    for f, names in owners.items():
        if not any(n in allowed for n in names):
            bad.setdefault(names[0], []).append(f)
        if verbose:
            print("%-60s %s" % (f, ",".join(names)))
    for pkg, fs in sorted(bad.items()):
        print("check-deps: package %s is used by the build (%s) but not installed by tools/deps.sh"
              % (pkg, ", ".join(fs[:3])))
    for f in unowned:
        print("check-deps: %s belongs to no Debian package (installed by hand?)" % f)
    n = len(owners) + len(unowned)
    if bad or unowned:
        print("check-deps: FAIL: %d of %d files not accounted for by tools/deps.sh's list" %
              (sum(len(v) for v in bad.values()) + len(unowned), n))
        return 1
    print("check-deps: all %d files the build uses come from tools/deps.sh's %d packages "
          "(%d with Depends) or Debian's required base" % (n, len(listed), len(pulled)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
