/*
 * tests/user/sysv_semadj.c - the SEM_UNDO adjustment's range (issue 13
 * item 9): several SEM_UNDO operations on one semaphore in one semop are
 * checked with their sum, so a call that would take semadj out of
 * [-32768, 32767] fails with ERANGE and changes nothing; a call that fails
 * or blocks part-way leaves the adjustment as it was. And semop's nsops is
 * unsigned (item 2): a huge count is E2BIG, directly and through ipc().
 * What a semadj holds is seen through exit: the child's exit applies it.
 */
#define _GNU_SOURCE
#include "utest.h"
#include <signal.h>
#include <stdint.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define IPCCALL_SEMOP 1
#define IPCCALL_SEMTIMEDOP 4

union semun {
	int val;
	unsigned short *array;
};

static int newset(int n)
{
	return semget(IPC_PRIVATE, n, IPC_CREAT | 0600);
}

static int getval(int id, int n)
{
	return semctl(id, n, GETVAL);
}

static int setval(int id, int n, int v)
{
	union semun u = { .val = v };

	return semctl(id, n, SETVAL, u);
}

/* run one semop in a child, which then exits (applying its semadj); the child's errno or 0 */
static int semop_in_child(int id, struct sembuf *ops, int n)
{
	pid_t pid = fork();
	int st;

	if (pid == 0)
		_exit(semop(id, ops, n) ? errno : 0);
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void sum_checked(void)
{
	int id = newset(2);
	struct sembuf down_up[] = {
		{ 0, 20000, SEM_UNDO }, { 0, -20000, 0 }, { 0, 20000, SEM_UNDO },
	};
	struct sembuf edge[] = {
		{ 0, 16384, SEM_UNDO }, { 0, -16384, 0 }, { 0, 16384, SEM_UNDO },
	};
	struct sembuf up_edge[] = {
		{ 0, -16384, SEM_UNDO }, { 0, 16384, 0 }, { 0, -16383, SEM_UNDO },
	};
	struct sembuf up_over[] = {
		{ 0, -16384, SEM_UNDO }, { 0, 16384, 0 }, { 0, -16384, SEM_UNDO },
	};
	struct sembuf two_sems[] = {
		{ 1, 7, SEM_UNDO }, { 0, 20000, SEM_UNDO }, { 0, -20000, 0 },
		{ 0, 20000, SEM_UNDO },
	};

	CHECK("a set of 2", id >= 0);
	CHECK_ERR("two +20000 SEM_UNDO ops (semadj -40000): ERANGE", semop(id, down_up, 3),
		  ERANGE);
	CHECK_EQ("semval unchanged", getval(id, 0), 0);
	CHECK_EQ("in a child that exits: ERANGE", semop_in_child(id, down_up, 3), ERANGE);
	CHECK_EQ("and its exit changes nothing (no wrapped semadj)", getval(id, 0), 0);
	CHECK_EQ("semadj exactly -32768 is allowed", semop_in_child(id, edge, 3), 0);
	CHECK_EQ("its exit: 16384 - 32768 clamps to 0", getval(id, 0), 0);

	CHECK_OK("SETVAL 32767", setval(id, 0, 32767));
	CHECK_EQ("semadj exactly +32767 is allowed", semop_in_child(id, up_edge, 3), 0);
	CHECK_EQ("its exit: 16384 + 32767 clamps to 32767", getval(id, 0), 32767);
	CHECK_EQ("semadj +32768 is ERANGE", semop_in_child(id, up_over, 3), ERANGE);
	CHECK_EQ("semval still 32767", getval(id, 0), 32767);

	CHECK_OK("SETVAL 0", setval(id, 0, 0));
	CHECK_EQ("ERANGE on one semaphore undoes the other's op", semop_in_child(id, two_sems, 4),
		 ERANGE);
	CHECK_EQ("semaphore 1 untouched", getval(id, 1), 0);
	CHECK_EQ("semaphore 0 untouched", getval(id, 0), 0);
	CHECK_EQ("sempid untouched", semctl(id, 1, GETPID), 0);
	semctl(id, 0, IPC_RMID);
}

/* the adjustment adds up across calls too, and a failing call keeps it */
static void across_calls(void)
{
	int id = newset(1), st;
	struct sembuf half[] = { { 0, 16384, SEM_UNDO }, { 0, -16384, 0 } };
	struct sembuf one = { 0, 1, SEM_UNDO };
	pid_t pid;

	CHECK("a set", id >= 0);
	pid = fork();
	if (pid == 0) {
		struct sembuf plain = { 0, 1, 0 }, minus = { 0, -1, 0 };
		int ok = semop(id, half, 2) == 0 && semop(id, half, 2) == 0 &&
			 semop(id, &one, 1) == -1 && errno == ERANGE;

		/* without SEM_UNDO the same semaphore still moves */
		ok = ok && semop(id, &plain, 1) == 0 && semop(id, &minus, 1) == 0;
		_exit(ok ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	CHECK("-16384 twice is -32768, one more is ERANGE", WIFEXITED(st) && !WEXITSTATUS(st));
	CHECK_EQ("exit applies -32768 to 0: stays 0", getval(id, 0), 0);
	semctl(id, 0, IPC_RMID);
}

/* a child asleep in semop(ops), once semaphore 1 shows it (at most 2 s) */
static pid_t sleep_on_sem1(int id, struct sembuf *ops, int n)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(semop(id, ops, n) ? errno : 0);
	for (int i = 0; i < 200 && semctl(id, 1, GETNCNT) != 1; i++)
		usleep(10000);
	return pid;
}

/* an op that blocks after an undone one: the adjustment is rolled back, then applied once */
static void blocked_rollback(void)
{
	int id = newset(2), st;
	struct sembuf ops[] = { { 0, 5, SEM_UNDO }, { 1, -1, 0 } };
	struct sembuf nowait[] = { { 0, 5, SEM_UNDO }, { 1, -1, IPC_NOWAIT } };
	struct sembuf post = { 1, 1, 0 };
	pid_t pid;

	CHECK("a set of 2", id >= 0);
	setval(id, 0, 10);
	CHECK_EQ("+5 then a blocking IPC_NOWAIT op: EAGAIN", semop_in_child(id, nowait, 2), EAGAIN);
	CHECK_EQ("the exit applied no adjustment", getval(id, 0), 10);

	pid = sleep_on_sem1(id, ops, 2);
	CHECK_EQ("the child sleeps on semaphore 1", semctl(id, 1, GETNCNT), 1);
	CHECK_EQ("its +5 was rolled back while it sleeps", getval(id, 0), 10);
	CHECK_OK("post semaphore 1", semop(id, &post, 1));
	waitpid(pid, &st, 0);
	CHECK("the sleeper completed", WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK_EQ("and its exit took the +5 back exactly once", getval(id, 0), 10);

	/* a sleeper killed by a signal leaves no adjustment */
	pid = sleep_on_sem1(id, ops, 2);
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	CHECK("the killed sleeper died of SIGKILL", WIFSIGNALED(st));
	CHECK_EQ("semaphore 0 still 10", getval(id, 0), 10);
	CHECK_EQ("nobody waits", semctl(id, 1, GETNCNT), 0);
	semctl(id, 0, IPC_RMID);
}

/* nsops is unsigned; the order of the checks decides the errno */
static void nsops_checks(void)
{
	int id = newset(1), stale;
	static struct sembuf ops[501];

	CHECK("a set", id >= 0);
	for (int i = 0; i < 501; i++)
		ops[i] = (struct sembuf){ 0, 0, IPC_NOWAIT };
	CHECK_ERR("nsops 0", semop(id, ops, 0), EINVAL);
	CHECK_OK("nsops 500 (SEMOPM)", semop(id, ops, 500));
	CHECK_ERR("nsops 501", semop(id, ops, 501), E2BIG);
	CHECK_ERR("nsops 0x80000000", semop(id, ops, (size_t)0x80000000u), E2BIG);
	CHECK_ERR("nsops 0xffffffff", semop(id, ops, (size_t)0xffffffffu), E2BIG);
	CHECK_ERR("ipc(SEMOP) with nsops 0x80000000",
		  syscall(SYS_ipc, IPCCALL_SEMOP, id, (int)0x80000000u, 0, ops), E2BIG);
	CHECK_ERR("ipc(SEMOP) with nsops -1", syscall(SYS_ipc, IPCCALL_SEMOP, id, -1, 0, ops),
		  E2BIG);
	CHECK_ERR("ipc(SEMOP) with nsops 0", syscall(SYS_ipc, IPCCALL_SEMOP, id, 0, 0, ops),
		  EINVAL);
	CHECK_ERR("semtimedop with nsops 0x80000000",
		  semtimedop(id, ops, (size_t)0x80000000u, &(struct timespec){ 0, 0 }), E2BIG);
	/* today's order: the timeout, nsops, the array, then the id */
	CHECK_ERR("a negative id with a huge count: E2BIG first", semop(-1, ops, (size_t)-1), E2BIG);
	CHECK_ERR("a negative id with nsops 0: EINVAL", semop(-1, ops, 0), EINVAL);
	CHECK_ERR("a negative id with a NULL array: EFAULT first", semop(-1, NULL, 1), EFAULT);
	CHECK_ERR("a negative id with 1 op: EINVAL", semop(-1, ops, 1), EINVAL);
	CHECK_ERR("a bad timeout pointer before a huge count: EFAULT",
		  syscall(SYS_ipc, IPCCALL_SEMTIMEDOP, id, -1, 0, ops, 8L), EFAULT);
	CHECK_ERR("a bad timeout value after a negative id: EINVAL",
		  semtimedop(-1, ops, 1, &(struct timespec){ 0, -1 }), EINVAL);
	CHECK_ERR("a bad timeout value with a good id: EINVAL",
		  semtimedop(id, ops, 1, &(struct timespec){ 0, 1000000000 }), EINVAL);
	CHECK_ERR("a huge count with a NULL array: E2BIG before EFAULT", semop(id, NULL, (size_t)-1),
		  E2BIG);
	CHECK_ERR("nsops 1 with a NULL array: EFAULT", semop(id, NULL, 1), EFAULT);
	semctl(id, 0, IPC_RMID);
	stale = id;
	CHECK_ERR("a removed id with a huge count: E2BIG before the lookup",
		  semop(stale, ops, (size_t)-1), E2BIG);
	CHECK_ERR("a removed id with 1 op: EINVAL", semop(stale, ops, 1), EINVAL);
}

int main(void)
{
	sum_checked();
	across_calls();
	blocked_rollback();
	nsops_checks();
	return utest_done();
}
