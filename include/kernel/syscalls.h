/*
 * include/kernel/syscalls.h - prototypes of every sys_* handler in the table
 * (kernel/syscall.c). Each takes its arguments as Linux i386 does, in the
 * order ebx, ecx, edx, esi, edi, ebp; handlers that need the whole register
 * frame (fork, execve, sigreturn) take struct pt_regs by value, which is the
 * frame itself.
 */
#ifndef _KERNEL_SYSCALLS_H
#define _KERNEL_SYSCALLS_H

#include <kernel/types.h>
#include <kernel/ptrace.h>
#include <kernel/signal.h>
#include <kernel/time.h>
#include <uapi/resource.h>
#include <uapi/utsname.h>
#include <uapi/ldt.h>

struct mmap_arg_struct;

/* files: fs/ */
struct stat64;
struct statx;
struct iovec;
struct linux_dirent64;
struct timespec;
struct timespec64;
long sys_read(unsigned int fd, char __user *buf, size_t count);
long sys_write(unsigned int fd, const char __user *buf, size_t count);
long sys_open(const char __user *filename, int flags, int mode);
long sys_close(unsigned int fd);
long sys_creat(const char __user *pathname, int mode);
long sys_link(const char __user *oldname, const char __user *newname);
long sys_unlink(const char __user *pathname);
long sys_chdir(const char __user *filename);
long sys_mknod(const char __user *filename, int mode, unsigned int dev);
long sys_chmod(const char __user *filename, mode_t mode);
long sys_lseek(unsigned int fd, long offset, unsigned int origin);
long sys_mount(const char __user *dev_name, const char __user *dir_name,
	       const char __user *type, unsigned long flags, void __user *data);
long sys_oldumount(const char __user *name);
long sys_access(const char __user *filename, int mode);
long sys_rename(const char __user *oldname, const char __user *newname);
long sys_mkdir(const char __user *pathname, int mode);
long sys_rmdir(const char __user *pathname);
long sys_dup(unsigned int fildes);
long sys_umount(const char __user *name, int flags);
long sys_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg);
long sys_fcntl(unsigned int fd, unsigned int cmd, unsigned long arg);
long sys_umask(int mask);
long sys_dup2(unsigned int oldfd, unsigned int newfd);
long sys_symlink(const char __user *oldname, const char __user *newname);
long sys_readlink(const char __user *path, char __user *buf, int bufsiz);
long sys_truncate(const char __user *path, long length);
long sys_ftruncate(unsigned int fd, unsigned long length);
long sys_fchmod(unsigned int fd, mode_t mode);
long sys_sync(void);
long sys_fsync(unsigned int fd);
long sys_fchdir(unsigned int fd);
long sys_llseek(unsigned int fd, unsigned long offset_high, unsigned long offset_low,
		loff_t __user *result, unsigned int origin);
long sys_readv(unsigned long fd, const struct iovec __user *vec, unsigned long vlen);
long sys_writev(unsigned long fd, const struct iovec __user *vec, unsigned long vlen);
long sys_fdatasync(unsigned int fd);
long sys_pread64(unsigned int fd, char __user *buf, size_t count,
		 unsigned long pos_lo, unsigned long pos_hi);
long sys_pwrite64(unsigned int fd, const char __user *buf, size_t count,
		  unsigned long pos_lo, unsigned long pos_hi);
long sys_getcwd(char __user *buf, unsigned long size);
long sys_truncate64(const char __user *path, unsigned long len_lo, unsigned long len_hi);
long sys_ftruncate64(unsigned int fd, unsigned long len_lo, unsigned long len_hi);
long sys_stat64(const char __user *filename, struct stat64 __user *statbuf);
long sys_lstat64(const char __user *filename, struct stat64 __user *statbuf);
long sys_fstat64(unsigned long fd, struct stat64 __user *statbuf);
long sys_lchown32(const char __user *filename, uid_t user, gid_t group);
long sys_fchown32(unsigned int fd, uid_t user, gid_t group);
long sys_chown32(const char __user *filename, uid_t user, gid_t group);
long sys_getdents64(unsigned int fd, struct linux_dirent64 __user *dirent, unsigned int count);
struct linux_dirent;
struct old_linux_dirent;
long sys_getdents(unsigned int fd, struct linux_dirent __user *dirent, unsigned int count);
long sys_old_readdir(unsigned int fd, struct old_linux_dirent __user *dirent, unsigned int count);
long sys_fcntl64(unsigned int fd, unsigned int cmd, unsigned long arg);
long sys_openat(int dfd, const char __user *filename, int flags, int mode);
long sys_mkdirat(int dfd, const char __user *pathname, int mode);
long sys_mknodat(int dfd, const char __user *filename, int mode, unsigned int dev);
long sys_fchownat(int dfd, const char __user *filename, uid_t user, gid_t group, int flag);
long sys_fstatat64(int dfd, const char __user *filename, struct stat64 __user *statbuf,
		   int flag);
long sys_unlinkat(int dfd, const char __user *pathname, int flag);
long sys_renameat(int olddfd, const char __user *oldname, int newdfd,
		  const char __user *newname);
long sys_linkat(int olddfd, const char __user *oldname, int newdfd,
		const char __user *newname, int flags);
long sys_symlinkat(const char __user *oldname, int newdfd, const char __user *newname);
long sys_readlinkat(int dfd, const char __user *pathname, char __user *buf, int bufsiz);
long sys_fchmodat(int dfd, const char __user *filename, mode_t mode);
long sys_faccessat(int dfd, const char __user *filename, int mode);
long sys_utimensat(int dfd, const char __user *filename, const struct timespec __user *utimes,
		   int flags);
long sys_dup3(unsigned int oldfd, unsigned int newfd, int flags);
long sys_renameat2(int olddfd, const char __user *oldname, int newdfd,
		   const char __user *newname, unsigned int flags);
long sys_statx(int dfd, const char __user *filename, unsigned int flags,
	       unsigned int mask, struct statx __user *buffer);
long sys_utimensat_time64(int dfd, const char __user *filename,
			  const struct timespec64 __user *utimes, int flags);
long sys_faccessat2(int dfd, const char __user *filename, int mode, int flags);
struct statfs64;
long sys_statfs64(const char __user *path, size_t sz, struct statfs64 __user *buf);
long sys_fstatfs64(unsigned int fd, size_t sz, struct statfs64 __user *buf);
long sys_chroot(const char __user *filename);
long sys_close_range(unsigned int first, unsigned int last, unsigned int flags);
/* issue 14: scheduling policy (kernel/sched.c), prctl, capabilities, sigqueueinfo */
struct sched_param;
struct cap_user_header;
struct cap_user_data;
long sys_sched_setscheduler(pid_t pid, int policy, struct sched_param __user *param);
long sys_sched_setparam(pid_t pid, struct sched_param __user *param);
long sys_sched_getscheduler(pid_t pid);
long sys_sched_getparam(pid_t pid, struct sched_param __user *param);
long sys_sched_get_priority_max(int policy);
long sys_sched_get_priority_min(int policy);
long sys_sched_rr_get_interval(pid_t pid, struct timespec __user *interval);
long sys_sched_rr_get_interval_time64(pid_t pid, struct timespec64 __user *interval);
struct sched_attr;
long sys_sched_setattr(pid_t pid, struct sched_attr __user *uattr, unsigned int flags);
long sys_sched_getattr(pid_t pid, struct sched_attr __user *uattr, unsigned int usize,
		       unsigned int flags);
long sys_sched_setaffinity(pid_t pid, unsigned int len, unsigned long __user *user_mask_ptr);
long sys_sched_getaffinity(pid_t pid, unsigned int len, unsigned long __user *user_mask_ptr);
long sys_getcpu(unsigned int __user *cpup, unsigned int __user *nodep, void __user *unused);
long sys_prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4,
	       unsigned long arg5);
long sys_capget(struct cap_user_header __user *header, struct cap_user_data __user *dataptr);
long sys_capset(struct cap_user_header __user *header, const struct cap_user_data __user *data);
long sys_rt_sigqueueinfo(int pid, int sig, siginfo_t __user *uinfo);
long sys_rt_tgsigqueueinfo(int tgid, int pid, int sig, siginfo_t __user *uinfo);

/* issue 14: older forms, locks, sync and advice */
long sys_stat(const char __user *filename, void __user *statbuf);
long sys_lstat(const char __user *filename, void __user *statbuf);
long sys_fstat(unsigned int fd, void __user *statbuf);
long sys_newstat(const char __user *filename, void __user *statbuf);
long sys_newlstat(const char __user *filename, void __user *statbuf);
long sys_newfstat(unsigned int fd, void __user *statbuf);
long sys_eventfd(unsigned int count);
long sys_signalfd(int ufd, const sigset_t __user *user_mask, size_t sizemask);
long sys_signalfd4(int ufd, const sigset_t __user *user_mask, size_t sizemask, int flags);
long sys_eventfd2(unsigned int count, int flags);
struct statfs;
struct utimbuf;
long sys_statfs(const char __user *path, struct statfs __user *buf);
long sys_fstatfs(unsigned int fd, struct statfs __user *buf);
long sys_chown16(const char __user *filename, u16 user, u16 group);
long sys_lchown16(const char __user *filename, u16 user, u16 group);
long sys_fchown16(unsigned int fd, u16 user, u16 group);
long sys_utime(const char __user *filename, struct utimbuf __user *times);
long sys_utimes(const char __user *filename, struct timeval __user *utimes);
long sys_futimesat(int dfd, const char __user *filename, struct timeval __user *utimes);
long sys_sync_file_range(int fd, unsigned long off_lo, unsigned long off_hi,
			 unsigned long nb_lo, unsigned long nb_hi, unsigned int flags);
long sys_syncfs(int fd);
long sys_fadvise64(int fd, unsigned long off_lo, unsigned long off_hi, size_t len, int advice);
long sys_fadvise64_64(int fd, unsigned long off_lo, unsigned long off_hi,
		      unsigned long len_lo, unsigned long len_hi, int advice);
long sys_readahead(int fd, unsigned long off_lo, unsigned long off_hi, size_t count);
/* end of files */

/* pipes and poll/select: fs/pipe.c, fs/select.c */
struct pollfd;
struct timeval_k;
struct sigset_argpack;
long sys_pipe(int __user *fildes);
long sys_pipe2(int __user *fildes, int flags);
long sys_poll(struct pollfd __user *ufds, unsigned int nfds, int timeout_msecs);
long sys_ppoll(struct pollfd __user *ufds, unsigned int nfds, struct timespec __user *tsp,
	       const sigset_t __user *sigmask, size_t sigsetsize);
long sys_ppoll_time64(struct pollfd __user *ufds, unsigned int nfds, struct timespec64 __user *tsp,
		      const sigset_t __user *sigmask, size_t sigsetsize);
long sys_select(int n, unsigned long __user *inp, unsigned long __user *outp,
		unsigned long __user *exp, struct timeval_k __user *tvp);
long sys_pselect6(int n, unsigned long __user *inp, unsigned long __user *outp,
		  unsigned long __user *exp, struct timespec __user *tsp,
		  struct sigset_argpack __user *sig);
long sys_pselect6_time64(int n, unsigned long __user *inp, unsigned long __user *outp,
			 unsigned long __user *exp, struct timespec64 __user *tsp,
			 struct sigset_argpack __user *sig);
/* end of pipes */

/* processes, memory, signals, time */
long sys_execve(void);
long sys_getpid(void);
long sys_gettid(void);
long sys_getppid(void);
long sys_getuid(void);
long sys_geteuid(void);
long sys_getgid(void);
long sys_getegid(void);
long sys_alarm(unsigned int seconds);
long sys_brk(unsigned long brk);
long sys_clock_getres(int which, struct timespec __user *tp);
long sys_clock_getres_time64(int which, struct timespec64 __user *tp);
long sys_clock_gettime(int which, struct timespec __user *tp);
long sys_clock_gettime64(int which, struct timespec64 __user *tp);
long sys_clock_nanosleep(int which, int flags, struct timespec __user *rqtp, struct timespec __user *rmtp);
long sys_clock_nanosleep_time64(int which, int flags, struct timespec64 __user *rqtp, struct timespec64 __user *rmtp);
long sys_clone(struct pt_regs regs);
long sys_exit(int error_code);
long sys_exit_group(int error_code);
long sys_fork(struct pt_regs regs);
long sys_get_thread_area(struct user_desc __user *u_info);
long sys_getgroups(int size, gid_t __user *list);
long sys_getpgid(pid_t pid);
long sys_getpgrp(void);
long sys_getpriority(int which, int who);
long sys_getrandom(char __user *buf, size_t count, unsigned int flags);
long sys_getresgid(gid_t __user *r, gid_t __user *e, gid_t __user *s);
long sys_getresuid(uid_t __user *r, uid_t __user *e, uid_t __user *s);
long sys_getrlimit(unsigned int resource, struct rlimit __user *rlim);
long sys_getrusage(int who, struct rusage __user *ru);
long sys_getsid(pid_t pid);
long sys_gettimeofday(struct timeval __user *tv, void __user *tz);
long sys_kill(int pid, int sig);
long sys_madvise(unsigned long start, size_t len, int advice);
long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr);
long sys_mlock(unsigned long start, size_t len);
long sys_mlock2(unsigned long start, size_t len, int flags);
long sys_munlock(unsigned long start, size_t len);
long sys_mlockall(int flags);
long sys_munlockall(void);
long sys_msync(unsigned long start, size_t len, int flags);
long sys_mincore(unsigned long start, size_t len, unsigned char __user *vec);
long sys_mmap2(unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags, unsigned long fd, unsigned long pgoff);
long sys_mprotect(unsigned long start, size_t len, unsigned long prot);
long sys_munmap(unsigned long addr, size_t len);
long sys_nanosleep(struct timespec __user *rqtp, struct timespec __user *rmtp);
long sys_newuname(struct new_utsname __user *name);
long sys_rt_sigtimedwait_time64(const sigset_t __user *uthese, siginfo_t __user *uinfo,
				const struct timespec64 __user *uts, size_t sigsetsize);
struct epoll_event;
long sys_epoll_pwait2(int epfd, struct epoll_event __user *events, int maxevents,
		      const struct timespec64 __user *timeout, const sigset_t __user *sigmask,
		      size_t sigsetsize);
long sys_preadv(unsigned long fd, const struct iovec __user *vec, unsigned long vlen,
		unsigned long pos_l, unsigned long pos_h);
long sys_pwritev(unsigned long fd, const struct iovec __user *vec, unsigned long vlen,
		 unsigned long pos_l, unsigned long pos_h);
long sys_preadv2(unsigned long fd, const struct iovec __user *vec, unsigned long vlen,
		 unsigned long pos_l, unsigned long pos_h, int flags);
long sys_pwritev2(unsigned long fd, const struct iovec __user *vec, unsigned long vlen,
		  unsigned long pos_l, unsigned long pos_h, int flags);
long sys_uname(struct new_utsname __user *name);
long sys_olduname(char __user *name);
long sys_sethostname(const char __user *name, int len);
long sys_setdomainname(const char __user *name, int len);
struct sel_arg_struct;
long sys_old_select(struct sel_arg_struct __user *arg);
long sys_signal(int sig, void __user *handler);
struct sysinfo;
long sys_sysinfo(struct sysinfo __user *info);
long sys_syslog(int type, char __user *buf, int len);
long sys_nice(int increment);
long sys_old_mmap(struct mmap_arg_struct __user *arg);
long sys_pause(void);
long sys_personality(unsigned long persona);
long sys_prlimit64(pid_t pid, unsigned int resource, const struct rlimit64 __user *new, struct rlimit64 __user *old);
long sys_restart_syscall(void);
long sys_rt_sigaction(int sig, const struct sigaction __user *act, struct sigaction __user *oact, size_t sigsetsize);
long sys_rt_sigpending(sigset_t __user *set, size_t sigsetsize);
long sys_rt_sigprocmask(int how, sigset_t __user *set, sigset_t __user *oset, size_t sigsetsize);
long sys_rt_sigreturn(void);
long sys_rt_sigsuspend(sigset_t __user *unewset, size_t sigsetsize);
long sys_rt_sigtimedwait(const sigset_t __user *uthese, siginfo_t __user *uinfo, const struct timespec __user *uts, size_t sigsetsize);
long sys_sched_yield(void);
long sys_set_robust_list(int __user *head, size_t len);
long sys_set_thread_area(struct user_desc __user *u_info);
long sys_set_tid_address(int __user *tidptr);
long sys_setfsgid(gid_t gid);
long sys_setfsuid(uid_t uid);
long sys_setgid(gid_t gid);
long sys_setgroups(int size, gid_t __user *list);
long sys_setpgid(pid_t pid, pid_t pgid);
long sys_setpriority(int which, int who, int niceval);
long sys_setregid(gid_t rgid, gid_t egid);
long sys_setresgid(gid_t rgid, gid_t egid, gid_t sgid);
long sys_setresuid(uid_t ruid, uid_t euid, uid_t suid);
long sys_setreuid(uid_t ruid, uid_t euid);
long sys_setrlimit(unsigned int resource, struct rlimit __user *rlim);
long sys_setsid(void);
long sys_setuid(uid_t uid);
long sys_sigaction(int sig, const struct old_sigaction __user *act, struct old_sigaction __user *oact);
long sys_sigaltstack(const stack_t __user *ss, stack_t __user *oss);
long sys_sigpending(unsigned long __user *set);
long sys_sigprocmask(int how, unsigned long __user *set, unsigned long __user *oset);
long sys_sigreturn(void);
long sys_sigsuspend(int history0, int history1, unsigned long mask);
long sys_tgkill(int tgid, int pid, int sig);
long sys_time(long __user *tloc);
long sys_times(struct tms __user *tbuf);
long sys_tkill(int pid, int sig);
long sys_vfork(struct pt_regs regs);
long sys_wait4(pid_t pid, int __user *stat_addr, int options, struct rusage __user *ru);
long sys_waitid(int which, pid_t upid, siginfo_t __user *infop, int options,
		struct rusage __user *ru);
long sys_waitpid(pid_t pid, int __user *stat_addr, int options);
/* end of processes */

/* System V IPC: ipc/ */
struct sembuf;
struct msgbuf;
struct timespec;
struct timespec64;
long sys_ipc(unsigned int call, int first, int second, int third, void __user *ptr, long fifth);
long sys_semget(int key, int nsems, int semflg);
long sys_semop(int semid, struct sembuf __user *tsops, unsigned int nsops);
long sys_semtimedop(int semid, struct sembuf __user *tsops, unsigned int nsops,
		    const struct timespec __user *timeout);
long sys_semtimedop_time64(int semid, struct sembuf __user *tsops, unsigned int nsops,
			   const struct timespec64 __user *timeout);
long sys_semctl(int semid, int semnum, int cmd, unsigned long arg);
long sys_shmget(int key, size_t size, int shmflg);
long sys_shmat(int shmid, char __user *shmaddr, int shmflg);
long sys_shmdt(char __user *shmaddr);
long sys_shmctl(int shmid, int cmd, void __user *buf);
long sys_msgget(int key, int msgflg);
long sys_msgsnd(int msqid, struct msgbuf __user *msgp, size_t msgsz, int msgflg);
long sys_msgrcv(int msqid, struct msgbuf __user *msgp, size_t msgsz, long msgtyp, int msgflg);
long sys_msgctl(int msqid, int cmd, void __user *buf);
/* end of System V IPC */

/* sockets (net/socket.c) */
struct sockaddr;
struct msghdr;
struct mmsghdr;
long sys_socketcall(int call, unsigned long __user *args);
long sys_socket(int family, int type, int protocol);
long sys_socketpair(int family, int type, int protocol, int __user *usockvec);
long sys_bind(int fd, struct sockaddr __user *addr, int addrlen);
long sys_connect(int fd, struct sockaddr __user *addr, int addrlen);
long sys_listen(int fd, int backlog);
long sys_accept(int fd, struct sockaddr __user *addr, int __user *addrlen);
long sys_accept4(int fd, struct sockaddr __user *addr, int __user *addrlen, int flags);
long sys_getsockname(int fd, struct sockaddr __user *addr, int __user *addrlen);
long sys_getpeername(int fd, struct sockaddr __user *addr, int __user *addrlen);
long sys_sendto(int fd, void __user *buf, size_t len, unsigned int flags,
		struct sockaddr __user *addr, int addrlen);
long sys_send(int fd, void __user *buf, size_t len, unsigned int flags);
long sys_recvfrom(int fd, void __user *buf, size_t len, unsigned int flags,
		  struct sockaddr __user *addr, int __user *addrlen);
long sys_recv(int fd, void __user *buf, size_t len, unsigned int flags);
long sys_shutdown(int fd, int how);
long sys_setsockopt(int fd, int level, int optname, char __user *optval, int optlen);
long sys_getsockopt(int fd, int level, int optname, char __user *optval, int __user *optlen);
long sys_sendmsg(int fd, struct msghdr __user *msg, unsigned int flags);
long sys_recvmsg(int fd, struct msghdr __user *msg, unsigned int flags);
long sys_sendmmsg(int fd, struct mmsghdr __user *mmsg, unsigned int vlen, unsigned int flags);
long sys_recvmmsg(int fd, struct mmsghdr __user *mmsg, unsigned int vlen, unsigned int flags,
		  void __user *timeout);
/* end of sockets */

/* fs/xattr.c: extended attributes (none kept: Linux's answers for ramfs) */
long sys_setxattr(const char __user *path, const char __user *name, const void __user *value,
		  size_t size, int flags);
long sys_lsetxattr(const char __user *path, const char __user *name, const void __user *value,
		   size_t size, int flags);
long sys_fsetxattr(int fd, const char __user *name, const void __user *value, size_t size,
		   int flags);
long sys_getxattr(const char __user *path, const char __user *name, void __user *value,
		  size_t size);
long sys_lgetxattr(const char __user *path, const char __user *name, void __user *value,
		   size_t size);
long sys_fgetxattr(int fd, const char __user *name, void __user *value, size_t size);
long sys_listxattr(const char __user *path, char __user *list, size_t size);
long sys_llistxattr(const char __user *path, char __user *list, size_t size);
long sys_flistxattr(int fd, char __user *list, size_t size);
long sys_removexattr(const char __user *path, const char __user *name);
long sys_lremovexattr(const char __user *path, const char __user *name);
long sys_fremovexattr(int fd, const char __user *name);

#endif
