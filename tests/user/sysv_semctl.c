/*
 * tests/user/sysv_semctl.c - semctl as today's Linux answers it (issue 13):
 * GETNCNT and GETZCNT count a sleeper only on the semaphore and for the op
 * it is blocked on (Linux 3.16+; 2.6 counted every op of every sleeper),
 * following it as it moves from one blocking op to the next and dropping it
 * on a signal, a timeout or its death; SETVAL checks the value before the
 * id and the semaphore number before the permission; SETALL sets sempid.
 */
#define _GNU_SOURCE
#include "utest.h"
#include <signal.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/wait.h>
#include <time.h>

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
};

static int ncnt(int id, int n) { return semctl(id, n, GETNCNT); }
static int zcnt(int id, int n) { return semctl(id, n, GETZCNT); }

/* wait until semaphore n shows (nc, zc) sleepers, at most 2 s */
static int settle(int id, int n, int nc, int zc)
{
	for (int i = 0; i < 200; i++) {
		if (ncnt(id, n) == nc && zcnt(id, n) == zc)
			return 1;
		usleep(10000);
	}
	return 0;
}

static void on_usr1(int sig) { (void)sig; }

/* a child that sleeps in semop(ops) and exits with its errno (0: done) */
static pid_t sleeper(int id, struct sembuf *ops, int n)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(semop(id, ops, n) ? errno : 0);
	return pid;
}

static int reap(pid_t pid)
{
	int st;

	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void counts(void)
{
	int id = semget(IPC_PRIVATE, 6, IPC_CREAT | 0600);
	struct sembuf a[] = { { 0, -1, 0 }, { 1, -1, 0 } };
	struct sembuf b[] = { { 2, 0, 0 }, { 3, -1, 0 } };
	struct sembuf c[] = { { 4, 0, 0 }, { 4, -1, 0 } };
	struct sembuf d[] = { { 5, -1, 0 }, { 5, -1, 0 }, { 5, -1, 0 } };
	struct sembuf up0 = { 0, 1, 0 }, up1 = { 1, 1, 0 }, dn2 = { 2, -1, 0 }, up3 = { 3, 1, 0 };
	struct sembuf up4 = { 4, 1, 0 }, up5 = { 5, 3, 0 };
	pid_t pa, pb, pc, pd;

	CHECK("a set of 6", id >= 0);
	semctl(id, 2, SETVAL, (union semun){ .val = 1 });
	pa = sleeper(id, a, 2);
	CHECK("A sleeps on semaphore 0: GETNCNT(0) 1", settle(id, 0, 1, 0));
	CHECK_EQ("A's later op on semaphore 1 is not counted", ncnt(id, 1), 0);
	CHECK_OK("semaphore 0 up", semop(id, &up0, 1));
	CHECK("A now sleeps on semaphore 1", settle(id, 1, 1, 0));
	CHECK_EQ("and no longer on semaphore 0", ncnt(id, 0), 0);
	CHECK_EQ("semaphore 0 still 1 (A's op rolled back)", semctl(id, 0, GETVAL), 1);

	pb = sleeper(id, b, 2);
	CHECK("B waits for zero on semaphore 2: GETZCNT(2) 1", settle(id, 2, 0, 1));
	CHECK_EQ("B's -1 on semaphore 3 is not counted", ncnt(id, 3), 0);
	CHECK_OK("semaphore 2 down to 0", semop(id, &dn2, 1));
	CHECK("B now sleeps on semaphore 3", settle(id, 3, 1, 0));
	CHECK_EQ("GETZCNT(2) 0", zcnt(id, 2), 0);

	semctl(id, 4, SETVAL, (union semun){ .val = 0 });
	pc = sleeper(id, c, 2);
	CHECK("C: zero passes, -1 blocks: GETNCNT(4) 1", settle(id, 4, 1, 0));
	CHECK_EQ("C's passed wait-for-zero is not counted", zcnt(id, 4), 0);

	pd = sleeper(id, d, 3);
	CHECK("D's three -1 on semaphore 5 count once", settle(id, 5, 1, 0));

	/* release everyone; the counts come back to 0 */
	CHECK_OK("semaphore 1 up: A completes", semop(id, &up1, 1));
	CHECK_EQ("A done", reap(pa), 0);
	CHECK_OK("semaphore 3 up: B completes", semop(id, &up3, 1));
	CHECK_EQ("B done", reap(pb), 0);
	/* C can never complete (0 then -1 of the same value): now its zero op blocks */
	CHECK_OK("semaphore 4 up", semop(id, &up4, 1));
	CHECK("C now waits for zero on semaphore 4", settle(id, 4, 0, 1));
	kill(pc, SIGKILL);
	CHECK_EQ("C killed", reap(pc), 128 + SIGKILL);
	CHECK_OK("semaphore 5 up by 3: D completes", semop(id, &up5, 1));
	CHECK_EQ("D done", reap(pd), 0);
	for (int i = 0; i < 6; i++)
		if (ncnt(id, i) || zcnt(id, i))
			CHECK_EQ("a count left over", i, -1);
	CHECK_ERR("GETNCNT of semaphore 6", semctl(id, 6, GETNCNT), EINVAL);
	CHECK_ERR("GETZCNT of semaphore -1", semctl(id, -1, GETZCNT), EINVAL);
	semctl(id, 0, IPC_RMID);
}

/* sleepers that leave: a signal, a timeout, SIGKILL */
static void leaving(void)
{
	int id = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
	struct sembuf op[] = { { 1, 0, 0 }, { 0, -1, 0 } };
	pid_t p;

	CHECK("a set of 2", id >= 0);
	p = fork();
	if (p == 0) {
		struct sigaction sa = { .sa_handler = on_usr1 };

		sigaction(SIGUSR1, &sa, NULL);
		_exit(semop(id, op, 2) ? errno : 0);
	}
	CHECK("a sleeper on semaphore 0", settle(id, 0, 1, 0));
	kill(p, SIGUSR1);
	CHECK_EQ("a signal: EINTR", reap(p), EINTR);
	CHECK_EQ("no longer counted", ncnt(id, 0), 0);

	p = fork();
	if (p == 0)
		_exit(semtimedop(id, op, 2, &(struct timespec){ 0, 300000000 }) ? errno : 0);
	CHECK("a timed sleeper on semaphore 0", settle(id, 0, 1, 0));
	CHECK_EQ("the timeout: EAGAIN", reap(p), EAGAIN);
	CHECK_EQ("no longer counted", ncnt(id, 0), 0);

	semctl(id, 1, SETVAL, (union semun){ .val = 1 });
	p = sleeper(id, op, 2);
	CHECK("a wait-for-zero sleeper on semaphore 1", settle(id, 1, 0, 1));
	kill(p, SIGKILL);
	CHECK_EQ("SIGKILL", reap(p), 128 + SIGKILL);
	CHECK_EQ("no longer counted", zcnt(id, 1), 0);
	semctl(id, 0, IPC_RMID);
}

/* SETVAL's order of checks and SETALL's sempid */
static void set_order(void)
{
	int id = semget(IPC_PRIVATE, 3, IPC_CREAT | 0600), st;
	unsigned short vals[3] = { 1, 2, 3 }, bad[3] = { 1, 32768, 3 }, got[3];
	pid_t p;

	CHECK("a set of 3", id >= 0);
	CHECK_ERR("SETVAL 32768 of semaphore 9: ERANGE first", semctl(id, 9, SETVAL, 32768), ERANGE);
	CHECK_ERR("SETVAL -1 of semaphore -1: ERANGE first", semctl(id, -1, SETVAL, -1), ERANGE);
	CHECK_ERR("SETVAL 1 of semaphore 3", semctl(id, 3, SETVAL, 1), EINVAL);
	CHECK_ERR("SETVAL 32768 of set -1: EINVAL (semid < 0 first)", semctl(-1, 0, SETVAL, 32768),
		  EINVAL);
	CHECK_OK("SETVAL 32767, the maximum", semctl(id, 2, SETVAL, 32767));
	CHECK_EQ("SETVAL sets sempid", semctl(id, 2, GETPID), getpid());
	CHECK_EQ("the others' sempid untouched", semctl(id, 0, GETPID), 0);

	p = fork();
	if (p == 0)
		_exit(semctl(id, 0, SETALL, (union semun){ .array = vals }) ? 1 : 0);
	waitpid(p, &st, 0);
	CHECK("a child's SETALL", WIFEXITED(st) && !WEXITSTATUS(st));
	for (int i = 0; i < 3; i++)
		if (semctl(id, i, GETPID) != p)
			CHECK_EQ("SETALL set this semaphore's sempid", semctl(id, i, GETPID), p);
	CHECK_OK("GETALL", semctl(id, 0, GETALL, (union semun){ .array = got }));
	CHECK("the values", got[0] == 1 && got[1] == 2 && got[2] == 3);
	CHECK_ERR("SETALL with a 32768 in it", semctl(id, 0, SETALL, (union semun){ .array = bad }),
		  ERANGE);
	CHECK_EQ("nothing set: semaphore 0 still 1", semctl(id, 0, GETVAL), 1);
	CHECK_EQ("sempid still the child's", semctl(id, 0, GETPID), p);
	CHECK_ERR("SETALL from NULL", semctl(id, 0, SETALL, (union semun){ .array = NULL }), EFAULT);
	CHECK_EQ("nothing set", semctl(id, 2, GETVAL), 3);

	/* the semaphore number before the permission, for SETVAL only */
	semctl(id, 0, SETVAL, 5);
	p = fork();
	if (p == 0) {
		utest_passed = utest_failed = 0;
		if (setgid(65534) || setuid(65534))
			_exit(2);
		CHECK_ERR("uid 65534: SETVAL of semaphore 3: EINVAL before EACCES",
			  semctl(id, 3, SETVAL, 1), EINVAL);
		CHECK_ERR("uid 65534: SETVAL 40000 of semaphore 3: ERANGE",
			  semctl(id, 3, SETVAL, 40000), ERANGE);
		CHECK_ERR("uid 65534: SETVAL of semaphore 0: EACCES", semctl(id, 0, SETVAL, 1), EACCES);
		CHECK_ERR("uid 65534: GETVAL of semaphore 3: EACCES first", semctl(id, 3, GETVAL),
			  EACCES);
		CHECK_ERR("uid 65534: GETNCNT of semaphore 3: EACCES first", semctl(id, 3, GETNCNT),
			  EACCES);
		CHECK_ERR("uid 65534: SETALL: EACCES", semctl(id, 0, SETALL,
			  (union semun){ .array = vals }), EACCES);
		_exit(utest_failed ? 1 : 0);	/* the parent counts this part once */
	}
	waitpid(p, &st, 0);
	CHECK("the uid 65534 part passed", WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK_EQ("semaphore 0 still 5", semctl(id, 0, GETVAL), 5);
	semctl(id, 0, IPC_RMID);
}

int main(void)
{
	counts();
	leaving();
	set_order();
	return utest_done();
}
