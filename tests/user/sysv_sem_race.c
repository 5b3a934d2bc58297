/*
 * sysv_sem_race.c - semaphore sleepers against IPC_SET and IPC_RMID (issue
 * 10's audit of the msgrcv race): semop and semtimedop sleepers (decrement
 * and wait-for-zero) of a set that is changed and removed before they run,
 * with a newer set in the same slot that would let them through, must end
 * in EIDRM, or with the result decided for them before the removal; a
 * semtimedop timeout racing the removal ends in EAGAIN or EIDRM. With 1, 8
 * and 64 sleepers, then 10,000 rounds as uid 65534.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "utest.h"
#include "race_util.h"

#define ROUNDS 10000

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
};

enum { OP_SEMOP, OP_TIMED, OP_ZERO, OP_SHORT };

/*
 * One sleeper's outcome as a byte: '0' success, 'E' EIDRM, 'A' EAGAIN
 * (timed out), 'I' EINVAL, 'x' anything else. OP_SEMOP and OP_TIMED take 1
 * from semaphore 0, OP_ZERO waits for semaphore 1 to be 0, OP_SHORT is
 * OP_TIMED with a 1-4 ms timeout.
 */
static char sem_outcome(int id, int kind, int salt)
{
	struct sembuf down = { 0, -1, 0 }, zero = { 1, 0, 0 };
	struct timespec ts = { 30, 0 };
	int r;

	switch (kind) {
	case OP_SEMOP:
		r = semop(id, &down, 1);
		break;
	case OP_ZERO:
		r = semop(id, &zero, 1);
		break;
	case OP_SHORT:
		ts.tv_sec = 0;
		ts.tv_nsec = 1000000L * (1 + salt % 4);
		/* fall through */
	default:
		r = semtimedop(id, &down, 1, &ts);
		break;
	}
	if (r == 0)
		return '0';
	return errno == EIDRM ? 'E' : errno == EAGAIN ? 'A' : errno == EINVAL ? 'I' : 'x';
}

/* a set of two semaphores: 0 at 0 (decrements sleep), 1 at 1 (zero waits sleep) */
static int new_set(void)
{
	int id = semget(IPC_PRIVATE, 2, 0600);
	union semun a = { .val = 1 };

	semctl(id, 1, SETVAL, a);
	return id;
}

/* a newer set in which every sleeper above would get through at once */
static int open_set(void)
{
	int id = semget(IPC_PRIVATE, 2, 0600);
	union semun a = { .val = 30000 };

	semctl(id, 0, SETVAL, a);
	return id;
}

static int ipc_set(int id)
{
	struct semid_ds ds;
	union semun a = { .buf = &ds };

	if (semctl(id, 0, IPC_STAT, a) < 0)
		return -1;
	return semctl(id, 0, IPC_SET, a);
}

/* until ncnt sleepers on semaphore 0 and zcnt on 1, or about 10 s */
static int wait_asleep(int id, int ncnt, int zcnt)
{
	struct timespec ts = { 0, 1000000 };

	for (int i = 0; i < 10000; i++) {
		if (semctl(id, 0, GETNCNT) == ncnt && semctl(id, 1, GETZCNT) == zcnt)
			return 1;
		nanosleep(&ts, NULL);
	}
	return 0;
}

static void spawn(int res, int id, int kind, int salt)
{
	if (fork() == 0) {
		char c = sem_outcome(id, kind, salt);

		write(res, &c, 1);
		_exit(0);
	}
}

/* n semop, n semtimedop and n wait-for-zero sleepers; IPC_SET then IPC_RMID */
static void set_then_rmid(int n)
{
	int res[2], id, id2, i, got;
	char out[256], what[128];

	if (pipe(res) < 0)
		return;
	id = new_set();
	for (i = 0; i < n; i++) {
		spawn(res[1], id, OP_SEMOP, i);
		spawn(res[1], id, OP_TIMED, i);
		spawn(res[1], id, OP_ZERO, i);
	}
	snprintf(what, sizeof(what), "%d sleepers counted by GETNCNT and GETZCNT", 3 * n);
	CHECK(what, wait_asleep(id, 2 * n, n));
	CHECK_OK("IPC_SET with every sleeper asleep", ipc_set(id));
	CHECK_OK("IPC_RMID right after", semctl(id, 0, IPC_RMID));
	id2 = open_set();
	got = collect(res[0], out, 3 * n);
	snprintf(what, sizeof(what), "%d semop, %d semtimedop, %d wait-for-zero: each got EIDRM",
		 n, n, n);
	CHECK_EQ(what, count(out, got, 'E'), 3 * n);
	CHECK_EQ("the newer set was not touched", semctl(id2, 0, GETVAL), 30000);
	semctl(id2, 0, IPC_RMID);
	close_results(res, 3 * n);
}

/* n sleepers let through by one semop, then IPC_SET and IPC_RMID: each succeeded */
static void promised_then_rmid(int n)
{
	int res[2], id, i, got;
	char out[256], what[128];
	struct sembuf up = { 0, 0, 0 }, unzero = { 1, -1, 0 };

	if (pipe(res) < 0)
		return;
	id = new_set();
	for (i = 0; i < n; i++) {
		spawn(res[1], id, i & 1 ? OP_TIMED : OP_SEMOP, i);
		spawn(res[1], id, OP_ZERO, i);
	}
	wait_asleep(id, n, n);
	up.sem_op = n;
	semop(id, &up, 1);
	semop(id, &unzero, 1);
	ipc_set(id);
	semctl(id, 0, IPC_RMID);
	got = collect(res[0], out, 2 * n);
	snprintf(what, sizeof(what), "%d sleepers let through, then IPC_SET+RMID: "
		 "each kept its success", 2 * n);
	CHECK_EQ(what, count(out, got, '0'), 2 * n);
	close_results(res, 2 * n);
}

/* n semtimedop sleepers with 1-4 ms timeouts; the set goes at about 2 ms */
static void timeout_vs_rmid(int n)
{
	int res[2], id, i, got;
	char out[256], what[128];
	struct timespec ts = { 0, 2000000 };

	if (pipe(res) < 0)
		return;
	id = new_set();
	for (i = 0; i < n; i++)
		spawn(res[1], id, OP_SHORT, i);
	for (i = 0; i < 4 * n; i++)
		sched_yield();
	nanosleep(&ts, NULL);
	semctl(id, 0, IPC_RMID);
	got = collect(res[0], out, n);
	snprintf(what, sizeof(what), "%d semtimedop timeouts racing IPC_RMID: "
		 "each EAGAIN or EIDRM", n);
	/* 'I': on an SMP host a child may reach semtimedop only after the removal */
	CHECK_EQ(what, count(out, got, 'A') + count(out, got, 'E') + count(out, got, 'I'), n);
	printf("# %d timed out, %d EIDRM\n", count(out, got, 'A'), count(out, got, 'E'));
	close_results(res, n);
}

/*
 * ROUNDS rounds with a semop, a semtimedop (30 s), a wait-for-zero and a
 * 1-4 ms semtimedop sleeper that live across rounds; each round's set id
 * comes through the 'go' pipe.
 */
#define RACERS 4
static int race_rounds(void)
{
	int go[2], res[2], bad = 0, i, r, got;
	char out[RACERS];

	if (pipe(go) < 0 || pipe(res) < 0)
		return -1;
	for (i = 0; i < RACERS; i++) {
		if (fork() == 0) {
			int id, n = 0;

			close(go[1]);
			while (read(go[0], &id, sizeof(id)) == sizeof(id) && id >= 0) {
				char c = sem_outcome(id, i, n++);

				write(res[1], &c, 1);
			}
			_exit(0);
		}
	}
	for (r = 0; r < ROUNDS; r++) {
		int id = new_set(), id2, ids[RACERS], ok;

		for (i = 0; i < RACERS; i++)
			ids[i] = id;
		write(go[1], ids, sizeof(ids));
		for (i = 0; i < (r & 3); i++)	/* sometimes not all asleep yet */
			sched_yield();
		ipc_set(id);
		semctl(id, 0, IPC_RMID);
		id2 = open_set();
		if ((got = collect(res[0], out, RACERS)) != RACERS) {
			printf("# round %d: %d of %d outcomes within 40 s: %.*s\n", r, got, RACERS, got, out);
			bad++;
			break;
		}
		/* a child that ran only after the removal sees EINVAL or EIDRM */
		ok = count(out, RACERS, 'E') + count(out, RACERS, 'I') +
		     (count(out, RACERS, 'A') > 0);	/* only OP_SHORT times out */
		if (ok != RACERS && bad++ < 5)
			printf("# round %d: outcomes %.*s\n", r, RACERS, out);
		if ((got = semctl(id2, 0, GETVAL)) != 30000 && bad++ < 5)
			printf("# round %d: the newer set (id %d, old %d) holds %d\n", r, id2, id, got);
		semctl(id2, 0, IPC_RMID);
	}
	close(go[1]);
	reap_all(RACERS);
	printf("# %d rounds, %d bad outcomes\n", r, bad);
	fflush(stdout);
	return bad;
}

int main(void)
{
	int n[] = { 1, 8, 64 };

	setvbuf(stdout, NULL, _IOLBF, 0);	/* no buffered text copied by fork */
	for (int i = 0; i < 3; i++)
		set_then_rmid(n[i]);
	for (int i = 0; i < 3; i++)
		promised_then_rmid(n[i]);
	for (int i = 0; i < 3; i++)
		timeout_vs_rmid(n[i]);

	CHECK("10000 rounds of IPC_SET+IPC_RMID against semop/semtimedop sleepers as "
	      "uid 65534: only EIDRM/EINVAL/timeout, the newer set untouched",
	      as_nobody(race_rounds));
	return utest_done();
}
