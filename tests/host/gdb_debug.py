#!/usr/bin/env python3
"""
tests/host/gdb_debug.py - `make debug` as a person uses it, on a pseudo
terminal: set a breakpoint, continue, Ctrl-C (a real ^C typed on the
terminal) stops the guest and QEMU lives on; the console socket reaches the
kshell, whose `mem` command hits the breakpoint; bt; quit ends gdb and QEMU,
and make exits 0 (no "make: *** ... Error"). Prints what it saw; exit 1 on a
failure.
"""
import os
import pty
import re
import select
import socket
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
out = b""


def read_until(fd, pattern, timeout):
    global out
    deadline = time.time() + timeout
    start = len(out)
    while time.time() < deadline:
        if re.search(pattern, out[start:]):
            return True
        r, _, _ = select.select([fd], [], [], 0.2)
        if r:
            try:
                data = os.read(fd, 4096)
            except OSError:
                return False
            if not data:
                return False
            out += data
    return bool(re.search(pattern, out[start:]))


def main():
    port = 20000 + os.getpid() % 20000
    env = dict(os.environ, GDB_PORT=str(port), TERM="dumb")
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(ROOT)
        os.execvpe("make", ["make", "--no-print-directory", "-s", "debug"], env)
    checks = []

    def check(name, ok):
        checks.append((name, ok))
        print("%s %s" % ("ok  " if ok else "FAIL", name), flush=True)
        return ok

    qpid = None
    try:
        ok = check("banner names the console and gdb prompts",
                   read_until(fd, rb"\(gdb\) ", 60) and b"tools/console.py" in out)
        m = re.search(rb"QEMU paused \(pid (\d+)\)", out)
        qpid = int(m.group(1)) if m else None
        os.write(fd, b"break show_mem\ncontinue\n")
        read_until(fd, rb"Continuing", 20)
        time.sleep(3)                       # the kernel boots to its prompt
        os.write(fd, b"\x03")               # Ctrl-C, through the terminal
        ok = check("Ctrl-C stops the guest", read_until(fd, rb"SIGINT[\s\S]*\(gdb\) ", 30))
        alive = qpid is not None
        try:
            os.kill(qpid, 0)
        except (OSError, TypeError):
            alive = False
        check("QEMU survives Ctrl-C", alive)
        os.write(fd, b"continue\n")
        read_until(fd, rb"Continuing", 20)
        con = socket.socket(socket.AF_UNIX)
        con.connect(os.path.join(ROOT, "build", "debug-console.sock"))
        con.settimeout(0.5)
        for ch in b"mem\r":                 # typed into the kshell
            con.send(bytes([ch]))
            time.sleep(0.05)
        check("a command typed on the console hits the breakpoint",
              read_until(fd, rb"Breakpoint \d+, [\s\S]*show_mem[\s\S]*\(gdb\) ", 30))
        os.write(fd, b"bt\n")
        check("bt names the shell command", read_until(fd, rb"cmd_mem[\s\S]*\(gdb\) ", 20))
        # without the breakpoint: a step over it that lands in a timer
        # interrupt comes back to show_mem and reports it a second time
        os.write(fd, b"delete\ncontinue\n")
        seen = b""
        deadline = time.time() + 20
        while b"pages:" not in seen and time.time() < deadline:
            try:
                seen += con.recv(4096)
            except socket.timeout:
                pass
        check("the console shows the command's output", b"pages:" in seen)
        con.close()
        os.write(fd, b"\x03")
        read_until(fd, rb"\(gdb\) ", 20)
        os.write(fd, b"quit\n")
        read_until(fd, rb"$^", 15)          # to the end of output
        _, status = os.waitpid(pid, 0)
        pid = None
        print("make: wait status %#x" % status)
        check("quitting gdb ends make with status 0", os.WIFEXITED(status) and
              os.WEXITSTATUS(status) == 0 and b"make: ***" not in out)
        gone = True
        for _ in range(50):
            try:
                os.kill(qpid, 0)
                time.sleep(0.1)
            except (OSError, TypeError):
                break
        else:
            gone = False
        check("quitting gdb ends QEMU", gone)
    finally:
        if pid:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        if qpid:
            try:
                os.kill(qpid, 9)
            except OSError:
                pass
    print("---- terminal ----")
    print(out.decode("utf-8", "replace").replace("\r", ""))
    return 0 if all(ok for _, ok in checks) and checks else 1


if __name__ == "__main__":
    sys.exit(main())
