#!/usr/bin/env python3
"""
tools/bench.py - what `make bench` runs: the benchmark programs of user/bench/
on this kernel and on Debian's Linux 6.1 (../shared/peer/linux-peer.sh) in the
same QEMU, and the table of both in build/bench.md.

  tools/bench.py [--wall] [--smp N] [--runs N] [--profile] [--top N] [--peer DIR]
                 [--out FILE] [NAME...]

This kernel boots once with kshell.run="bench NAME=COUNT ..." (kernel/kshell_bench.c)
and runs every program in turn; the peer boots once with the same list. Both run
under QEMU's "-icount shift=0" (guest time counts instructions, so figures repeat
exactly) unless --wall is given; under -icount the two boots run side by side.
--profile wraps each program on this kernel in "prof start/stop/show TOP"
(kernel/profile.c) with more iterations (BENCHMARKS below), for more samples, and
prints the top functions per benchmark (also into build/bench-profile.txt).
A program that fails, or a peer that is absent, gives "n/a" in the table.

--smp N (make bench SMP=N) boots both kernels with "-smp N -accel
tcg,thread=multi" (one host thread per CPU; QEMU's -icount cannot run with
multi-threaded TCG, so the clock is the wall clock) and runs SMP_BENCHMARKS:
the pipe round trip and bandwidth unpinned, with both processes pinned to
CPU 0, and pinned to CPUs 0 and 1 (the "pin" line each prints says whether
sched_setaffinity worked: "unpinned" in the table when not). --runs N boots
each kernel N times and gives the median of each figure (default 3 with
--smp, else 1). The program `cpus` reports the CPUs each kernel has online.
"""
import argparse
import datetime
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "build")

# name, iterations, what it measures, and the factor --profile multiplies the
# iterations by on this kernel, for about 1 s of samples (the tick is 1 kHz).
# Counts are set for about 0.2-0.6 s of Linux guest time each: the peer runs
# at ~10 s of wall time per guest second, and bw_memcpy's `rep movs` is slower.
BENCHMARKS = [
    ("lat_syscall", 1000000, "null system call: `int 0x80` getppid", 10),
    ("lat_ctx", 100000, "`sched_yield` handoff between two processes", 10),
    ("lat_pipe", 30000, "pipe round trip, 1 byte, two processes", 5),
    ("bw_pipe", 5000, "pipe bandwidth, 64 KiB writes", 5),
    ("bw_vmsplice", 5000, "pipe bandwidth, 64 KiB vmsplice in, splice to /dev/null out", 5),
    ("lat_unix", 30000, "AF_UNIX socketpair round trip, 1 byte, two processes", 5),
    ("bw_unix", 5000, "AF_UNIX stream bandwidth, 64 KiB writes", 5),
    ("lat_fifo", 30000, "FIFO round trip, 1 byte, two processes", 5),
    ("lat_sem", 30000, "System V semaphore round trip", 5),
    ("lat_semid", 200000, "non-blocking semop on the newest of 10,000 live semaphore sets", 5),
    ("lat_msg", 30000, "System V message round trip", 5),
    ("lat_mq", 30000, "POSIX message queue round trip", 5),
    ("lat_shm", 2500, "shmget+shmat+touch 64 KiB+shmdt+IPC_RMID", 5),
    ("lat_pagefault", 100, "read fault on a MAP_SHARED file page in the page cache (1 MiB, per page)", 5),
    ("lat_shm_open", 2500, "shm_open+ftruncate+mmap+touch 64 KiB+munmap+shm_unlink", 5),
    ("lat_futex", 30000, "futex round trip (FUTEX_WAKE, FUTEX_WAIT) between two processes, MAP_SHARED", 5),
    ("lat_pthread", 2000, "pthread_create+pthread_join", 5),
    ("lat_fork", 2000, "fork+exit+wait", 5),
    ("lat_exec", 1000, "fork+execve+exit+wait", 1),
    ("bw_memcpy", 100, "user-space memcpy of 8 MiB (no kernel)", 1),
]
# make bench SMP=N: the pipe pair unpinned, on one CPU, and on two CPUs. Fewer
# iterations than above: on the wall clock a cross-CPU wake-up of Linux under
# multi-threaded TCG on a busy 2-core host measured ~5 ms a round trip
SMP_BENCHMARKS = [
    ("lat_pipe", 3000, "pipe round trip, 1 byte, two processes, unpinned", 1),
    ("lat_pipe_1cpu", 3000, "pipe round trip, both processes pinned to CPU 0", 1),
    ("lat_pipe_2cpu", 3000, "pipe round trip, processes pinned to CPUs 0 and 1", 1),
    ("bw_pipe", 500, "pipe bandwidth, 64 KiB writes, unpinned", 1),
    ("bw_pipe_1cpu", 500, "pipe bandwidth, both processes pinned to CPU 0", 1),
    ("bw_pipe_2cpu", 500, "pipe bandwidth, processes pinned to CPUs 0 and 1", 1),
]
PIN = re.compile(r"^pin (\w+) (.*)$", re.M)
CPUS = re.compile(r"^cpus online (-?\d+) affinity (\d+)$", re.M)
RESULT = re.compile(r"^(\w+) (-?[0-9.]+|nan|inf) (us|MiB/s)$")


def find_peer(explicit):
    """../shared/peer next to the checkout (a worktree's parent too)."""
    if explicit:
        return explicit if os.path.isfile(os.path.join(explicit, "linux-peer.sh")) else None
    tops = [ROOT]
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             check=True).stdout.decode().strip()
        tops.append(top)
        common = subprocess.run(["git", "rev-parse", "--path-format=absolute",
                                 "--git-common-dir"], cwd=ROOT, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, check=True).stdout.decode().strip()
        tops.append(os.path.dirname(common))	# the main checkout of a worktree
    except (subprocess.CalledProcessError, OSError):
        pass
    for top in tops:
        peer = os.path.join(os.path.dirname(top), "shared", "peer")
        if os.path.isfile(os.path.join(peer, "linux-peer.sh")):
            return peer
    return None


def parse_results(text, names):
    """{name: (value, unit)} from the 'NAME VALUE UNIT' lines."""
    res = {}
    for line in text.splitlines():
        m = RESULT.match(line.strip())
        if m and m.group(1) in names:
            res[m.group(1)] = (float(m.group(2)), m.group(3))
    return res


def bench_command(benches, profile, top):
    return "bench " + ("-p %d " % top if profile else "") + \
        " ".join("%s=%d" % (name, count * (scale if profile else 1))
                 for name, count, _, scale in benches)


def run_ours(benches, icount, profile, top, timeout, smp=1):
    """One boot per group of benchmarks whose command fits the shell's line
    (255 characters): under -icount a figure does not depend on the boot."""
    groups = [[]]
    for b in benches:
        if groups[-1] and len(bench_command(groups[-1] + [b], profile, top)) > 255:
            groups.append([])
        groups[-1].append(b)
    if smp > 1:		# the CPUs this boot has, first
        groups[0].insert(0, ("cpus", 1, "", 1))
    runs = [run_ours_once(g, icount, profile, top, timeout, smp) for g in groups]
    merged = {"results": {}, "boot": runs[0]["boot"], "profiles": {},
              "log": "".join(r["log"] for r in runs),
              "command": "\n".join(r["command"] for r in runs)}
    for r in runs:
        merged["results"].update(r["results"])
        merged["profiles"].update(r["profiles"])
    return merged


def run_ours_once(benches, icount, profile, top, timeout, smp=1):
    command = bench_command(benches, profile, top)
    if len(command) > 255:
        raise SystemExit("bench: the kshell command is too long: " + command)
    cmd = ["qemu-system-i386", "-m", "256", "-no-reboot", "-display", "none",
           "-serial", "stdio", "-monitor", "none",
           "-device", "isa-debug-exit,iobase=0xf4,iosize=4",
           "-kernel", os.path.join(BUILD, "kernel.elf"),
           "-initrd", os.path.join(BUILD, "initramfs.cpio"),
           "-append", 'loglevel=5 kshell.run="%s"' % command]
    if icount:
        cmd += ["-icount", "shift=0"]
    if smp > 1:
        cmd += ["-smp", str(smp), "-accel", "tcg,thread=multi"]
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=timeout)
        out = p.stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode("utf-8", "replace") + "\n[timed out]\n"
    out = out.replace("\r", "")
    boot = re.search(r"^BENCH_START \S+ boot_to_user ([0-9.]+) s", out, re.M)
    profiles = dict(re.findall(r"^BENCH_PROF_BEGIN (\w+)\n(.*?)^BENCH_PROF_END \1$", out,
                               re.M | re.S))
    return {"results": parse_results(out, {b[0] for b in benches}),
            "boot": float(boot.group(1)) if boot else None,
            "profiles": profiles, "log": out, "command": command}


def qemu_shim(tmp, smp):
    """A qemu-system-i386 first in PATH that adds -smp: linux-peer.sh (shared,
    not ours to change) boots the peer with whatever QEMU it finds."""
    real = shutil.which("qemu-system-i386")
    shim = os.path.join(tmp, "qemu-system-i386")
    with open(shim, "w") as f:
        f.write('#!/bin/sh\nexec %s "$@" -smp %d -accel tcg,thread=multi\n' % (real, smp))
    os.chmod(shim, 0o755)
    env = dict(os.environ)
    env["PATH"] = tmp + os.pathsep + env.get("PATH", "")
    return env


def run_peer(peer, benches, icount, timeout, smp=1):
    if not peer:
        return {"results": {}, "boot": None, "log": "no ../shared/peer/linux-peer.sh\n",
                "release": None}
    if smp > 1:
        benches = [("cpus", 1, "", 1)] + list(benches)
    with tempfile.TemporaryDirectory() as tmp:
        env = qemu_shim(tmp, smp) if smp > 1 else None
        lst = os.path.join(tmp, "list")
        with open(lst, "w") as f:
            for name, count, _, _ in benches:
                f.write("%s %d\n" % (name, count))
        cmd = [os.path.join(peer, "linux-peer.sh")] + (["--icount"] if icount else []) + \
            [lst] + [os.path.join(BUILD, "user", "bench", b[0]) for b in benches]
        try:
            p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, timeout=timeout, env=env)
            out = p.stdout.decode("utf-8", "replace")
        except subprocess.TimeoutExpired as e:
            out = (e.stdout or b"").decode("utf-8", "replace") + "\n[timed out]\n"
    out = out.replace("\r", "")
    start = re.search(r"^PEER_START (\S+) (\S+) \S+ boot_to_init ([0-9.]+) s", out, re.M)
    return {"results": parse_results(out, {b[0] for b in benches}),
            "boot": float(start.group(3)) if start else None,
            "release": "%s %s" % (start.group(1), start.group(2)) if start else None,
            "log": out}


def fmt(v):
    if v is None:
        return "n/a"
    if v >= 100:
        return "{:,.0f}".format(v)
    if v >= 10:
        return "%.1f" % v
    return "%.3f" % v


def median_of(runs):
    """One result from several boots: each figure's median, the boot time's
    too; every run's figures kept in "each"; pin lines and CPU counts parsed."""
    merged = {"results": {}, "each": {}, "log": "", "pins": {}, "cpus": [],
              "release": next((r.get("release") for r in runs if r.get("release")), None),
              "profiles": runs[0].get("profiles", {}), "command": runs[0].get("command", "")}
    for k, r in enumerate(runs):
        merged["log"] += "==== run %d of %d\n%s" % (k + 1, len(runs), r["log"])
        for name, (v, unit) in r["results"].items():
            merged["each"].setdefault(name, ([], unit))[0].append(v)
        for name, how in PIN.findall(r["log"]):
            merged["pins"].setdefault(name, set()).add(how.strip())
        merged["cpus"] += [(int(a), int(b)) for a, b in CPUS.findall(r["log"])]
    for name, (vals, unit) in merged["each"].items():
        merged["results"][name] = (statistics.median(vals), unit)
    boots = [r["boot"] for r in runs if r["boot"] is not None]
    merged["boot"] = statistics.median(boots) if boots else None
    return merged


def placement(kernel, name, value):
    """The figure, and "unpinned" where sched_setaffinity refused in any run."""
    hows = kernel.get("pins", {}).get(name, set())
    if any(h.startswith("unpinned") for h in hows):
        return value + " unpinned"
    return value


def table(benches, ours, linux, icount, argv, smp=1, runs=1):
    rows = []
    for name, count, what, _ in benches:
        o, lx = ours["results"].get(name), linux["results"].get(name)
        unit = (o or lx or (None, "MiB/s" if name.startswith("bw_") else "us"))[1]
        better = "higher" if unit == "MiB/s" else "lower"
        ov, lv = (o[0] if o else None), (lx[0] if lx else None)
        ratio = "%.2f" % (ov / lv) if ov is not None and lv else "n/a"
        rows.append((name, what, count, unit, better, placement(ours, name, fmt(ov)),
                     placement(linux, name, fmt(lv)), ratio))
    ob, lb = ours["boot"], linux["boot"]
    rows.append(("boot", "boot to the first user program (see below)", "", "s", "lower",
                 fmt(ob), fmt(lb), "%.3f" % (ob / lb) if ob is not None and lb else "n/a"))
    try:
        rev = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
                             ).stdout.decode().strip()
    except OSError:
        rev = "?"
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    clock = ("guest time under QEMU `-icount shift=0` (1 guest instruction = 1 ns; "
             "repeatable)" if icount else "wall-clock time (no -icount; noisy)")
    if smp > 1:
        clock += "; both kernels under `-smp %d -accel tcg,thread=multi`" % smp
    if runs > 1:
        clock += "; each figure the median of %d boots" % runs
    lines = [
        "| benchmark | what it measures | iterations | unit | better | ipckernel | %s | ratio ours/Linux |"
        % (linux.get("release") or "Linux 6.1"),
        "|---|---|---:|---|---|---:|---:|---:|",
    ]
    for r in rows:
        lines.append("| `%s` | %s | %s | %s | %s | %s | %s | %s |" % r)
    head = ["# ipckernel and Linux 6.1 side by side", "",
            "`%s` at %s, commit %s; %s." % (" ".join(argv), when, rev, clock), "",
            "A latency ratio below 1 or a bandwidth ratio above 1 means this kernel is faster. "
            "\"n/a\": the program failed (e.g. ENOSYS) or the peer is absent. "
            "Boot: ipckernel's CLOCK_MONOTONIC (started in start_kernel) when the `bench` "
            "command starts the first program; Linux's CLOCK_BOOTTIME at the first "
            "instruction of /init.", ""]
    tail = []
    if smp > 1:
        def cpus(k):
            seen = sorted(set(k.get("cpus", [])))
            return ", ".join("%d online, %d in the mask" % c for c in seen) or "not reported"
        def pins(k):
            return "; ".join("`%s` %s" % (n, " / ".join(sorted(h)))
                             for n, h in sorted(k.get("pins", {}).items())) or "none"
        tail = ["", "CPUs (`cpus`: sysconf(_SC_NPROCESSORS_ONLN), sched_getaffinity): "
                "ipckernel %s; Linux %s." % (cpus(ours), cpus(linux)),
                "Placement (the `pin` lines; \"unpinned\": sched_setaffinity refused, the "
                "figure is wherever the scheduler put the two): ipckernel %s; Linux %s."
                % (pins(ours), pins(linux))]
    if runs > 1:
        tail += ["", "Every run (ipckernel | Linux):", ""]
        for name, _, _, _ in benches:
            o = ours.get("each", {}).get(name, ([], ""))[0]
            lx = linux.get("each", {}).get(name, ([], ""))[0]
            tail.append("- `%s`: %s | %s" % (name, " ".join(fmt(v) for v in o) or "n/a",
                                             " ".join(fmt(v) for v in lx) or "n/a"))
    return "\n".join(head + lines + tail) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wall", action="store_true", help="wall-clock time, no -icount")
    ap.add_argument("--profile", action="store_true", help="profile each run on this kernel")
    ap.add_argument("--top", type=int, default=12, help="functions per profile")
    ap.add_argument("--peer", help="the directory of linux-peer.sh (default ../shared/peer)")
    ap.add_argument("--out", default=os.path.join(BUILD, "bench.md"))
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--smp", type=int, default=1, help="CPUs for both kernels (wall clock)")
    ap.add_argument("--runs", type=int, default=0, help="boots of each kernel; the median")
    ap.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    args = ap.parse_args()
    known = BENCHMARKS + [b for b in SMP_BENCHMARKS if b[0] not in {x[0] for x in BENCHMARKS}]
    default = SMP_BENCHMARKS if args.smp > 1 else BENCHMARKS
    benches = [b for b in (default if not args.names else known) if not args.names or b[0] in args.names]
    unknown = set(args.names) - {b[0] for b in known}
    if unknown:
        raise SystemExit("bench: unknown benchmark(s): " + " ".join(sorted(unknown)))
    if args.smp > 1 and args.profile:
        raise SystemExit("bench: --profile runs on one CPU only")
    icount = not args.wall and args.smp <= 1	# -icount cannot run with multi-threaded TCG
    runs = args.runs or (3 if args.smp > 1 else 1)
    peer = find_peer(args.peer)
    print("bench: %s%s, %d run(s), peer %s" % (
        "-icount shift=0" if icount else "wall clock",
        ", -smp %d multi-threaded TCG" % args.smp if args.smp > 1 else "", runs,
        peer or "absent (Linux figures n/a)"), flush=True)

    ours_runs, linux_runs = [], []
    for k in range(runs):	# one of each per round, so both meet the same host load
        peer_thread = threading.Thread(
            target=lambda: linux_runs.append(run_peer(peer, benches, icount, args.timeout, args.smp)))
        if icount:	# guest time does not mind a busy host: both at once
            peer_thread.start()
        ours_runs.append(run_ours(benches, icount, args.profile, args.top, args.timeout, args.smp))
        print("bench: ipckernel done (run %d of %d)" % (k + 1, runs), flush=True)
        if not icount:
            peer_thread.start()
        peer_thread.join()
        print("bench: Linux done (run %d of %d)" % (k + 1, runs), flush=True)
    ours, linux = median_of(ours_runs), median_of(linux_runs)

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(os.path.join(BUILD, "bench-ipckernel.log"), "w") as f:
        f.write(ours["log"])
    with open(os.path.join(BUILD, "bench-linux.log"), "w") as f:
        f.write(linux["log"])
    argv = ["make", "bench"] + (["WALL=1"] if args.wall else []) + \
        (["SMP=%d" % args.smp] if args.smp > 1 else []) + \
        (["RUNS=%d" % args.runs] if args.runs else []) + \
        (["PROFILE=1"] if args.profile else [])
    md = table(benches, ours, linux, icount, argv, args.smp, runs)
    with open(args.out, "w") as f:
        f.write(md)
    if args.profile:
        text = ""
        for name, count, _, scale in benches:
            text += "== %s (%d iterations on ipckernel)\n%s\n" % (
                name, count * scale, ours["profiles"].get(name, "(no profile)\n"))
        with open(os.path.join(BUILD, "bench-profile.txt"), "w") as f:
            f.write(text)
        print(text)
    print(md)
    print("bench: wrote %s (logs: build/bench-ipckernel.log, build/bench-linux.log)"
          % os.path.relpath(args.out, ROOT))
    return 0 if ours["results"] else 1


if __name__ == "__main__":
    sys.exit(main())
