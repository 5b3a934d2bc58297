#!/usr/bin/env python3
"""
tests/host/run_tests.py - everything `make test` checks, one PASS/FAIL line
per test and a closing "N passed, N failed":

  host/...    each user test program, natively on this Linux host (the oracle)
  kernel/...  each in-kernel test, from one boot with kshell.run="test all"
  guest/...   each user test program again, inside this kernel (same boot)
  boot/...    boot-level behaviour: the shell on the serial line, bad input,
              fault reports, the ISO through GRUB, gdb through QEMU's stub

Usage: run_tests.py [--host-only] [--no-iso] [--no-gdb]
"""
import glob
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemu  # noqa: E402

results = []
skipped = []


def report(name, ok, detail=""):
    results.append(ok)
    print("%s %s" % ("PASS" if ok else "FAIL", name), flush=True)
    if not ok and detail:
        for line in detail.rstrip().splitlines()[-40:]:
            print("    | " + line)


def host_tests():
    progs = sorted(glob.glob(os.path.join(qemu.BUILD, "tests", "user", "*")))
    progs = [p for p in progs if os.access(p, os.X_OK) and not p.endswith(".d")]
    for prog in progs:
        name = os.path.basename(prog)
        with tempfile.TemporaryDirectory() as cwd:
            try:
                p = subprocess.run([prog], cwd=cwd, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
                out, rc = p.stdout.decode("utf-8", "replace"), p.returncode
            except subprocess.TimeoutExpired as e:
                out, rc = (e.stdout or b"").decode("utf-8", "replace") + "\n[timed out]", None
        m = re.search(r"^(\d+) passed, (\d+) failed$", out, re.M)
        ok = rc == 0 and m is not None and m.group(2) == "0" and int(m.group(1)) > 0
        fails = "\n".join(l for l in out.splitlines() if not l.startswith("PASS "))
        report("host/%s (%s checks)" % (name, m.group(1) if m else "?"), ok, fails)


# User test programs for subsystems that have not landed yet: reported as
# skipped, with the reason, instead of failing the run. Empty when all is in.
NOT_YET = {
}


def not_yet(name):
    for prefix, why in NOT_YET.items():
        if name.startswith(prefix):
            return why
    return None


def kernel_tests():
    """One boot: every in-kernel test, then every test program in /bin/tests."""
    rc, out = qemu.boot("test all", timeout=900)
    seen = failed_user = 0
    for m in re.finditer(r"^(PASS|FAIL) (user/)?([a-z0-9_]+[./]?[A-Za-z0-9_]*)( \(.*)?$", out, re.M):
        seen += 1
        ok = m.group(1) == "PASS"
        if m.group(2):
            name, why = "guest/" + m.group(3), not_yet(m.group(3))
            if not ok and why:
                print("SKIP %s (%s)" % (name, why))
                skipped.append(name)
                continue
            failed_user += not ok
            detail = m.group(4) or ""
            if not ok:  # the program's own failed checks, printed before this line
                prog = m.group(3)
                detail += "\n" + "\n".join(l for l in out[:m.start()].splitlines()
                                            if l.startswith("FAIL %s:" % prog))
            report(name, ok, detail)
            continue
        detail = ""
        if not ok:
            # the failure lines the runner printed just before this one
            before = out[:m.start()].rstrip().splitlines()
            detail = "\n".join(l for l in before[-10:] if l.startswith("    "))
        report("kernel/" + m.group(3), ok, detail)
    clean = seen > 0 and (rc == qemu.EXIT_SUCCESS or (rc == qemu.EXIT_FAILURE and skipped and
                                                      not any(not r for r in results)))
    report("kernel/test-all-boot-completes", clean, "exit status %s\n%s" % (rc, out))


def expect_boot(name, command, status, patterns, **kw):
    rc, out = qemu.boot(command, **kw)
    missing = [p for p in patterns if not re.search(p, out, re.M)]
    report("boot/" + name, rc == status and not missing,
           "exit status %s (want %s), missing %s\n%s" % (rc, status, missing, out))


def boot_tests():
    expect_boot("crash-divzero-dumps-registers-and-backtrace", "crash divzero", qemu.EXIT_PANIC,
                [r"^divide error", r"^EIP: 0060:\[<c0[0-9a-f]+>\]", r"^EAX: [0-9a-f]{8}",
                 r"^Call Trace:", r"\] crash_divide", r"\] cmd_crash\+", r"\] kshell_execute\+"])
    expect_boot("crash-pagefault-dumps-cr2-and-backtrace", "crash pagefault", qemu.EXIT_PANIC,
                [r"unable to handle kernel paging request at virtual address f8000000",
                 r"^CR2: f8000000", r"^Call Trace:", r"\] crash_unmapped\+", r"\] cmd_crash\+"])
    expect_boot("crash-null-pointer", "crash null", qemu.EXIT_PANIC,
                [r"NULL pointer dereference", r"^CR2: 00000000"])
    expect_boot("unknown-option-reported-and-ignored", "uptime", qemu.EXIT_SUCCESS,
                [r'Unknown kernel command line parameter "no.such.option=1", ignored', r"^up \d+\.\d+ s"],
                extra_args="no.such.option=1")
    expect_boot("unknown-command-fails-cleanly", "frobnicate", qemu.EXIT_FAILURE,
                [r"frobnicate: command not found"])
    expect_boot("too-little-memory-is-a-clear-panic", "mem", qemu.EXIT_PANIC,
                [r"Kernel panic - not syncing: mem_init: only \d+ KiB of usable memory"], memory=6)
    expect_boot("mem-prints-page-counts", "mem", qemu.EXIT_SUCCESS,
                [r"^pages: \d+ total, \d+ free, \d+ used", r"^free blocks per order:( \d+){11}"])
    # make bench's kernel half (kernel/kshell_bench.c) and the profiler (kernel/profile.c)
    expect_boot("bench-runs-programs-and-profiles-each", "bench -p 5 lat_syscall=20000 lat_pipe=3000",
                qemu.EXIT_SUCCESS,
                [r"^BENCH_START ipckernel boot_to_user \d+\.\d{6} s", r"^BENCH_RUN lat_syscall 20000$",
                 r"^lat_syscall \d+\.\d+ us$", r"^lat_pipe \d+\.\d+ us$",
                 r"^BENCH_PROF_BEGIN lat_pipe\nprof: \d+ ticks at 1000 Hz",
                 r"^\s+\d+\s+\d+\.\d%  [\w.\[\]]+$", r"^BENCH_DONE uptime \d+\.\d+ s, 0 failed$"])
    expect_boot("bench-reports-a-failing-program", "bench nosuch", qemu.EXIT_FAILURE,
                [r"^BENCH_FAIL nosuch status=127$", r"^BENCH_DONE .* 1 failed$"])
    expect_boot("prof-bad-usage-fails", "prof sideways", qemu.EXIT_FAILURE,
                [r"usage: prof start\|stop\|show \[N\]"])

    # the shell as a user meets it: a banner, a prompt, typed commands
    s = qemu.Session("")
    try:
        ok = s.expect("ipckernel ", 30) and s.expect("kshell# ", 30)
        banner = ok
        s.send("mem\r")
        ok = ok and s.expect("pages: ", 20) and s.expect("kshell# ", 20)
        s.send("memx\b \r")          # backspace edits the line: "mem" again
        ok = ok and s.expect("pages: ", 20) and s.expect("kshell# ", 20)
        s.send("nosuch\r")
        ok = ok and s.expect("command not found", 20) and s.expect("kshell# ", 20)
        s.send("halt\r")
        rc = s.wait(30)
        report("boot/serial-shell-banner-prompt", banner, s.out)
        report("boot/serial-shell-commands-and-halt", ok and rc == 0, "exit %s\n%s" % (rc, s.out))
    finally:
        s.close()


def fs_boot_tests():
    """The root file system as a user meets it: the initramfs, /dev, FIFOs, the tty."""
    expect_boot("ls-l-root-lists-the-initramfs", "ls -l /", qemu.EXIT_SUCCESS,
                [r"initramfs: unpacked \d+ entries", r"^drwxr-xr-x\s+\d+\s+0\s+0\s+\d+ \S+ \S+ bin$",
                 r"^drwxr-xr-x .* dev$", r"^drwxr-xr-x .* etc$", r"^drwxrwxrwt .* tmp$"])
    expect_boot("ls-l-bin-shows-programs-with-sizes", "ls -l /bin", qemu.EXIT_SUCCESS,
                [r"^-rwxr-xr-x\s+1\s+0\s+0\s+\d{5,} \S+ \S+ hello$", r"^drwxr-xr-x .* tests$"])
    expect_boot("ls-l-dev-shows-device-numbers", "ls -l /dev", qemu.EXIT_SUCCESS,
                [r"^crw-------\s+1\s+0\s+0\s+5,\s+1 .* console$", r"^crw-rw-rw- .* 1,\s+3 .* null$",
                 r"^crw-rw---- .* 4,\s+64 .* ttyS0$"])
    expect_boot("cat-etc-motd", "cat /etc/motd", qemu.EXIT_SUCCESS, [r"^Welcome to ipckernel"])
    expect_boot("cat-missing-file-fails", "cat /etc/nosuch", qemu.EXIT_FAILURE,
                [r"cat: /etc/nosuch: No such file or directory"])

    s = qemu.Session("")
    try:
        ok = s.expect("kshell# ", 30)
        steps = [("mkfifo /tmp/f\r", None), ("ls -l /tmp\r", "prw-r--r--"),
                 ("echo hello  world > /tmp/x\r", None), ("cat /tmp/x\r", "hello world"),
                 ("cd /tmp\r", None), ("pwd\r", "/tmp\n"), ("stat f\r", "fifo"),
                 ("rm f x\r", None), ("ls -a\r", ".."),
                 ("typo\x03", "^C"),             # ^C abandons the line
                 ("mkdir dx\x7fir\r", None),       # DEL erases
                 ("ls /tmp\r", "dir\n")]
        for line, want in steps:
            s.send(line)
            if want:
                ok = ok and s.expect(want, 20)
            ok = ok and s.expect("kshell# ", 20)
        s.send("halt\r")
        rc = s.wait(30)
        report("boot/shell-files-fifo-echo-cd-over-the-tty", ok and rc == 0,
               "exit %s\n%s" % (rc, s.out))
    finally:
        s.close()


def corrupt_initramfs_test():
    """A damaged archive: the offset is reported and the kernel boots with what came before."""
    with open(qemu.INITRD, "rb") as f:
        data = f.read()
    off, entries = 0, 0
    while entries < 6:              # skip six whole entries
        namesize = int(data[off + 94:off + 102], 16)
        filesize = int(data[off + 54:off + 62], 16)
        off = (off + 110 + namesize + 3) & ~3
        off = (off + filesize + 3) & ~3
        entries += 1
    with tempfile.TemporaryDirectory() as tmp:
        bad = os.path.join(tmp, "bad.cpio")
        with open(bad, "wb") as f:
            f.write(data[:off] + b"garbage!" * 64)
        cmd = [bad if a == qemu.INITRD else a
               for a in qemu.qemu_cmd('kshell.run="ls -l /bin"')]
        try:
            p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, timeout=60)
            out, rc = p.stdout.decode("utf-8", "replace").replace("\r", ""), p.returncode
        except subprocess.TimeoutExpired:
            out, rc = "[timed out]", None
    want = "initramfs: bad magic at offset %d; keeping what was unpacked" % off
    report("boot/corrupt-initramfs-reports-offset-and-boots", rc == qemu.EXIT_SUCCESS and
           want in out and re.search(r"^drwxr-xr-x .* bench$", out, re.M) is not None,
           "exit %s, want %r\n%s" % (rc, want, out))


def keyboard_test():
    """The PS/2 keyboard types into the same tty as the serial line (QEMU's sendkey)."""
    import socket
    import time
    with tempfile.TemporaryDirectory() as tmp:
        sock = os.path.join(tmp, "mon")
        cmd = qemu.qemu_cmd("")
        i = cmd.index("-monitor")
        cmd[i + 1] = "unix:%s,server,nowait" % sock
        p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT)
        try:
            for _ in range(100):
                if os.path.exists(sock):
                    break
                time.sleep(0.1)
            mon = socket.socket(socket.AF_UNIX)
            mon.connect(sock)
            time.sleep(2)
            keys = "c a t spc slash e t c slash m o t d ret".split()
            keys += "p w x backspace d ret h a l t ret".split()
            for k in keys:
                mon.send(("sendkey %s\n" % k).encode())
                time.sleep(0.1)
            out, _ = p.communicate(timeout=60)
            out = out.decode("utf-8", "replace").replace("\r", "")
            ok = "Welcome to ipckernel" in out and re.search(r"^/$", out, re.M) is not None
            report("boot/keyboard-types-into-the-tty", ok and p.returncode == 0,
                   "exit %s\n%s" % (p.returncode, out))
        except Exception as e:  # noqa: BLE001
            p.kill()
            out = p.communicate()[0].decode("utf-8", "replace")
            report("boot/keyboard-types-into-the-tty", False, "%s\n%s" % (e, out))


def process_tests():
    """Processes as a user meets them: programs from the shell, signals, qemu-exec."""
    expect_boot("run-segv-is-signal-11-status-139", "run /bin/segv", qemu.EXIT_FAILURE,
                [r"run: /bin/segv killed by signal 11 \(SIGSEGV\)",
                 r'exited with status 139'])
    expect_boot("kernel-carries-on-after-a-segv", "run /bin/segv; run /bin/hello",
                qemu.EXIT_SUCCESS, [r"killed by signal 11", r"^Hello from a static glibc program"])
    expect_boot("run-hello-exit-0", "run /bin/hello", qemu.EXIT_SUCCESS,
                [r"^Hello from a static glibc program on pid \d+", r"/bin/hello exited with status 0"])

    tool = os.path.join(qemu.ROOT, "tools", "qemu-exec")
    for prog, args, status, want in (("hello", [], 0, "Hello from a static glibc program"),
                                     ("segv", [], 139, "reading 0xc0000000")):
        p = subprocess.run([tool, "--timeout", "120", os.path.join(qemu.BUILD, "user", prog)] + args,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=180)
        out = p.stdout.decode("utf-8", "replace")
        report("boot/qemu-exec-%s-status-%d" % (prog, status),
               p.returncode == status and want in out and "kshell" not in out,
               "exit %d\n%s" % (p.returncode, out))

    # a FIFO between two background programs, seen with "pipes"; ^C on a foreground one
    s = qemu.Session("")
    try:
        ok = s.expect("kshell# ", 30)
        for line in ("mkfifo /tmp/f", "run /bin/fifo_demo read /tmp/f &",
                     "run /bin/fifo_demo write /tmp/f 6 &"):
            s.send(line + "\r")
            ok = ok and s.expect("kshell# ", 20)
        s.send("pipes\r")
        fifo_seen = s.expect("fifo        1       1", 20)
        ok = ok and s.expect("reader", 20) and s.expect("end of file", 60)
        s.send("\r")
        done = s.expect("done, status 0", 20)
        s.send("mkfifo /tmp/g\r")
        s.expect("kshell# ", 20)
        s.send("run /bin/fifo_demo read /tmp/g\r")
        time.sleep(2)
        s.send("\x03")
        intr = s.expect("killed by signal 2 (SIGINT)", 20) and s.expect("kshell# ", 20)
        s.send("halt\r")
        rc = s.wait(30)
        report("boot/fifo-between-two-programs-shown-by-pipes", ok and fifo_seen and done, s.out)
        report("boot/ctrl-c-interrupts-the-foreground-program", intr and rc == 0, s.out)
    finally:
        s.close()


def ipc_tests():
    """The bounded-buffer demo from the shell, watched with the shell's ipcs and /bin/ipcs."""
    s = qemu.Session("")
    try:
        ok = s.expect("kshell# ", 30)
        s.send("run /bin/bbuf_demo 15 &\r")
        ok = ok and s.expect("kshell# ", 20) and s.expect("items from each", 20)
        time.sleep(0.5)
        s.send("ipcs\r")
        shell_view = (s.expect("------ Shared Memory Segments", 20) and
                      s.expect(" 600        2028       5", 20) and
                      s.expect("------ Semaphore Arrays", 20) and
                      s.expect(" 600        3          ", 20) and s.expect("kshell# ", 20))
        s.send("run /bin/ipcs\r")
        tool_view = (s.expect("root       600        2028       5", 30) and
                     s.expect("root       600        3", 20) and
                     s.expect("/bin/ipcs exited with status 0", 20))
        done = s.expect("each exactly once", 60)
        s.send("halt\r")
        rc = s.wait(30)
        report("boot/bbuf-demo-seen-by-shell-ipcs-with-sleepers", ok and shell_view, s.out)
        report("boot/bbuf-demo-seen-by-user-ipcs", tool_view, s.out)
        report("boot/bbuf-demo-moves-every-item-once", done and rc == 0, s.out)
    finally:
        s.close()


def iso_test():
    s = qemu.Session(iso=True)
    try:
        ok = s.expect("booted by GRUB", 120) and s.expect("initramfs: unpacked", 60) and \
            s.expect("kshell# ", 60)
        s.send("halt\r")
        rc = s.wait(30)
        report("boot/iso-through-grub-to-prompt", ok and rc == 0, "exit %s\n%s" % (rc, s.out))
    finally:
        s.close()


def gdb_test():
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gdb-smoke.sh")
    p = subprocess.run(["sh", script], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=180)
    report("boot/gdb-breakpoint-and-backtrace", p.returncode == 0, p.stdout.decode("utf-8", "replace"))


def main():
    args = sys.argv[1:]
    host_tests()
    if "--host-only" not in args:
        kernel_tests()
        boot_tests()
        process_tests()
        ipc_tests()
        fs_boot_tests()
        keyboard_test()
        corrupt_initramfs_test()
        if "--no-iso" not in args:
            iso_test()
        if "--no-gdb" not in args:
            gdb_test()
    passed = sum(1 for r in results if r)
    failed = len(results) - passed
    if skipped:
        print("%d passed, %d failed, %d skipped" % (passed, failed, len(skipped)))
    else:
        print("%d passed, %d failed" % (passed, failed))
    return 1 if failed or not results else 0


if __name__ == "__main__":
    sys.exit(main())
