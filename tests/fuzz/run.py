#!/usr/bin/env python3
"""
tests/fuzz/run.py - what `make fuzz` runs: boot this kernel with
tools/qemu-exec --log, run build/tests/fuzz/fuzz in it for CALLS calls from
SEED, and print the figures (calls per second, crashed and hung children,
free pages before and after) and, for any kernel report on the console (an
oops, a panic, a BUG: or WARNING: of the debug kernel), the seed and the calls
that led to it. The whole console goes to build/tests/fuzz/SEED.log.

Usage: tests/fuzz/run.py [--calls N] [--seed S] [--children C] [--kernel ELF] [--smp N]
--smp N boots N CPUs (multi-threaded TCG): the children run on all of them.
Exit status 0 when the run finished with the kernel alive and no report.
"""
import argparse
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REPORT = re.compile(r"^(BUG: |WARNING:|Kernel panic|Oops|general protection|.*\[#1\]|"
                    r"Uhhuh|double fault|kernel BUG)", re.M)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--calls", type=int, default=1000000)
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--children", type=int, default=4)
    ap.add_argument("--kernel", default=None, help="e.g. build/debug/kernel.elf (make DEBUG=1)")
    ap.add_argument("--smp", type=int, default=1, help="CPUs (make fuzz SMP=N)")
    a = ap.parse_args()
    fuzz = os.path.join(ROOT, "build/tests/fuzz/fuzz")
    log = os.path.join(ROOT, "build/tests/fuzz/%d.log" % a.seed)
    timeout = 300 + a.calls // 2000          # far above the ~10,000 calls/s seen
    # QEMU's own log of CPU resets: a triple fault ends the machine without a word on the console
    qlog = os.path.join(ROOT, "build/tests/fuzz/%d.qemu.log" % a.seed)
    if os.path.exists(qlog):
        os.unlink(qlog)
    cmd = [os.path.join(ROOT, "tools/qemu-exec"), "--log", "--timeout", str(timeout),
           "--qemu", "-d cpu_reset -D %s" % qlog +
           (" -smp %d -accel tcg,thread=multi" % a.smp if a.smp > 1 else "")]
    env = dict(os.environ)
    if a.kernel:
        env["QEMU_EXEC_KERNEL"] = os.path.abspath(a.kernel)
    cmd += [fuzz, "-n", str(a.calls), "-s", str(a.seed), "-c", str(a.children), "-q"]
    print("fuzz: %s" % " ".join(os.path.relpath(c, ROOT) if c.startswith(ROOT) else c for c in cmd),
          flush=True)
    t0 = time.time()
    with open(log, "wb") as f:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=f, stderr=subprocess.STDOUT, env=env)
    wall = time.time() - t0
    out = open(log, "rb").read().decode("utf-8", "replace").replace("\r", "")
    lines = out.splitlines()

    for l in lines:
        if l.startswith("fuzz: ") and not l.startswith("fuzz:   #") and "last calls" not in l:
            print(l)
    print("fuzz: %.0f s of wall time, guest exit status %d, console in %s" %
          (wall, p.returncode, os.path.relpath(log, ROOT)))

    reports = [i for i, l in enumerate(lines) if REPORT.match(l)]
    hung = [i for i, l in enumerate(lines) if "last calls of a hung child" in l]
    for i in reports:
        print("fuzz: KERNEL REPORT (seed %d): %s" % (a.seed, lines[i]))
        for l in lines[i + 1:i + 12]:
            if REPORT.match(l):
                break
            print("    | " + l)
        # the calls the fuzzer printed for it (its log scan), or the last it
        # printed before the report if the kernel went down
        after = [l for l in lines[i:] if l.startswith("fuzz:   #") or "last calls" in l][:4 * 9]
        before = [l for l in lines[:i] if l.startswith("fuzz:   #") or "last calls" in l][-9:]
        for l in after or before:
            print("    " + l)
    for i in hung:
        print("fuzz: hung child (seed %d):" % a.seed)
        for l in lines[i:i + 9]:
            print("    " + l)
    if os.path.exists(qlog) and "Triple fault" in open(qlog, errors="replace").read():
        reports.append(len(lines))
        lines.append("Triple fault: the machine reset (QEMU's log: %s)" % os.path.relpath(qlog, ROOT))
        print("fuzz: KERNEL REPORT (seed %d): %s" % (a.seed, lines[-1]))
        for l in [l for l in lines if l.startswith("fuzz:   #") or "last calls" in l][-9:]:
            print("    " + l)
    finished = re.search(r"^fuzz: seed \d+, (\d+) calls in", out, re.M)
    ok = p.returncode == 0 and finished and not reports
    print("fuzz: %s" % ("kernel alive, no report" if ok else
                        "FAILED: %s" % ("%d kernel reports" % len(reports) if reports else
                                        "the run did not finish (exit status %d)" % p.returncode)))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
