#!/usr/bin/env python3
"""
tools/debug.py - `make debug` (through tools/debug.sh): QEMU paused with its
gdb stub, the serial console on a unix socket that tools/console.py joins
from a second terminal (and in build/debug-serial.log), and gdb with
tools/gdbinit in the foreground.

gdb gets this terminal's process group to itself, so Ctrl-C reaches gdb
alone: gdb stops the guest, QEMU (in a session of its own) and make carry
on. Quitting gdb ends QEMU, and the exit status is gdb's.

  GDB_PORT=1234 (default)  KERNEL_ARGS="..." (the kernel command line)
  DEBUG_KERNEL=build/og/kernel.elf (make debug IPC_OPT=-Og: IPC paths at -Og)
"""
import os
import signal
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "build")


def foreground(pgrp):
    """Make pgrp the terminal's foreground group (if there is a terminal)."""
    try:
        fd = os.open("/dev/tty", os.O_RDWR)
    except OSError:
        return
    old = signal.signal(signal.SIGTTOU, signal.SIG_IGN)
    try:
        os.tcsetpgrp(fd, pgrp)
    except OSError:
        pass
    signal.signal(signal.SIGTTOU, old)
    os.close(fd)


def main():
    kernel = os.path.join(ROOT, os.environ.get("DEBUG_KERNEL", os.path.join("build", "kernel.elf")))
    port = int(os.environ.get("GDB_PORT", "1234"))
    sock = os.path.join(BUILD, "debug-console.sock")
    log = os.path.join(BUILD, "debug-serial.log")
    for f in (sock, log):
        if os.path.exists(f):
            os.unlink(f)
    cmd = ["qemu-system-i386", "-m", "256", "-no-reboot", "-display", "none",
           "-chardev", "socket,id=con,path=%s,server=on,wait=off,logfile=%s" % (sock, log),
           "-serial", "chardev:con", "-monitor", "none",
           "-device", "isa-debug-exit,iobase=0xf4,iosize=4",
           "-kernel", kernel,
           "-initrd", os.path.join(BUILD, "initramfs.cpio"),
           "-S", "-gdb", "tcp:127.0.0.1:%d" % port]
    if os.environ.get("KERNEL_ARGS"):
        cmd += ["-append", os.environ["KERNEL_ARGS"]]
    qemu = subprocess.Popen(cmd, cwd=ROOT, stdin=subprocess.DEVNULL, start_new_session=True)
    for _ in range(50):
        if os.path.exists(sock) or qemu.poll() is not None:
            break
        time.sleep(0.1)
    if qemu.poll() is not None:
        sys.stderr.write("debug: QEMU did not start (exit %s)\n" % qemu.returncode)
        return 1
    print("QEMU paused (pid %d), gdb stub on 127.0.0.1:%d.\n"
          "The console (the kshell): in a second terminal run   python3 tools/console.py\n"
          "(Ctrl-] leaves it); everything it prints also goes to build/debug-serial.log."
          % (qemu.pid, port), flush=True)
    gdb_cmd = ["gdb", "-q", "-nx", "-ex", "file " + kernel, "-x", os.path.join("tools", "gdbinit"),
               "-ex", "target remote 127.0.0.1:%d" % port,
               "-ex", "echo \\nKernel paused at the reset vector. 'continue' boots it; Ctrl-C "
               "stops it again; 'quit' ends gdb and QEMU.\\n"]
    old_int = signal.signal(signal.SIGINT, signal.SIG_IGN)
    pid = os.fork()
    if pid == 0:
        try:
            os.setpgid(0, 0)
            signal.signal(signal.SIGINT, old_int)
            os.chdir(ROOT)
            os.execvp(gdb_cmd[0], gdb_cmd)
        finally:
            os._exit(127)
    try:
        os.setpgid(pid, pid)
    except OSError:
        pass
    foreground(pid)
    _, status = os.waitpid(pid, 0)
    foreground(os.getpgrp())
    qemu.terminate()
    try:
        qemu.wait(5)
    except subprocess.TimeoutExpired:
        qemu.kill()
        qemu.wait()
    if os.path.exists(sock):
        os.unlink(sock)
    return os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode") else 0


if __name__ == "__main__":
    sys.exit(main())
