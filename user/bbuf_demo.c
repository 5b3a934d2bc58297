/*
 * user/bbuf_demo.c - the bounded buffer, slowly enough to watch: 2 producers
 * and 2 consumers share a ring of 4 slots in a System V shared memory segment,
 * guarded by a set of 3 semaphores (empty, full, mutex). Each producer makes
 * N items (default 20), one every 100 ms; at the end the parent checks that
 * every item arrived exactly once and removes both objects.
 *
 *   run /bin/bbuf_demo 30 &      then, while it runs:   ipcs    run /bin/ipcs
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SLOTS 4
#define PRODUCERS 2
#define CONSUMERS 2
enum { EMPTY, FULL, MUTEX };

struct ring {
	int head, tail;
	int slot[SLOTS];
	int taken;		/* items consumed, under the mutex */
	unsigned char seen[PRODUCERS * 1000];
};

static int semid;

static void sem(int num, int op)
{
	struct sembuf b = { (unsigned short)num, (short)op, 0 };

	while (semop(semid, &b, 1) < 0)
		if (errno != EINTR) {
			perror("semop");
			exit(1);
		}
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 20, shmid, bad = 0;
	unsigned short init[3] = { SLOTS, 0, 1 };
	struct timespec pause = { 0, 100 * 1000 * 1000 };
	struct ring *r;

	if (n < 1 || n > 1000) {
		fprintf(stderr, "usage: bbuf_demo [ITEMS_PER_PRODUCER (1-1000)]\n");
		return 2;
	}
	shmid = shmget(IPC_PRIVATE, sizeof(struct ring), IPC_CREAT | 0600);
	semid = semget(IPC_PRIVATE, 3, IPC_CREAT | 0600);
	if (shmid < 0 || semid < 0) {
		perror("shmget/semget");
		return 1;
	}
	r = shmat(shmid, NULL, 0);
	if (r == (void *)-1) {
		perror("shmat");
		return 1;
	}
	memset(r, 0, sizeof(*r));
	semctl(semid, 0, SETALL, init);
	printf("bbuf_demo: segment %d, semaphores %d, %d items from each of %d producers\n",
	       shmid, semid, n, PRODUCERS);
	fflush(stdout);
	for (int p = 0; p < PRODUCERS; p++)
		if (fork() == 0) {
			for (int i = 0; i < n; i++) {
				nanosleep(&pause, NULL);
				sem(EMPTY, -1);
				sem(MUTEX, -1);
				r->slot[r->head] = p * 1000 + i;
				r->head = (r->head + 1) % SLOTS;
				sem(MUTEX, 1);
				sem(FULL, 1);
			}
			_exit(0);
		}
	for (int c = 0; c < CONSUMERS; c++)
		if (fork() == 0) {
			for (;;) {
				int item;

				sem(FULL, -1);
				sem(MUTEX, -1);
				if (r->taken == PRODUCERS * n) {	/* the last one: pass it on */
					sem(MUTEX, 1);
					sem(FULL, 1);
					_exit(0);
				}
				item = r->slot[r->tail];
				r->tail = (r->tail + 1) % SLOTS;
				r->seen[item / 1000 * n + item % 1000]++;
				r->taken++;
				if (r->taken == PRODUCERS * n)
					sem(FULL, 1);		/* wake the other consumer to finish */
				sem(MUTEX, 1);
				sem(EMPTY, 1);
			}
		}
	while (wait(NULL) > 0)
		;
	for (int i = 0; i < PRODUCERS * n; i++)
		bad += r->seen[i] != 1;
	printf("bbuf_demo: %d items moved, %s\n", r->taken, bad ? "SOME LOST OR REPEATED" : "each exactly once");
	shmdt(r);
	shmctl(shmid, IPC_RMID, NULL);
	semctl(semid, 0, IPC_RMID);
	return bad ? 1 : 0;
}
