/*
 * tests/user/smp_affinity.c - tasks on every CPU: sched_setaffinity and
 * sched_getaffinity (errors and effect: a pinned task's sched_getcpu is its
 * CPU), two busy children seen on different CPUs at once, and a pipe
 * ping-pong between a task pinned to one CPU and one pinned to another
 * (each wake-up crosses CPUs). On one CPU the multi-CPU parts say so and
 * check what one CPU can show.
 */
#define _GNU_SOURCE
#include "utest.h"
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>

static int cpus[CPU_SETSIZE], ncpus;	/* the CPUs we may use, from getaffinity */

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static int pin(int cpu)
{
	cpu_set_t s;

	CPU_ZERO(&s);
	CPU_SET(cpu, &s);
	return sched_setaffinity(0, sizeof(s), &s);
}

static void errors(void)
{
	cpu_set_t set;
	unsigned long m;
	long r;
	pid_t pid;
	int st;

	CPU_ZERO(&set);
	r = syscall(SYS_sched_getaffinity, 0, sizeof(set), &set);
	CHECK("getaffinity returns the kernel's mask size in bytes", r >= 4 && r <= (long)sizeof(set) && r % 4 == 0);
	for (int i = 0; i < CPU_SETSIZE; i++)
		if (CPU_ISSET(i, &set))
			cpus[ncpus++] = i;
	CHECK_EQ("as many CPUs as sysconf's online count", ncpus, sysconf(_SC_NPROCESSORS_ONLN));
	CHECK_ERR("getaffinity, a 1-byte buffer: EINVAL", syscall(SYS_sched_getaffinity, 0, 1, &set), EINVAL);
	CHECK_ERR("getaffinity, a 6-byte buffer: EINVAL", syscall(SYS_sched_getaffinity, 0, 6, &set), EINVAL);
	CHECK_ERR("getaffinity to a bad address: EFAULT",
		  syscall(SYS_sched_getaffinity, 0, sizeof(set), (void *)8), EFAULT);
	CHECK_ERR("getaffinity, no such pid: ESRCH",
		  syscall(SYS_sched_getaffinity, 999999, sizeof(set), &set), ESRCH);
	m = 0;
	CHECK_ERR("setaffinity to no CPU: EINVAL", syscall(SYS_sched_setaffinity, 0, sizeof(m), &m), EINVAL);
	m = 1UL << 31;		/* no machine here has 32 CPUs online */
	CHECK_ERR("setaffinity to CPU 31 only (offline): EINVAL",
		  syscall(SYS_sched_setaffinity, 0, sizeof(m), &m), EINVAL);
	CHECK_ERR("setaffinity from a bad address: EFAULT",
		  syscall(SYS_sched_setaffinity, 0, sizeof(m), (void *)8), EFAULT);
	m = 1UL << cpus[0];
	CHECK_ERR("setaffinity, no such pid: ESRCH",
		  syscall(SYS_sched_setaffinity, 999999, sizeof(m), &m), ESRCH);
	/* another uid's task: EPERM (root drops to nobody first; a user tries init) */
	pid = fork();
	if (pid == 0) {
		pid_t target = 1;

		if (geteuid() == 0) {
			target = getppid();
			if (setuid(65534))
				_exit(2);
		}
		errno = 0;
		if (syscall(SYS_sched_setaffinity, target, sizeof(m), &m) != -1 || errno != EPERM)
			_exit(1);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	CHECK_EQ("setaffinity on another user's task: EPERM", WIFEXITED(st) ? WEXITSTATUS(st) : -1, 0);
}

/* pinned to each CPU in turn, we run there: getcpu and sched_getcpu say so */
static void pinning(void)
{
	int all_ok = 1, mask_ok = 1;

	for (int i = 0; i < ncpus; i++) {
		cpu_set_t s;
		unsigned int c = ~0U, node = ~0U;

		if (pin(cpus[i])) {
			all_ok = 0;
			continue;
		}
		/* and stays there, for 30 ms of work that shows in its /proc/stat line */
		for (double t0 = now_s(); now_s() - t0 < 0.03;)
			if (sched_getcpu() != cpus[i])
				all_ok = 0;
		if (syscall(SYS_getcpu, &c, &node, NULL) || (int)c != cpus[i])
			all_ok = 0;
		CPU_ZERO(&s);
		if (sched_getaffinity(0, sizeof(s), &s) || CPU_COUNT(&s) != 1 || !CPU_ISSET(cpus[i], &s))
			mask_ok = 0;
	}
	CHECK("pinned to each CPU in turn, sched_getcpu and getcpu report that CPU", all_ok);
	CHECK("and getaffinity gives back the one-CPU mask", mask_ok);
	{
		cpu_set_t s;
		pid_t pid;
		int st;

		/* a child inherits the mask */
		pid = fork();
		if (pid == 0) {
			CPU_ZERO(&s);
			sched_getaffinity(0, sizeof(s), &s);
			_exit(CPU_COUNT(&s) == 1 && CPU_ISSET(cpus[ncpus - 1], &s) &&
			      sched_getcpu() == cpus[ncpus - 1] ? 0 : 1);
		}
		waitpid(pid, &st, 0);
		CHECK_EQ("a child inherits the mask and runs on that CPU",
			 WIFEXITED(st) ? WEXITSTATUS(st) : -1, 0);
		/* another task's mask, set from outside, moves it */
		pid = fork();
		if (pid == 0) {
			double t0 = now_s();

			while (now_s() - t0 < 5)
				if (sched_getcpu() == cpus[0])
					_exit(0);
			_exit(1);
		}
		CPU_ZERO(&s);
		CPU_SET(cpus[0], &s);
		CHECK_OK("setaffinity on a running child", sched_setaffinity(pid, sizeof(s), &s));
		waitpid(pid, &st, 0);
		CHECK_EQ("the child, spinning, finds itself moved to that CPU",
			 WIFEXITED(st) ? WEXITSTATUS(st) : -1, 0);
	}
	{
		cpu_set_t s;

		CPU_ZERO(&s);
		for (int i = 0; i < ncpus; i++)
			CPU_SET(cpus[i], &s);
		CHECK_OK("all CPUs again", sched_setaffinity(0, sizeof(s), &s));
	}
}

/* two spinning children, unpinned: at some moment they run on two CPUs at once */
static void busy_pair(void)
{
	volatile int *sh = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t pid[2];
	int apart = 0, samples = 0;
	double t0;

	if (ncpus < 2) {
		printf("    (one CPU: no pair to run apart)\n");
		CHECK("one CPU: sched_getcpu is that CPU", sched_getcpu() == cpus[0]);
		return;
	}
	sh[0] = sh[1] = -1;
	sh[2] = 0;
	for (int i = 0; i < 2; i++) {
		pid[i] = fork();
		if (pid[i] == 0) {
			while (!sh[2])
				sh[i] = sched_getcpu();
			_exit(0);
		}
	}
	t0 = now_s();
	while (now_s() - t0 < 3 && apart < 20) {
		int a = sh[0], b = sh[1];

		if (a >= 0 && b >= 0) {
			samples++;
			apart += a != b;
		}
		usleep(5000);
	}
	sh[2] = 1;
	for (int i = 0; i < 2; i++)
		waitpid(pid[i], NULL, 0);
	printf("    (%d of %d samples with the two on different CPUs)\n", apart, samples);
	CHECK("two busy children were seen running on different CPUs", apart > 0);
	munmap((void *)sh, 4096);
}

/* 2000 round trips between a parent pinned to one CPU and a child pinned to another */
static void ping_pong(void)
{
	int ab[2], ba[2], st, bad = 0, n = 2000;
	int a = cpus[0], b = cpus[ncpus - 1];
	pid_t pid;
	char c;

	if (ncpus < 2)
		printf("    (one CPU: the ping-pong runs on it alone)\n");
	if (pipe(ab) || pipe(ba)) {
		CHECK("pipes", 0);
		return;
	}
	pid = fork();
	if (pid == 0) {
		if (pin(b))
			_exit(2);
		for (int i = 0; i < n; i++) {
			if (read(ab[0], &c, 1) != 1 || c != (char)i)
				_exit(3);
			if (sched_getcpu() != b)
				_exit(4);
			c = (char)(i + 1);
			if (write(ba[1], &c, 1) != 1)
				_exit(5);
		}
		_exit(0);
	}
	pin(a);
	for (int i = 0; i < n && !bad; i++) {
		c = (char)i;
		if (write(ab[1], &c, 1) != 1 || read(ba[0], &c, 1) != 1 || c != (char)(i + 1))
			bad = 1;
		else if (sched_getcpu() != a)
			bad = 2;
	}
	waitpid(pid, &st, 0);
	CHECK_EQ("ping-pong: the parent's side, every byte back in order on its CPU", bad, 0);
	CHECK_EQ("ping-pong: the child's side, every byte in order, woken on its own CPU",
		 WIFEXITED(st) ? WEXITSTATUS(st) : -1, 0);
	close(ab[0]);
	close(ab[1]);
	close(ba[0]);
	close(ba[1]);
}

int main(void)
{
	errors();
	if (!ncpus)
		return utest_done();
	pinning();
	busy_pair();
	ping_pong();
	return utest_done();
}
