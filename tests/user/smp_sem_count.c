/*
 * smp_sem_count.c - System V semaphores hammered from every CPU: one worker
 * process per CPU (at least 4), pinned where the kernel can pin, each adds to
 * one semaphore without and another with SEM_UNDO, the counts exact while all
 * live and the undone one back to 0 once they exit; a semaphore used as a
 * mutex keeps a non-atomic counter in shared memory exact and its critical
 * section never entered twice; a two-operation semop is atomic against
 * GETALL snapshots taken meanwhile (the sum of the two never moves).
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/wait.h>

#include "utest.h"
#include "smp_util.h"

#define K	1500		/* iterations per worker */
#define MAXW	16

enum { S_PLAIN, S_UNDO, S_MUTEX, S_BARRIER, S_GO, S_A, S_B, NSEMS };

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
};

struct shared {
	volatile long counter;		/* only touched under S_MUTEX */
	volatile int inside;		/* 1 while someone holds S_MUTEX */
	volatile long overlaps;
};

static int id;

static int op(int sem, int delta, int flags)
{
	struct sembuf b = { (unsigned short)sem, (short)delta, (short)flags };
	int r;

	while ((r = semop(id, &b, 1)) < 0 && errno == EINTR)
		;
	return r;
}

static void worker(int i, struct smp_report *r, struct shared *sh)
{
	struct sembuf pair[2] = { { S_A, 1, 0 }, { S_B, -1, 0 } };

	smp_worker_start(r, i);
	for (int k = 0; k < K; k++) {
		if (op(S_PLAIN, 1, 0) || op(S_UNDO, 1, SEM_UNDO))
			r->bad++;
		if (op(S_MUTEX, -1, SEM_UNDO)) {
			r->bad++;
			continue;
		}
		if (sh->inside)
			sh->overlaps++;
		sh->inside = 1;
		{
			long c = sh->counter;	/* a read-modify-write the mutex must protect */

			for (volatile int spin = 0; spin < 200; spin++)
				;
			sh->counter = c + 1;
		}
		sh->inside = 0;
		if (op(S_MUTEX, 1, SEM_UNDO))
			r->bad++;
		if (semop(id, pair, 2))
			r->bad++;
		r->count++;
	}
	smp_worker_end(r);
	/* the barrier: all have counted; then wait until the parent has looked */
	if (op(S_BARRIER, -1, 0) || op(S_GO, -1, 0))
		r->bad++;
	_exit(0);
}

int main(void)
{
	int n = smp_workers(MAXW), i, st, failed = 0, snaps = 0, torn = 0;
	struct smp_report *r = smp_reports(n);
	struct shared *sh = (struct shared *)smp_reports(1);
	unsigned short vals[NSEMS];
	union semun arg;
	long bad = 0;
	char msg[160];

	alarm(100);
	id = semget(IPC_PRIVATE, NSEMS, 0600);
	CHECK_OK("semget a set of 7", id);
	if (id < 0 || !r || !sh)
		return utest_done();
	memset(vals, 0, sizeof(vals));
	vals[S_MUTEX] = 1;
	vals[S_BARRIER] = (unsigned short)n;
	vals[S_B] = (unsigned short)(n * K);
	arg.array = vals;
	CHECK_OK("SETALL", semctl(id, 0, SETALL, arg));

	for (i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid == 0)
			worker(i, &r[i], sh);
		failed += pid < 0;
	}
	/* GETALL while they run: S_A + S_B moves only with both halves of one semop */
	for (;;) {
		arg.array = vals;
		if (semctl(id, 0, GETALL, arg) < 0)
			break;
		snaps++;
		torn += vals[S_A] + vals[S_B] != n * K;
		if (vals[S_BARRIER] == 0)
			break;
		sched_yield();
	}
	arg.array = vals;
	semctl(id, 0, GETALL, arg);
	snprintf(msg, sizeof(msg), "%d workers: semop +1 %d times each, no undo: semval %d", n, K, n * K);
	CHECK_EQ(msg, vals[S_PLAIN], n * K);
	snprintf(msg, sizeof(msg), "%d workers: semop +1 SEM_UNDO %d times each, all alive: semval %d", n, K,
		 n * K);
	CHECK_EQ(msg, vals[S_UNDO], n * K);
	CHECK_EQ("the mutex semaphore is free again (1)", vals[S_MUTEX], 1);
	CHECK_EQ("the {A+1, B-1} semop ran n*K times: A", vals[S_A], n * K);
	CHECK_EQ("... and B is 0", vals[S_B], 0);
	printf("note: %d GETALL snapshots while the workers ran\n", snaps);
	CHECK_EQ("no GETALL snapshot saw one half of a two-operation semop", torn, 0);
	CHECK_EQ("the shared counter under the semaphore mutex is exact", sh->counter, (long)n * K);
	CHECK_EQ("no worker found the critical section occupied", sh->overlaps, 0);

	CHECK_OK("release the workers", op(S_GO, n, 0));
	for (i = 0; i < n; i++)
		if (wait(&st) < 0 || !WIFEXITED(st) || WEXITSTATUS(st))
			failed++;
	CHECK_EQ("every worker exited 0", failed, 0);
	for (i = 0; i < n; i++)
		bad += r[i].bad + (r[i].count != K);
	CHECK_EQ("every semop of every worker succeeded", bad, 0);
	CHECK_EQ("after they exit, SEM_UNDO took every +1 back: semval 0", semctl(id, S_UNDO, GETVAL), 0);
	CHECK_EQ("the semval without undo stays", semctl(id, S_PLAIN, GETVAL), n * K);
	CHECK_EQ("the mutex's undo balanced: still 1", semctl(id, S_MUTEX, GETVAL), 1);
	CHECK_EQ("nobody waits: GETNCNT 0", semctl(id, S_GO, GETNCNT), 0);
	CHECK_EQ("every pinned worker ran on its own CPU", smp_summary("sem", r, n), 0);
	CHECK_OK("IPC_RMID", semctl(id, 0, IPC_RMID));
	return utest_done();
}
