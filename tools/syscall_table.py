#!/usr/bin/env python3
"""
tools/syscall_table.py - write build/syscalls.md: every Linux i386 system-call
number up to the highest in Debian's headers (asm/unistd_32.h of the cross
toolchain, else include/uapi/unistd.h), whether kernel/syscall.c implements
it and in which file, or the answer it gives instead and why.

Every slot kernel/syscall.c leaves empty is sys_ni_syscall: -ENOSYS, which is
what Linux itself answers for a call whose feature is configured out
(kernel/sys_ni.c's cond_syscall) or that it never implemented. REASONS below
says, per name, which of the two (and the CONFIG_ option); anything not
listed there is simply not written yet.

Usage: tools/syscall_table.py [OUTPUT]   (default build/syscalls.md)
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADERS = ["/usr/i686-linux-gnu/include/asm/unistd_32.h",
           os.path.join(ROOT, "include/uapi/unistd.h")]
SRC_DIRS = ["kernel", "fs", "ipc", "mm", "boot", "lib"]

NEVER = "never implemented by Linux (an empty slot since 1.x)"
REMOVED = "removed from Linux"
REASONS = {}
for n in ("break", "stty", "gtty", "ftime", "prof", "lock", "mpx", "ulimit", "profil",
          "afs_syscall", "getpmsg", "putpmsg", "vserver", "idle"):
    REASONS[n] = NEVER
for n in ("create_module", "get_kernel_syms", "query_module"):
    REASONS[n] = REMOVED + " in 2.6 (modules)"
for n, why in {
        "nfsservctl": REMOVED + " in 3.1",
        "_sysctl": REMOVED + " in 5.5",
        "lookup_dcookie": REMOVED + " in 6.x (oprofile)",
        "bdflush": REMOVED + " in 5.15",
        "uselib": "CONFIG_USELIB off",
        "acct": "CONFIG_BSD_PROCESS_ACCT off",
        "swapon": "CONFIG_SWAP off: memory is never swapped",
        "swapoff": "CONFIG_SWAP off",
        "ioperm": "CONFIG_X86_IOPL_IOPERM off",
        "iopl": "CONFIG_X86_IOPL_IOPERM off",
        "vm86old": "CONFIG_VM86 off",
        "vm86": "CONFIG_VM86 off",
        "modify_ldt": "CONFIG_MODIFY_LDT_SYSCALL off (set_thread_area serves glibc's TLS)",
        "init_module": "CONFIG_MODULES off", "delete_module": "CONFIG_MODULES off",
        "finit_module": "CONFIG_MODULES off",
        "quotactl": "CONFIG_QUOTACTL off", "quotactl_fd": "CONFIG_QUOTACTL off",
        "sysfs": "CONFIG_SYSFS_SYSCALL off",
        "sgetmask": "CONFIG_SGETMASK_SYSCALL off", "ssetmask": "CONFIG_SGETMASK_SYSCALL off",
        "kexec_load": "CONFIG_KEXEC off",
        "mbind": "CONFIG_NUMA off", "get_mempolicy": "CONFIG_NUMA off",
        "set_mempolicy": "CONFIG_NUMA off", "migrate_pages": "CONFIG_NUMA off",
        "move_pages": "CONFIG_NUMA off", "set_mempolicy_home_node": "CONFIG_NUMA off",
        "perf_event_open": "CONFIG_PERF_EVENTS off",
        "bpf": "CONFIG_BPF_SYSCALL off",
        "userfaultfd": "CONFIG_USERFAULTFD off",
        "membarrier": "CONFIG_MEMBARRIER off",
        "rseq": "CONFIG_RSEQ off",
        "kcmp": "CONFIG_KCMP off",
        "seccomp": "CONFIG_SECCOMP off",
        "name_to_handle_at": "CONFIG_FHANDLE off", "open_by_handle_at": "CONFIG_FHANDLE off",
        "fanotify_init": "CONFIG_FANOTIFY off", "fanotify_mark": "CONFIG_FANOTIFY off",
        "inotify_init": "CONFIG_INOTIFY_USER off", "inotify_init1": "CONFIG_INOTIFY_USER off",
        "inotify_add_watch": "CONFIG_INOTIFY_USER off", "inotify_rm_watch": "CONFIG_INOTIFY_USER off",
        "add_key": "CONFIG_KEYS off", "request_key": "CONFIG_KEYS off", "keyctl": "CONFIG_KEYS off",
        "ioprio_set": "CONFIG_BLOCK off: no block devices", "ioprio_get": "CONFIG_BLOCK off",
        "pkey_mprotect": "no protection keys on i386", "pkey_alloc": "no protection keys on i386",
        "pkey_free": "no protection keys on i386",
        "landlock_create_ruleset": "CONFIG_SECURITY_LANDLOCK off",
        "landlock_add_rule": "CONFIG_SECURITY_LANDLOCK off",
        "landlock_restrict_self": "CONFIG_SECURITY_LANDLOCK off",
        "memfd_secret": "CONFIG_SECRETMEM off",
        "io_uring_setup": "CONFIG_IO_URING off", "io_uring_enter": "CONFIG_IO_URING off",
        "io_uring_register": "CONFIG_IO_URING off",
        "process_vm_readv": "CONFIG_CROSS_MEMORY_ATTACH off",
        "process_vm_writev": "CONFIG_CROSS_MEMORY_ATTACH off",
        "process_madvise": "CONFIG_ADVISE_SYSCALLS off", "process_mrelease": "CONFIG_MMU-only reaper: not here",
        }.items():
    REASONS[n] = why
for n in ("io_setup", "io_destroy", "io_getevents", "io_submit", "io_cancel", "io_pgetevents",
          "io_pgetevents_time64"):
    REASONS[n] = "CONFIG_AIO off"
for n in ("mq_open", "mq_unlink", "mq_timedsend", "mq_timedreceive", "mq_notify", "mq_getsetattr",
          "mq_timedsend_time64", "mq_timedreceive_time64"):
    REASONS[n] = "CONFIG_POSIX_MQUEUE off"
for n in ("socketcall", "socket", "socketpair", "bind", "connect", "listen", "accept4",
          "getsockopt", "setsockopt", "getsockname", "getpeername", "sendto", "sendmsg",
          "recvfrom", "recvmsg", "shutdown", "recvmmsg", "sendmmsg", "recvmmsg_time64"):
    REASONS[n] = "CONFIG_NET off: no sockets"
for n in ("open_tree", "move_mount", "fsopen", "fsconfig", "fsmount", "fspick", "mount_setattr"):
    REASONS[n] = "not yet: the new mount API"
for n in ("waitid", "mremap", "mlock", "munlock", "mlockall", "munlockall", "mlock2", "mincore",
          "msync", "futex", "futex_time64", "futex_waitv", "get_robust_list", "splice", "tee",
          "vmsplice"):
    REASONS[n] = "not yet: issue 13/14, another branch"
for n in ("clock_adjtime", "clock_adjtime64", "adjtimex"):
    REASONS[n] = "not yet: no NTP discipline of the clock"


def numbers():
    for h in HEADERS:
        if os.path.exists(h):
            text = open(h).read()
            nums = {}
            for name, n in re.findall(r"#define\s+__NR_(\w+)\s+(\d+)", text):
                nums.setdefault(int(n), name)
            return h, nums
    sys.exit("syscall_table.py: no unistd header found")


def implemented():
    table = open(os.path.join(ROOT, "kernel/syscall.c")).read()
    slots = dict(re.findall(r"\[__NR_(\w+)\]\s*=\s*(\w+)", table))
    where = {}
    for d in SRC_DIRS:
        for dirpath, _, files in os.walk(os.path.join(ROOT, d)):
            for f in files:
                if not f.endswith(".c"):
                    continue
                path = os.path.join(dirpath, f)
                for fn in re.findall(r"^(?:asmlinkage\s+)?long\s+(sys_\w+)\s*\(", open(path).read(), re.M):
                    where.setdefault(fn, os.path.relpath(path, ROOT))
    return slots, where


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build/syscalls.md")
    hdr, nums = numbers()
    slots, where = implemented()
    rows, done = [], 0
    for n in range(max(nums) + 1):
        name = nums.get(n)
        if name is None:
            rows.append(f"| {n} | - | ENOSYS | no such number on i386 |")
        elif name in slots:
            done += 1
            fn = slots[name]
            rows.append(f"| {n} | {name} | implemented | `{fn}` in {where.get(fn, '?')} |")
        else:
            why = REASONS.get(name, "not yet: Linux always has it, so this ENOSYS is a gap")
            rows.append(f"| {n} | {name} | ENOSYS | {why} |")
    os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
    with open(out, "w") as f:
        f.write("# System calls, number by number\n\n")
        f.write(f"Generated by tools/syscall_table.py from kernel/syscall.c and {hdr}.\n")
        f.write(f"{done} of {len(nums)} numbers implemented; every other slot is sys_ni_syscall, "
                "which answers -ENOSYS, as Linux does for a configured-out or removed call.\n\n")
        f.write("| nr | name | answer | where, or why |\n|---|---|---|---|\n")
        f.write("\n".join(rows) + "\n")
    print(f"syscall_table.py: {out}: {done} of {len(nums)} implemented")


if __name__ == "__main__":
    main()
