"""
tests/host/qemu.py - boot this kernel in QEMU from the test scripts: a boot
that runs one kshell command and returns QEMU's exit status with everything
the serial line printed, and a conversation helper that waits for text on the
serial line and types answers, as a user at the terminal would.
"""
import os
import select
import subprocess
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.join(ROOT, "build")
KERNEL = os.path.join(BUILD, "kernel.elf")
DEBUG_KERNEL = os.path.join(BUILD, "debug", "kernel.elf")	# make DEBUG=1
INITRD = os.path.join(BUILD, "initramfs.cpio")
ISO = os.path.join(BUILD, "kernel.iso")

# isa-debug-exit: the kernel writes v to port 0xf4, QEMU exits with (v << 1) | 1
EXIT_SUCCESS = 33
EXIT_FAILURE = 35
EXIT_PANIC = 37


def qemu_cmd(append=None, memory=256, iso=False, extra=(), kernel=None, smp=1):
    cmd = ["qemu-system-i386", "-m", str(memory), "-no-reboot", "-display", "none",
           "-serial", "stdio", "-monitor", "none",
           "-device", "isa-debug-exit,iobase=0xf4,iosize=4"]
    if smp > 1:  # one host thread per CPU, so races between CPUs are real
        cmd += ["-smp", str(smp), "-accel", "tcg,thread=multi"]
    if iso:
        cmd += ["-cdrom", ISO, "-boot", "d"]
    else:
        cmd += ["-kernel", kernel or KERNEL]
        if os.path.exists(INITRD):
            cmd += ["-initrd", INITRD]
        if append is not None:
            cmd += ["-append", append]
    return cmd + list(extra)


def boot(command, timeout=120, memory=256, extra_args="", qemu_extra=(), kernel=None, smp=1):
    """Boot with kshell.run=COMMAND; return (exit status, serial output)."""
    append = ('kshell.run="%s" %s' % (command, extra_args)).strip()
    try:
        p = subprocess.run(qemu_cmd(append, memory, extra=qemu_extra, kernel=kernel, smp=smp),
                           stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout)
        return p.returncode, p.stdout.decode("utf-8", "replace").replace("\r", "")
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode("utf-8", "replace").replace("\r", "")
        return None, out + "\n[timed out after %ds]\n" % timeout


class Session:
    """An interactive boot: expect() text on the serial line, send() keystrokes."""

    def __init__(self, append="", iso=False, memory=256, smp=1, qemu_extra=()):
        self.p = subprocess.Popen(qemu_cmd(append, memory, iso, extra=qemu_extra, smp=smp),
                                  stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.out = ""
        self.pos = 0

    def _read(self, deadline):
        while time.time() < deadline:
            r, _, _ = select.select([self.p.stdout], [], [], 0.1)
            if r:
                chunk = os.read(self.p.stdout.fileno(), 4096)
                if not chunk:
                    return False
                self.out += chunk.decode("utf-8", "replace").replace("\r", "")
                return True
        return False

    def expect(self, text, timeout=60):
        """Wait for text after what earlier expects consumed; True if it came."""
        deadline = time.time() + timeout
        while True:
            i = self.out.find(text, self.pos)
            if i >= 0:
                self.pos = i + len(text)
                return True
            if not self._read(deadline):
                if time.time() >= deadline or self.p.poll() is not None:
                    return False

    def send(self, text):
        for ch in text:	# one at a time, as typed: the UART has a small FIFO
            self.p.stdin.write(ch.encode())
            self.p.stdin.flush()
            time.sleep(0.005)

    def wait(self, timeout=30):
        deadline = time.time() + timeout
        while self.p.poll() is None and time.time() < deadline:
            self._read(deadline)
        while self._read(time.time() + 0.2):
            pass
        if self.p.poll() is None:
            self.p.kill()
            self.p.wait()
            return None
        return self.p.returncode

    def close(self):
        if self.p.poll() is None:
            self.p.kill()
            self.p.wait()
