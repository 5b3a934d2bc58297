#!/usr/bin/env python3
"""
tools/console.py - join the serial console of a `make debug` QEMU (the unix
socket build/debug-console.sock) from a second terminal: what you type goes
to the kshell, what the kernel prints comes here. Ctrl-] leaves.

  python3 tools/console.py [SOCKET]
"""
import os
import select
import socket
import sys
import termios
import time
import tty

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "debug-console.sock")
    s = socket.socket(socket.AF_UNIX)
    for i in range(100):
        try:
            s.connect(path)
            break
        except OSError as e:
            if i == 0:
                sys.stderr.write("console: waiting for %s (%s)\n" % (path, e.strerror))
            time.sleep(0.2)
    else:
        sys.stderr.write("console: no QEMU console at %s: start `make debug` first\n" % path)
        return 1
    sys.stderr.write("console: connected to %s; Ctrl-] leaves\r\n" % path)
    saved = termios.tcgetattr(0) if os.isatty(0) else None
    if saved:
        tty.setraw(0)
    try:
        while True:
            r, _, _ = select.select([0, s], [], [])
            if s in r:
                data = s.recv(4096)
                if not data:
                    break
                os.write(1, data)
            if 0 in r:
                data = os.read(0, 1024)
                if not data or b"\x1d" in data:
                    break
                s.sendall(data)
    finally:
        if saved:
            termios.tcsetattr(0, termios.TCSADRAIN, saved)
    sys.stderr.write("\nconsole: left\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
