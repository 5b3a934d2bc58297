/*
 * kernel/syscall.c - the system-call table, indexed by the Linux i386
 * numbers (Linux: arch/i386/kernel/syscall_table.S). boot/entry.asm calls
 * sys_call_table[eax] with the saved ebx, ecx, edx, esi, edi, ebp as the
 * arguments; every slot without an implementation returns -ENOSYS and logs
 * its number once.
 */
#include <kernel/errno.h>
#include <kernel/mqueue.h>
#include <kernel/eventpoll.h>
#include <kernel/locks.h>
#include <kernel/posix-timers.h>
#include <kernel/printk.h>
#include <kernel/ptrace.h>
#include <kernel/syscalls.h>
#include <kernel/futex.h>
#include <kernel/splice.h>
#include <uapi/unistd.h>

#define NR_syscalls 450		/* must match boot/entry.asm */

/* handlers take different arguments; the entry code calls them all alike */
typedef const void *syscall_fn;

static unsigned long ni_logged[(NR_syscalls + 31) / 32];

/*
 * Each number is logged once, at debug level (glibc probes rseq, 386, at
 * every start), and within printk_ratelimit(), so no program can flood the
 * console or slow down by calling what does not exist.
 */
long sys_ni_syscall_nr(unsigned long nr)
{
	if (nr < NR_syscalls) {
		if (!(ni_logged[nr / 32] & (1UL << (nr % 32)))) {
			ni_logged[nr / 32] |= 1UL << (nr % 32);
			if (printk_ratelimit())
				printk(KERN_DEBUG "unknown system call %lu: ENOSYS\n", nr);
		}
	} else if (printk_ratelimit()) {
		printk(KERN_DEBUG "system call %lu out of range: ENOSYS\n", nr);
	}
	return -ENOSYS;
}

/* a slot with no handler: find the number from the saved orig_eax */
static long sys_ni_syscall(struct pt_regs regs)
{
	return sys_ni_syscall_nr(regs.orig_eax);
}

/*
 * Later designators override the range default; this file is built with
 * -Wno-override-init for that. Grouped by subsystem, numbers in order.
 */
syscall_fn sys_call_table[NR_syscalls] = {
	[0 ... NR_syscalls - 1] = sys_ni_syscall,

	/* files (fs/) */
	[__NR_read] = sys_read,
	[__NR_write] = sys_write,
	[__NR_open] = sys_open,
	[__NR_close] = sys_close,
	[__NR_creat] = sys_creat,
	[__NR_link] = sys_link,
	[__NR_unlink] = sys_unlink,
	[__NR_chdir] = sys_chdir,
	[__NR_mknod] = sys_mknod,
	[__NR_chmod] = sys_chmod,
	[__NR_lseek] = sys_lseek,
	[__NR_mount] = sys_mount,
	[__NR_umount] = sys_oldumount,
	[__NR_access] = sys_access,
	[__NR_sync] = sys_sync,
	[__NR_rename] = sys_rename,
	[__NR_mkdir] = sys_mkdir,
	[__NR_rmdir] = sys_rmdir,
	[__NR_dup] = sys_dup,
	[__NR_umount2] = sys_umount,
	[__NR_ioctl] = sys_ioctl,
	[__NR_fcntl] = sys_fcntl,
	[__NR_umask] = sys_umask,
	[__NR_dup2] = sys_dup2,
	[__NR_symlink] = sys_symlink,
	[__NR_readlink] = sys_readlink,
	[__NR_truncate] = sys_truncate,
	[__NR_ftruncate] = sys_ftruncate,
	[__NR_fchmod] = sys_fchmod,
	[__NR_fsync] = sys_fsync,
	[__NR_fchdir] = sys_fchdir,
	[__NR__llseek] = sys_llseek,
	[__NR_readv] = sys_readv,
	[__NR_writev] = sys_writev,
	[__NR_fdatasync] = sys_fdatasync,
	[__NR_pread64] = sys_pread64,
	[__NR_pwrite64] = sys_pwrite64,
	[__NR_getcwd] = sys_getcwd,
	[__NR_truncate64] = sys_truncate64,
	[__NR_ftruncate64] = sys_ftruncate64,
	[__NR_stat64] = sys_stat64,
	[__NR_lstat64] = sys_lstat64,
	[__NR_fstat64] = sys_fstat64,
	[__NR_lchown32] = sys_lchown32,
	[__NR_fchown32] = sys_fchown32,
	[__NR_chown32] = sys_chown32,
	[__NR_getdents64] = sys_getdents64,
	[__NR_getdents] = sys_getdents,
	[__NR_readdir] = sys_old_readdir,
	[__NR_fcntl64] = sys_fcntl64,
	[__NR_openat] = sys_openat,
	[__NR_mkdirat] = sys_mkdirat,
	[__NR_mknodat] = sys_mknodat,
	[__NR_fchownat] = sys_fchownat,
	[__NR_fstatat64] = sys_fstatat64,
	[__NR_unlinkat] = sys_unlinkat,
	[__NR_renameat] = sys_renameat,
	[__NR_linkat] = sys_linkat,
	[__NR_symlinkat] = sys_symlinkat,
	[__NR_readlinkat] = sys_readlinkat,
	[__NR_fchmodat] = sys_fchmodat,
	[__NR_faccessat] = sys_faccessat,
	[__NR_utimensat] = sys_utimensat,
	[__NR_dup3] = sys_dup3,
	[__NR_renameat2] = sys_renameat2,
	[__NR_statx] = sys_statx,
	[__NR_utimensat_time64] = sys_utimensat_time64,
	[__NR_faccessat2] = sys_faccessat2,
	[__NR_statfs64] = sys_statfs64,
	[__NR_fstatfs64] = sys_fstatfs64,
	[__NR_chroot] = sys_chroot,
	[__NR_close_range] = sys_close_range,
	/* end of files */

	/* pipes, FIFOs, poll and select (fs/pipe.c, fs/select.c) */
	[__NR_pipe] = sys_pipe,
	[__NR__newselect] = sys_select,
	[__NR_poll] = sys_poll,
	[__NR_pselect6] = sys_pselect6,
	[__NR_ppoll] = sys_ppoll,
	[__NR_pipe2] = sys_pipe2,
	[__NR_splice] = sys_splice,
	[__NR_tee] = sys_tee,
	[__NR_vmsplice] = sys_vmsplice,
	[__NR_sendfile] = sys_sendfile,
	[__NR_sendfile64] = sys_sendfile64,
	[__NR_pselect6_time64] = sys_pselect6_time64,
	[__NR_ppoll_time64] = sys_ppoll_time64,
	/* end of pipes */

	/* processes, memory, signals, time (kernel/, mm/) */
	[__NR_restart_syscall] = sys_restart_syscall,
	[__NR_exit] = sys_exit,
	[__NR_fork] = sys_fork,
	[__NR_execve] = sys_execve,
	[__NR_waitpid] = sys_waitpid,
	[__NR_time] = sys_time,
	[__NR_getpid] = sys_getpid,
	[__NR_setuid] = sys_setuid,
	[__NR_getuid] = sys_getuid,
	[__NR_alarm] = sys_alarm,
	[__NR_pause] = sys_pause,
	[__NR_nice] = sys_nice,
	[__NR_kill] = sys_kill,
	[__NR_times] = sys_times,
	[__NR_brk] = sys_brk,
	[__NR_setgid] = sys_setgid,
	[__NR_getgid] = sys_getgid,
	[__NR_geteuid] = sys_geteuid,
	[__NR_getegid] = sys_getegid,
	[__NR_setpgid] = sys_setpgid,
	[__NR_getppid] = sys_getppid,
	[__NR_getpgrp] = sys_getpgrp,
	[__NR_setsid] = sys_setsid,
	[__NR_sigaction] = sys_sigaction,
	[__NR_setreuid] = sys_setreuid,
	[__NR_setregid] = sys_setregid,
	[__NR_sigsuspend] = sys_sigsuspend,
	[__NR_sigpending] = sys_sigpending,
	[__NR_setrlimit] = sys_setrlimit,
	[__NR_getrlimit] = sys_getrlimit,
	[__NR_getrusage] = sys_getrusage,
	[__NR_gettimeofday] = sys_gettimeofday,
	[__NR_getgroups] = sys_getgroups,
	[__NR_setgroups] = sys_setgroups,
	[__NR_mmap] = sys_old_mmap,
	[__NR_munmap] = sys_munmap,
	[__NR_getpriority] = sys_getpriority,
	[__NR_setpriority] = sys_setpriority,
	[__NR_syslog] = sys_syslog,
	[__NR_wait4] = sys_wait4,
	[__NR_waitid] = sys_waitid,
	[__NR_sigreturn] = sys_sigreturn,
	[__NR_clone] = sys_clone,
	[__NR_uname] = sys_newuname,
	[__NR_sethostname] = sys_sethostname,
	[__NR_setdomainname] = sys_setdomainname,
	[__NR_rt_sigtimedwait_time64] = sys_rt_sigtimedwait_time64,
	[__NR_epoll_pwait2] = sys_epoll_pwait2,
	[__NR_preadv] = sys_preadv,
	[__NR_pwritev] = sys_pwritev,
	[__NR_preadv2] = sys_preadv2,
	[__NR_pwritev2] = sys_pwritev2,
	[__NR_olduname] = sys_uname,
	[__NR_oldolduname] = sys_olduname,
	[__NR_select] = sys_old_select,
	[__NR_signal] = sys_signal,
	[__NR_sysinfo] = sys_sysinfo,
	[__NR_mprotect] = sys_mprotect,
	[__NR_sigprocmask] = sys_sigprocmask,
	[__NR_getpgid] = sys_getpgid,
	[__NR_personality] = sys_personality,
	[__NR_setfsuid] = sys_setfsuid,
	[__NR_setfsgid] = sys_setfsgid,
	[__NR_getsid] = sys_getsid,
	[__NR_sched_yield] = sys_sched_yield,
	[__NR_nanosleep] = sys_nanosleep,
	[__NR_setresuid] = sys_setresuid,
	[__NR_getresuid] = sys_getresuid,
	[__NR_setresgid] = sys_setresgid,
	[__NR_getresgid] = sys_getresgid,
	[__NR_rt_sigreturn] = sys_rt_sigreturn,
	[__NR_rt_sigaction] = sys_rt_sigaction,
	[__NR_rt_sigprocmask] = sys_rt_sigprocmask,
	[__NR_rt_sigpending] = sys_rt_sigpending,
	[__NR_rt_sigtimedwait] = sys_rt_sigtimedwait,
	[__NR_rt_sigsuspend] = sys_rt_sigsuspend,
	[__NR_sigaltstack] = sys_sigaltstack,
	[__NR_vfork] = sys_vfork,
	[__NR_ugetrlimit] = sys_getrlimit,
	[__NR_mmap2] = sys_mmap2,
	[__NR_getuid32] = sys_getuid,
	[__NR_getgid32] = sys_getgid,
	[__NR_geteuid32] = sys_geteuid,
	[__NR_getegid32] = sys_getegid,
	[__NR_setreuid32] = sys_setreuid,
	[__NR_setregid32] = sys_setregid,
	[__NR_getgroups32] = sys_getgroups,
	[__NR_setgroups32] = sys_setgroups,
	[__NR_setresuid32] = sys_setresuid,
	[__NR_getresuid32] = sys_getresuid,
	[__NR_setresgid32] = sys_setresgid,
	[__NR_getresgid32] = sys_getresgid,
	[__NR_setuid32] = sys_setuid,
	[__NR_setgid32] = sys_setgid,
	[__NR_setfsuid32] = sys_setfsuid,
	[__NR_setfsgid32] = sys_setfsgid,
	[__NR_madvise] = sys_madvise,
	[__NR_mremap] = sys_mremap,
	[__NR_mlock] = sys_mlock,
	[__NR_munlock] = sys_munlock,
	[__NR_mlockall] = sys_mlockall,
	[__NR_munlockall] = sys_munlockall,
	[__NR_mlock2] = sys_mlock2,
	[__NR_msync] = sys_msync,
	[__NR_mincore] = sys_mincore,
	[__NR_gettid] = sys_gettid,
	[__NR_tkill] = sys_tkill,
	[__NR_set_thread_area] = sys_set_thread_area,
	[__NR_get_thread_area] = sys_get_thread_area,
	[__NR_exit_group] = sys_exit_group,
	[__NR_set_tid_address] = sys_set_tid_address,
	[__NR_clock_gettime] = sys_clock_gettime,
	[__NR_clock_getres] = sys_clock_getres,
	[__NR_clock_nanosleep] = sys_clock_nanosleep,
	[__NR_tgkill] = sys_tgkill,
	[__NR_set_robust_list] = sys_set_robust_list,
	[__NR_get_robust_list] = sys_get_robust_list,
	[__NR_prlimit64] = sys_prlimit64,
	[__NR_getrandom] = sys_getrandom,
	[__NR_clock_gettime64] = sys_clock_gettime64,
	[__NR_clock_getres_time64] = sys_clock_getres_time64,
	[__NR_clock_nanosleep_time64] = sys_clock_nanosleep_time64,
	[__NR_futex] = sys_futex,
	[__NR_futex_time64] = sys_futex_time64,
	/* timers and clocks (kernel/itimer.c, kernel/posix-timers.c) */
	[__NR_stime] = sys_stime,
	[__NR_settimeofday] = sys_settimeofday,
	[__NR_setitimer] = sys_setitimer,
	[__NR_getitimer] = sys_getitimer,
	[__NR_timer_create] = sys_timer_create,
	[__NR_timer_settime] = sys_timer_settime,
	[__NR_timer_gettime] = sys_timer_gettime,
	[__NR_timer_getoverrun] = sys_timer_getoverrun,
	[__NR_timer_delete] = sys_timer_delete,
	[__NR_clock_settime] = sys_clock_settime,
	[__NR_clock_settime64] = sys_clock_settime64,
	[__NR_timer_gettime64] = sys_timer_gettime64,
	[__NR_timer_settime64] = sys_timer_settime64,
	[__NR_timerfd_create] = sys_timerfd_create,
	[__NR_timerfd_settime] = sys_timerfd_settime,
	[__NR_timerfd_gettime] = sys_timerfd_gettime,
	[__NR_timerfd_gettime64] = sys_timerfd_gettime64,
	[__NR_timerfd_settime64] = sys_timerfd_settime64,
	/* scheduling policy, prctl, capabilities, sigqueueinfo (kernel/) */
	[__NR_sched_setparam] = sys_sched_setparam,
	[__NR_sched_getparam] = sys_sched_getparam,
	[__NR_sched_setscheduler] = sys_sched_setscheduler,
	[__NR_sched_getscheduler] = sys_sched_getscheduler,
	[__NR_sched_get_priority_max] = sys_sched_get_priority_max,
	[__NR_sched_get_priority_min] = sys_sched_get_priority_min,
	[__NR_sched_rr_get_interval] = sys_sched_rr_get_interval,
	[__NR_prctl] = sys_prctl,
	[__NR_rt_sigqueueinfo] = sys_rt_sigqueueinfo,
	[__NR_capget] = sys_capget,
	[__NR_capset] = sys_capset,
	[__NR_sched_setaffinity] = sys_sched_setaffinity,
	[__NR_sched_setattr] = sys_sched_setattr,
	[__NR_sched_getattr] = sys_sched_getattr,
	[__NR_sched_getaffinity] = sys_sched_getaffinity,
	[__NR_getcpu] = sys_getcpu,
	[__NR_rt_tgsigqueueinfo] = sys_rt_tgsigqueueinfo,
	[__NR_sched_rr_get_interval_time64] = sys_sched_rr_get_interval_time64,

	/* older file calls, locks, sync and advice (fs/) */
	[__NR_oldstat] = sys_stat,
	[__NR_lchown] = sys_lchown16,
	[__NR_oldfstat] = sys_fstat,
	[__NR_oldlstat] = sys_lstat,
	[__NR_stat] = sys_newstat,
	[__NR_lstat] = sys_newlstat,
	[__NR_fstat] = sys_newfstat,
	[__NR_utime] = sys_utime,
	[__NR_statfs] = sys_statfs,
	[__NR_fstatfs] = sys_fstatfs,
	[__NR_fchown] = sys_fchown16,
	[__NR_flock] = sys_flock,
	[__NR_chown] = sys_chown16,
	[__NR_readahead] = sys_readahead,
	[__NR_fadvise64] = sys_fadvise64,
	[__NR_utimes] = sys_utimes,
	[__NR_fadvise64_64] = sys_fadvise64_64,
	[__NR_futimesat] = sys_futimesat,
	[__NR_sync_file_range] = sys_sync_file_range,
	[__NR_syncfs] = sys_syncfs,

	/* event polling (fs/eventpoll.c) */
	[__NR_epoll_create] = sys_epoll_create,
	[__NR_epoll_ctl] = sys_epoll_ctl,
	[__NR_epoll_wait] = sys_epoll_wait,
	[__NR_epoll_pwait] = sys_epoll_pwait,
	[__NR_epoll_create1] = sys_epoll_create1,
	[__NR_eventfd] = sys_eventfd,
	[__NR_signalfd] = sys_signalfd,
	[__NR_signalfd4] = sys_signalfd4,
	[__NR_eventfd2] = sys_eventfd2,
	/* end of processes */

	/* System V IPC (ipc/) */
	[__NR_ipc] = sys_ipc,
	[__NR_semget] = sys_semget,
	[__NR_semctl] = sys_semctl,
	[__NR_shmget] = sys_shmget,
	[__NR_shmctl] = sys_shmctl,
	[__NR_shmat] = sys_shmat,
	[__NR_shmdt] = sys_shmdt,
	[__NR_msgget] = sys_msgget,
	[__NR_msgsnd] = sys_msgsnd,
	[__NR_msgrcv] = sys_msgrcv,
	[__NR_msgctl] = sys_msgctl,
	[__NR_semtimedop_time64] = sys_semtimedop_time64,
	/* end of System V IPC */

	/* POSIX message queues (ipc/mqueue.c) */
	[__NR_mq_open] = sys_mq_open,
	[__NR_mq_unlink] = sys_mq_unlink,
	[__NR_mq_timedsend] = sys_mq_timedsend,
	[__NR_mq_timedreceive] = sys_mq_timedreceive,
	[__NR_mq_notify] = sys_mq_notify,
	[__NR_mq_getsetattr] = sys_mq_getsetattr,
	[__NR_mq_timedsend_time64] = sys_mq_timedsend_time64,
	[__NR_mq_timedreceive_time64] = sys_mq_timedreceive_time64,
	/* end of POSIX message queues */
	/* sockets (net/socket.c) */
	[__NR_socketcall] = sys_socketcall,
	[__NR_recvmmsg] = sys_recvmmsg,
	[__NR_sendmmsg] = sys_sendmmsg,
	[__NR_socket] = sys_socket,
	[__NR_socketpair] = sys_socketpair,
	[__NR_bind] = sys_bind,
	[__NR_connect] = sys_connect,
	[__NR_listen] = sys_listen,
	[__NR_accept4] = sys_accept4,
	[__NR_getsockopt] = sys_getsockopt,
	[__NR_setsockopt] = sys_setsockopt,
	[__NR_getsockname] = sys_getsockname,
	[__NR_getpeername] = sys_getpeername,
	[__NR_sendto] = sys_sendto,
	[__NR_sendmsg] = sys_sendmsg,
	[__NR_recvfrom] = sys_recvfrom,
	[__NR_recvmsg] = sys_recvmsg,
	[__NR_shutdown] = sys_shutdown,
	/* end of sockets */
};
