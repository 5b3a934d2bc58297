#!/usr/bin/env python3
"""
tests/host/gdb_helpers.py - tools/gdb's lx-* commands against a kernel
stopped with a known state: deadlock_demo selfpipe (a reader asleep on a
pipe whose only writer is itself) and deadlock_demo philo (three semop
sleepers, each holding one unit with SEM_UNDO, and their parent in wait4),
then sockpass (a socket reader whose other end rides unread in a message to
a socket it holds), robust (two robust mutexes taken in opposite orders)
pause (a child in pause, its parent in wait4) and mqself (a receiver on an
unlinked POSIX queue only it has open) for lx-waits, and nap (a child in
nanosleep, outside the graph, which lx-ps names by its system call).
Prints what gdb said; exit 1 unless every check holds.
"""
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import qemu  # noqa: E402


def main():
    os.chdir(ROOT)
    port = 20000 + (os.getpid() + 7) % 20000
    s = qemu.Session.__new__(qemu.Session)
    s.p = subprocess.Popen(qemu.qemu_cmd("", extra=["-gdb", "tcp:127.0.0.1:%d" % port]),
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    s.out, s.pos = "", 0
    try:
        ok = s.expect("kshell# ", 30)
        s.send("run /bin/deadlock_demo selfpipe &\r")
        ok = ok and s.expect("selfpipe: ready", 30)
        s.send("run /bin/deadlock_demo philo &\r")
        ok = ok and s.expect("philo: ready", 30)
        for mode in ("sockpass", "robust", "pause", "mqself", "nap"):
            s.send("run /bin/deadlock_demo %s &\r" % mode)
            ok = ok and s.expect("%s: ready" % mode, 30)
        time.sleep(1.5)
        cmds = ["set python print-stack full", "source tools/gdb/lx.py", "lx-ps", "lx-current", "lx-pipes", "lx-waitq $lx_pipe_wait",
                "lx-ipcs", "lx-files 3", "lx-vma 3", "lx-pagecount", "lx-waits", "lx-dmesg",
                # last: make the pipe's wait entry point at itself; the walk must stop and say so
                "set var $e = ((wait_queue_head_t *)$lx_pipe_wait)->task_list.next",
                "set var $e->next = $e", "lx-waitq $lx_pipe_wait",
                # a wait queue at an unmapped address, and the graph over the looping list
                "lx-waitq 0x10", "lx-waits"]
        args = ["gdb", "-nx", "-batch", "-ex", "set confirm off", "-ex", "file build/kernel.elf",
                "-ex", "target remote 127.0.0.1:%d" % port]
        for c in cmds:
            args += ["-ex", "echo ==== %s\\n" % c, "-ex", c]
        args += ["-ex", "detach"]
        p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=180)
        out = p.stdout.decode("utf-8", "replace")
        print(out)
    finally:
        s.p.kill()
        s.p.wait()
    # pid 3: selfpipe; pid 4: philo's parent; 5, 6, 7: the philosophers
    want = [
        ("lx-ps names the pipe reader", r"\n\s+3\s+3\s+S deadlock_demo\s+read on pipe:\[\d+\]"),
        ("lx-ps names a semop sleeper", r"\n\s+5\s+5\s+S deadlock_demo\s+semop -1 on sem 1 of set 0"),
        ("lx-ps names wait4", r"\n\s+4\s+4\s+S deadlock_demo\s+wait4 for a child"),
        ("lx-current", r"current: pid \d+ \(\S+\) task_struct 0x"),
        ("lx-pipes counters", r"pipe:\[\d+\] @0x[0-9a-f]+: curbuf \d+ nrbufs 0/16 readers 1 writers 1 "
                              r"waiting_writers 0 r_counter \d+ w_counter \d+\n  wait queue @0x[0-9a-f]+ "
                              r"sleepers: 3\n"),
        ("lx-waitq entry", r"  0: pid 3 \(deadlock_demo\) S func autoremove_wake_function\n1 entries"),
        ("lx-ipcs set", r"semid 0 key 0x0 mode 600 nsems 3 values \[0 0 0\]"),
        ("lx-ipcs pending sops", r"  pending: pid 5 sops \{1,-1,0x1000\}"),
        ("lx-ipcs undo", r"  undo: pids 5 semadj \[1 0 0\]"),
        ("lx-files", r"fd table of pid 3 \(deadlock_demo\)[\s\S]*\n   3 pipe  r-\s+0 pipe:\[\d+\]\n"
                     r"   4 pipe  -w\s+0 pipe:\[\d+\]"),
        ("lx-vma", r"==== lx-vma 3\n08048000-[0-9a-f]+ r--p pgoff 0 ops \w+"),
        ("lx-pagecount", r"order  0: \d+ free blocks[\s\S]*free pages: \d+"),
        ("lx-waits stuck", r"  \s*3 deadlock_demo\s+read on pipe:\[\d+\] <- writer 3 \(fd 4\)  STUCK"),
        ("lx-waits self report", r"pid 3 \(deadlock_demo\) sleeps in read on pipe:\[\d+\]; the only writer "
                                 r"is pid 3 itself \(fd 4\)"),
        ("lx-waits philosophers stuck", r"  \s*6 deadlock_demo\s+semop -1 on sem 2 of set 0 <- holder 7  STUCK"),
        # pid 8: sockpass; 9 and 10: robust; 11 and 12: pause; 13: mqself; 14 and 15: nap
        ("lx-waits socket through a carrier", r"\n\s+8 deadlock_demo\s+recvmsg on socket:\[\d+\] <- peer 8 "
                                              r"\(fd 6\)  STUCK\n"),
        ("lx-waits robust futex owners", r"\n\s+9 deadlock_demo\s+futex_wait on 0x[0-9a-f]+ <- sharer 9, "
                                         r"sharer 10 \(owner\)  STUCK\n\s+10 deadlock_demo\s+futex_wait on "
                                         r"0x[0-9a-f]+ <- sharer 9 \(owner\), sharer 10  STUCK\n"),
        ("lx-waits pause", r"\n\s+12 deadlock_demo\s+pause <- anyone \(any root process may signal it\); "
                           r"its parent pid 11 \(a hint only\)\n"),
        ("lx-ps names a sleeper outside the graph", r"\n\s+15\s+15\s+S deadlock_demo\s+\(in (clock_)?nanosleep\)\n"),
        ("lx-waits unlinked mqueue", r"\n\s+13 deadlock_demo\s+mq_timedreceive on mqueue inode \d+ <- sender 13 "
                                     r"\(fd 3\)  STUCK\n"),
        ("lx-waits sigsuspend of init", r"\n\s+1 init\s+sigsuspend <- anyone"),
        ("lx-dmesg", r"==== lx-dmesg\n[\s\S]*Run /sbin/init"),
        ("bounded walk on a corrupted list", r"==== lx-waitq \$lx_pipe_wait\n  0: pid 3[^\n]*\n"
                                             r"  \[wait queue: walk stopped at 0x[0-9a-f]+ after 1 entries: a loop\]\n1 entries"),
        ("lx-waits philosophers' cycle", r"pids 5, 6 and 7 are deadlocked: 5 sleeps in semop -1 on sem 1 of set 0, "
                                         r"woken only by 6; 6 sleeps in semop -1 on sem 2 of set 0, woken only by 7; "
                                         r"7 sleeps in semop -1 on sem 0 of set 0, woken only by 5\n"
                                         r"[\s\S]*pid 4 \(deadlock_demo\) sleeps in wait4 for a child; every child that "
                                         r"could wake it \(pid 5,6,7\) is stuck itself"),
        ("bounded walk on unmapped memory", r"==== lx-waitq 0x10\n  \[wait queue: walk stopped after 0 entries: "
                                            r"Cannot access memory at address 0x[0-9a-f]+\]\n0 entries"),
        ("lx-waits over a corrupted list", r"==== lx-waits\n[^=]*\[pipe:\[\d+\] wait: walk stopped at 0x[0-9a-f]+ "
                                           r"after 1 entries: a loop\][^=]*12 deadlock_demo\s+pause"),
        ("no python errors", None),
    ]
    bad = 0
    for name, pat in want:
        good = ok and (("Python Exception" not in out and "Error occurred" not in out)
                       if pat is None else re.search(pat, out) is not None)
        print("%s %s" % ("ok  " if good else "FAIL", "gdb " + name))
        bad += not good
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
