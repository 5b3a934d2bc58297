#!/usr/bin/env python3
"""
tools/stress.py - what `make stress` runs: Debian's stress-ng over the IPC
stressors (pipe, pipeherd, fifo, sem-sysv, shm-sysv, msg, mq, futex), all at
once with --verify --metrics-brief, on this kernel and then on Debian's Linux
6.1 (686) in the same QEMU (same memory, one CPU, wall clock), into
build/stress.md: bogo-ops per second side by side, the free pages before and
after, and any kernel message of trouble.

  tools/stress.py [--timeout S] [--instances N] [--stressors A,B] [--no-linux] [--out FILE]

Both kernels boot build/initramfs-debian.cpio (make initramfs-debian: Debian's
userland from tools/fetch-debian.sh) plus a small archive with /etc/stress.sh.
This kernel runs it from the kshell ("mem; run /bin/sh /etc/stress.sh; mem");
Linux boots that archive's /init, a shell script that mounts /proc, /sys,
/tmp and /dev, runs the same /etc/stress.sh, and prints MemFree around it. Linux's
kernel comes from `tools/fetch-debian.sh --linux` (cached).
"""
import argparse
import datetime
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "build")
KERNEL = os.path.join(BUILD, "kernel.elf")
IMAGE = os.path.join(BUILD, "initramfs-debian.cpio")
CACHE = os.environ.get("DEBIAN_CACHE") or os.path.join(
    os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "ipckernel", "debian")
STRESSORS = ["pipe", "pipeherd", "fifo", "sem-sysv", "shm-sysv", "msg", "mq", "futex"]
MEMORY = 512
# a kernel message of trouble on either kernel
TROUBLE = re.compile(r"BUG:|Oops|Kernel panic|WARNING:|general protection fault|"
                     r"unable to handle kernel|Call Trace|segfault at", re.M)
# stress-ng 0.15's --metrics-brief rows: name, bogo ops, real, usr, sys, ops/s real, ops/s cpu
METRIC = re.compile(r"^stress-ng: (?:metrc|info): +\[\d+\] ([a-z][\w-]*) +(\d+) +([\d.]+) +([\d.]+) +"
                    r"([\d.]+) +([\d.]+) +([\d.]+)\s*$", re.M)


def stress_script(timeout, instances):
    args = " ".join("--%s %d" % (s, instances) for s in STRESSORS)
    return """#!/bin/sh
# run by tools/stress.py on both kernels
cd /tmp
echo STRESS_BEGIN
/usr/bin/stress-ng %s --timeout %ds --verify --metrics-brief --temp-path /tmp 2>&1
echo STRESS_STATUS $?
""" % (args, timeout)


LINUX_INIT = """#!/bin/sh
# /init for Linux (tools/stress.py): the pseudo file systems, the run, MemFree
mkdir -p /proc /sys /tmp /dev
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t tmpfs tmpfs /tmp
mount -t devtmpfs devtmpfs /dev
echo STRESS_MEMFREE_BEFORE $(awk '/^MemFree:/ {print $2}' /proc/meminfo)
/bin/sh /etc/stress.sh
sync
echo STRESS_MEMFREE_AFTER $(awk '/^MemFree:/ {print $2}' /proc/meminfo)
echo STRESS_DMESG_BEGIN
dmesg
echo STRESS_DMESG_END
poweroff -f
"""


def extra_cpio(tmp, timeout, instances):
    stage = os.path.join(tmp, "extra")
    os.makedirs(os.path.join(stage, "etc"))
    for path, text in (("etc/stress.sh", stress_script(timeout, instances)), ("init", LINUX_INIT)):
        with open(os.path.join(stage, path), "w") as f:
            f.write(text)
        os.chmod(os.path.join(stage, path), 0o755)
    out = os.path.join(tmp, "extra.cpio")
    names = subprocess.run("find . | LC_ALL=C sort", shell=True, cwd=stage, check=True,
                           stdout=subprocess.PIPE).stdout
    with open(out, "wb") as f:
        subprocess.run(["cpio", "--quiet", "-o", "-H", "newc", "-R", "0:0"], cwd=stage,
                       input=names, stdout=f, check=True)
    return out


def run_qemu(cmd, timeout):
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=timeout)
        return p.returncode, p.stdout.decode("utf-8", "replace").replace("\r", "")
    except subprocess.TimeoutExpired as e:
        return None, (e.stdout or b"").decode("utf-8", "replace").replace("\r", "") + \
            "\n[timed out after %ds]\n" % timeout


def metrics(out):
    return {m.group(1): float(m.group(6)) for m in METRIC.finditer(out) if m.group(1) in STRESSORS}


def status(out):
    m = re.search(r"^STRESS_STATUS (\d+)", out, re.M)
    return int(m.group(1)) if m else None


def run_ours(extra, timeout, limit):
    cmd = ["qemu-system-i386", "-m", str(MEMORY), "-no-reboot", "-display", "none",
           "-serial", "stdio", "-monitor", "none", "-device", "isa-debug-exit,iobase=0xf4,iosize=4",
           "-kernel", KERNEL, "-initrd", "%s,%s" % (IMAGE, extra),
           "-append", 'kshell.run="mem; run /bin/sh /etc/stress.sh; mem; dmesg"']
    rc, out = run_qemu(cmd, limit)
    free = [int(x) for x in re.findall(r"^pages: \d+ total, (\d+) free", out, re.M)]
    return {"out": out, "rc": rc, "metrics": metrics(out), "status": status(out),
            "free": (free[0], free[-1]) if len(free) >= 2 else None,
            "trouble": sorted(set(l for l in out.splitlines() if TROUBLE.search(l)))}


def linux_kernel():
    found = glob.glob(os.path.join(CACHE, "linux", "boot", "vmlinuz-*-686"))
    if not found:
        subprocess.run(["sh", os.path.join(ROOT, "tools", "fetch-debian.sh"), "--linux"], check=True)
        found = glob.glob(os.path.join(CACHE, "linux", "boot", "vmlinuz-*-686"))
    return sorted(found)[-1] if found else None


def run_linux(extra, tmp, limit):
    kernel = linux_kernel()
    if not kernel:
        return None
    initrd = os.path.join(tmp, "linux.cpio")	# Linux unpacks concatenated archives in turn
    with open(initrd, "wb") as f:
        for part in (IMAGE, extra):
            with open(part, "rb") as g:
                shutil.copyfileobj(g, f)
    cmd = ["qemu-system-i386", "-m", str(MEMORY), "-no-reboot", "-display", "none",
           "-serial", "stdio", "-monitor", "none", "-kernel", kernel, "-initrd", initrd,
           "-append", "console=ttyS0 quiet mitigations=off rdinit=/init"]
    rc, out = run_qemu(cmd, limit)
    free = [int(x) // 4 for x in re.findall(r"^STRESS_MEMFREE_(?:BEFORE|AFTER) (\d+)", out, re.M)]
    dm = out[out.find("STRESS_DMESG_BEGIN"):out.find("STRESS_DMESG_END")] if "STRESS_DMESG_BEGIN" in out else ""
    release = re.search(r"Linux version (\S+)", out)
    return {"out": out, "rc": rc, "metrics": metrics(out), "status": status(out),
            "free": tuple(free) if len(free) == 2 else None,
            "trouble": sorted(set(l for l in dm.splitlines() if TROUBLE.search(l))),
            "release": release.group(1) if release else os.path.basename(kernel)}


def fmt(v):
    if v is None:
        return "n/a"
    return "{:,.2f}".format(v) if v < 100 else "{:,.0f}".format(v)


def table(ours, linux, args):
    lx = linux or {"metrics": {}, "free": None, "status": None, "trouble": [], "release": "absent"}
    lines = ["# make stress: stress-ng IPC mix, this kernel and Linux",
             "",
             "Generated by tools/stress.py on %s: `stress-ng %s --timeout %ds --verify --metrics-brief`, "
             "all stressors at once, %d instance(s) each, one CPU, %d MiB, wall clock in QEMU (TCG), "
             "so figures vary with the host's load." % (
                 datetime.date.today().isoformat(),
                 " ".join("--%s %d" % (s, args.instances) for s in STRESSORS), args.timeout,
                 args.instances, MEMORY),
             "",
             "| stressor | this kernel, bogo ops/s | Linux %s, bogo ops/s |" % lx["release"],
             "|---|---:|---:|"]
    for s in STRESSORS:
        lines.append("| %s | %s | %s |" % (s, fmt(ours["metrics"].get(s)), fmt(lx["metrics"].get(s))))
    for name, r in (("this kernel", ours), ("Linux", lx)):
        free = r["free"]
        lines += ["", "%s: stress-ng exit status %s; free pages before %s, after %s%s; kernel messages of "
                  "trouble: %s" % (name, r["status"], free[0] if free else "n/a", free[1] if free else "n/a",
                                   " (%+d)" % (free[1] - free[0]) if free else "",
                                   "; ".join(r["trouble"]) if r["trouble"] else "none")]
    lines += ["", "\"n/a\": the stressor reported no metrics (it failed, or did not run). Linux's free pages "
              "are MemFree from /proc/meminfo; this kernel's the kshell's `mem`."]
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--timeout", type=int, default=30, help="stress-ng's --timeout in seconds (30)")
    ap.add_argument("--instances", type=int, default=1, help="instances of each stressor (1)")
    ap.add_argument("--no-linux", action="store_true", help="this kernel only")
    ap.add_argument("--stressors", help="a comma-separated subset of " + ",".join(STRESSORS))
    ap.add_argument("--out", default=os.path.join(BUILD, "stress.md"))
    args = ap.parse_args()
    if args.stressors:
        STRESSORS[:] = [x for x in args.stressors.split(",") if x in STRESSORS]
    for f in (KERNEL, IMAGE):
        if not os.path.exists(f):
            sys.exit("stress: %s is missing (make all initramfs-debian)" % f)
    limit = args.timeout * 4 + 240
    tmp = tempfile.mkdtemp(prefix="stress.")
    try:
        extra = extra_cpio(tmp, args.timeout, args.instances)
        print("stress: this kernel, %d s of stress-ng ..." % args.timeout, flush=True)
        ours = run_ours(extra, args.timeout, limit)
        with open(os.path.join(BUILD, "stress-ours.log"), "w") as f:
            f.write(ours["out"])
        linux = None
        if not args.no_linux:
            print("stress: Linux, the same run ...", flush=True)
            linux = run_linux(extra, tmp, limit)
            if linux:
                with open(os.path.join(BUILD, "stress-linux.log"), "w") as f:
                    f.write(linux["out"])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    text = table(ours, linux, args)
    with open(args.out, "w") as f:
        f.write(text)
    print(text)
    print("stress: %s (logs: build/stress-ours.log, build/stress-linux.log)" % args.out)
    ok = ours["status"] == 0 and not ours["trouble"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
