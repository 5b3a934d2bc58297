/*
 * proc_sched.c - scheduling policy calls (SCHED_FIFO/RR for root only, their
 * priorities and slices, a SCHED_FIFO task never preempted by a SCHED_OTHER
 * one on its CPU and preempting it at once), sched_{set,get}affinity as
 * nproc uses it, prctl's options, capget/capset under the uid model, and
 * rt_sigqueueinfo's rule on si_code.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include "utest.h"

#define NOBODY 65534

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void policies(void)
{
	struct sched_param sp = { 0 };
	struct timespec ts;
	pid_t pid;
	int st;

	CHECK_EQ("SCHED_FIFO max 99", sched_get_priority_max(SCHED_FIFO), 99);
	CHECK_EQ("SCHED_RR min 1", sched_get_priority_min(SCHED_RR), 1);
	CHECK_EQ("SCHED_OTHER max 0", sched_get_priority_max(SCHED_OTHER), 0);
	CHECK_ERR("policy 42: EINVAL", sched_get_priority_max(42), EINVAL);
	CHECK_EQ("a new process is SCHED_OTHER", sched_getscheduler(0), SCHED_OTHER);
	CHECK_OK("sched_getparam", sched_getparam(0, &sp));
	CHECK_EQ("priority 0", sp.sched_priority, 0);
	sp.sched_priority = 10;
	CHECK_ERR("SCHED_OTHER with priority 10: EINVAL", sched_setscheduler(0, SCHED_OTHER, &sp), EINVAL);
	sp.sched_priority = 0;
	CHECK_ERR("SCHED_FIFO with priority 0: EINVAL", sched_setscheduler(0, SCHED_FIFO, &sp), EINVAL);
	sp.sched_priority = 100;
	CHECK_ERR("SCHED_FIFO with priority 100: EINVAL", sched_setscheduler(0, SCHED_FIFO, &sp), EINVAL);
	CHECK_ERR("policy 42: EINVAL", sched_setscheduler(0, 42, &sp), EINVAL);
	CHECK_ERR("policy -1: EINVAL", sched_setscheduler(0, -1, &sp), EINVAL);
	CHECK_ERR("no param: EINVAL", syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, NULL), EINVAL);
	CHECK_ERR("param at a bad address: EFAULT", syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, (void *)8), EFAULT);
	CHECK_ERR("negative pid: EINVAL", sched_getscheduler(-1), EINVAL);
	CHECK_ERR("no such pid: ESRCH", sched_getscheduler(999999), ESRCH);

	pid = fork();
	if (pid == 0) {
		struct sched_param p = { 5 };
		int bad = 0;

		p.sched_priority = 5;
		bad |= sched_setscheduler(0, SCHED_RR, &p) != 0;
		bad |= (sched_getscheduler(0) != SCHED_RR) << 1;
		p.sched_priority = 0;
		bad |= (sched_getparam(0, &p) || p.sched_priority != 5) << 2;
		bad |= (sched_rr_get_interval(0, &ts) || ts.tv_sec || ts.tv_nsec <= 0) << 3;
		p.sched_priority = 7;
		bad |= (sched_setparam(0, &p) || sched_getparam(0, &p) || p.sched_priority != 7) << 4;
		bad |= (sched_setscheduler(0, SCHED_FIFO, &p) != 0) << 5;
		bad |= (sched_rr_get_interval(0, &ts) || ts.tv_sec || ts.tv_nsec) << 6;	/* FIFO: 0 */
		/* an unprivileged user may lower itself to SCHED_OTHER, never back up */
		setuid(NOBODY);
		p.sched_priority = 8;
		bad |= (sched_setscheduler(0, SCHED_FIFO, &p) != -1 || errno != EPERM) << 7;
		p.sched_priority = 0;
		bad |= (sched_setscheduler(0, SCHED_OTHER, &p) != 0) << 8;
		p.sched_priority = 1;
		bad |= (sched_setscheduler(0, SCHED_RR, &p) != -1 || errno != EPERM) << 9;
		bad |= (sched_setscheduler(1, SCHED_OTHER, &(struct sched_param){ 0 }) != -1 || errno != EPERM) << 10;
		_exit(bad);
	}
	waitpid(pid, &st, 0);
	CHECK_EQ("root: SCHED_RR and SCHED_FIFO with their priorities and slices; a user: EPERM "
		 "going real-time or touching another's", WIFEXITED(st) ? WEXITSTATUS(st) : -1, 0);
}

/* on one CPU: a SCHED_FIFO parent and a SCHED_OTHER child spinning */
static void fifo_preemption(void)
{
	volatile int *flag = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	struct sched_param sp = { 50 };
	cpu_set_t one;
	int ran_meanwhile = 0, ran_while_fifo = 0;
	double t0;
	pid_t pid;

	CPU_ZERO(&one);
	CPU_SET(0, &one);
	CHECK_OK("pin to CPU 0", sched_setaffinity(0, sizeof(one), &one));
	CHECK_OK("become SCHED_FIFO 50", sched_setscheduler(0, SCHED_FIFO, &sp));
	*flag = 0;
	pid = fork();
	if (pid == 0) {
		struct sched_param o = { 0 };

		sched_setscheduler(0, SCHED_OTHER, &o);
		for (;;)
			*flag = 1;
	}
	/* the child inherited FIFO 50 but queues behind us: it cannot run while we spin */
	t0 = now_s();
	while (now_s() - t0 < 0.1)
		ran_while_fifo |= *flag;
	usleep(50000);		/* now it runs, and makes itself SCHED_OTHER */
	ran_meanwhile = *flag;
	*flag = 0;
	t0 = now_s();
	while (now_s() - t0 < 0.1)
		ran_while_fifo |= *flag;
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	sp.sched_priority = 0;
	sched_setscheduler(0, SCHED_OTHER, &sp);
	CHECK_EQ("the SCHED_OTHER child ran while the FIFO parent slept", ran_meanwhile, 1);
	CHECK_EQ("and never while it spun: woken, the FIFO task took the CPU back at once",
		 ran_while_fifo, 0);
	munmap((void *)flag, 4096);
}

/*
 * Two spinning children at real-time priority 30 on CPU 0 while a FIFO 60
 * parent sleeps 400 ms: under SCHED_RR both get the CPU (100 ms slices),
 * under SCHED_FIFO the first keeps it and the second never runs.
 */
static int spinners(int policy)
{
	volatile unsigned long *c = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
					 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	struct sched_param hi = { 60 }, lo = { 0 };
	pid_t pid[2];
	int ran = 0;

	c[0] = c[1] = c[2] = 0;
	sched_setscheduler(0, SCHED_FIFO, &hi);
	for (int i = 0; i < 2; i++) {
		pid[i] = fork();
		if (pid[i] == 0) {
			struct sched_param p = { 30 };

			sched_setscheduler(0, policy, &p);
			while (!c[2])
				c[i]++;
			_exit(0);
		}
	}
	usleep(400000);
	c[2] = 1;
	for (int i = 0; i < 2; i++) {
		kill(pid[i], SIGKILL);
		waitpid(pid[i], NULL, 0);
		ran += c[i] > 0;
	}
	sched_setscheduler(0, SCHED_OTHER, &lo);
	munmap((void *)c, 4096);
	return ran;
}

static void affinity(void)
{
	cpu_set_t set;
	unsigned long small;
	long r;

	CPU_ZERO(&set);
	r = syscall(SYS_sched_getaffinity, 0, sizeof(set), &set);
	CHECK("sched_getaffinity returns the kernel's mask size", r >= 4 && r <= (long)sizeof(set));
	CHECK("CPU 0 is ours", CPU_ISSET(0, &set));
	CHECK("nproc's count: at least 1", CPU_COUNT(&set) >= 1);
	CHECK_ERR("a 2-byte mask: EINVAL", syscall(SYS_sched_getaffinity, 0, 2, &set), EINVAL);
	CHECK_ERR("a 0-byte mask: EINVAL", syscall(SYS_sched_getaffinity, 0, 0, &set), EINVAL);
	CHECK_ERR("to a bad address: EFAULT", syscall(SYS_sched_getaffinity, 0, sizeof(set), (void *)8), EFAULT);
	CHECK_ERR("no such pid: ESRCH", syscall(SYS_sched_getaffinity, 999999, sizeof(set), &set), ESRCH);
	small = 0;
	CHECK_ERR("setaffinity to no CPU: EINVAL", syscall(SYS_sched_setaffinity, 0, sizeof(small), &small), EINVAL);
	small = 1;
	CHECK_OK("setaffinity to CPU 0", syscall(SYS_sched_setaffinity, 0, sizeof(small), &small));
	CHECK_ERR("from a bad address: EFAULT", syscall(SYS_sched_setaffinity, 0, sizeof(small), (void *)8), EFAULT);
	CPU_ZERO(&set);
	sched_getaffinity(0, sizeof(set), &set);
	CHECK_EQ("now just CPU 0", CPU_COUNT(&set), 1);
	{
		unsigned int cpu = 99, node = 99;

		CHECK_OK("getcpu", syscall(SYS_getcpu, &cpu, &node, NULL));
		CHECK("pinned: CPU 0, node 0", cpu == 0 && node == 0);
		CHECK_ERR("getcpu to a bad address: EFAULT", syscall(SYS_getcpu, (void *)8, NULL, NULL), EFAULT);
	}
}

static void prctls(void)
{
	char name[32];
	int sig = -1;
	pid_t pid;
	int st, p[2];

	CHECK_OK("PR_SET_NAME", prctl(PR_SET_NAME, "renamed"));
	memset(name, 'x', sizeof(name));
	CHECK_OK("PR_GET_NAME", prctl(PR_GET_NAME, name));
	CHECK("reads it back", !strcmp(name, "renamed"));
	prctl(PR_SET_NAME, "a-name-longer-than-fifteen");
	prctl(PR_GET_NAME, name);
	CHECK("a long name is cut to 15 bytes", !strcmp(name, "a-name-longer-t"));
	CHECK_ERR("PR_SET_NAME from a bad address: EFAULT", prctl(PR_SET_NAME, (char *)8), EFAULT);
	CHECK_EQ("PR_GET_DUMPABLE: 1", prctl(PR_GET_DUMPABLE), 1);
	CHECK_ERR("PR_SET_DUMPABLE 5: EINVAL", prctl(PR_SET_DUMPABLE, 5), EINVAL);
	CHECK_ERR("PR_SET_PDEATHSIG 99: EINVAL", prctl(PR_SET_PDEATHSIG, 99), EINVAL);
	CHECK_OK("PR_GET_PDEATHSIG", prctl(PR_GET_PDEATHSIG, &sig));
	CHECK_EQ("none set", sig, 0);
	CHECK_EQ("PR_GET_NO_NEW_PRIVS: 0", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0), 0);
	CHECK_ERR("PR_SET_NO_NEW_PRIVS 2: EINVAL", prctl(PR_SET_NO_NEW_PRIVS, 2, 0, 0, 0), EINVAL);
	CHECK_ERR("an option that does not exist: EINVAL", prctl(9999, 0, 0, 0, 0), EINVAL);

	/* the grandchild asks for SIGUSR1 when its parent dies */
	pipe(p);
	pid = fork();
	if (pid == 0) {
		pid_t g = fork();

		if (g == 0) {
			sigset_t s;
			int got;

			sigemptyset(&s);
			sigaddset(&s, SIGUSR1);
			sigprocmask(SIG_BLOCK, &s, NULL);
			prctl(PR_SET_PDEATHSIG, SIGUSR1);
			prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
			write(p[1], "r", 1);
			alarm(5);
			sigwait(&s, &got);
			got = got == SIGUSR1 && prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1 ? 'y' : 'n';
			write(p[1], &got, 1);
			_exit(0);
		}
		{
			char c;

			read(p[0], &c, 1);
		}
		_exit(0);	/* the parent dies */
	}
	waitpid(pid, &st, 0);
	{
		char c = 0;

		read(p[0], &c, 1);
		CHECK_EQ("PR_SET_PDEATHSIG: the parent's death sends it (and no_new_privs stays set)", c, 'y');
	}
	close(p[0]);
	close(p[1]);
}

struct cap_header { unsigned int version; int pid; };
struct cap_data { unsigned int effective, permitted, inheritable; };

static void capabilities(void)
{
	struct cap_header h = { 0x20080522, 0 };
	struct cap_data d[2];
	pid_t pid;
	int st;

	memset(d, 0, sizeof(d));
	CHECK_OK("capget v3", syscall(SYS_capget, &h, d));
	CHECK("root holds CAP_CHOWN, CAP_KILL, CAP_SYS_NICE, CAP_SYS_ADMIN",
	      (d[0].effective & 0x00a00021) == 0x00a00021 && (d[0].permitted & 0x00a00021) == 0x00a00021);
	CHECK_OK("capset of what one has", syscall(SYS_capset, &h, d));
	h.version = 0x12345678;
	CHECK_ERR("capget of an unknown version: EINVAL", syscall(SYS_capget, &h, d), EINVAL);
	CHECK_EQ("and the header says the kernel's version", h.version, 0x20080522);
	h.version = 0x12345678;
	CHECK_OK("with no data: 0 (a version probe)", syscall(SYS_capget, &h, NULL));
	h.pid = 999999;
	CHECK_ERR("capget of no such pid: ESRCH", syscall(SYS_capget, &h, d), ESRCH);
	h.pid = -3;
	CHECK_ERR("capget of pid -3: EINVAL", syscall(SYS_capget, &h, d), EINVAL);
	h.pid = 0;
	CHECK_ERR("capget header at a bad address: EFAULT", syscall(SYS_capget, (void *)8, d), EFAULT);
	pid = fork();
	if (pid == 0) {
		struct cap_header hh = { 0x20080522, 0 };
		struct cap_data dd[2];
		int bad = 0;

		setgid(NOBODY);
		setuid(NOBODY);
		memset(dd, 0xff, sizeof(dd));
		bad |= syscall(SYS_capget, &hh, dd) != 0;
		bad |= (dd[0].effective || dd[0].permitted || dd[1].effective) << 1;
		dd[0].effective = dd[0].permitted = 1;		/* CAP_CHOWN back: never */
		bad |= (syscall(SYS_capset, &hh, dd) != -1 || errno != EPERM) << 2;
		_exit(bad);
	}
	waitpid(pid, &st, 0);
	CHECK_EQ("a user has none and cannot take any", WIFEXITED(st) ? WEXITSTATUS(st) : -1, 0);
}

static void sigqueueinfo(void)
{
	siginfo_t si, got;
	sigset_t s;
	pid_t pid;
	int st;

	sigemptyset(&s);
	sigaddset(&s, SIGRTMIN);
	sigprocmask(SIG_BLOCK, &s, NULL);
	memset(&si, 0, sizeof(si));
	si.si_code = SI_QUEUE;
	si.si_value.sival_int = 99;
	CHECK_OK("rt_sigqueueinfo to ourselves", syscall(SYS_rt_sigqueueinfo, getpid(), SIGRTMIN, &si));
	CHECK_EQ("it arrives", sigwaitinfo(&s, &got), SIGRTMIN);
	CHECK("with the code and value given", got.si_code == SI_QUEUE && got.si_value.sival_int == 99);
	si.si_code = SI_USER;
	CHECK_OK("a code >= 0 to ourselves is allowed", syscall(SYS_rt_sigqueueinfo, getpid(), SIGRTMIN, &si));
	sigwaitinfo(&s, &got);
	pid = fork();
	if (pid == 0) {
		sigwaitinfo(&s, &got);	/* blocked from the parent; exits on the first */
		_exit(got.si_code == SI_QUEUE ? 0 : 1);
	}
	si.si_code = SI_USER;
	CHECK_ERR("si_code SI_USER to another process: EPERM", syscall(SYS_rt_sigqueueinfo, pid, SIGRTMIN, &si), EPERM);
	si.si_code = SI_KERNEL;
	CHECK_ERR("SI_KERNEL: EPERM", syscall(SYS_rt_sigqueueinfo, pid, SIGRTMIN, &si), EPERM);
	si.si_code = SI_TKILL;
	CHECK_ERR("SI_TKILL: EPERM", syscall(SYS_rt_sigqueueinfo, pid, SIGRTMIN, &si), EPERM);
	si.si_code = SI_QUEUE;
	CHECK_ERR("signal 99: EINVAL", syscall(SYS_rt_sigqueueinfo, pid, 99, &si), EINVAL);
	CHECK_ERR("no such process: ESRCH", syscall(SYS_rt_sigqueueinfo, 999999, SIGRTMIN, &si), ESRCH);
	CHECK_ERR("siginfo at a bad address: EFAULT", syscall(SYS_rt_sigqueueinfo, pid, SIGRTMIN, (void *)8), EFAULT);
	CHECK_ERR("rt_tgsigqueueinfo with tid 0: EINVAL", syscall(SYS_rt_tgsigqueueinfo, pid, 0, SIGRTMIN, &si), EINVAL);
	CHECK_ERR("rt_tgsigqueueinfo with the wrong group: ESRCH",
		  syscall(SYS_rt_tgsigqueueinfo, getpid(), pid, SIGRTMIN, &si), ESRCH);
	CHECK_OK("SI_QUEUE to another process", syscall(SYS_rt_sigqueueinfo, pid, SIGRTMIN, &si));
	waitpid(pid, &st, 0);
	CHECK("it got SI_QUEUE", WIFEXITED(st) && WEXITSTATUS(st) == 0);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
}

int main(void)
{
	policies();
	affinity();
	fifo_preemption();
	CHECK_EQ("two SCHED_RR spinners at one priority on one CPU: both run", spinners(SCHED_RR), 2);
	CHECK_EQ("two SCHED_FIFO spinners: only the first ever runs", spinners(SCHED_FIFO), 1);
	prctls();
	capabilities();
	sigqueueinfo();
	return utest_done();
}
