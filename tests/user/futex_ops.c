/*
 * futex_ops.c - the rest of futex (issue 16): FUTEX_REQUEUE,
 * FUTEX_CMP_REQUEUE, FUTEX_WAKE_OP, absolute timeouts on both clocks, a
 * relative wait restarted for the time it had left after a stop, EINTR under
 * a handler, shared futexes in a shared anonymous mapping and in one SysV
 * segment attached at two addresses, and bad input.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "utest.h"

static long futex(void *uaddr, int op, uint32_t val, const void *ts_or_val2, void *uaddr2,
		  uint32_t val3)
{
	return syscall(SYS_futex, uaddr, op, val, ts_or_val2, uaddr2, val3);
}

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* fork a child that waits on *w (shared futex) and exits with the wait's errno (0: woken) */
static pid_t waiter(uint32_t *w, int op)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct timespec ts = { 5, 0 };

		alarm(10);
		_exit(futex(w, op, *w, &ts, NULL, 0) == 0 ? 0 : errno);
	}
	return pid;
}

static int nwaiting(uint32_t *w, int n)
{
	/* the children are asleep once a wake of nobody would find them: give them time */
	(void)w;
	(void)n;
	usleep(150000);
	return 0;
}

static void on_usr1(int s) { (void)s; }

int main(void)
{
	uint32_t *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	uint32_t *a = &shared[0], *b = &shared[16];
	pid_t p[3];
	int st;

	/* shared anonymous memory: a waiter in a child, the wake from the parent */
	*a = 0;
	p[0] = waiter(a, FUTEX_WAIT);
	nwaiting(a, 1);
	CHECK_EQ("FUTEX_WAKE across fork in MAP_SHARED|MAP_ANONYMOUS", futex(a, FUTEX_WAKE, 1, NULL, NULL, 0), 1);
	waitpid(p[0], &st, 0);
	CHECK("the waiter was woken, not timed out", WIFEXITED(st) && WEXITSTATUS(st) == 0);

	/* REQUEUE: wake one, move the other two to b */
	for (int i = 0; i < 3; i++)
		p[i] = waiter(a, FUTEX_WAIT);
	nwaiting(a, 3);
	CHECK_EQ("FUTEX_CMP_REQUEUE with a stale value", futex(a, FUTEX_CMP_REQUEUE, 1, (void *)2, b, 99) == -1 && errno == EAGAIN, 1);
	CHECK_EQ("FUTEX_CMP_REQUEUE wakes 1 and moves 2", futex(a, FUTEX_CMP_REQUEUE, 1, (void *)2, b, 0), 3);
	CHECK_EQ("nobody left on a", futex(a, FUTEX_WAKE, 10, NULL, NULL, 0), 0);
	CHECK_EQ("both found on b", futex(b, FUTEX_WAKE, 10, NULL, NULL, 0), 2);
	for (int i = 0; i < 3; i++) {
		waitpid(p[i], &st, 0);
		CHECK("requeued waiter woken", WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	for (int i = 0; i < 2; i++)
		p[i] = waiter(a, FUTEX_WAIT);
	nwaiting(a, 2);
	CHECK_EQ("FUTEX_REQUEUE: 0 woken, 1 moved", futex(a, FUTEX_REQUEUE, 0, (void *)1, b, 0), 1);
	CHECK_EQ("one still on a", futex(a, FUTEX_WAKE, 10, NULL, NULL, 0), 1);
	CHECK_EQ("one on b", futex(b, FUTEX_WAKE, 10, NULL, NULL, 0), 1);
	for (int i = 0; i < 2; i++)
		waitpid(p[i], &st, 0);

	/* WAKE_OP: b += 1, wake on a, and on b if old b == 5 */
	*b = 5;
	p[0] = waiter(a, FUTEX_WAIT);
	p[1] = waiter(b, FUTEX_WAIT);
	nwaiting(a, 2);
	CHECK_EQ("FUTEX_WAKE_OP wakes on both",
		 futex(a, FUTEX_WAKE_OP, 1, (void *)1, b, FUTEX_OP(FUTEX_OP_ADD, 1, FUTEX_OP_CMP_EQ, 5)), 2);
	CHECK_EQ("and added 1", *b, 6);
	waitpid(p[0], &st, 0);
	waitpid(p[1], &st, 0);
	CHECK_EQ("comparison false: only a's waiters",
		 futex(a, FUTEX_WAKE_OP, 1, (void *)1, b, FUTEX_OP(FUTEX_OP_OR, 0x10, FUTEX_OP_CMP_LT, 0)), 0);
	CHECK_EQ("OR applied", *b, 0x16);
	CHECK_EQ("OPARG_SHIFT: ANDN 1<<4",
		 futex(a, FUTEX_WAKE_OP, 1, (void *)1, b,
		       FUTEX_OP((FUTEX_OP_ANDN | FUTEX_OP_OPARG_SHIFT), 4, FUTEX_OP_CMP_EQ, 0)), 0);
	CHECK_EQ("bit 4 cleared", *b, 6);
	CHECK_ERR("WAKE_OP unknown op", futex(a, FUTEX_WAKE_OP, 1, (void *)1, b, 7u << 28), ENOSYS);
	CHECK_ERR("WAKE_OP unknown comparison", futex(a, FUTEX_WAKE_OP, 1, (void *)1, b, 9u << 24), ENOSYS);
	{
		uint32_t *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		CHECK_ERR("WAKE_OP on a read-only word", futex(a, FUTEX_WAKE_OP, 1, (void *)1, ro, 0), EFAULT);
		munmap(ro, 4096);
	}

	/* absolute timeouts */
	{
		struct timespec ts;
		uint32_t w = 0;
		double t0;

		clock_gettime(CLOCK_MONOTONIC, &ts);
		ts.tv_nsec += 100000000;
		if (ts.tv_nsec >= 1000000000) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000;
		}
		t0 = now_ms();
		CHECK_ERR("WAIT_BITSET absolute CLOCK_MONOTONIC times out",
			  futex(&w, FUTEX_WAIT_BITSET_PRIVATE, 0, &ts, NULL, FUTEX_BITSET_MATCH_ANY), ETIMEDOUT);
		CHECK("after about 100 ms", now_ms() - t0 >= 95 && now_ms() - t0 < 1000);
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec -= 1;
		CHECK_ERR("CLOCK_REALTIME deadline in the past",
			  futex(&w, FUTEX_WAIT_BITSET_PRIVATE | FUTEX_CLOCK_REALTIME, 0, &ts, NULL,
				FUTEX_BITSET_MATCH_ANY), ETIMEDOUT);
		ts.tv_nsec = 1000000000;
		CHECK_ERR("tv_nsec out of range", futex(&w, FUTEX_WAIT, 0, &ts, NULL, 0), EINVAL);
		ts.tv_sec = -1;
		ts.tv_nsec = 0;
		CHECK_ERR("negative tv_sec", futex(&w, FUTEX_WAIT, 0, &ts, NULL, 0), EINVAL);
	}

	/* a relative wait broken by a handler: EINTR */
	{
		struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = SA_RESTART };
		struct timespec ts = { 2, 0 };
		pid_t me = getpid(), k;

		sigaction(SIGUSR1, &sa, NULL);
		k = fork();
		if (k == 0) {
			usleep(100000);
			kill(me, SIGUSR1);
			_exit(0);
		}
		*a = 0;
		CHECK_ERR("a handler breaks the wait: EINTR", futex(a, FUTEX_WAIT, 0, &ts, NULL, 0), EINTR);
		waitpid(k, &st, 0);
	}

	/* stopped and continued: the wait goes on for what was left, not afresh */
	{
		pid_t c = fork();
		double t0;

		if (c == 0) {
			struct timespec ts = { 1, 0 };
			uint32_t w = 0;
			double s = now_ms();
			long r = futex(&w, FUTEX_WAIT_PRIVATE, 0, &ts, NULL, 0);

			_exit(r == -1 && errno == ETIMEDOUT ? (now_ms() - s < 1400 ? 0 : 2) : 1);
		}
		t0 = now_ms();
		usleep(200000);
		kill(c, SIGSTOP);
		usleep(500000);
		kill(c, SIGCONT);
		waitpid(c, &st, 0);
		CHECK("after SIGSTOP/SIGCONT the timeout keeps its deadline",
		      WIFEXITED(st) && WEXITSTATUS(st) == 0 && now_ms() - t0 < 1600);
	}

	/* one SysV segment attached twice: wait on one address, wake on the other */
	{
		int id = shmget(IPC_PRIVATE, 4096, 0600);
		uint32_t *x = shmat(id, NULL, 0), *y = shmat(id, NULL, 0);

		CHECK("two attachments at two addresses", x != y && x != (void *)-1 && y != (void *)-1);
		x[3] = 0;
		p[0] = waiter(&x[3], FUTEX_WAIT);
		nwaiting(x, 1);
		CHECK_EQ("wake through the other address", futex(&y[3], FUTEX_WAKE, 1, NULL, NULL, 0), 1);
		waitpid(p[0], &st, 0);
		CHECK("woken", WIFEXITED(st) && WEXITSTATUS(st) == 0);
		shmdt(x);
		shmdt(y);
		shmctl(id, IPC_RMID, NULL);
	}

	/* bad input */
	{
		char buf[8] __attribute__((aligned(4))) = { 0 };

		CHECK_ERR("unaligned", futex(buf + 1, FUTEX_WAKE, 1, NULL, NULL, 0), EINVAL);
		CHECK_ERR("unaligned uaddr2 for requeue", futex(a, FUTEX_REQUEUE, 1, (void *)1, buf + 2, 0), EINVAL);
		CHECK_ERR("unmapped WAIT", futex((void *)0x1000, FUTEX_WAIT, 0, NULL, NULL, 0), EFAULT);
		CHECK_ERR("unmapped CMP_REQUEUE", futex((void *)0x1000, FUTEX_CMP_REQUEUE, 0, (void *)1, b, 0), EFAULT);
		CHECK_ERR("kernel address", futex((void *)0xc0001000, FUTEX_WAIT, 0, NULL, NULL, 0), EFAULT);
		CHECK_ERR("unknown op", futex(a, 99, 0, NULL, NULL, 0), ENOSYS);
		CHECK_ERR("negative requeue count", futex(a, FUTEX_CMP_REQUEUE, 1, (void *)-1, b, *a), EINVAL);
		CHECK_ERR("WAIT_BITSET with bitset 0", futex(a, FUTEX_WAIT_BITSET, *a, NULL, NULL, 0), EINVAL);
		CHECK_ERR("value differs", futex(a, FUTEX_WAIT, *a + 1, NULL, NULL, 0), EAGAIN);
	}
	return utest_done();
}
