/*
 * tests/fuzz/fuzz.c - the in-tree system-call fuzzer, in the manner of Linux's
 * trinity: random calls from a weighted table of every number the kernel
 * implements (build/tests/fuzz/table.h, made by tests/fuzz/mktable.py), with
 * arguments made by typed generators: fds that exist, were closed, are pipes,
 * FIFOs, files, directories, the tty, sockets, eventfds...; pointers that are
 * NULL, in the kernel half, across a page edge into a hole, in a read-only
 * page, wrapping past 4 GiB; sizes at 0, 1, a page, the limits, huge.
 *
 * Plain C against glibc, static i386: it runs on the Linux host too (as root,
 * its children as nobody). Usage and output: README.md "Fuzzer", or -h.
 *
 * Each child runs in a fresh process group, as nobody, in a scratch
 * directory, with a 1 ms ITIMER_REAL (SIGALRM without SA_RESTART) to break
 * every blocking call; a watchdog in the parent kills a child (its whole
 * group) that makes no progress. What is kept from the children, so that a
 * random call cannot end or escape the harness (the rest is left to them):
 *  - reboot, sigreturn, rt_sigreturn, restart_syscall: never called (mktable.py)
 *  - kill/tkill/tgkill/rt_*sigqueueinfo/setpriority/prlimit64: pids come from
 *    a list (self, own group, parent, init, ones that cannot exist), never -1
 *    or a random pid, so no other process on the host is hit
 *  - fork/vfork/clone: made from assembly, and the new process exits at once
 *    (no CLONE_VM/THREAD/SIGHAND/VFORK/PARENT/SETTLS), so no stray process
 *  - munmap/mprotect/madvise/mremap/brk/shmat/MAP_FIXED: ranges that overlap
 *    the program, its brk (glibc's TLS), its stack or the shared report page
 *    are moved into the child's arena
 *  - socket domains: AF_UNIX or ones that do not exist, so nothing leaves
 *    the machine; IPC keys from a small set; mq names /fuzz0-3; paths in the
 *    scratch directory or read-only to nobody: all removed at the end
 *  - the tty is opened read-only and ioctls that would change it are skipped:
 *    it is the console the run is reported on
 *  - after a call that changes SIGALRM, the timer or the signal mask, the
 *    child puts back its handler, its timer and an unblocked SIGALRM
 *  - RLIMIT_FSIZE (8 MiB) and RLIMIT_AS (64 MiB) bound what one child takes
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ipc.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum arg_kind {
	A_ANY, A_ZERO, A_FD, A_DIRFD, A_PATH, A_BUF, A_LEN, A_OFF, A_WHENCE, A_OFLAGS,
	A_MODE, A_FLAGS, A_IOV, A_IOVCNT, A_CMD, A_FCNTL, A_ARG, A_IOCTL, A_NFDS, A_TIME,
	A_MSEC, A_CLOCK, A_ADDR, A_PROT, A_MFLAGS, A_CLONE, A_ARGV, A_PID, A_SIG, A_UID,
	A_RLIMIT, A_WHICH, A_TIMERID, A_KEY, A_IPCFLG, A_IPCID, A_IPCCMD, A_MQNAME,
	A_DOMAIN, A_STYPE, A_SOCKADDR, A_SOCKLEN, A_MSGHDR, A_SOCKCALL,
};

struct fuzz_call {
	int nr;
	const char *name;
	int weight;
	int nargs;
	unsigned char kind[6];
};

#include "table.h"

#define NCALLS		(int)(sizeof(fuzz_table) / sizeof(fuzz_table[0]))
#define PG		4096u
#define NOBODY		65534
#define MAXCHILD	16
#define RING		8		/* last calls kept per child */
#define ARENA_PAGES	10		/* 0-7 read-write, 8 a hole, 9 read-only */
#define PLAY_PAGES	16		/* what the memory calls work on */
#define IPC_KEY0	0x46555a00	/* "FUZ": the keys children may use */
#define GUARD_WORDS	1024		/* a page of the shared area no one writes */
#define GUARD(i)	(0x5a5a0000u | (i))

/* --- what the children share with the parent (one MAP_SHARED page) --- */

struct call_rec {
	unsigned long ticket;
	int nr;
	long ret;
	unsigned long a[6];
};

struct slot {
	volatile pid_t pid;
	volatile unsigned long calls;	/* made by this child: its progress */
	volatile unsigned long head;	/* ring position */
	struct call_rec ring[RING];
};

struct shared {
	volatile unsigned long issued;	/* tickets handed out, all children */
	volatile unsigned long errors, eintr, filtered;
	struct slot slot[MAXCHILD];
	unsigned long guard[GUARD_WORDS];	/* no one writes here: the parent checks it */
};

struct fuzz_opts {
	unsigned long calls;
	unsigned long seed;
	int children;
	int watchdog_s;		/* seconds without progress: the child is hung */
	int quiet;
	int verbose;
	unsigned long per_child;	/* calls before a child is replaced */
};

struct fuzz_result {
	unsigned long calls, errors, eintr, filtered;
	unsigned long started, finished, crashed, exited, hung, masked, stopped, orphans;
	unsigned long by_signal[65];
	unsigned long reports;
	unsigned long corrupted;	/* the parent's pids found changed in the shared page */
	long free_before, free_after;
	double seconds;
	int harness_error;
};

static struct shared *sh;

/*
 * The shared area sits between two PROT_NONE zones. Without them it was
 * the mapping right above the child's arena, and a call given an array
 * that starts in the arena's read-only page wrote into it as Linux would
 * (poll's revents: a pollfd at the page's last byte has its revents in the
 * next page), changing a child's pid there: the parent then missed that
 * child's death and called it hung (tests/user/fuzz_shared_page_poll.c).
 * 64 pages is more than any array a call writes (4096 pollfds: 32 KiB).
 */
#define SH_GUARD	(64 * PG)
#define SH_LEN		((sizeof(struct shared) + PG - 1) & ~(size_t)(PG - 1))

static struct shared *map_shared(void)
{
	char *r = mmap(NULL, SH_LEN + 2 * SH_GUARD, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	void *p;
	if (r == MAP_FAILED)
		return NULL;
	p = mmap(r + SH_GUARD, SH_LEN, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED,
		 -1, 0);
	if (p == MAP_FAILED) {
		munmap(r, SH_LEN + 2 * SH_GUARD);
		return NULL;
	}
	return p;
}

static void unmap_shared(struct shared *s)
{
	munmap((char *)s - SH_GUARD, SH_LEN + 2 * SH_GUARD);
}
static char scratch[64];
static struct fuzz_opts opt;

/* --- the child's random numbers: xorshift, seeded per child --- */

static uint64_t rs;

static uint32_t rnd(void)
{
	rs ^= rs << 13;
	rs ^= rs >> 7;
	rs ^= rs << 17;
	return (uint32_t)(rs >> 11);
}

static uint32_t rn(uint32_t n) { return n ? rnd() % n : 0; }
static int one_in(uint32_t n) { return rn(n) == 0; }

/* --- the child's world, set up once per child --- */

static unsigned char *arena;	/* ARENA_PAGES pages: the generators write here */
static unsigned char *play;	/* PLAY_PAGES pages: munmap, mprotect... act here */
static int fds[40], nfds;	/* fds the harness opened for this child */
static int recent_fd[8];	/* fds the calls returned */
static int closed_fd;		/* an fd number known to be closed */
static int tty_fd = -1;
static int ipc_ids[12], nipc;
static long timer_ids[4];
static pid_t self_pid, parent_pid, last_fork;
static uintptr_t prot_lo[5], prot_hi[5];	/* the harness's own ranges */
static uintptr_t initial_brk;
static struct slot *me;

extern char __executable_start, _end;

static char name255[256], name256[257], path4096[4097], path4095[4096];

static const char *const paths[] = {
	"file", "dir", "dir/sub", "fifo", "link", "dangling", "dir/file2", "new0", "new1",
	"new2", "sock0", ".", "dir/..", "", "/", "/dev/null", "/dev/zero", "/proc/self/status",
	"/proc/self/maps", "/proc/meminfo", "/etc/passwd", "/nonexistent/x", "file/x", "dir/sub/",
};

/* the system call takes the name without glibc's leading '/': every name
 * here that can be made is removed at the end (remove_ipc) */
static const char *const mq_names[] = {
	"fuzz0", "fuzz1", "fuzz2", "fuzz3", "/fuzz0", "", "/", "a/b", ".", "..",
};
#define N_MQ_NAMES (int)(sizeof(mq_names) / sizeof(mq_names[0]))

static void alarm_handler(int sig) { (void)sig; }

/* signals that would end the child for nothing: caught or ignored */
static void harness_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = alarm_handler;		/* no SA_RESTART: calls see EINTR */
	for (int s = 1; s < 65; s++) {
		if (s == SIGKILL || s == SIGSTOP || s == SIGSEGV || s == SIGBUS || s == SIGILL ||
		    s == SIGFPE || s == SIGABRT || s == SIGTRAP || s == SIGSYS || s == 32 || s == 33)
			continue;
		sa.sa_handler = (s == SIGPIPE || s == SIGXFSZ || s == SIGTTIN || s == SIGTTOU ||
				 s == SIGTSTP || s == SIGVTALRM || s == SIGPROF || s == SIGXCPU) ?
				SIG_IGN : alarm_handler;
		sigaction(s, &sa, NULL);
	}
}

static void harness_timer(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = alarm_handler;
	sigaction(SIGALRM, &sa, NULL);
	sigset_t m;
	sigemptyset(&m);
	sigaddset(&m, SIGALRM);
	sigprocmask(SIG_UNBLOCK, &m, NULL);
	struct itimerval it = { { 0, 1000 }, { 0, 1000 } };
	setitimer(ITIMER_REAL, &it, NULL);
}

static void add_fd(int fd)
{
	if (fd >= 0 && nfds < (int)(sizeof(fds) / sizeof(fds[0])))
		fds[nfds++] = fd;
}

static void child_setup(int idx, unsigned long gen)
{
	rs = (opt.seed + 1) * 0x9E3779B97F4A7C15ull ^ ((uint64_t)idx << 32) ^ (gen * 0x2545F4914F6CDD1Dull);
	if (!rs)
		rs = 1;
	self_pid = getpid();
	parent_pid = getppid();
	me = &sh->slot[idx];
	setpgid(0, 0);
	memset(scratch, 0, sizeof(scratch));	/* no path of the parent's to write into */
	int nul = open("/dev/null", O_RDWR);
	for (int i = 0; i < 3; i++)
		dup2(nul, i);
	if (nul > 2)
		close(nul);

	struct rlimit fs = { 8 << 20, 8 << 20 }, as = { 64 << 20, 64 << 20 };
	setrlimit(RLIMIT_FSIZE, &fs);
	setrlimit(RLIMIT_AS, &as);
	struct rlimit core = { 0, 0 };
	setrlimit(RLIMIT_CORE, &core);

	arena = mmap(NULL, ARENA_PAGES * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (arena == MAP_FAILED)
		_exit(100);
	for (unsigned i = 0; i < ARENA_PAGES * PG / 4; i++)
		((uint32_t *)arena)[i] = rnd();
	munmap(arena + 8 * PG, PG);
	play = mmap(NULL, PLAY_PAGES * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (play == MAP_FAILED)
		_exit(100);
	mprotect(arena + 9 * PG, PG, PROT_READ);

	/* the fds every child starts with */
	nfds = 0;
	int p[2], sv[2];
	add_fd(open("file", O_RDWR | O_CREAT, 0644));
	add_fd(open("dir", O_RDONLY | O_DIRECTORY));
	add_fd(open("dir/sub", O_RDONLY | O_DIRECTORY));
	add_fd(open("fifo", O_RDWR | O_NONBLOCK));
	add_fd(open("/dev/null", O_RDWR));
	add_fd(open("/dev/zero", O_RDONLY));
	add_fd(open("/proc/self/status", O_RDONLY));
	if (pipe(p) == 0) { add_fd(p[0]); add_fd(p[1]); }
	if (pipe2(p, O_NONBLOCK) == 0) { add_fd(p[0]); add_fd(p[1]); }
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0) { add_fd(sv[0]); add_fd(sv[1]); }
	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0) { add_fd(sv[0]); add_fd(sv[1]); }
	add_fd(socket(AF_UNIX, SOCK_SEQPACKET, 0));
	add_fd(eventfd(0, 0));
	add_fd(epoll_create1(0));
	add_fd(timerfd_create(CLOCK_MONOTONIC, 0));
	sigset_t ss;
	sigemptyset(&ss);
	sigaddset(&ss, SIGUSR1);
	add_fd(signalfd(-1, &ss, 0));
	add_fd(syscall(SYS_mq_open, "fuzz0", O_RDWR | O_CREAT | O_NONBLOCK, 0600, NULL));
	tty_fd = open("/dev/tty", O_RDONLY | O_NONBLOCK | O_NOCTTY);
	add_fd(tty_fd);
	closed_fd = open("/dev/null", O_RDONLY);
	close(closed_fd);
	memset(recent_fd, -1, sizeof(recent_fd));

	nipc = 0;
	int id;
	if ((id = semget(IPC_PRIVATE, 4, IPC_CREAT | 0600)) >= 0) ipc_ids[nipc++] = id;
	if ((id = msgget(IPC_PRIVATE, IPC_CREAT | 0600)) >= 0) ipc_ids[nipc++] = id;
	if ((id = shmget(IPC_PRIVATE, 2 * PG, IPC_CREAT | 0600)) >= 0) ipc_ids[nipc++] = id;
	if ((id = semget(IPC_KEY0, 2, IPC_CREAT | 0666)) >= 0) ipc_ids[nipc++] = id;
	if ((id = msgget(IPC_KEY0 + 1, IPC_CREAT | 0666)) >= 0) ipc_ids[nipc++] = id;
	for (int i = 0; i < 4; i++)
		timer_ids[i] = -1;
	timer_t t;
	if (timer_create(CLOCK_MONOTONIC, NULL, &t) == 0)
		timer_ids[0] = (long)t;

	initial_brk = (uintptr_t)sbrk(0);
	int here;
	prot_lo[0] = (uintptr_t)&__executable_start & ~(PG - 1);
	prot_hi[0] = initial_brk + 16 * PG;	/* text, data, bss, brk (TLS) */
	prot_lo[1] = ((uintptr_t)&here & ~(PG - 1)) - 256 * PG;
	prot_hi[1] = 0xc0000000u;		/* the stack */
	prot_lo[2] = (uintptr_t)sh - SH_GUARD;
	prot_hi[2] = (uintptr_t)sh + SH_LEN + SH_GUARD;
	prot_lo[3] = (uintptr_t)arena;
	prot_hi[3] = (uintptr_t)arena + ARENA_PAGES * PG;
	prot_lo[4] = prot_hi[4] = 0;

	/* long names, and a string that runs into the hole */
	memset(name255, 'a', 255);
	memset(name256, 'b', 256);
	for (int i = 0; i < 4096; i++)
		path4096[i] = (i % 2) ? '/' : 'd';
	memcpy(path4095, path4096, 4095);
	memcpy(arena + 8 * PG - 3, "abc", 3);

	harness_signals();
	harness_timer();
}

/* --- the generators --- */

static int in_arena(uintptr_t p, uintptr_t len)
{
	return p >= (uintptr_t)arena && p + len <= (uintptr_t)arena + 8 * PG && p + len >= p;
}

/* a pointer: mostly into the read-write arena, else every kind of bad one */
static unsigned long gen_ptr(void)
{
	uintptr_t a = (uintptr_t)arena;
	switch (rn(20)) {
	case 0: return 0;
	case 1: return 0xc0000000u + rn(0x40000000u);		/* kernel half */
	case 2: return 0xfffff000u + rn(PG);			/* wraps past 4 GiB */
	case 3: return a + 8 * PG - 1 - rn(16);			/* runs into the hole */
	case 4: return a + 9 * PG + rn(PG);			/* read-only page */
	case 5: return a + 8 * PG + rn(PG);			/* the hole itself */
	case 6: return rn(PG);					/* page 0 */
	case 7: return rnd();
	case 8: return a + 7 * PG + PG - 8 * (1 + rn(8));	/* near the edge, in bounds */
	default: return a + (rn(7 * PG) & ~(one_in(4) ? 0u : 3u));
	}
}

static unsigned long gen_len(void)
{
	static const unsigned long v[] = {
		0, 1, 2, 4, 8, 16, 64, PG - 1, PG, PG + 1, 2 * PG, 8 * PG, 0x7fffffffu,
		0x80000000u, 0xffffffffu, 0xfffffffeu, 1u << 20, 65536, 131072,
	};
	if (one_in(3))
		return rn(256);
	return v[rn(sizeof(v) / sizeof(v[0]))];
}

static int gen_fdnum(void)
{
	switch (rn(16)) {
	case 0: return closed_fd;
	case 1: return -1;
	case 2: { static const int v[] = { 0, 1, 2, 1023, 1024, 1 << 20, 0x7fffffff, -100 };
		return v[rn(8)]; }
	case 3: case 4: { int f = recent_fd[rn(8)]; if (f >= 0) return f; }
	/* fall through */
	default: return nfds ? fds[rn(nfds)] : 0;
	}
}

static unsigned long gen_flags(void)
{
	switch (rn(6)) {
	case 0: return 0;
	case 1: return 1u << rn(32);
	case 2: return rnd();
	case 3: return 0xffffffffu;
	default: return rn(16);
	}
}

static unsigned long gen_off(void)
{
	static const unsigned long v[] = { 0, 1, PG, 0xffffffffu, 0x80000000u, 0x7fffffffu,
					   8 << 20, (8 << 20) + 1 };
	return one_in(3) ? rn(2 * PG) : v[rn(8)];
}

/* the content of a structure: words that look like numbers, fds, pointers */
static unsigned long soup_word(void)
{
	switch (rn(8)) {
	case 0: return 0;
	case 1: return gen_fdnum();
	case 2: return gen_ptr();
	case 3: return gen_len();
	case 4: return rnd();
	default: return rn(16);
	}
}

static void fill_soup(unsigned long p, int words)
{
	if (!in_arena(p, words * 4))
		return;
	for (int i = 0; i < words; i++)
		((uint32_t *)p)[i] = soup_word();
}

/* a timespec/timeval, mostly short, sometimes bad */
static unsigned long gen_time(void)
{
	if (one_in(5))
		return gen_ptr();
	uint32_t *t = (uint32_t *)(arena + 16 * rn(64));
	switch (rn(6)) {
	case 0: t[0] = 0; t[1] = 0; break;
	case 1: t[0] = 0x7fffffff; t[1] = 0; break;		/* forever: the timer breaks it */
	case 2: t[0] = rnd(); t[1] = rnd(); break;
	case 3: t[0] = 0; t[1] = 1000000000u; break;		/* EINVAL */
	default: t[0] = 0; t[1] = rn(2000000); break;
	}
	t[2] = t[0]; t[3] = t[1];				/* it_interval, it_value too */
	return (unsigned long)t;
}

static unsigned long gen_iov(void)
{
	if (one_in(6))
		return gen_ptr();
	uint32_t *v = (uint32_t *)(arena + 8 * rn(256));
	for (int i = 0; i < 8 && in_arena((uintptr_t)(v + 2 * i), 8); i++) {
		v[2 * i] = gen_ptr();
		v[2 * i + 1] = one_in(2) ? rn(PG) : gen_len();
	}
	return (unsigned long)v;
}

static unsigned long gen_path(void)
{
	switch (rn(24)) {
	case 0: return (unsigned long)name255;
	case 1: return (unsigned long)name256;
	case 2: return (unsigned long)path4095;
	case 3: return (unsigned long)path4096;
	case 4: return (unsigned long)(arena + 8 * PG - 3);	/* no NUL before the hole */
	case 5: return gen_ptr();
	default: return (unsigned long)paths[rn(sizeof(paths) / sizeof(paths[0]))];
	}
}

static unsigned long gen_sockaddr(void)
{
	if (one_in(5))
		return gen_ptr();
	struct sockaddr_un *su = (struct sockaddr_un *)(arena + 4 * PG + 128 * rn(8));
	su->sun_family = one_in(6) ? rn(64) : AF_UNIX;
	switch (rn(3)) {
	case 0: snprintf(su->sun_path, sizeof(su->sun_path), "sock%u", rn(3)); break;
	case 1: su->sun_path[0] = 0; snprintf(su->sun_path + 1, 20, "fz%u", rn(3)); break;
	default: memset(su->sun_path, 'x', sizeof(su->sun_path)); break;
	}
	return (unsigned long)su;
}

static unsigned long gen_msghdr(void)
{
	if (one_in(6))
		return gen_ptr();
	struct msghdr *m = (struct msghdr *)(arena + 5 * PG + 64 * rn(16));
	m->msg_name = one_in(2) ? NULL : (void *)gen_sockaddr();
	m->msg_namelen = rn(120);
	m->msg_iov = (struct iovec *)gen_iov();
	m->msg_iovlen = rn(4);
	if (one_in(2)) {
		uint32_t *c = (uint32_t *)(arena + 6 * PG + 64 * rn(16));
		int n = 1 + rn(3);
		c[0] = 12 + 4 * n;		/* cmsg_len */
		c[1] = one_in(8) ? rnd() : SOL_SOCKET;
		c[2] = one_in(6) ? rn(4) : SCM_RIGHTS;
		for (int i = 0; i < n; i++)
			c[3 + i] = gen_fdnum();
		m->msg_control = c;
		m->msg_controllen = one_in(5) ? gen_len() : c[0];
	} else {
		m->msg_control = NULL;
		m->msg_controllen = 0;
	}
	m->msg_flags = 0;
	return (unsigned long)m;
}

static unsigned long gen_pid(void)
{
	switch (rn(10)) {
	case 0: return 0;
	case 1: return -1;		/* kill-like calls turn it into 0 */
	case 2: return parent_pid;
	case 3: return 1;
	case 4: return (1u << 22) + rn(1000);	/* past pid_max: never a process */
	case 5: return -(long)getpgrp();
	case 6: return last_fork ? last_fork : self_pid;
	case 7: return 0x80000000u;
	default: return self_pid;
	}
}

static unsigned long gen_ioctl(void)
{
	static const unsigned long v[] = {
		0x5401, 0x5402, 0x5403, 0x5404, 0x5405, 0x5406, 0x540f, 0x5410, 0x5413, 0x5414,
		0x541b, 0x5421, 0x5450, 0x5451, 0x5452, 0x540e, 0x5422, 0x5412, 0x5409,
		0x80045430, 0x40045431, 0x5429, 0x5425, 0x540b, 0x540a, 0x541c, 0x5437,
	};
	return one_in(6) ? rnd() : v[rn(sizeof(v) / sizeof(v[0]))];
}

static unsigned long gen_arg(int k)
{
	static const unsigned long fcntls[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
		1024, 1025, 1026, 1030, 1031, 1032, 1033, 1034, 36, 37, 38, 15, 16 };
	static const unsigned long cmds[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
		16, 17, 18, 19, 20, 21, 22, 23, 24, 128, 129, 0x100, 0x102, 0xffffffffu };
	static const unsigned long modes[] = { 0, 0644, 0777, 07777, 0600, S_IFIFO | 0600,
		S_IFREG | 0644, S_IFCHR | 0600, S_IFBLK | 0600, S_IFSOCK | 0600, S_IFDIR | 0755, 0xffffffffu };
	switch (k) {
	case A_ZERO: return one_in(16) ? rnd() : 0;
	case A_FD: return gen_fdnum();
	case A_DIRFD: return one_in(2) ? (unsigned long)AT_FDCWD : (unsigned long)gen_fdnum();
	case A_PATH: return gen_path();
	case A_BUF: { unsigned long p = gen_ptr(); if (one_in(3)) fill_soup(p, 16); return p; }
	case A_LEN: case A_SOCKLEN: return (k == A_SOCKLEN && one_in(2)) ? 110 - rn(4) : gen_len();
	case A_OFF: return gen_off();
	case A_WHENCE: return one_in(8) ? rnd() : rn(6);
	case A_OFLAGS: {
		unsigned long f = rn(3);
		static const unsigned long bits[] = { O_CREAT, O_EXCL, O_TRUNC, O_APPEND, O_NONBLOCK,
			O_DIRECTORY, O_NOFOLLOW, O_CLOEXEC, O_NOCTTY, O_SYNC, O_PATH, O_LARGEFILE, O_NOATIME };
		for (int i = rn(4); i > 0; i--)
			f |= bits[rn(13)];
		return one_in(12) ? rnd() : f;
	}
	case A_MODE: return one_in(5) ? rnd() : modes[rn(12)];
	case A_FLAGS: return gen_flags();
	case A_IOV: return gen_iov();
	case A_IOVCNT: { static const unsigned long v[] = { 0, 1, 2, 3, 8, 1024, 1025, 0xffffffffu };
		return v[rn(8)]; }
	case A_CMD: return one_in(8) ? rnd() : cmds[rn(sizeof(cmds) / sizeof(cmds[0]))];
	case A_FCNTL: return one_in(10) ? rnd() : fcntls[rn(sizeof(fcntls) / sizeof(fcntls[0]))];
	case A_ARG: { unsigned long p = gen_ptr(); if (one_in(2)) { fill_soup(p, 8); return p; }
		return one_in(2) ? (unsigned long)gen_fdnum() : gen_flags(); }
	case A_IOCTL: return gen_ioctl();
	case A_NFDS: { static const unsigned long v[] = { 0, 1, 8, 32, 64, 1024, 1025, 0xffffffffu };
		return v[rn(8)]; }
	case A_TIME: return one_in(8) ? 0 : gen_time();
	case A_MSEC: { static const unsigned long v[] = { 0, 1, 10, 0xffffffffu }; return v[rn(4)]; }
	case A_CLOCK: return one_in(6) ? rnd() : (unsigned long)(rn(14) - 1);
	case A_ADDR:
		switch (rn(12)) {
		case 0: return 0;
		case 1: return gen_ptr();
		case 2: return (unsigned long)arena + rn(10) * PG;
		case 3: return (unsigned long)play + rn(PLAY_PAGES) * PG + rn(PG);
		default: return (unsigned long)play + rn(PLAY_PAGES) * PG;
		}
	case A_PROT: return one_in(8) ? rnd() : rn(8);
	case A_MFLAGS: {
		static const unsigned long v[] = { MAP_PRIVATE | MAP_ANONYMOUS, MAP_SHARED | MAP_ANONYMOUS,
			MAP_PRIVATE, MAP_SHARED, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
			MAP_SHARED | MAP_FIXED, MAP_PRIVATE | MAP_GROWSDOWN | MAP_ANONYMOUS,
			MAP_PRIVATE | MAP_POPULATE | MAP_ANONYMOUS, MAP_PRIVATE | MAP_LOCKED | MAP_ANONYMOUS };
		return one_in(8) ? rnd() : v[rn(9)];
	}
	case A_CLONE: return rnd();
	case A_ARGV: {
		if (one_in(4))
			return gen_ptr();
		uint32_t *v = (uint32_t *)(arena + 3 * PG + 64 * rn(32));
		int n = rn(4);
		for (int i = 0; i < n; i++)
			v[i] = one_in(4) ? gen_ptr() : gen_path();
		v[n] = 0;
		return (unsigned long)v;
	}
	case A_PID: return gen_pid();
	case A_SIG: { static const unsigned long v[] = { 0, SIGUSR1, SIGUSR2, SIGCHLD, SIGALRM, SIGCONT,
		SIGWINCH, 64, 65, 0xffffffffu, SIGKILL, SIGSEGV, SIGSTOP, SIGHUP, SIGTERM, 34, SIGIO };
		return v[rn(sizeof(v) / sizeof(v[0]))]; }
	case A_UID: { static const unsigned long v[] = { 0, NOBODY, 0xffffffffu, 1000, 65535, 0xfffe };
		return one_in(6) ? rnd() : v[rn(6)]; }
	case A_RLIMIT: return one_in(8) ? rnd() : rn(17);
	case A_WHICH: return one_in(8) ? rnd() : rn(5) - (one_in(8) ? 1 : 0);
	case A_TIMERID: { long t = timer_ids[rn(4)]; return t >= 0 && !one_in(4) ? (unsigned long)t :
		(one_in(2) ? rn(8) : rnd()); }
	case A_KEY: return one_in(2) ? IPC_PRIVATE : IPC_KEY0 + rn(4);
	case A_IPCFLG: { static const unsigned long v[] = { IPC_CREAT | 0600, IPC_CREAT | IPC_EXCL | 0666,
		0, 0400, IPC_CREAT | 0, 0xffffffffu }; return v[rn(6)]; }
	case A_IPCID: return nipc && !one_in(5) ? (unsigned long)ipc_ids[rn(nipc)] : soup_word();
	case A_IPCCMD: { static const unsigned long v[] = { IPC_RMID, IPC_SET, IPC_STAT, IPC_INFO,
		11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 0x102, 0x101, 0x10c, 0x10d };
		return one_in(8) ? rnd() : v[rn(sizeof(v) / sizeof(v[0]))]; }
	case A_MQNAME:
		switch (rn(8)) {
		case 0: return gen_ptr();
		case 1: return (unsigned long)(one_in(2) ? name255 : name256);
		default: return (unsigned long)mq_names[rn(N_MQ_NAMES)];
		}
	case A_DOMAIN: { static const unsigned long v[] = { AF_UNIX, AF_UNIX, AF_UNIX, 0, 46, 255,
		0xffffffffu }; return v[rn(7)]; }
	case A_STYPE: { static const unsigned long v[] = { SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET,
		SOCK_RAW, SOCK_STREAM | SOCK_NONBLOCK, SOCK_DGRAM | SOCK_CLOEXEC, 0, 11 };
		return one_in(8) ? rnd() : v[rn(8)]; }
	case A_SOCKADDR: return gen_sockaddr();
	case A_MSGHDR: return gen_msghdr();
	case A_SOCKCALL: return one_in(10) ? rnd() : 1 + rn(20);
	default: return soup_word();
	}
}

/* --- keeping the harness alive (see the list at the top) --- */

static int overlaps_harness(uintptr_t a, uintptr_t len)
{
	uint64_t lo = a, hi = (uint64_t)a + (len ? len : 1);
	for (int i = 0; i < 4; i++)
		if (lo < prot_hi[i] && hi > prot_lo[i])
			return 1;
	return 0;
}

/* a range that would hit the harness goes to the play area instead */
static void to_play(unsigned long *addr, unsigned long *len)
{
	unsigned k = rn(PLAY_PAGES);
	*addr = (unsigned long)play + k * PG;
	if (*len > (PLAY_PAGES - k) * PG)
		*len = (PLAY_PAGES - k) * PG;
}

static int is_tty(int fd)
{
	struct stat st;
	return fd == tty_fd || (fstat(fd, &st) == 0 && S_ISCHR(st.st_mode) &&
				(major(st.st_rdev) == 4 || major(st.st_rdev) == 5));
}

static int tty_changing(unsigned long req)
{
	switch (req) {
	case 0x5402: case 0x5403: case 0x5404: case 0x5406: case 0x5407: case 0x5408:
	case 0x5409: case 0x540a: case 0x540b: case 0x540e: case 0x5410: case 0x5412:
	case 0x5414: case 0x5418: case 0x541d: case 0x5422: case 0x5423: case 0x5424:
	case 0x5425: case 0x5427: case 0x5428: case 0x5437: case 0x5457:
		return 1;
	}
	return (req & 0xff00) == 0x4b00 || (req & 0xff00) == 0x5600;	/* KD*, VT* */
}

static void clear_alarm_bit(unsigned long p)
{
	if (in_arena(p, 4))
		*(uint32_t *)p &= ~(1u << (SIGALRM - 1));
}

/* 0: make the call as it is; 1: skip it (counted as filtered) */
static int sandbox(int nr, unsigned long *a)
{
	switch (nr) {
	case SYS_kill: case SYS_rt_sigqueueinfo:
		if ((long)a[0] == -1)
			a[0] = 0;
		break;
	case SYS_tkill: case SYS_tgkill: case SYS_rt_tgsigqueueinfo:
		if ((long)a[0] == -1) a[0] = self_pid;
		if ((long)a[1] == -1) a[1] = self_pid;
		break;
	case SYS_setpriority:
		if (a[0] != PRIO_PROCESS)	/* PRIO_USER would renice every nobody process */
			a[1] = 0;
		break;
	case SYS_munmap: case SYS_mprotect: case SYS_madvise: case SYS_mlock: case SYS_munlock:
#ifdef SYS_mlock2
	case SYS_mlock2:
#endif
		if (overlaps_harness(a[0], a[1]))
			to_play(&a[0], &a[1]);
		break;
	case SYS_mremap:
		if (overlaps_harness(a[0], a[1]))
			to_play(&a[0], &a[1]);
		if ((a[3] & MREMAP_FIXED) && overlaps_harness(a[4], a[2]))
			to_play(&a[4], &a[2]);
		break;
	case SYS_mmap2:
		if ((a[3] & MAP_FIXED) && overlaps_harness(a[0], a[1]))
			to_play(&a[0], &a[1]);
		break;
	case SYS_mmap:		/* the old call reads its arguments from memory */
		if (in_arena(a[0], 24)) {
			uint32_t *m = (uint32_t *)a[0];
			unsigned long ad = m[0], len = m[1];
			if ((m[3] & MAP_FIXED) && overlaps_harness(ad, len)) {
				to_play(&ad, &len);
				m[0] = ad;
				m[1] = len;
			}
		}
		break;
	case SYS_shmat: {
		unsigned long len = 1 << 20;
		if (a[1] && overlaps_harness(a[1], len))
			to_play(&a[1], &len);
		break;
	}
	case SYS_shmdt: {
		unsigned long len = 1;
		if (overlaps_harness(a[0], len))
			to_play(&a[0], &len);
		break;
	}
	case SYS_brk:
		if (a[0] > (uintptr_t)&_end && a[0] < initial_brk + 16 * PG)
			a[0] = initial_brk + 16 * PG;
		break;
	case SYS_futex:
#ifdef SYS_futex_time64
	case SYS_futex_time64:
#endif
		/* Linux restarts an interrupted FUTEX_LOCK_PI (and waits for the PI
		 * requeue the same way): the timer cannot break it, so its absolute
		 * timeout is one that has passed */
		if ((a[1] & 0x7f) == 6 || (a[1] & 0x7f) == 11 || (a[1] & 0x7f) == 13) {
			uint32_t *t = (uint32_t *)(arena + 16 * rn(64));
			t[0] = t[1] = t[2] = t[3] = 0;
			a[3] = (unsigned long)t;
		}
		break;
	case SYS_ioctl:
		if (tty_changing(a[1]) && is_tty(a[0]))
			return 1;
		break;
	case SYS_sigsuspend:	/* i386's old call: the mask is the third */
		a[2] &= ~(1ul << (SIGALRM - 1));
		break;
	case SYS_rt_sigsuspend:
		clear_alarm_bit(a[0]);
		break;
	case SYS_ppoll: case SYS_epoll_pwait:
#ifdef SYS_ppoll_time64
	case SYS_ppoll_time64:
#endif
		clear_alarm_bit(a[3]);
		if (nr == SYS_epoll_pwait)
			clear_alarm_bit(a[4]);
		break;
	case SYS_socketcall: {
		/* its arguments, from memory: built with the typed generators */
		uint32_t *v = (uint32_t *)(arena + 2 * PG + 32 * rn(16));
		int c = (int)a[0];
		for (int i = 0; i < 6; i++)
			v[i] = gen_arg(i == 0 ? A_FD : i == 1 ? A_SOCKADDR : i == 2 ? A_SOCKLEN : A_BUF);
		if (c == 1 || c == 8) {		/* SOCKET, SOCKETPAIR */
			v[0] = gen_arg(A_DOMAIN);
			v[1] = gen_arg(A_STYPE);
			v[2] = rn(3);
		} else if (c == 16 || c == 17) {	/* SENDMSG, RECVMSG */
			v[1] = gen_msghdr();
		}
		if (!one_in(8))
			a[1] = (unsigned long)v;
		break;
	}
	}
	return 0;
}

/* fork/vfork/clone from assembly: the new process exits before it returns
 * into C, so it never runs on the shared stack of a vfork or a clone */
static long forkish(int nr, unsigned long flags)
{
	long r;
	__asm__ volatile(
		"int $0x80\n\t"
		"test %%eax, %%eax\n\t"
		"jnz 1f\n\t"
		"mov $1, %%eax\n\t"
		"xor %%ebx, %%ebx\n\t"
		"int $0x80\n\t"
		"1:"
		: "=a"(r)
		: "0"(nr), "b"(flags), "c"(0), "d"(0), "S"(0), "D"(0)
		: "memory");
	return r;
}

static const struct fuzz_call *pick(void)
{
	static int total;
	if (!total)
		for (int i = 0; i < NCALLS; i++)
			total += fuzz_table[i].weight;
	int w = rn(total);
	for (int i = 0; i < NCALLS; i++) {
		w -= fuzz_table[i].weight;
		if (w < 0)
			return &fuzz_table[i];
	}
	return &fuzz_table[0];
}

static void child_main(int idx, unsigned long gen)
{
	if (getuid() == 0) {	/* first: what the child makes is nobody's, and removed */
		setgroups(0, NULL);
		if (setresgid(NOBODY, NOBODY, NOBODY) || setresuid(NOBODY, NOBODY, NOBODY))
			_exit(101);
	}
	child_setup(idx, gen);
	for (unsigned long n = 0; n < opt.per_child; n++) {
		unsigned long ticket = __sync_fetch_and_add(&sh->issued, 1);
		if (ticket >= opt.calls)
			_exit(0);
		const struct fuzz_call *c = pick();
		unsigned long a[6] = { 0 };
		for (int i = 0; i < 6; i++)
			a[i] = i < c->nargs ? gen_arg(c->kind[i]) : soup_word();
		if (one_in(512))	/* now and then, fresh garbage in a page */
			for (unsigned i = 0; i < PG / 4; i++)
				((uint32_t *)(arena + rn(8) * PG))[i] = rnd();
		struct call_rec *r = &me->ring[me->head % RING];
		r->ticket = ticket;
		r->nr = c->nr;
		r->ret = -4096;
		memcpy(r->a, a, sizeof(a));
		me->head++;
		if (sandbox(c->nr, a)) {
			__sync_fetch_and_add(&sh->filtered, 1);
			me->calls++;
			continue;
		}
		memcpy(r->a, a, sizeof(a));
		long ret;
		if (c->nr == SYS_fork || c->nr == SYS_vfork)
			ret = forkish(c->nr, 0);
		else if (c->nr == SYS_clone)
			ret = forkish(c->nr, (a[0] & ~(unsigned long)(CLONE_VM | CLONE_THREAD | CLONE_SIGHAND |
				CLONE_VFORK | CLONE_PARENT | CLONE_SETTLS | CLONE_CHILD_SETTID |
				CLONE_CHILD_CLEARTID | CLONE_PARENT_SETTID | 0x1000 /* CLONE_PIDFD */)));
		else
		{
			ret = syscall(c->nr, a[0], a[1], a[2], a[3], a[4], a[5]);
			if (ret == -1)
				ret = -errno;
		}
		r->ret = ret;
		if (ret < 0) {
			__sync_fetch_and_add(&sh->errors, 1);
			if (ret == -EINTR)
				__sync_fetch_and_add(&sh->eintr, 1);
		}
		if (c->nr == SYS_fork || c->nr == SYS_vfork || c->nr == SYS_clone) {
			if (ret > 0)
				last_fork = ret;
			while (waitpid(-1, NULL, WNOHANG | __WALL) > 0)
				;
		}
		switch (c->nr) {
		case SYS_rt_sigaction: case SYS_sigaction: case SYS_setitimer: case SYS_alarm:
		case SYS_sigprocmask: case SYS_rt_sigprocmask: case SYS_signal:
			harness_timer();
			break;
		case SYS_timer_create:
			if (ret == 0 && in_arena(a[2], 4))
				timer_ids[rn(4)] = *(int *)a[2];
			break;
		}
		me->calls++;
	}
	_exit(0);
}

/* --- the parent --- */

static long free_pages(void)
{
	FILE *f = fopen("/proc/meminfo", "r");
	char line[128];
	long kb = -1;
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "MemFree: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb < 0 ? -1 : kb / 4;
}

static const char *call_name(int nr)
{
	for (int i = 0; i < NCALLS; i++)
		if (fuzz_table[i].nr == nr)
			return fuzz_table[i].name;
	return "?";
}

static void print_ring(const char *who, struct slot *s)
{
	unsigned long h = s->head;
	printf("fuzz: last calls of %s (pid %d, %lu calls):\n", who, (int)s->pid, s->calls);
	for (unsigned long i = h > RING ? h - RING : 0; i < h; i++) {
		struct call_rec *r = &s->ring[i % RING];
		char ret[32];
		/* -4096 is the mark put before the call: it never returned */
		if (r->ret == -4096)
			snprintf(ret, sizeof(ret), "(no return)");
		else
			snprintf(ret, sizeof(ret), "%ld", r->ret);
		printf("fuzz:   #%lu %s(%d)(%#lx, %#lx, %#lx, %#lx, %#lx, %#lx) = %s\n", r->ticket,
		       call_name(r->nr), r->nr, r->a[0], r->a[1], r->a[2], r->a[3], r->a[4], r->a[5],
		       ret);
	}
}

/* a hung child as the kernel sees it: its State line, or gone */
static void print_state(pid_t pid)
{
	char path[64], line[128];
	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f) {
		printf("fuzz:   pid %d: no /proc entry (%s)\n", (int)pid, strerror(errno));
		return;
	}
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "State:", 6) || !strncmp(line, "PPid:", 5) ||
		    !strncmp(line, "SigPnd:", 7) || !strncmp(line, "ShdPnd:", 7) ||
		    !strncmp(line, "SigBlk:", 7))
			printf("fuzz:   pid %d %s", (int)pid, line);
	fclose(f);
}

/* new kernel reports in the log (the debug kernel's BUG: reports go on) */
static char klog_tail[80];
static int klog_ok = 1;

static int scan_klog(void)
{
	static char buf[1 << 17];
	if (!klog_ok)
		return 0;
	int n = klogctl(3, buf, sizeof(buf) - 1);	/* SYSLOG_ACTION_READ_ALL */
	if (n < 0) {
		klog_ok = 0;
		return 0;
	}
	buf[n] = 0;
	char *from = buf;
	if (klog_tail[0]) {
		char *t = NULL, *p = buf;
		while ((p = strstr(p, klog_tail)) != NULL)
			t = p++;
		if (t)
			from = t + strlen(klog_tail);
	}
	int found = 0;
	for (char *line = from; *line; ) {
		char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		if (memmem(line, len, "BUG: ", 5) || memmem(line, len, "WARNING:", 8) ||
		    memmem(line, len, "Oops", 4) || memmem(line, len, "general protection", 18)) {
			printf("fuzz: kernel report: %.*s\n", (int)len, line);
			found++;
		}
		if (!nl)
			break;
		line = nl + 1;
	}
	if (n > 0) {
		size_t k = n < 79 ? (size_t)n : 79;
		memcpy(klog_tail, buf + n - k, k);
		klog_tail[k] = 0;
	}
	return found;
}

static void remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) < 0)
		return;
	if (S_ISDIR(st.st_mode)) {
		chmod(path, 0700);
		DIR *d = opendir(path);
		if (d) {
			struct dirent *e;
			char sub[4200];
			while ((e = readdir(d)) != NULL) {
				if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
					continue;
				snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
				remove_tree(sub);
			}
			closedir(d);
		}
		rmdir(path);
	} else {
		unlink(path);
	}
}

/* what remove_tree could not remove, and who of nobody still runs */
static void show_left(const char *path, int depth)
{
	struct stat st;
	if (depth > 3)
		return;
	if (lstat(path, &st) < 0) {	/* EOVERFLOW: a file past 2 GiB, RLIMIT_FSIZE ignored */
		if (depth)
			printf("fuzz: left behind: %s: lstat: %s\n", path, strerror(errno));
		return;
	}
	printf("fuzz: left behind: %s mode %o nlink %d uid %d: %s\n", path, st.st_mode,
	       (int)st.st_nlink, (int)st.st_uid, strerror(errno));
	if (S_ISDIR(st.st_mode)) {
		DIR *d;
		struct dirent *e;
		char sub[4200], raw[8192];
		int fd = open(path, O_RDONLY | O_DIRECTORY);
		long n = fd < 0 ? -1 : syscall(SYS_getdents64, fd, raw, sizeof(raw));
		printf("fuzz:   getdents64: %ld (%s)\n", n, n < 0 ? strerror(errno) : "");
		for (long off = 0; n > 0 && off < n; ) {
			unsigned short reclen = *(unsigned short *)(raw + off + 16);
			const char *name = raw + off + 19;
			printf("fuzz:   entry: type %d, %zu bytes, \"%.40s\"\n", raw[off + 18],
			       strlen(name), name);
			if (!reclen)
				break;
			off += reclen;
		}
		if (fd >= 0)
			close(fd);
		d = opendir(path);
		if (!d)
			return;
		while ((e = readdir(d)) != NULL)
			if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
				snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
				show_left(sub, depth + 1);
			}
		closedir(d);
	}
	if (depth == 0) {
		DIR *d = opendir("/proc");
		struct dirent *e;
		while (d && (e = readdir(d)) != NULL) {
			char f[64], line[128];
			int pid = atoi(e->d_name);
			if (pid <= 0)
				continue;
			snprintf(f, sizeof(f), "/proc/%d/status", pid);
			FILE *fp = fopen(f, "r");
			while (fp && fgets(line, sizeof(line), fp))
				if (!strncmp(line, "Uid:", 4) && atoi(line + 5) == (int)NOBODY)
					printf("fuzz: still running as nobody: pid %d\n", pid);
			if (fp)
				fclose(fp);
		}
		if (d)
			closedir(d);
	}
}

/* the IPC objects and message queues the children made, as nobody */
static void remove_ipc(uid_t uid)
{
	struct msqid_ds mq;
	struct semid_ds sq;
	struct shmid_ds hq;
	struct msginfo mi;
	int max = msgctl(0, MSG_INFO, (struct msqid_ds *)&mi);
	for (int i = 0; i <= max && i < 32768; i++) {
		int id = msgctl(i, MSG_STAT, &mq);
		if (id >= 0 && mq.msg_perm.cuid == uid)
			msgctl(id, IPC_RMID, NULL);
	}
	struct seminfo si;
	union { int val; struct semid_ds *buf; struct seminfo *info; } arg;
	arg.info = &si;
	max = semctl(0, 0, SEM_INFO, arg);
	arg.buf = &sq;
	for (int i = 0; i <= max && i < 32768; i++) {
		int id = semctl(i, 0, SEM_STAT, arg);
		if (id >= 0 && sq.sem_perm.cuid == uid)
			semctl(id, 0, IPC_RMID);
	}
	struct shm_info hi;
	max = shmctl(0, SHM_INFO, (struct shmid_ds *)&hi);
	for (int i = 0; i <= max && i < 32768; i++) {
		int id = shmctl(i, SHM_STAT, &hq);
		if (id >= 0 && hq.shm_perm.cuid == uid)
			shmctl(id, IPC_RMID, NULL);
	}
	for (int i = 0; i < N_MQ_NAMES; i++)
		syscall(SYS_mq_unlink, mq_names[i]);
	char n255[256];
	memset(n255, 'a', 255);
	n255[255] = 0;
	syscall(SYS_mq_unlink, n255);
	/*
	 * A name read from a random buffer makes a queue no list above knows:
	 * the mqueue file system, where Linux and this kernel mount it, lists
	 * every queue, and the children's are the ones the fuzz user owns.
	 */
	DIR *d = opendir("/dev/mqueue");
	struct dirent *e;
	while (d && (e = readdir(d))) {
		char path[300];
		struct stat st;
		snprintf(path, sizeof(path), "/dev/mqueue/%s", e->d_name);
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && stat(path, &st) == 0 && st.st_uid == uid)
			syscall(SYS_mq_unlink, e->d_name);
	}
	if (d)
		closedir(d);
}

static int make_scratch(void)
{
	const char *base = access("/tmp", W_OK) == 0 ? "/tmp" : ".";
	/* named by the harness's pid: one run, one directory */
	snprintf(scratch, sizeof(scratch), "%s/fuzz.%d", base, (int)getpid());
	if (mkdir(scratch, 0700) < 0)
		return -1;
	if (chdir(scratch) < 0)
		return -1;
	mkdir("dir", 0777);
	mkdir("dir/sub", 0777);
	mkfifo("fifo", 0666);
	int fd = open("file", O_RDWR | O_CREAT, 0666);
	if (fd >= 0) {
		if (write(fd, "fuzz\n", 5) < 0) { /* nothing to do */ }
		close(fd);
	}
	if (symlink("file", "link") < 0 || symlink("nowhere", "dangling") < 0) { /* fine */ }
	if (getuid() == 0) {
		const char *own[] = { ".", "dir", "dir/sub", "fifo", "file" };
		for (unsigned i = 0; i < 5; i++)
			if (chown(own[i], NOBODY, NOBODY) < 0) { /* nothing to do */ }
		lchown("link", NOBODY, NOBODY);
		lchown("dangling", NOBODY, NOBODY);
	}
	return 0;
}

/* a sleeping child that blocked SIGALRM itself (sigsuspend, ppoll masks read
 * from memory the sandbox cannot clean) is not the kernel's fault */
static int alarm_blocked(pid_t pid)
{
	char path[64], line[128];
	unsigned long long blk = 0;
	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "SigBlk: %llx", &blk) == 1)
			break;
	fclose(f);
	return (blk >> (SIGALRM - 1)) & 1;
}

/* SIGKILL to every process whose parent we are (the adopted ones too) */
static void kill_adopted(void)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	pid_t me = getpid();
	if (!d)
		return;
	while ((e = readdir(d))) {
		char path[64], buf[512], *p;
		int pid = atoi(e->d_name), ppid, fd;
		ssize_t n;
		if (pid <= 0)
			continue;
		snprintf(path, sizeof(path), "/proc/%d/stat", pid);
		fd = open(path, O_RDONLY);
		if (fd < 0)
			continue;
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n <= 0)
			continue;
		buf[n] = 0;
		p = strrchr(buf, ')');	/* the name may hold anything */
		if (p && sscanf(p + 1, " %*c %d", &ppid) == 1 && ppid == me)
			kill(pid, SIGKILL);
	}
	closedir(d);
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static int fuzz_run(const struct fuzz_opts *o, struct fuzz_result *res)
{
	opt = *o;
	if (opt.children < 1) opt.children = 1;
	if (opt.children > MAXCHILD) opt.children = MAXCHILD;
	memset(res, 0, sizeof(*res));
	setvbuf(stdout, NULL, _IOLBF, 0);
	sh = map_shared();
	if (!sh) {
		perror("fuzz: mmap");
		res->harness_error = 1;
		return -1;
	}
	memset(sh, 0, sizeof(*sh));
	for (int i = 0; i < GUARD_WORDS; i++)
		sh->guard[i] = GUARD(i);
	char cwd[4096];
	if (!getcwd(cwd, sizeof(cwd)))
		strcpy(cwd, "/");
	if (make_scratch() < 0) {
		perror("fuzz: scratch directory");
		res->harness_error = 1;
		return -1;
	}
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	signal(SIGPIPE, SIG_IGN);
	scan_klog();
	res->free_before = free_pages();
	double t0 = now(), last_print = t0, last_loop = t0;
	unsigned long gen = 0, last_calls[MAXCHILD] = { 0 };
	double last_move[MAXCHILD] = { 0 };
	/* the parent's own copy of the pids: the shared page is the children's to write */
	pid_t kid[MAXCHILD] = { 0 };
	int live = 0;

	for (;;) {
		/* keep the children going while there are calls to hand out */
		for (int i = 0; i < opt.children && sh->issued < opt.calls; i++) {
			if (kid[i])
				continue;
			struct slot *s = &sh->slot[i];
			s->calls = s->head = 0;
			pid_t pid = fork();
			if (pid == 0)
				child_main(i, gen);
			if (pid < 0) {
				perror("fuzz: fork");
				break;
			}
			gen++;
			s->pid = kid[i] = pid;
			res->started++;
			live++;
			last_calls[i] = 0;
			last_move[i] = now();
		}
		if (!live)
			break;
		int st;
		pid_t pid = waitpid(-1, &st, WNOHANG | WUNTRACED);
		if (pid > 0) {
			int i;
			for (i = 0; i < opt.children && kid[i] != pid; i++)
				;
			if (i == opt.children) {	/* a grandchild left to us */
				if (WIFSTOPPED(st))
					kill(pid, SIGKILL);	/* it would sleep for ever */
				else
					res->orphans++;
				continue;
			}
			struct slot *s = &sh->slot[i];
			if (WIFSTOPPED(st)) {		/* SIGSTOP from its own calls */
				res->stopped++;
				last_move[i] = -1;	/* its SIGKILL is not a crash */
				kill(-pid, SIGKILL);
				kill(pid, SIGKILL);
				continue;
			}
			if (last_move[i] < 0) {
				/* counted already (stopped, hung, asleep): whatever ended it,
				 * our SIGKILL or a SIGHUP of its orphaned group, once is enough */
			} else if (WIFSIGNALED(st)) {
				int sig = WTERMSIG(st);
				res->crashed++;
				res->by_signal[sig < 65 ? sig : 0]++;
				if (opt.verbose)
					print_ring("a crashed child", s);
			} else if (s->calls >= opt.per_child || sh->issued >= opt.calls) {
				res->finished++;
			} else {
				res->exited++;		/* its own exit() */
			}
			kill(-pid, SIGKILL);		/* anything left in its group */
			s->pid = kid[i] = 0;
			live--;
			continue;
		}
		/* the watchdog, the kernel log and the progress line */
		struct timespec ts = { 0, 2000000 };
		nanosleep(&ts, NULL);
		double t = now();
		if (t - last_loop > 1.0)	/* the whole machine stood still (a loaded host):
						 * no child is to blame for that second */
			for (int i = 0; i < opt.children; i++)
				if (last_move[i] >= 0)
					last_move[i] += t - last_loop;
		last_loop = t;
		int bad = 0, first = -1;
		for (int g = 0; g < GUARD_WORDS; g++)
			if (sh->guard[g] != GUARD(g)) {
				if (first < 0)
					first = g;
				bad++;
			}
		if (bad) {
			res->corrupted++;
			printf("fuzz: the shared page was written: %d guard words, the first (%d) reads %#lx\n",
			       bad, first, sh->guard[first]);
			for (int g = 0; g < GUARD_WORDS; g++)
				sh->guard[g] = GUARD(g);
			for (int j = 0; j < opt.children; j++)
				if (kid[j])
					print_ring("a live child", &sh->slot[j]);
		}
		for (int i = 0; i < opt.children; i++) {
			struct slot *s = &sh->slot[i];
			if (kid[i] && s->pid != kid[i]) {
				/* a call wrote into the harness's page: say so, and go on with ours */
				res->corrupted++;
				printf("fuzz: the shared page was written: slot %d's pid %d reads %d (%#x)\n",
				       i, (int)kid[i], (int)s->pid, (unsigned int)s->pid);
				s->pid = kid[i];
				for (int j = 0; j < opt.children; j++)	/* the writer is among them */
					if (kid[j])
						print_ring(j == i ? "the child whose slot was written" :
							   "a live child", &sh->slot[j]);
			}
			if (!kid[i] || last_move[i] < 0)
				continue;
			if (s->calls != last_calls[i]) {
				last_calls[i] = s->calls;
				last_move[i] = t;
			} else if ((t - last_move[i] > 1 && alarm_blocked(kid[i])) ||
				   t - last_move[i] > opt.watchdog_s) {
				if (alarm_blocked(kid[i])) {
					res->masked++;	/* asleep with the timer's signal blocked */
				} else {
					res->hung++;	/* the timer could not break it */
					print_ring("a hung child", s);
					print_state(kid[i]);
				}
				kill(-kid[i], SIGKILL);
				kill(kid[i], SIGKILL);
				last_move[i] = -1;	/* its SIGKILL is not a crash */
			}
		}
		if (t - last_print >= 1.0) {
			int rep = scan_klog();
			if (rep) {
				res->reports += rep;
				printf("fuzz: seed %lu, calls issued %lu\n", opt.seed, sh->issued);
				for (int i = 0; i < opt.children; i++)
					if (kid[i])
						print_ring("a live child", &sh->slot[i]);
			}
			if (!opt.quiet)
				printf("fuzz: %lu calls, %.0f/s, %lu crashed, %lu hung\n", sh->issued,
				       sh->issued / (t - t0), res->crashed, res->hung);
			last_print = t;
		}
	}
	res->seconds = now() - t0;
	/*
	 * The grandchildren still alive came to us (PR_SET_CHILD_SUBREAPER): one
	 * stopped before it could exit, or moved out of its parent's group, would
	 * outlive the run. Kill each and reap them all.
	 */
	for (int round = 0; round < 100; round++) {
		pid_t w;
		kill_adopted();
		while ((w = waitpid(-1, NULL, WNOHANG | __WALL)) > 0)
			res->orphans++;
		if (w < 0 && errno == ECHILD)
			break;
		struct timespec ts = { 0, 10000000 };
		nanosleep(&ts, NULL);
	}
	int rep = scan_klog();
	if (rep) {
		res->reports += rep;
		printf("fuzz: seed %lu: report after the last child ended\n", opt.seed);
	}
	if (chdir(cwd) < 0) { /* stay */ }
	remove_tree(scratch);
	if (access(scratch, F_OK) == 0)
		show_left(scratch, 0);
	remove_ipc(getuid() == 0 ? NOBODY : getuid());
	res->free_after = free_pages();
	res->calls = sh->issued < opt.calls ? sh->issued : opt.calls;
	res->errors = sh->errors;
	res->eintr = sh->eintr;
	res->filtered = sh->filtered;
	unmap_shared(sh);
	return 0;
}

static void print_result(const struct fuzz_result *r)
{
	printf("fuzz: seed %lu, %lu calls in %.1f s: %.0f calls/s, %d children at a time\n",
	       opt.seed, r->calls, r->seconds, r->calls / (r->seconds > 0 ? r->seconds : 1), opt.children);
	printf("fuzz: children: %lu started, %lu finished, %lu crashed, %lu hung, %lu asleep with "
	       "SIGALRM blocked, %lu stopped, %lu called exit\n", r->started, r->finished, r->crashed,
	       r->hung, r->masked, r->stopped, r->exited);
	if (r->crashed) {
		printf("fuzz: crashed by:");
		for (int s = 0; s < 65; s++)
			if (r->by_signal[s])
				printf(" %s %lu", s ? strsignal(s) : "?", r->by_signal[s]);
		printf("\n");
	}
	printf("fuzz: calls: %lu failed, %lu interrupted (EINTR), %lu skipped by the sandbox\n",
	       r->errors, r->eintr, r->filtered);
	printf("fuzz: free pages: %ld before, %ld after\n", r->free_before, r->free_after);
	printf("fuzz: kernel reports: %lu%s\n", r->reports, klog_ok ? "" : " (kernel log not readable)");
	if (r->corrupted)
		printf("fuzz: shared page written %lu times (see above)\n", r->corrupted);
}

#ifndef FUZZ_NO_MAIN
int main(int argc, char **argv)
{
	struct fuzz_opts o = { .calls = 100000, .seed = 18, .children = 4, .watchdog_s = 10,
			       .per_child = 20000 };
	int c;
	while ((c = getopt(argc, argv, "n:s:c:w:p:qvh")) != -1) {
		switch (c) {
		case 'n': o.calls = strtoul(optarg, NULL, 0); break;
		case 's': o.seed = strtoul(optarg, NULL, 0); break;
		case 'c': o.children = atoi(optarg); break;
		case 'w': o.watchdog_s = atoi(optarg); break;
		case 'p': o.per_child = strtoul(optarg, NULL, 0); break;
		case 'q': o.quiet = 1; break;
		case 'v': o.verbose = 1; break;
		default:
			fprintf(stderr, "usage: fuzz [-n CALLS] [-s SEED] [-c CHILDREN] [-w WATCHDOG_S] "
				"[-p CALLS_PER_CHILD] [-q] [-v]\n"
				"  %d calls in the table; -q: no progress lines; -v: last calls of every "
				"crashed child\n", NCALLS);
			return 2;
		}
	}
	struct fuzz_result r;
	if (fuzz_run(&o, &r) < 0)
		return 2;
	print_result(&r);
	return r.reports || r.harness_error ? 1 : 0;
}
#endif
