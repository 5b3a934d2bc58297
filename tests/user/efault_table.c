/*
 * efault_table.c - the EFAULT table: system calls that take a user pointer,
 * called with the pointer NULL, in the kernel half, across a page edge into an
 * unmapped page, in a read-only page for output, and wrapping past 4 GiB, each
 * answer (errno, or the partial count) checked against the host Linux's,
 * including the order in which Linux checks the fd, the file type and the
 * pointer. Raw system calls throughout, so glibc never touches the pointers.
 */
#include <fcntl.h>
#include <stdint.h>
#include <signal.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <termios.h>
#include <time.h>
#include "utest.h"

#define PAGE 4096
#define KERNEL_PTR ((void *)0xC0000000)	/* the kernel half of a 3/1 split */
#define WRAP_PTR ((void *)0xFFFFF000)	/* +2 pages wraps past 4 GiB */

/* A raw call's answer: the count, or -errno. */
#define RAW(...) ({ long _r = syscall(__VA_ARGS__); _r == -1 ? -(long)errno : _r; })

static char *ro, *edge_out;	/* a read-only page; 16 bytes before an unmapped page */
static char *edge_in;		/* 16 mapped bytes before an unmapped page */
static char *edge2;		/* 2 mapped bytes before an unmapped page */
static void *volatile null_ptr;

/* An output buffer of each bad kind, and a name for it. */
static struct { const char *name; void *p; } bad_out[5];

static void make_pages(void)
{
	char *m = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	memset(m, 'x', 2 * PAGE);
	ro = m;
	mprotect(ro, PAGE, PROT_READ);
	edge_out = edge_in = m + 2 * PAGE - 16;
	edge2 = m + 2 * PAGE - 2;
	munmap(m + 2 * PAGE, PAGE);
	bad_out[0].name = "NULL";		bad_out[0].p = null_ptr;
	bad_out[1].name = "kernel half";	bad_out[1].p = KERNEL_PTR;
	bad_out[2].name = "read-only page";	bad_out[2].p = ro;
	bad_out[3].name = "wrapping 4 GiB";	bad_out[3].p = WRAP_PTR;
	bad_out[4].name = "2 bytes before an unmapped page";		bad_out[4].p = edge2;
}

static int make_file(const char *path, int len)
{
	char buf[256];
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);

	memset(buf, 'd', sizeof(buf));
	write(fd, buf, len);
	lseek(fd, 0, SEEK_SET);
	return fd;
}

/* Structures whose whole size is written: every bad kind gives EFAULT. */
static int dirfd, msqid, semid;
static struct { long mtype; char mtext[8]; } msg = { 1, "message" };
static struct { unsigned int version; int pid; } caphdr = { 0x20080522, 0 };

static void table_out_structs(int fd)
{
	char what[128];
	int i;

	for (i = 0; i < 5; i++) {
		void *p = bad_out[i].p;
#define T(call, ...) do { \
		snprintf(what, sizeof(what), call " into %s gives EFAULT", bad_out[i].name); \
		CHECK_EQ(what, RAW(__VA_ARGS__), -EFAULT); } while (0)
/* NULL means "not wanted" for these */
#define TN(call, ...) do { if (p) T(call, __VA_ARGS__); } while (0)
		T("fstat64", SYS_fstat64, fd, p);
		T("stat64", SYS_stat64, "/", p);
		T("lstat64", SYS_lstat64, "/", p);
		T("uname", SYS_uname, p);
		T("sysinfo", SYS_sysinfo, p);
		TN("times", SYS_times, p);
		T("getrlimit", SYS_ugetrlimit, RLIMIT_NOFILE, p);
		TN("gettimeofday", SYS_gettimeofday, p, NULL);
		T("clock_gettime", SYS_clock_gettime, CLOCK_MONOTONIC, p);
		TN("clock_getres", SYS_clock_getres, CLOCK_MONOTONIC, p);
		T("pipe", SYS_pipe, p);
		TN("rt_sigprocmask old set", SYS_rt_sigprocmask, SIG_BLOCK, NULL, p, 8);
		TN("rt_sigaction old action", SYS_rt_sigaction, SIGUSR1, NULL, p, 8);
		T("getitimer", SYS_getitimer, ITIMER_REAL, p);
		if (p != ro) {	/* the flock is read first: see main */
			T("fcntl F_GETLK", SYS_fcntl, fd, F_GETLK, p);
			T("fcntl64 F_GETLK64", SYS_fcntl64, fd, F_GETLK64, p);
		}
		T("ioctl FIONREAD", SYS_ioctl, fd, FIONREAD, p);
		T("getresuid", SYS_getresuid32, p, p, p);
		T("getrusage", SYS_getrusage, RUSAGE_SELF, p);
		TN("sched_getparam", SYS_sched_getparam, 0, p);
		T("sched_rr_get_interval", SYS_sched_rr_get_interval, 0, p);
		T("rt_sigpending", SYS_rt_sigpending, p, 8);
		T("getcwd", SYS_getcwd, p, 64);
		T("statfs64", SYS_statfs64, "/", 84, p);
		T("fstatfs64", SYS_fstatfs64, fd, 84, p);
		T("getdents64", SYS_getdents64, dirfd, p, 4096);
		T("socketpair", SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, p);
		TN("prlimit64 old limit", SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, p);
		T("sched_getaffinity", SYS_sched_getaffinity, 0, 4, p);
		T("msgctl IPC_STAT", SYS_msgctl, msqid, IPC_STAT | 0x100, p);
		msgsnd(msqid, &msg, 8, 0);	/* a message to fail to receive */
		T("msgrcv", SYS_msgrcv, msqid, p, 64, 0, IPC_NOWAIT);
		TN("capget data", SYS_capget, &caphdr, p);
		TN("sigaltstack old", SYS_sigaltstack, NULL, p);
#undef TN
#undef T
	}
}

/* Structures read from bad pointers (input): every kind but read-only faults. */
static void table_in_structs(int fd)
{
	char what[128];
	int i;

	for (i = 0; i < 5; i++) {
		void *p = bad_out[i].p;
		long want = (p == ro) ? 0 : -EFAULT;

		if (p == ro)
			continue;
		memset(edge2, 'x', 2);	/* no NUL before the unmapped page */	/* valid input: the call would do something */
#define T(call, ...) do { \
		snprintf(what, sizeof(what), call " from %s gives EFAULT", bad_out[i].name); \
		CHECK_EQ(what, RAW(__VA_ARGS__), want); } while (0)
		T("fcntl F_SETLK", SYS_fcntl, fd, F_SETLK, p);
		T("fcntl F_SETLKW", SYS_fcntl, fd, F_SETLKW, p);
		T("fcntl64 F_SETLK64", SYS_fcntl64, fd, F_SETLK64, p);
		T("fcntl64 F_SETLKW64", SYS_fcntl64, fd, F_SETLKW64, p);
		T("nanosleep", SYS_nanosleep, p, NULL);
		T("setrlimit", SYS_setrlimit, RLIMIT_NOFILE, p);
		if (p) {	/* NULL means "no change" */
			T("rt_sigprocmask new set", SYS_rt_sigprocmask, SIG_BLOCK, p, NULL, 8);
			T("rt_sigaction new action", SYS_rt_sigaction, SIGUSR1, p, NULL, 8);
		}
		T("writev iovec array", SYS_writev, fd, p, 1);
		T("readv iovec array", SYS_readv, fd, p, 1);
		T("open path", SYS_open, p, O_RDONLY);
		T("stat64 path", SYS_stat64, p, ro);
		T("chdir path", SYS_chdir, p);
		T("access path", SYS_access, p, F_OK);
		T("execve path", SYS_execve, p, NULL, NULL);
		T("poll fds", SYS_poll, p, 1, 0);
		if (p)	/* NULL sets and no timeout: a sleep forever */
			T("_newselect readfds", SYS__newselect, 1, p, NULL, NULL, NULL);
		T("clock_nanosleep", SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, p, NULL);
		if (p)	/* NULL: no new limit */
			T("prlimit64 new limit", SYS_prlimit64, 0, RLIMIT_NOFILE, p, NULL);
		T("msgsnd", SYS_msgsnd, msqid, p, 8, IPC_NOWAIT);
		T("ipc SEMOP sops", SYS_ipc, 1 /* SEMOP */, semid, 1, 0, p);
		T("capget header", SYS_capget, p, NULL);
		T("mkdir path", SYS_mkdir, p, 0700);
		T("unlink path", SYS_unlink, p);
#undef T
	}
}

int main(void)
{
	char path[64], sym[64], scratch[8], *argv_ok[] = { "x", NULL };
	struct iovec iov[2];
	int fd, p[2];

	alarm(20);
	make_pages();
	chdir("/tmp");	/* a cwd longer than the 2 bytes at the page edge */
	snprintf(path, sizeof(path), "/tmp/efault_table_%d", (int)getpid());
	snprintf(sym, sizeof(sym), "/tmp/efault_table_l%d", (int)getpid());
	fd = make_file(path, 100);

	dirfd = open("/", O_RDONLY | O_DIRECTORY);
	msqid = msgget(IPC_PRIVATE, 0600);
	semid = semget(IPC_PRIVATE, 1, 0600);
	table_out_structs(fd);
	table_in_structs(fd);

	/* read(2): a buffer whose last byte is the last mapped byte takes what fits. */
	CHECK_EQ("read of 64 bytes into 16 bytes before an unmapped page copies 16 (file)",
		 RAW(SYS_read, fd, edge_out, 64), 16);
	CHECK_EQ("and the file offset moved by 16", lseek(fd, 0, SEEK_CUR), 16);
	CHECK_EQ("read that starts in the unmapped page gives EFAULT",
		 RAW(SYS_read, fd, edge_out + 16, 8), -EFAULT);
	CHECK_EQ("read into a read-only page gives EFAULT", RAW(SYS_read, fd, ro, 8), -EFAULT);
	CHECK_EQ("read into the kernel half gives EFAULT", RAW(SYS_read, fd, KERNEL_PTR, 8), -EFAULT);
	CHECK_EQ("read into NULL gives EFAULT", RAW(SYS_read, fd, null_ptr, 8), -EFAULT);
	CHECK_EQ("read into a wrapping buffer gives EFAULT",
		 RAW(SYS_read, fd, WRAP_PTR, 2 * PAGE), -EFAULT);
	CHECK_EQ("the failed reads did not move the offset", lseek(fd, 0, SEEK_CUR), 16);
	CHECK_EQ("read of 0 bytes into NULL is 0", RAW(SYS_read, fd, null_ptr, 0), 0);
	CHECK_EQ("write of 0 bytes from NULL is 0", RAW(SYS_write, fd, null_ptr, 0), 0);
	CHECK_EQ("read of 0 bytes into the kernel half is 0", RAW(SYS_read, fd, KERNEL_PTR, 0), 0);
	CHECK_EQ("read on a bad fd with a bad buffer: EBADF first",
		 RAW(SYS_read, 999, null_ptr, 8), -EBADF);
	CHECK_EQ("write of 64 bytes from 16 bytes before an unmapped page writes 16",
		 RAW(SYS_write, fd, edge_in, 64), 16);
	CHECK_EQ("write on a bad fd from a bad buffer: EBADF first",
		 RAW(SYS_write, 999, null_ptr, 8), -EBADF);
	pipe(p);
	CHECK_EQ("write to a read-only fd from a bad buffer: EBADF first",
		 RAW(SYS_write, p[0], null_ptr, 8), -EBADF);

	/* readv(2): the second iovec in a read-only page after a good one: the count. */
	lseek(fd, 0, SEEK_SET);
	iov[0].iov_base = ro;
	iov[0].iov_len = 8;
	CHECK_EQ("readv with its only iovec base in a read-only page gives EFAULT",
		 RAW(SYS_readv, fd, iov, 1), -EFAULT);
	iov[0].iov_base = scratch;
	iov[0].iov_len = 4;
	iov[1].iov_base = ro;
	iov[1].iov_len = 8;
	CHECK_EQ("readv: good iovec then one in a read-only page gives the first's count",
		 RAW(SYS_readv, fd, iov, 2), 4);
	iov[0].iov_base = edge_out;
	iov[0].iov_len = 64;
	lseek(fd, 0, SEEK_SET);
	CHECK_EQ("readv with an iovec across a page edge copies what fits",
		 RAW(SYS_readv, fd, iov, 1), 16);

	/* ioctl(2): Linux checks the file type before the pointer. */
	CHECK_EQ("ioctl TCGETS on a regular file with a kernel pointer gives ENOTTY",
		 RAW(SYS_ioctl, fd, TCGETS, KERNEL_PTR), -ENOTTY);
	CHECK_EQ("ioctl TCGETS on a regular file with NULL gives ENOTTY",
		 RAW(SYS_ioctl, fd, TCGETS, null_ptr), -ENOTTY);
	CHECK_EQ("ioctl TCGETS on a pipe with a kernel pointer gives ENOTTY",
		 RAW(SYS_ioctl, p[0], TCGETS, KERNEL_PTR), -ENOTTY);
	CHECK_EQ("ioctl TCGETS on a bad fd with a kernel pointer gives EBADF",
		 RAW(SYS_ioctl, 999, TCGETS, KERNEL_PTR), -EBADF);

	/* execve(2): a missing file is found missing before argv is read. */
	CHECK_EQ("execve of a missing file with a kernel-half argv gives ENOENT",
		 RAW(SYS_execve, "/nonexistent/efault", KERNEL_PTR, NULL), -ENOENT);
	CHECK_EQ("execve of a missing file with a kernel-half envp gives ENOENT",
		 RAW(SYS_execve, "/nonexistent/efault", argv_ok, KERNEL_PTR), -ENOENT);
	CHECK_EQ("execve of a directory with a kernel-half argv gives EACCES",
		 RAW(SYS_execve, "/", KERNEL_PTR, NULL), -EACCES);

	/* fcntl(2) locks: a bad fd is EBADF before the pointer is read. */
	CHECK_EQ("fcntl F_SETLK on a bad fd with a bad pointer gives EBADF",
		 RAW(SYS_fcntl, 999, F_SETLK, KERNEL_PTR), -EBADF);
	CHECK_EQ("fcntl F_SETLK with a flock across the page edge gives EFAULT",
		 RAW(SYS_fcntl, fd, F_SETLK, edge2), -EFAULT);
	CHECK_EQ("fcntl F_GETLK reads the flock first: garbage in a read-only page is EINVAL",
		 RAW(SYS_fcntl, fd, F_GETLK, ro), -EINVAL);

	/* the order of checks in calls that may find nothing to copy */
	CHECK_EQ("sched_getparam with NULL gives EINVAL", RAW(SYS_sched_getparam, 0, null_ptr), -EINVAL);
	CHECK_EQ("msgrcv from an empty queue into the kernel half gives ENOMSG",
		 RAW(SYS_msgrcv, msqid, KERNEL_PTR, 64, 0, IPC_NOWAIT), -ENOMSG);
	msgsnd(msqid, &msg, 8, 0);
	CHECK_EQ("msgrcv with E2BIG first: a too small size with a bad buffer gives E2BIG",
		 RAW(SYS_msgrcv, msqid, KERNEL_PTR, 2, 0, IPC_NOWAIT), -E2BIG);
	CHECK_EQ("msgrcv into the kernel half consumes the message and gives EFAULT",
		 RAW(SYS_msgrcv, msqid, KERNEL_PTR, 64, 0, IPC_NOWAIT), -EFAULT);
	CHECK_EQ("so the queue is empty after it",
		 RAW(SYS_msgrcv, msqid, &msg, 8, 0, IPC_NOWAIT), -ENOMSG);

	/* getrandom(2): a partial count at a page edge. */
	CHECK_EQ("getrandom of 64 bytes into 16 bytes before an unmapped page gives 16",
		 RAW(SYS_getrandom, edge_out, 64, 0), 16);
	CHECK_EQ("getrandom into a read-only page gives EFAULT",
		 RAW(SYS_getrandom, ro, 8, 0), -EFAULT);
	CHECK_EQ("getrandom into NULL gives EFAULT", RAW(SYS_getrandom, null_ptr, 8, 0), -EFAULT);

	/* Strings and paths across the page edge. */
	memcpy(edge_in, "/tmp/aaaaaaaaaaa", 16);	/* no NUL before the unmapped page */
	CHECK_EQ("open of a path running into an unmapped page gives EFAULT",
		 RAW(SYS_open, edge_in, O_RDONLY), -EFAULT);
	CHECK_EQ("getcwd into the kernel half gives EFAULT",
		 RAW(SYS_getcwd, KERNEL_PTR, 64), -EFAULT);
	symlink(path, sym);
	CHECK_EQ("readlink into a read-only page gives EFAULT",
		 RAW(SYS_readlink, sym, ro, 64), -EFAULT);
	CHECK_EQ("readlink into 16 bytes before an unmapped page gives EFAULT",
		 RAW(SYS_readlink, sym, edge_out, 64), -EFAULT);
	CHECK_EQ("readlink into NULL gives EFAULT", RAW(SYS_readlink, sym, null_ptr, 64), -EFAULT);
	CHECK_EQ("wait4 with no child and a bad status pointer gives ECHILD",
		 RAW(SYS_wait4, -1, KERNEL_PTR, 0, NULL), -ECHILD);

	msgctl(msqid, IPC_RMID, NULL);
	semctl(semid, 0, IPC_RMID);
	close(dirfd);
	unlink(sym);
	close(fd);
	unlink(path);
	return utest_done();
}
