#!/usr/bin/env python3
"""
tests/host/gdb_pipe_session.py - the README's gdb session: a temporary
break in pipe_writev (a plain one was once reported a second time in the
same write: CI ended at "Breakpoint 1" where pipe_wake_readers was due) while busybox sh runs "(sleep 1; echo hi) | cat", lx-pipes and
lx-waitq show cat asleep on the pipe, continue to pipe_wake_readers, and
after it returns the wait queue is empty and cat runnable. Prints the
session; exit 1 unless those hold.
"""
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
os.chdir(os.path.dirname(os.path.dirname(HERE)))
sys.path.insert(0, HERE)
import qemu  # noqa: E402

port = 20000 + (os.getpid() + 11) % 20000
s = qemu.Session.__new__(qemu.Session)
s.p = subprocess.Popen(qemu.qemu_cmd("", extra=["-gdb", "tcp:127.0.0.1:%d" % port]),
                       stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
s.out, s.pos = "", 0
try:
    ok = s.expect("kshell# ", 30)
    s.send("sh\r")
    ok = ok and s.expect("# ", 30)
    time.sleep(1)
    cmds = ["source tools/gdb/lx.py", "tbreak pipe_writev", "continue", "bt", "lx-pipes",
            "lx-waitq $lx_pipe_wait", "break pipe_wake_readers", "continue", "bt 2",
            "lx-waitq $lx_pipe_wait", "finish", "lx-waitq $lx_pipe_wait", "lx-ps", "delete", "detach"]
    args = ["gdb", "-nx", "-batch", "-ex", "set confirm off", "-ex", "file build/kernel.elf",
            "-ex", "target remote 127.0.0.1:%d" % port]
    for c in cmds:
        args += ["-ex", "echo (gdb) %s\\n" % c, "-ex", c]
    g = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    time.sleep(3)
    s.send("(sleep 1; echo hi) | cat\r")
    out = g.communicate(timeout=120)[0].decode("utf-8", "replace")
    print(out)
    ok = ok and s.expect("\nhi", 20)
finally:
    s.p.kill()
    s.p.wait()
want = [r"Temporary breakpoint 1, pipe_writev \(filp=0x",
        r"\(gdb\) lx-pipes\npipe:\[\d+\] @0x[0-9a-f]+: curbuf 0 nrbufs 0/16 readers 1 writers 1",
        r"\(gdb\) lx-waitq \$lx_pipe_wait\n  0: pid (\d+) \(cat\) S func autoremove_wake_function\n1 entries",
        r"Breakpoint 2\S*, pipe_wake_readers",
        r"\(gdb\) finish\n[\s\S]*\(gdb\) lx-waitq \$lx_pipe_wait\n0 entries",
        r"\n\s+\d+\s+\d+\s+R cat"]
bad = [w for w in want if not re.search(w, out)]
print("%s gdb the README's pipe session%s" % ("ok  " if ok and not bad else "FAIL",
                                              "" if ok and not bad else " (missing %r)" % bad))
sys.exit(1 if bad or not ok else 0)
