/*
 * sysv_philo.c - dining philosophers on one System V semaphore set: five
 * processes each take both forks atomically in one semop, eat 100 times and
 * count meals in shared memory under a mutex semaphore; no deadlock, 500 meals.
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

#define N 5
#define MEALS 100
#define MUTEX N			/* semaphore index of the meal-counter mutex */

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
	struct seminfo *__buf;
};

struct table {
	int meals;		/* all meals, under MUTEX */
	int per[N];		/* meals per philosopher */
	int eating[N];		/* 1 while philosopher i holds both forks */
	int clash;		/* a neighbour was eating at the same time */
};

static int semid;
static struct table *t;

static void philosopher(int i)
{
	int left = i, right = (i + 1) % N, k;
	struct sembuf take[2] = { { left, -1, 0 }, { right, -1, 0 } };
	struct sembuf put[2] = { { left, 1, 0 }, { right, 1, 0 } };
	struct sembuf lock = { MUTEX, -1, 0 }, unlock = { MUTEX, 1, 0 };

	for (k = 0; k < MEALS; k++) {
		if (semop(semid, take, 2))
			_exit(1);
		t->eating[i] = 1;
		if (t->eating[(i + N - 1) % N] || t->eating[(i + 1) % N])
			t->clash++;
		if (semop(semid, &lock, 1))
			_exit(2);
		t->meals++;
		t->per[i]++;
		if (semop(semid, &unlock, 1))
			_exit(3);
		t->eating[i] = 0;
		if (semop(semid, put, 2))
			_exit(4);
	}
	_exit(0);
}

int main(void)
{
	unsigned short init[N + 1] = { 1, 1, 1, 1, 1, 1 };
	int shmid, i, st, bad_exit = 0, forks_back = 1, fair = 1;
	pid_t pids[N];
	union semun arg;

	alarm(20);	/* a deadlock becomes a failure, not a hang */
	semid = semget(IPC_PRIVATE, N + 1, 0600);
	shmid = shmget(IPC_PRIVATE, sizeof(struct table), 0600);
	CHECK("a 6-semaphore set (5 forks + mutex) and a shared segment",
	      semid >= 0 && shmid >= 0);
	if (semid < 0 || shmid < 0)
		goto out;
	t = shmat(shmid, NULL, 0);
	if (t == (void *)-1) {
		CHECK_OK("shmat", -1);
		goto out;
	}
	arg.array = init;
	CHECK_EQ("SETALL: every fork and the mutex free", semctl(semid, 0, SETALL, arg), 0);

	for (i = 0; i < N; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			alarm(20);	/* never outlive a lost parent */
			philosopher(i);
		}
		if (pids[i] < 0)
			bad_exit++;
	}
	for (i = 0; i < N; i++) {
		if (pids[i] < 0)
			continue;
		if (waitpid(pids[i], &st, 0) != pids[i] || !WIFEXITED(st) || WEXITSTATUS(st))
			bad_exit++;
	}
	CHECK_EQ("all five philosophers finish (no deadlock)", bad_exit, 0);
	CHECK_EQ("500 meals were counted", t->meals, N * MEALS);
	for (i = 0; i < N; i++)
		if (t->per[i] != MEALS)
			fair = 0;
	CHECK("each philosopher ate 100 times", fair);
	CHECK_EQ("no two neighbours ever ate at the same time", t->clash, 0);
	for (i = 0; i <= N; i++)
		if (semctl(semid, i, GETVAL) != 1)
			forks_back = 0;
	CHECK("every fork and the mutex are free at the end", forks_back);
	shmdt(t);
out:
	if (semid >= 0)
		semctl(semid, 0, IPC_RMID);
	if (shmid >= 0)
		shmctl(shmid, IPC_RMID, NULL);
	return utest_done();
}
