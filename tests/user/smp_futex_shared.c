/*
 * smp_futex_shared.c - raw futex() calls between processes on a MAP_SHARED
 * page (shared keys, without FUTEX_PRIVATE_FLAG: the key is the shared
 * object, found through the vma), the workers pinned to different CPUs
 * where the kernel can pin: a three-state futex mutex (Drepper's "Futexes
 * are tricky", mutex 2) keeps a counter exact and its critical section
 * entered by one at a time; then two processes hand a turn back and forth
 * with FUTEX_WAIT/FUTEX_WAKE, every wait bounded by a timeout, so a lost
 * wake-up shows as a wait that timed out although the turn had come.
 */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>

#include "utest.h"
#include "smp_util.h"

#define MAXW	8
#define K	4000		/* mutex rounds per worker */
#define TURNS	4000		/* hand-overs each way */

struct shared {
	volatile int lock;	/* 0 free, 1 taken, 2 taken with waiters */
	volatile long counter;
	volatile int inside;
	volatile long overlaps;
	volatile int turn;	/* whose turn: 0 or 1 */
	volatile long lost;	/* waits that timed out with the turn already ours */
};

static long futex(volatile int *uaddr, int op, int val, const struct timespec *ts)
{
	return syscall(SYS_futex, uaddr, op, val, ts, NULL, 0);
}

static int cmpxchg(volatile int *p, int old, int new)
{
	return __sync_val_compare_and_swap(p, old, new);
}

static void mutex_lock(volatile int *m)
{
	int c = cmpxchg(m, 0, 1);

	if (!c)
		return;
	if (c != 2)
		c = __sync_lock_test_and_set(m, 2);
	while (c) {
		futex(m, FUTEX_WAIT, 2, NULL);
		c = __sync_lock_test_and_set(m, 2);
	}
}

static void mutex_unlock(volatile int *m)
{
	if (__sync_fetch_and_sub(m, 1) != 1) {
		*m = 0;
		futex(m, FUTEX_WAKE, 1, NULL);
	}
}

static void count_worker(int i, struct shared *sh, struct smp_report *r)
{
	smp_worker_start(r, i);
	for (int k = 0; k < K; k++) {
		long v;

		mutex_lock(&sh->lock);
		if (sh->inside)
			sh->overlaps++;
		sh->inside = 1;
		v = sh->counter;
		for (volatile int d = 0; d < 50; d++)
			;
		sh->counter = v + 1;
		sh->inside = 0;
		mutex_unlock(&sh->lock);
	}
	smp_worker_end(r);
	_exit(0);
}

/* my turn is 'me': wait for it, take it, give it to the other */
static void turn_worker(int me, struct shared *sh, struct smp_report *r)
{
	struct timespec ts = { 5, 0 };

	smp_worker_start(r, me);
	for (int k = 0; k < TURNS; k++) {
		while (sh->turn != me) {
			long ret = futex(&sh->turn, FUTEX_WAIT, !me, &ts);

			if (ret < 0 && errno == ETIMEDOUT && sh->turn == me)
				sh->lost++;	/* the wake-up for our turn never came */
		}
		r->count++;
		sh->turn = !me;
		futex(&sh->turn, FUTEX_WAKE, 1, NULL);
	}
	smp_worker_end(r);
	_exit(0);
}

static int reap(pid_t *pids, int n)
{
	int ok = 1;

	for (int i = 0; i < n; i++) {
		int st;

		if (waitpid(pids[i], &st, 0) != pids[i] || !WIFEXITED(st) || WEXITSTATUS(st))
			ok = 0;
	}
	return ok;
}

int main(void)
{
	struct shared *sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
				 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	struct smp_report *rep = smp_reports(MAXW);
	int nw = smp_workers(MAXW);
	pid_t pids[MAXW];

	CHECK("shared pages", sh != MAP_FAILED && rep);
	if (sh == MAP_FAILED || !rep)
		return utest_done();

	for (int i = 0; i < nw; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			count_worker(i, sh, &rep[i]);
	}
	CHECK("mutex workers exit 0", reap(pids, nw));
	CHECK_EQ("counter under the shared futex mutex exact", sh->counter, (long)nw * K);
	CHECK_EQ("critical section never entered twice", sh->overlaps, 0);
	CHECK_EQ("the mutex is free at the end", sh->lock, 0);
	CHECK_EQ("pinned workers stayed on their CPUs", smp_summary("mutex", rep, nw), 0);

	memset(rep, 0, sizeof(*rep) * 2);
	for (int i = 0; i < 2; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			turn_worker(i, sh, &rep[i]);
	}
	CHECK("turn workers exit 0", reap(pids, 2));
	CHECK_EQ("every turn taken, side 0", rep[0].count, TURNS);
	CHECK_EQ("every turn taken, side 1", rep[1].count, TURNS);
	CHECK_EQ("no wake-up lost", sh->lost, 0);
	CHECK_EQ("pinned workers stayed on their CPUs", smp_summary("turns", rep, 2), 0);
	return utest_done();
}
