#!/usr/bin/env python3
"""
tests/fuzz/mktable.py - write the fuzzer's call table (build/tests/fuzz/table.h):
every number kernel/syscall.c implements, read the way tools/syscall_table.py
reads it, with a weight and the kind of each argument, as trinity's
syscall entries do. A call with no entry in SIGS below is still fuzzed, with
untyped arguments; EXCLUDE says which calls are never made and why.

Usage: tests/fuzz/mktable.py OUTPUT
"""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import syscall_table  # noqa: E402

# never called: they would end or damage the harness itself, not the child
EXCLUDE = {
    "reboot": "halts or restarts the machine the run is reported from",
    "restart_syscall": "only meaningful right after a signal interrupted a restartable call",
    "sigreturn": "restores a random frame: the child jumps to a random address, every time",
    "rt_sigreturn": "same as sigreturn",
}

# weight, argument kinds (fuzz.c's enum arg_kind, without the A_ prefix)
S = {}


def sig(names, weight, *kinds):
    for n in names.split():
        S[n] = (weight, kinds)


sig("read", 12, "FD", "BUF", "LEN")
sig("write", 12, "FD", "BUF", "LEN")
sig("pread64", 6, "FD", "BUF", "LEN", "OFF", "ZERO")
sig("pwrite64", 6, "FD", "BUF", "LEN", "OFF", "ZERO")
sig("readv writev", 6, "FD", "IOV", "IOVCNT")
sig("open", 8, "PATH", "OFLAGS", "MODE")
sig("creat", 3, "PATH", "MODE")
sig("openat", 8, "DIRFD", "PATH", "OFLAGS", "MODE")
sig("close", 6, "FD")
sig("close_range", 1, "FD", "FD", "FLAGS")
sig("dup", 4, "FD")
sig("dup2", 3, "FD", "FD")
sig("dup3", 3, "FD", "FD", "FLAGS")
sig("pipe pipe2", 3, "BUF", "FLAGS")
sig("lseek", 4, "FD", "OFF", "WHENCE")
sig("_llseek", 4, "FD", "OFF", "OFF", "BUF", "WHENCE")
sig("link rename symlink", 3, "PATH", "PATH")
sig("linkat renameat", 3, "DIRFD", "PATH", "DIRFD", "PATH", "FLAGS")
sig("renameat2", 2, "DIRFD", "PATH", "DIRFD", "PATH", "FLAGS")
sig("symlinkat", 2, "PATH", "DIRFD", "PATH")
sig("unlink rmdir chdir chroot", 3, "PATH")
sig("unlinkat", 3, "DIRFD", "PATH", "FLAGS")
sig("mkdir", 3, "PATH", "MODE")
sig("mkdirat", 3, "DIRFD", "PATH", "MODE")
sig("mknod", 3, "PATH", "MODE", "ANY")
sig("mknodat", 3, "DIRFD", "PATH", "MODE", "ANY")
sig("chmod", 3, "PATH", "MODE")
sig("fchmod", 3, "FD", "MODE")
sig("fchmodat", 3, "DIRFD", "PATH", "MODE", "FLAGS")
sig("chown lchown chown32 lchown32", 2, "PATH", "UID", "UID")
sig("fchown fchown32", 2, "FD", "UID", "UID")
sig("fchownat", 2, "DIRFD", "PATH", "UID", "UID", "FLAGS")
sig("access", 4, "PATH", "MODE")
sig("faccessat faccessat2", 4, "DIRFD", "PATH", "MODE", "FLAGS")
sig("readlink", 3, "PATH", "BUF", "LEN")
sig("readlinkat", 3, "DIRFD", "PATH", "BUF", "LEN")
sig("stat lstat oldstat oldlstat stat64 lstat64 statfs statfs64", 4, "PATH", "BUF", "LEN")
sig("fstat oldfstat fstat64 fstatfs fstatfs64", 4, "FD", "BUF", "LEN")
sig("fstatat64", 4, "DIRFD", "PATH", "BUF", "FLAGS")
sig("statx", 4, "DIRFD", "PATH", "FLAGS", "FLAGS", "BUF")
sig("truncate truncate64", 3, "PATH", "OFF", "ZERO")
sig("ftruncate ftruncate64", 3, "FD", "OFF", "ZERO")
sig("utime utimes", 2, "PATH", "BUF")
sig("futimesat", 2, "DIRFD", "PATH", "BUF")
sig("utimensat utimensat_time64", 2, "DIRFD", "PATH", "BUF", "FLAGS")
sig("getdents64", 4, "FD", "BUF", "LEN")
sig("getcwd", 3, "BUF", "LEN")
sig("fchdir", 2, "FD")
sig("fsync fdatasync syncfs", 2, "FD")
sig("sync", 1)
sig("sync_file_range", 1, "FD", "OFF", "ZERO", "OFF", "ZERO", "FLAGS")
sig("fadvise64", 1, "FD", "OFF", "ZERO", "LEN", "ANY")
sig("fadvise64_64", 1, "FD", "OFF", "ZERO", "OFF", "ZERO", "ANY")
sig("readahead", 1, "FD", "OFF", "ZERO", "LEN")
sig("flock", 3, "FD", "CMD")
sig("fcntl fcntl64", 8, "FD", "FCNTL", "ARG")
sig("ioctl", 8, "FD", "IOCTL", "BUF")
sig("umask", 1, "MODE")
sig("mount", 1, "PATH", "PATH", "PATH", "FLAGS", "BUF")
sig("umount", 1, "PATH")
sig("umount2", 1, "PATH", "FLAGS")
sig("sendfile sendfile64", 3, "FD", "FD", "BUF", "LEN")
sig("splice", 3, "FD", "BUF", "FD", "BUF", "LEN", "FLAGS")
sig("tee", 2, "FD", "FD", "LEN", "FLAGS")
sig("vmsplice", 2, "FD", "IOV", "IOVCNT", "FLAGS")
sig("_newselect", 3, "NFDS", "BUF", "BUF", "BUF", "TIME")
sig("pselect6 pselect6_time64", 3, "NFDS", "BUF", "BUF", "BUF", "TIME", "BUF")
sig("poll", 3, "BUF", "IOVCNT", "MSEC")
sig("ppoll ppoll_time64", 3, "BUF", "IOVCNT", "TIME", "BUF", "LEN")
sig("epoll_create epoll_create1", 2, "FLAGS")
sig("epoll_ctl", 4, "FD", "CMD", "FD", "BUF")
sig("epoll_wait", 3, "FD", "BUF", "IOVCNT", "MSEC")
sig("epoll_pwait", 2, "FD", "BUF", "IOVCNT", "MSEC", "BUF", "LEN")
sig("eventfd", 2, "ANY")
sig("eventfd2", 2, "ANY", "FLAGS")
sig("signalfd", 2, "FD", "BUF", "LEN")
sig("signalfd4", 2, "FD", "BUF", "LEN", "FLAGS")
sig("timerfd_create", 2, "CLOCK", "FLAGS")
sig("timerfd_settime timerfd_settime64", 2, "FD", "FLAGS", "TIME", "BUF")
sig("timerfd_gettime timerfd_gettime64", 2, "FD", "BUF")
sig("setxattr lsetxattr", 1, "PATH", "BUF", "BUF", "LEN", "FLAGS")
sig("fsetxattr", 1, "FD", "BUF", "BUF", "LEN", "FLAGS")
sig("getxattr lgetxattr", 1, "PATH", "BUF", "BUF", "LEN")
sig("fgetxattr", 1, "FD", "BUF", "BUF", "LEN")
sig("listxattr llistxattr", 1, "PATH", "BUF", "LEN")
sig("flistxattr", 1, "FD", "BUF", "LEN")
sig("removexattr lremovexattr", 1, "PATH", "BUF")
sig("fremovexattr", 1, "FD", "BUF")
sig("getdents readdir", 2, "FD", "BUF", "LEN")
sig("preadv pwritev", 2, "FD", "IOV", "IOVCNT", "OFF", "ZERO")
sig("preadv2 pwritev2", 2, "FD", "IOV", "IOVCNT", "OFF", "ZERO", "FLAGS")
sig("epoll_pwait2", 2, "FD", "BUF", "IOVCNT", "TIME", "BUF", "LEN")
# memory: addresses mostly in the child's arena, see fuzz.c
sig("mmap", 2, "BUF")
sig("mmap2", 4, "ADDR", "LEN", "PROT", "MFLAGS", "FD", "ANY")
sig("munmap", 3, "ADDR", "LEN")
sig("mprotect", 3, "ADDR", "LEN", "PROT")
sig("mremap", 3, "ADDR", "LEN", "LEN", "FLAGS", "ADDR")
sig("madvise", 2, "ADDR", "LEN", "ANY")
sig("mincore", 2, "ADDR", "LEN", "BUF")
sig("msync", 2, "ADDR", "LEN", "FLAGS")
sig("mlock munlock", 2, "ADDR", "LEN")
sig("mlock2", 2, "ADDR", "LEN", "FLAGS")
sig("mlockall", 1, "FLAGS")
sig("munlockall", 1)
sig("brk", 2, "ADDR")
# processes
sig("fork vfork", 1)
sig("clone", 1, "CLONE", "ZERO", "BUF", "BUF", "BUF")
sig("execve", 1, "PATH", "ARGV", "ARGV")
sig("exit exit_group", 1, "ANY")
sig("waitpid", 3, "PID", "BUF", "FLAGS")
sig("wait4", 3, "PID", "BUF", "FLAGS", "BUF")
sig("waitid", 3, "WHICH", "PID", "BUF", "FLAGS", "BUF")
sig("kill", 3, "PID", "SIG")
sig("tkill", 2, "PID", "SIG")
sig("tgkill", 2, "PID", "PID", "SIG")
sig("rt_sigqueueinfo", 2, "PID", "SIG", "BUF")
sig("rt_tgsigqueueinfo", 2, "PID", "PID", "SIG", "BUF")
sig("getpid getppid getuid getgid geteuid getegid getpgrp gettid getuid32 getgid32 geteuid32 "
    "getegid32 sched_yield pause setsid", 2)
sig("setpgid", 2, "PID", "PID")
sig("getpgid getsid", 2, "PID")
sig("setuid setgid setfsuid setfsgid setuid32 setgid32 setfsuid32 setfsgid32", 1, "UID")
sig("setreuid setregid setreuid32 setregid32", 1, "UID", "UID")
sig("setresuid setresgid setresuid32 setresgid32", 1, "UID", "UID", "UID")
sig("getresuid getresgid getresuid32 getresgid32", 1, "BUF", "BUF", "BUF")
sig("getgroups setgroups getgroups32 setgroups32", 1, "IOVCNT", "BUF")
sig("getrlimit setrlimit ugetrlimit", 2, "RLIMIT", "BUF")
sig("prlimit64", 2, "PID", "RLIMIT", "BUF", "BUF")
sig("getrusage", 2, "WHICH", "BUF")
sig("getpriority", 1, "WHICH", "PID")
sig("setpriority", 1, "WHICH", "PID", "ANY")
sig("nice", 1, "ANY")
sig("personality", 1, "ANY")
sig("prctl", 3, "CMD", "ARG", "ARG", "ARG", "ARG")
sig("capget capset", 1, "BUF", "BUF")
sig("times sysinfo uname olduname oldolduname", 2, "BUF")
sig("syslog", 1, "CMD", "BUF", "LEN")
sig("set_tid_address", 1, "BUF")
sig("set_robust_list", 1, "BUF", "LEN")
sig("get_robust_list", 1, "PID", "BUF", "BUF")
sig("set_thread_area get_thread_area", 1, "BUF")
sig("getcpu", 1, "BUF", "BUF", "BUF")
sig("futex futex_time64", 4, "BUF", "CMD", "ANY", "TIME", "BUF", "ANY")
# scheduling
sig("sched_setparam sched_getparam", 1, "PID", "BUF")
sig("sched_setattr", 1, "PID", "BUF", "FLAGS")
sig("sched_getattr", 1, "PID", "BUF", "LEN", "FLAGS")
sig("sethostname setdomainname", 1, "BUF", "LEN")
sig("sched_setscheduler", 1, "PID", "WHICH", "BUF")
sig("sched_getscheduler", 1, "PID")
sig("sched_get_priority_max sched_get_priority_min", 1, "WHICH")
sig("sched_rr_get_interval sched_rr_get_interval_time64", 1, "PID", "BUF")
sig("sched_setaffinity sched_getaffinity", 1, "PID", "LEN", "BUF")
# signals
sig("sigaction rt_sigaction", 3, "SIG", "BUF", "BUF", "LEN")
sig("signal", 1, "SIG", "ANY")
sig("select", 2, "BUF")
sig("sigprocmask rt_sigprocmask", 3, "WHICH", "BUF", "BUF", "LEN")
sig("sigpending rt_sigpending", 1, "BUF", "LEN")
sig("sigsuspend", 1, "ANY")
sig("rt_sigsuspend", 1, "BUF", "LEN")
sig("rt_sigtimedwait rt_sigtimedwait_time64", 2, "BUF", "BUF", "TIME", "LEN")
sig("sigaltstack", 1, "BUF", "BUF")
sig("alarm", 1, "ANY")
# time
sig("time stime", 1, "BUF")
sig("gettimeofday settimeofday", 2, "BUF", "BUF")
sig("nanosleep", 3, "TIME", "BUF")
sig("clock_gettime clock_settime clock_getres clock_gettime64 clock_settime64 clock_getres_time64",
    2, "CLOCK", "BUF")
sig("clock_nanosleep clock_nanosleep_time64", 2, "CLOCK", "FLAGS", "TIME", "BUF")
sig("setitimer", 2, "WHICH", "TIME", "BUF")
sig("getitimer", 2, "WHICH", "BUF")
sig("timer_create", 2, "CLOCK", "BUF", "BUF")
sig("timer_settime timer_settime64", 2, "TIMERID", "FLAGS", "TIME", "BUF")
sig("timer_gettime timer_gettime64", 2, "TIMERID", "BUF")
sig("timer_getoverrun timer_delete", 2, "TIMERID")
# IPC
sig("ipc", 3, "CMD", "IPCID", "ANY", "ANY", "BUF", "ANY")
sig("semget msgget", 3, "KEY", "ANY", "IPCFLG")
sig("shmget", 3, "KEY", "LEN", "IPCFLG")
sig("semctl", 3, "IPCID", "ANY", "IPCCMD", "BUF")
sig("msgctl shmctl", 3, "IPCID", "IPCCMD", "BUF")
sig("semtimedop_time64", 3, "IPCID", "BUF", "IOVCNT", "TIME")
sig("msgsnd", 3, "IPCID", "BUF", "LEN", "FLAGS")
sig("msgrcv", 3, "IPCID", "BUF", "LEN", "ANY", "FLAGS")
sig("shmat", 3, "IPCID", "ADDR", "FLAGS")
sig("shmdt", 2, "ADDR")
sig("mq_open", 3, "MQNAME", "OFLAGS", "MODE", "BUF")
sig("mq_unlink", 2, "MQNAME")
sig("mq_timedsend mq_timedsend_time64", 3, "FD", "BUF", "LEN", "ANY", "TIME")
sig("mq_timedreceive mq_timedreceive_time64", 3, "FD", "BUF", "LEN", "BUF", "TIME")
sig("mq_notify", 2, "FD", "BUF")
sig("mq_getsetattr", 2, "FD", "BUF", "BUF")
# sockets: AF_UNIX only (fuzz.c), so nothing leaves the machine
sig("socket", 3, "DOMAIN", "STYPE", "ANY")
sig("socketpair", 3, "DOMAIN", "STYPE", "ANY", "BUF")
sig("bind connect", 3, "FD", "SOCKADDR", "SOCKLEN")
sig("listen", 2, "FD", "ANY")
sig("accept4", 2, "FD", "BUF", "BUF", "FLAGS")
sig("getsockopt", 2, "FD", "ANY", "ANY", "BUF", "BUF")
sig("setsockopt", 2, "FD", "ANY", "ANY", "BUF", "SOCKLEN")
sig("getsockname getpeername", 2, "FD", "BUF", "BUF")
sig("sendto", 3, "FD", "BUF", "LEN", "FLAGS", "SOCKADDR", "SOCKLEN")
sig("recvfrom", 3, "FD", "BUF", "LEN", "FLAGS", "BUF", "BUF")
sig("sendmsg recvmsg", 3, "FD", "MSGHDR", "FLAGS")
sig("sendmmsg recvmmsg", 2, "FD", "BUF", "IOVCNT", "FLAGS", "TIME")
sig("shutdown", 2, "FD", "WHICH")
sig("socketcall", 3, "SOCKCALL", "BUF")
sig("getrandom", 2, "BUF", "LEN", "FLAGS")


def main():
    out = sys.argv[1]
    _, nums = syscall_table.numbers()
    slots, _ = syscall_table.implemented()
    rows, untyped = [], []
    for n in sorted(nums):
        name = nums[n]
        if name not in slots:
            continue
        if name in EXCLUDE:
            rows.append("\t/* %d %s: not called, %s */" % (n, name, EXCLUDE[name]))
            continue
        weight, kinds = S.get(name, (1, ("ANY",) * 6))
        if name not in S:
            untyped.append(name)
        args = ", ".join("A_" + k for k in kinds) or "0"
        rows.append('\t{ %d, "%s", %d, %d, { %s } },' % (n, name, weight, len(kinds), args))
    os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
    with open(out + ".tmp", "w") as f:
        f.write("/* generated by tests/fuzz/mktable.py from kernel/syscall.c: do not edit */\n")
        f.write("static const struct fuzz_call fuzz_table[] = {\n%s\n};\n" % "\n".join(rows))
        f.write("/* untyped (arguments of kind A_ANY): %s */\n" % (" ".join(untyped) or "none"))
    os.replace(out + ".tmp", out)
    if untyped:
        print("mktable.py: untyped calls: " + " ".join(untyped), file=sys.stderr)


if __name__ == "__main__":
    main()
