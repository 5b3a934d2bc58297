/*
 * smp_fork_undo.c - fork/exit storms against SEM_UNDO, children spread over
 * every CPU (pinned where the kernel can pin): in each round some children
 * take a token and exit holding it, some take one and are killed asleep on
 * another semaphore, some take and give back, and some loop taking and giving
 * until SIGKILL comes at a moment of the parent's choosing. Whatever each had
 * done, its exit undoes it before wait() returns: after every round the
 * semaphore values are exactly their initial ones and nobody is left waiting.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/wait.h>
#include <time.h>

#include "utest.h"
#include "smp_util.h"

#define ROUNDS	30
#define MAXC	32

enum { S_TOKEN, S_COUNT, S_GATE, NSEMS };
enum { K_EXIT, K_SLEEP, K_GIVE, K_LOOP, NKINDS };

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
};

static int id, tokens;

static int op2(int s1, int d1, int s2, int d2)
{
	struct sembuf b[2] = { { (unsigned short)s1, (short)d1, SEM_UNDO },
			       { (unsigned short)s2, (short)d2, SEM_UNDO } };
	int r;

	while ((r = semop(id, b, d2 ? 2 : 1)) < 0 && errno == EINTR)
		;
	return r;
}

static void child(int i, int kind)
{
	struct sembuf gate = { S_GATE, -1, 0 };

	smp_pin(i);
	switch (kind) {
	case K_EXIT:		/* take a token, add 2: the exit undoes both */
		if (op2(S_TOKEN, -1, S_COUNT, 2))
			_exit(1);
		_exit(0);
	case K_SLEEP:		/* take a token, then sleep until killed */
		if (op2(S_TOKEN, -1, 0, 0))
			_exit(1);
		semop(id, &gate, 1);
		_exit(2);	/* the gate never opens */
	case K_GIVE:		/* take and give back: nothing to undo */
		if (op2(S_TOKEN, -1, S_COUNT, 1) || op2(S_TOKEN, 1, S_COUNT, -1))
			_exit(1);
		_exit(0);
	default:		/* take and give until SIGKILL, at any point */
		for (;;)
			if (op2(S_TOKEN, -1, S_COUNT, 3) || op2(S_TOKEN, 1, S_COUNT, -3))
				_exit(1);
	}
}

int main(void)
{
	int c = smp_workers(MAXC / 2) * 2, nsleep = 0, i, round, st;
	long wrong_vals = 0, waiters = 0, bad_exit = 0, bad_kill = 0, not_asleep = 0;
	pid_t pid[MAXC];
	union semun arg;

	alarm(100);
	for (i = 0; i < c; i++)
		nsleep += i % NKINDS == K_SLEEP;
	tokens = nsleep + 2;	/* the sleepers never starve the others */
	id = semget(IPC_PRIVATE, NSEMS, 0600);
	CHECK_OK("semget", id);
	if (id < 0)
		return utest_done();
	arg.val = tokens;
	CHECK_OK("SETVAL the tokens", semctl(id, S_TOKEN, SETVAL, arg));
	printf("note: %d rounds of %d children, %d tokens\n", ROUNDS, c, tokens);

	for (round = 0; round < ROUNDS; round++) {
		struct timespec pause = { 0, (round % 7) * 300000L };
		int t;

		for (i = 0; i < c; i++) {
			pid[i] = fork();
			if (pid[i] == 0)
				child(i, i % NKINDS);
		}
		nanosleep(&pause, NULL);
		for (i = 0; i < c; i++)	/* the loopers die wherever they are */
			if (i % NKINDS == K_LOOP && pid[i] > 0)
				kill(pid[i], SIGKILL);
		/* the sleepers: killed once all of them sleep on the gate */
		for (t = 0; t < 20000 && semctl(id, S_GATE, GETNCNT) < nsleep; t++)
			usleep(500);
		not_asleep += semctl(id, S_GATE, GETNCNT) != nsleep;
		for (i = 0; i < c; i++)
			if (i % NKINDS == K_SLEEP && pid[i] > 0)
				kill(pid[i], SIGKILL);
		for (i = 0; i < c; i++) {
			if (pid[i] <= 0 || waitpid(pid[i], &st, 0) != pid[i]) {
				bad_exit++;
				continue;
			}
			if (i % NKINDS == K_SLEEP || i % NKINDS == K_LOOP)
				bad_kill += !(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
			else
				bad_exit += !(WIFEXITED(st) && WEXITSTATUS(st) == 0);
		}
		/* every child is reaped: each one's undo ran before its wait returned */
		wrong_vals += semctl(id, S_TOKEN, GETVAL) != tokens ||
			      semctl(id, S_COUNT, GETVAL) != 0 || semctl(id, S_GATE, GETVAL) != 0;
		for (i = 0; i < NSEMS; i++)
			waiters += semctl(id, i, GETNCNT) + semctl(id, i, GETZCNT);
	}
	CHECK_EQ("the children that exit on their own exited 0", bad_exit, 0);
	CHECK_EQ("the sleepers and loopers died of SIGKILL", bad_kill, 0);
	CHECK_EQ("every round, all sleepers were asleep on the gate", not_asleep, 0);
	CHECK_EQ("after every round the tokens and the count are back to their start", wrong_vals, 0);
	CHECK_EQ("after every round nobody waits (GETNCNT, GETZCNT)", waiters, 0);
	CHECK_EQ("the tokens at the end", semctl(id, S_TOKEN, GETVAL), tokens);
	CHECK_EQ("the count at the end", semctl(id, S_COUNT, GETVAL), 0);
	CHECK_OK("IPC_RMID", semctl(id, 0, IPC_RMID));
	return utest_done();
}
