/*
 * sysv_bbuf.c - the classic bounded buffer in System V shared memory, guarded
 * by three semaphores (empty, full, mutex): 4 producers put 500 distinct items
 * each, 4 consumers take 500 each; no item is lost or delivered twice.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "utest.h"

#define NSLOT 8
#define NPROD 4
#define NCONS 4
#define PER 500
#define NITEMS (NPROD * PER)

enum { EMPTY, FULL, MUTEX };

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
	struct seminfo *__buf;
};

struct shared {
	int slot[NSLOT];
	int in, out;
	unsigned char seen[NITEMS];	/* how often each item was taken */
	int taken[NCONS];		/* items per consumer */
	int out_of_order;		/* a producer's items seen out of order */
	int bad_item;			/* a value that was never produced */
};

static int semid;
static struct shared *sh;

static int P(int n)
{
	struct sembuf op = { n, -1, 0 };

	return semop(semid, &op, 1);
}

static int V(int n)
{
	struct sembuf op = { n, 1, 0 };

	return semop(semid, &op, 1);
}

static void producer(int p)
{
	int k;

	for (k = 0; k < PER; k++) {
		if (P(EMPTY) || P(MUTEX))
			_exit(1);
		sh->slot[sh->in] = p * PER + k;
		sh->in = (sh->in + 1) % NSLOT;
		if (V(MUTEX) || V(FULL))
			_exit(2);
	}
	_exit(0);
}

static void consumer(int c)
{
	int last[NPROD], k, item, p;

	for (p = 0; p < NPROD; p++)
		last[p] = -1;
	for (k = 0; k < PER; k++) {
		if (P(FULL) || P(MUTEX))
			_exit(1);
		item = sh->slot[sh->out];
		sh->slot[sh->out] = -1;
		sh->out = (sh->out + 1) % NSLOT;
		if (item < 0 || item >= NITEMS) {
			sh->bad_item++;
		} else {
			sh->seen[item]++;
			p = item / PER;
			if (item <= last[p])
				sh->out_of_order++;
			last[p] = item;
		}
		sh->taken[c]++;
		if (V(MUTEX) || V(EMPTY))
			_exit(2);
	}
	_exit(0);
}

int main(void)
{
	unsigned short init[3] = { NSLOT, 0, 1 };
	pid_t pids[NPROD + NCONS];
	int shmid, i, st, bad_exit = 0, lost = 0, twice = 0, total = 0;
	union semun arg;

	alarm(20);
	semid = semget(IPC_PRIVATE, 3, 0600);
	shmid = shmget(IPC_PRIVATE, sizeof(struct shared), 0600);
	CHECK("a 3-semaphore set and a shared segment", semid >= 0 && shmid >= 0);
	if (semid < 0 || shmid < 0)
		goto out;
	sh = shmat(shmid, NULL, 0);
	if (sh == (void *)-1) {
		CHECK_OK("shmat", -1);
		goto out;
	}
	arg.array = init;
	CHECK_EQ("SETALL empty=8 full=0 mutex=1", semctl(semid, 0, SETALL, arg), 0);
	for (i = 0; i < NSLOT; i++)
		sh->slot[i] = -1;

	/* start consumers and producers interleaved */
	for (i = 0; i < NPROD + NCONS; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			alarm(20);	/* never outlive a lost parent */
			if (i % 2)
				producer(i / 2);
			else
				consumer(i / 2);
		}
		if (pids[i] < 0)
			bad_exit++;
	}
	for (i = 0; i < NPROD + NCONS; i++) {
		if (pids[i] < 0)
			continue;
		if (waitpid(pids[i], &st, 0) != pids[i] || !WIFEXITED(st) || WEXITSTATUS(st))
			bad_exit++;
	}
	CHECK_EQ("all 4 producers and 4 consumers finish normally", bad_exit, 0);

	for (i = 0; i < NITEMS; i++) {
		if (sh->seen[i] == 0)
			lost++;
		else if (sh->seen[i] > 1)
			twice++;
	}
	for (i = 0; i < NCONS; i++)
		total += sh->taken[i];
	CHECK_EQ("no item is lost", lost, 0);
	CHECK_EQ("no item is taken twice", twice, 0);
	CHECK_EQ("no consumer sees a value that was never produced", sh->bad_item, 0);
	CHECK_EQ("the consumers took 2000 items in all", total, NITEMS);
	CHECK_EQ("each consumer sees each producer's items in increasing order",
		 sh->out_of_order, 0);
	CHECK_EQ("the ring indexes meet again", sh->in, sh->out);
	CHECK("the semaphores end at empty=8 full=0 mutex=1",
	      semctl(semid, EMPTY, GETVAL) == NSLOT && semctl(semid, FULL, GETVAL) == 0 &&
	      semctl(semid, MUTEX, GETVAL) == 1);
	shmdt(sh);
out:
	if (semid >= 0)
		semctl(semid, 0, IPC_RMID);
	if (shmid >= 0)
		shmctl(shmid, IPC_RMID, NULL);
	return utest_done();
}
