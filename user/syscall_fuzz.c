/*
 * syscall_fuzz.c - random system calls with random arguments, broken by a
 * 1 ms interval timer (SIGALRM, no SA_RESTART), in the manner of the outside
 * fuzzer issue 14 cites. The calls run in a child, as nobody, in a scratch
 * directory, with /dev/null on fds 0-2; a child that dies (as it may: it
 * unmaps its own memory, sets odd limits...) is replaced. Calls that could
 * touch anything outside the child - signals to other pids, fork, exec,
 * reboot, sockets, changing other processes - are not in the list, so it is
 * safe on the Linux host too. Usage: syscall_fuzz [CALLS] [SEED]
 * (default 200000). Prints the figures; exit 0 when every call came back.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NOBODY 65534

/* harmless to anything but the calling process whatever the arguments */
static const int calls[] = {
	SYS_read, SYS_write, SYS_open, SYS_close, SYS_creat, SYS_link, SYS_unlink, SYS_mknod,
	SYS_chmod, SYS_lseek, SYS_getpid, SYS_access, SYS_rename, SYS_mkdir, SYS_rmdir, SYS_dup,
	SYS_pipe, SYS_times, SYS_brk, SYS_ioctl, SYS_fcntl, SYS_umask, SYS_dup2, SYS_getppid,
	SYS_setsid, SYS_sigpending, SYS_setrlimit, SYS_getrusage, SYS_gettimeofday,
	SYS_symlink, SYS_readlink, SYS_munmap, SYS_truncate, SYS_ftruncate, SYS_fchmod,
	SYS_statfs, SYS_fstatfs, SYS_setitimer, SYS_getitimer, SYS_wait4, SYS_fsync, SYS_uname,
	SYS_mprotect, SYS_sigprocmask, SYS_getpgid, SYS__llseek, SYS_getdents64, SYS_flock,
	SYS_readv, SYS_writev, SYS_getsid, SYS_fdatasync, SYS_sched_getparam,
	SYS_sched_getscheduler, SYS_sched_yield, SYS_sched_get_priority_max,
	SYS_sched_get_priority_min, SYS_sched_rr_get_interval, SYS_nanosleep, SYS_poll,
	SYS_getresuid, SYS_prctl, SYS_rt_sigaction, SYS_rt_sigprocmask, SYS_rt_sigpending,
	SYS_rt_sigtimedwait, SYS_rt_sigsuspend, SYS_pread64, SYS_pwrite64, SYS_chown, SYS_getcwd,
	SYS_capget, SYS_capset, SYS_sigaltstack, SYS_ugetrlimit, SYS_mmap2, SYS_truncate64,
	SYS_ftruncate64, SYS_stat64, SYS_lstat64, SYS_fstat64, SYS_lchown32, SYS_getuid32,
	SYS_fchown32, SYS_chown32, SYS_madvise, SYS_fcntl64, SYS_gettid, SYS_readahead,
	SYS_sched_getaffinity, SYS_alarm, SYS_pause, SYS_utime, SYS_fadvise64,
	SYS_epoll_create, SYS_epoll_ctl, SYS_epoll_wait, SYS_set_tid_address, SYS_timer_create,
	SYS_timer_settime, SYS_timer_gettime, SYS_timer_getoverrun, SYS_timer_delete,
	SYS_clock_settime, SYS_clock_gettime, SYS_clock_getres, SYS_clock_nanosleep, SYS_statfs64,
	SYS_fstatfs64, SYS_utimes, SYS_fadvise64_64, SYS_openat, SYS_mkdirat, SYS_mknodat,
	SYS_fchownat, SYS_futimesat, SYS_fstatat64, SYS_unlinkat, SYS_renameat, SYS_linkat,
	SYS_symlinkat, SYS_readlinkat, SYS_fchmodat, SYS_faccessat, SYS_pselect6, SYS_ppoll,
	SYS_sync_file_range, SYS_getcpu, SYS_epoll_pwait, SYS_utimensat, SYS_epoll_create1,
	SYS_dup3, SYS_pipe2, SYS_syncfs, SYS_getrandom, SYS_msgrcv, SYS_msgsnd,
	SYS_stime, SYS_settimeofday, SYS_statx, SYS_timer_settime64, SYS_timer_gettime64,
	SYS_clock_gettime64, SYS_clock_nanosleep_time64, SYS_sched_rr_get_interval_time64,
	SYS_semtimedop_time64, SYS_close_range, SYS_faccessat2, SYS_epoll_pwait2,
	SYS_rt_sigqueueinfo, SYS_flock, SYS_sched_setaffinity, SYS_sched_setscheduler,
	SYS_sched_setparam, SYS_eventfd2, SYS_timerfd_create, SYS_timerfd_settime,
	SYS_timerfd_gettime, SYS_signalfd4, SYS_stat, SYS_lstat, SYS_fstat, SYS_oldstat,
	SYS_oldfstat, SYS_lchown, SYS_fchown,
	17, 31, 32, 35, 44, 53, 56, 58, 98, 137, 188, 189, 273,	/* never implemented */
	SYS_io_setup, SYS_add_key, SYS_inotify_init, SYS_mq_unlink, SYS_membarrier,
};
#define NCALLS (sizeof(calls) / sizeof(calls[0]))

static char *scratch;			/* a page of harmless bytes, and names in it */
static int msq = -1, sem = -1;		/* made by the parent, for blocking calls */
static volatile unsigned long *shared;	/* [0] calls made, [1] ENOSYS, [2] EINTR */
static unsigned int rng;

static unsigned int rnd(void)
{
	rng = rng * 1103515245u + 12345u;
	return rng >> 1;
}

static void on_alarm(int sig) { (void)sig; }

/* the timer and its handler, again: the fuzzed calls may change both */
static void arm(void)
{
	struct sigaction sa;
	struct itimerval v = { { 0, 1000 }, { 0, 1000 } };
	sigset_t s;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	sigemptyset(&s);
	sigprocmask(SIG_SETMASK, &s, NULL);
	setitimer(ITIMER_REAL, &v, NULL);
}

static long arg(int slot, int nr)
{
	static const long bad[] = { 8, 0xbffffff0L, (long)0xc0000000L, (long)0xfffff000L, -1 };
	static const char *names[] = { "a", "b", "fifo", "d/e", "", "lnk", "a/../b" };

	switch (rnd() % 12) {
	case 0: return 0;
	case 1: return rnd() % 16;			/* an fd, a small count, a flag */
	case 2: return -1;
	case 3: return bad[rnd() % 5];			/* a bad pointer */
	case 4: return (long)(scratch + (rnd() % 2048));	/* somewhere writable */
	case 5: {					/* a name in the scratch page */
		int i = rnd() % 7;

		strcpy(scratch + 3072 + i * 64, names[i]);
		return (long)(scratch + 3072 + i * 64);
	}
	case 6: return (long)rnd();
	case 7: return 1L << (rnd() % 32);
	case 8: return nr == SYS_msgrcv || nr == SYS_msgsnd ? msq : nr == SYS_semtimedop_time64 ? sem : 1;
	case 9: return rnd() % 4096;
	case 10: return (long)scratch;
	default: (void)slot; return 0x7fffffff;
	}
}

static void fuzz_child(unsigned long n)
{
	int fd = open("/dev/null", O_RDWR);

	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
	syscall(SYS_close_range, 3, ~0U, 0);	/* nothing inherited from whoever ran us */
	{
		struct rlimit as = { 512 << 20, 512 << 20 };

		setrlimit(RLIMIT_AS, &as);		/* what the host lends us, at most */
	}
	setgid(NOBODY);
	setuid(NOBODY);
	arm();
	while (shared[0] < n) {
		int nr = calls[rnd() % NCALLS];
		long a[6], r;

		for (int i = 0; i < 6; i++)
			a[i] = arg(i, nr);
		if (nr == SYS_sched_setaffinity || nr == SYS_rt_sigqueueinfo ||
		    nr == SYS_sched_setscheduler || nr == SYS_sched_setparam)
			a[0] = 0;			/* ourselves only */
		if (nr == SYS_munmap && (unsigned long)a[0] < 0x10000000UL)
			a[0] = 0x70000000;		/* keep our text and data */
		if (nr == SYS_mmap2) {
			a[1] &= (16 << 20) - 1;		/* at most 16 MiB, never populated */
			a[3] &= ~(MAP_POPULATE | MAP_LOCKED);
		}
		if (nr == SYS_rt_sigsuspend || nr == SYS_pselect6 || nr == SYS_ppoll ||
		    nr == SYS_epoll_pwait || nr == SYS_epoll_pwait2)
			a[nr == SYS_rt_sigsuspend ? 0 : nr == SYS_pselect6 ? 5 : nr == SYS_ppoll ? 3 : 4] = 0;	/* keep SIGALRM */
		r = syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
		shared[0]++;
		/* the timer and SIGALRM's handler must survive the calls that change them */
		if (nr == SYS_rt_sigprocmask || nr == SYS_sigprocmask || nr == SYS_rt_sigaction ||
		    nr == SYS_setitimer || nr == SYS_alarm || nr == SYS_sigaltstack)
			arm();
		if (r == -1 && errno == ENOSYS)
			shared[1]++;
		if (r == -1 && errno == EINTR)
			shared[2]++;
	}
	_exit(0);
}

static pid_t fuzzer;
static char dir[64];

static void cleanup(void)
{
	msgctl(msq, IPC_RMID, NULL);
	semctl(sem, 0, IPC_RMID);
	if (chdir("/tmp") == 0) {
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf %s 2>/dev/null", dir);
		if (system(cmd) != 0)
			rmdir(dir);
	}
}

/* killed from outside (timeout's SIGTERM, ^C): leave no IPC objects behind */
static void on_term(int sig)
{
	if (fuzzer > 0) {
		kill(fuzzer, SIGKILL);
		waitpid(fuzzer, NULL, 0);
	}
	cleanup();
	signal(sig, SIG_DFL);
	raise(sig);
}

int main(int argc, char **argv)
{
	unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 0) : 200000;
	unsigned int seed = argc > 2 ? (unsigned int)strtoul(argv[2], NULL, 0) : (unsigned int)time(NULL);
	int children = 0, killed = 0, stuck = 0, hangs = 0, st = 0;
	struct timespec t0, t1;

	snprintf(dir, sizeof(dir), "/tmp/syscall_fuzz_%d", (int)getpid());
	mkdir(dir, 0777);
	chmod(dir, 0777);
	if (chdir(dir))
		return 2;
	scratch = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	memset(scratch, 'x', 4096);
	msq = msgget(IPC_PRIVATE, 0666);
	sem = semget(IPC_PRIVATE, 1, 0666);
	signal(SIGTERM, on_term);
	signal(SIGINT, on_term);
	signal(SIGHUP, on_term);
	mkfifo("fifo", 0666);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (shared[0] < n) {
		unsigned long before;
		pid_t pid;

		rng = seed + children * 7919u;
		children++;
		pid = fork();
		if (pid == 0) {
			signal(SIGTERM, SIG_DFL);
			signal(SIGINT, SIG_DFL);
			signal(SIGHUP, SIG_DFL);
			fuzz_child(n);
		}
		fuzzer = pid;
		if (pid < 0)
			break;
		/*
		 * A child stuck for 3 s (a call that blocks with no timeout on
		 * something only it could have woken, say) is killed and counted;
		 * one SIGKILL cannot end within 5 s more is a hang: a kernel bug.
		 */
		for (;;) {
			int i;

			before = shared[0];
			for (i = 0; i < 30 && waitpid(pid, &st, WNOHANG) == 0; i++)
				usleep(100000);
			if (i < 30)
				break;
			if (shared[0] == before) {
				stuck++;
				kill(pid, SIGKILL);
				for (i = 0; i < 50 && waitpid(pid, &st, WNOHANG) == 0; i++)
					usleep(100000);
				if (i == 50) {
					hangs++;
					goto out;
				}
				break;
			}
		}
		if (WIFSIGNALED(st))
			killed++;
	}
out:
	clock_gettime(CLOCK_MONOTONIC, &t1);
	cleanup();
	printf("syscall_fuzz: %lu calls (seed %u) in %.1f s, %lu ENOSYS, %lu EINTR; "
	       "%d children, %d ended by a signal (%d of them stuck 3 s and killed), "
	       "%d unkillable\n", shared[0], seed,
	       (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9, shared[1], shared[2],
	       children, killed, stuck, hangs);
	return shared[0] >= n && !hangs ? 0 : 1;
}
