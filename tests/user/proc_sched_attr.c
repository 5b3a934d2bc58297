/*
 * proc_sched_attr.c - sched_setattr/sched_getattr: the struct's size rules
 * (0 is the first version, short or over a page or a nonzero unknown tail
 * E2BIG with the kernel's size written back), flags EINVAL, the policy,
 * priority and nice set and read back, KEEP_POLICY/KEEP_PARAMS, reset on
 * fork, Linux's checks of SCHED_DEADLINE parameters and the user's rights.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "utest.h"

struct attr {
	uint32_t size, policy;
	uint64_t flags;
	int32_t nice;
	uint32_t priority;
	uint64_t runtime, deadline, period;
	uint32_t util_min, util_max;
};

#ifndef SCHED_DEADLINE
#define SCHED_DEADLINE 6
#endif
#define F_RESET_ON_FORK 0x01
#define F_KEEP_POLICY 0x08
#define F_KEEP_PARAMS 0x10
#define F_UTIL_CLAMP_MIN 0x20

static long setattr(pid_t pid, void *a, unsigned int flags)
{
	return syscall(SYS_sched_setattr, pid, a, flags);
}

static long getattr(pid_t pid, void *a, unsigned int size, unsigned int flags)
{
	return syscall(SYS_sched_getattr, pid, a, size, flags);
}

static struct attr mk(uint32_t policy, int nice, uint32_t prio)
{
	struct attr a;

	memset(&a, 0, sizeof(a));
	a.size = 48;
	a.policy = policy;
	a.nice = nice;
	a.priority = prio;
	return a;
}

static void sizes(void)
{
	struct attr a = mk(SCHED_OTHER, 0, 0);
	unsigned char big[200];

	a.size = 0;
	CHECK_OK("size 0 counts as the first version (48)", setattr(0, &a, 0));
	a.size = 40;
	CHECK_ERR("size 40: E2BIG", setattr(0, &a, 0), E2BIG);
	CHECK_EQ("and the kernel's size is written back", a.size >= 56, 1);
	memset(big, 0, sizeof(big));
	memcpy(big, &a, sizeof(a));
	((struct attr *)big)->size = sizeof(big);
	CHECK_OK("a bigger struct with a zero tail", setattr(0, big, 0));
	big[150] = 1;
	((struct attr *)big)->size = sizeof(big);
	CHECK_ERR("a nonzero byte past what the kernel knows: E2BIG", setattr(0, big, 0), E2BIG);
	a = mk(SCHED_OTHER, 0, 0);
	a.size = 8192;
	CHECK_ERR("a size over a page: E2BIG", setattr(0, &a, 0), E2BIG);
	a = mk(SCHED_OTHER, 0, 0);
	CHECK_ERR("flags 1: EINVAL", setattr(0, &a, 1), EINVAL);
	CHECK_ERR("NULL attr: EINVAL", setattr(0, NULL, 0), EINVAL);
	CHECK_ERR("pid -1: EINVAL", setattr(-1, &a, 0), EINVAL);
	CHECK_ERR("bad pointer: EFAULT", setattr(0, (void *)16, 0), EFAULT);
	CHECK_ERR("no such pid: ESRCH", setattr(999999, &a, 0), ESRCH);
	a.policy = 77;
	CHECK_ERR("policy 77: EINVAL", setattr(0, &a, 0), EINVAL);
	a.policy = (uint32_t)-3;
	CHECK_ERR("a negative policy: EINVAL", setattr(0, &a, 0), EINVAL);
	a = mk(SCHED_OTHER, 0, 0);
	a.flags = 0x100;
	CHECK_ERR("an unknown sched_flag: EINVAL", setattr(0, &a, 0), EINVAL);
	a = mk(SCHED_OTHER, 0, 0);
	a.flags = F_UTIL_CLAMP_MIN;
	CHECK_ERR("utilisation clamp with a 48-byte struct: EINVAL", setattr(0, &a, 0), EINVAL);

	memset(&a, 0xff, sizeof(a));
	CHECK_ERR("getattr size 40: EINVAL", getattr(0, &a, 40, 0), EINVAL);
	CHECK_ERR("getattr size over a page: EINVAL", getattr(0, &a, 8192, 0), EINVAL);
	CHECK_ERR("getattr flags 1: EINVAL", getattr(0, &a, 48, 1), EINVAL);
	CHECK_ERR("getattr bad pointer: EFAULT", getattr(0, (void *)16, 48, 0), EFAULT);
	CHECK_ERR("getattr no such pid: ESRCH", getattr(999999, &a, 48, 0), ESRCH);
	CHECK_OK("getattr of 48 bytes", getattr(0, &a, 48, 0));
	CHECK_EQ("size says 48", a.size, 48);
	CHECK_EQ("the bytes past 48 are not touched", a.util_min, 0xffffffffu);
	memset(big, 0xff, sizeof(big));
	CHECK_OK("getattr of 200 bytes", getattr(0, big, sizeof(big), 0));
	CHECK("size says what the kernel knows (56 or more, under 200)",
	      ((struct attr *)big)->size >= 56 && ((struct attr *)big)->size < 200);
	CHECK("the rest zeroed, as today's Linux (copy_struct_to_user)",
	      big[199] == 0 && big[((struct attr *)big)->size] == 0);
}

static void set_and_read(void)
{
	struct attr a = mk(SCHED_FIFO, 0, 30), g;
	int nice0 = getpriority(PRIO_PROCESS, 0);

	CHECK_OK("SCHED_FIFO 30 through setattr (root)", setattr(0, &a, 0));
	CHECK_EQ("sched_getscheduler agrees", sched_getscheduler(0), SCHED_FIFO);
	memset(&g, 0, sizeof(g));
	getattr(0, &g, 48, 0);
	CHECK("getattr: SCHED_FIFO priority 30", g.policy == SCHED_FIFO && g.priority == 30);
	a = mk(SCHED_FIFO, 0, 0);
	CHECK_ERR("SCHED_FIFO priority 0: EINVAL", setattr(0, &a, 0), EINVAL);
	a = mk(SCHED_FIFO, 0, 100);
	CHECK_ERR("SCHED_FIFO priority 100: EINVAL", setattr(0, &a, 0), EINVAL);
	a = mk(SCHED_OTHER, 0, 5);
	CHECK_ERR("SCHED_OTHER priority 5: EINVAL", setattr(0, &a, 0), EINVAL);
	a = mk(0, 0, 40);
	a.flags = F_KEEP_POLICY;
	CHECK_OK("KEEP_POLICY changes only the priority", setattr(0, &a, 0));
	getattr(0, &g, 48, 0);
	CHECK("still SCHED_FIFO, priority 40", g.policy == SCHED_FIFO && g.priority == 40);
	a = mk(SCHED_RR, 0, 0);
	a.flags = F_KEEP_PARAMS;
	CHECK_OK("KEEP_PARAMS (for the clamps alone) is accepted", setattr(0, &a, 0));
	getattr(0, &g, 48, 0);
	CHECK("and changes neither policy nor priority (SCHED_FIFO 40)",
	      g.policy == SCHED_FIFO && g.priority == 40);
	a = mk(SCHED_OTHER, 5, 0);
	a.flags = F_RESET_ON_FORK;
	CHECK_OK("SCHED_OTHER nice 5 with RESET_ON_FORK", setattr(0, &a, 0));
	getattr(0, &g, 48, 0);
	CHECK("getattr: SCHED_OTHER, nice 5, RESET_ON_FORK",
	      g.policy == SCHED_OTHER && g.nice == 5 && (g.flags & F_RESET_ON_FORK) &&
	      g.priority == 0);
	CHECK_EQ("getpriority sees nice 5", getpriority(PRIO_PROCESS, 0), 5);
	CHECK_EQ("sched_getscheduler shows SCHED_RESET_ON_FORK",
		 sched_getscheduler(0), SCHED_OTHER | SCHED_RESET_ON_FORK);
	a = mk(SCHED_BATCH, 40, 0);
	CHECK_OK("SCHED_BATCH nice 40 (clamped)", setattr(0, &a, 0));
	getattr(0, &g, 48, 0);
	CHECK("getattr: SCHED_BATCH nice 19", g.policy == SCHED_BATCH && g.nice == 19);
	a = mk(SCHED_OTHER, nice0, 0);
	CHECK_OK("back to SCHED_OTHER", setattr(0, &a, 0));
}

static void deadline(void)
{
	struct attr a = mk(SCHED_DEADLINE, 0, 0);
	pid_t pid;
	int st;

	CHECK_ERR("SCHED_DEADLINE with deadline 0: EINVAL", setattr(0, &a, 0), EINVAL);
	a.runtime = 100;		/* under 1 << DL_SCALE ns */
	a.deadline = a.period = 10000000;
	CHECK_ERR("SCHED_DEADLINE runtime under 1024 ns: EINVAL", setattr(0, &a, 0), EINVAL);
	a.runtime = 20000000;
	CHECK_ERR("SCHED_DEADLINE runtime > deadline: EINVAL", setattr(0, &a, 0), EINVAL);
	a.runtime = 1000000;
	a.period = 5000000;
	CHECK_ERR("SCHED_DEADLINE deadline > period: EINVAL", setattr(0, &a, 0), EINVAL);
	a.deadline = a.period = 50000;
	a.runtime = 10000;
	CHECK_ERR("SCHED_DEADLINE period under 100 us: EINVAL", setattr(0, &a, 0), EINVAL);
	a = mk(SCHED_DEADLINE, 0, 5);
	a.runtime = 1000000;
	a.deadline = a.period = 10000000;
	CHECK_ERR("SCHED_DEADLINE with a priority: EINVAL", setattr(0, &a, 0), EINVAL);
	/* good parameters: Linux admits them; here there is no EDF class (EBUSY) */
	pid = fork();
	if (pid == 0) {
		struct attr d = mk(SCHED_DEADLINE, 0, 0), o = mk(SCHED_OTHER, 0, 0);
		long r;

		d.runtime = 1000000;
		d.deadline = d.period = 10000000;
		r = setattr(0, &d, 0);
		if (r == 0)
			_exit(setattr(0, &o, 0) == 0 ? 0 : 3);
		_exit(errno == EBUSY ? 1 : 2);
	}
	waitpid(pid, &st, 0);
	CHECK("good SCHED_DEADLINE parameters as root: admitted (Linux) or EBUSY (no EDF here)",
	      WIFEXITED(st) && (WEXITSTATUS(st) == 0 || WEXITSTATUS(st) == 1));
}

/* a user without CAP_SYS_NICE; the exit status counts failures */
static void as_user(void)
{
	struct rlimit z = { 0, 0 };
	struct attr a;

	if (setrlimit(RLIMIT_NICE, &z) || setrlimit(RLIMIT_RTPRIO, &z) || setuid(65534))
		_exit(100);
	a = mk(SCHED_OTHER, 10, 0);
	CHECK_OK("user: nice 10", setattr(0, &a, 0));
	a = mk(SCHED_OTHER, 5, 0);
	CHECK_ERR("user: back down to nice 5 with RLIMIT_NICE 0: EPERM", setattr(0, &a, 0), EPERM);
	a = mk(SCHED_FIFO, 0, 10);
	CHECK_ERR("user: SCHED_FIFO with RLIMIT_RTPRIO 0: EPERM", setattr(0, &a, 0), EPERM);
	a = mk(SCHED_DEADLINE, 0, 0);
	a.runtime = 1000000;
	a.deadline = a.period = 10000000;
	CHECK_ERR("user: SCHED_DEADLINE: EPERM", setattr(0, &a, 0), EPERM);
	a = mk(SCHED_IDLE, 10, 0);
	CHECK_OK("user: SCHED_IDLE", setattr(0, &a, 0));
	a = mk(SCHED_OTHER, 10, 0);
	CHECK_ERR("user: out of SCHED_IDLE with RLIMIT_NICE 0: EPERM", setattr(0, &a, 0), EPERM);
	a = mk(SCHED_OTHER, 0, 0);
	CHECK_ERR("user: another's process (init): EPERM", setattr(1, &a, 0), EPERM);
	_exit(utest_failed);
}

int main(void)
{
	pid_t pid;
	int st;

	sizes();
	if (getuid() == 0) {
		set_and_read();
		deadline();
		pid = fork();
		if (pid == 0) {
			utest_passed = utest_failed = 0;
			as_user();
		}
		waitpid(pid, &st, 0);
		CHECK_EQ("the user checks all passed", WIFEXITED(st) ? WEXITSTATUS(st) : -1, 0);
	}
	return utest_done();
}
