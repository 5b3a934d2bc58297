/*
 * sysv_sem.c - System V semaphores: semop atomicity and IPC_NOWAIT, argument
 * errors (EINVAL, E2BIG, EFBIG, ERANGE from the IPC_INFO limits), timeouts,
 * EIDRM/EINTR for sleepers, FIFO wake-up order and every semctl command.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "utest.h"

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
	struct seminfo *__buf;
};

static struct seminfo lim;

static int getval(int id, int n) { return semctl(id, n, GETVAL); }

static int setval(int id, int n, int v)
{
	union semun arg;

	arg.val = v;
	return semctl(id, n, SETVAL, arg);
}

static int setall(int id, unsigned short *v)
{
	union semun arg;

	arg.array = v;
	return semctl(id, 0, SETALL, arg);
}

static int stat_set(int id, struct semid_ds *ds)
{
	union semun arg;

	memset(ds, 0, sizeof(*ds));
	arg.buf = ds;
	return semctl(id, 0, IPC_STAT, arg);
}

static int op1(int id, int num, int op, int flg)
{
	struct sembuf s;

	s.sem_num = num;
	s.sem_op = op;
	s.sem_flg = flg;
	return semop(id, &s, 1);
}

static void nap_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Poll GETNCNT/GETZCNT until it reaches want (up to ~10 s); return the last value. */
static int wait_cnt(int id, int num, int cmd, int want)
{
	int i, v = -1;

	for (i = 0; i < 10000; i++) {
		v = semctl(id, num, cmd);
		if (v == want || v < 0)
			break;
		nap_ms(1);
	}
	return v;
}

/* exit status of a child, or -1 if it did not exit normally */
static int reap(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

/* child: run semop once and exit with 0 or errno */
static pid_t spawn_semop(int id, struct sembuf *ops, int n)
{
	pid_t pid = fork();

	if (pid == 0) {
		alarm(20);	/* never outlive a lost parent */
		_exit(semop(id, ops, n) == 0 ? 0 : errno);
	}
	return pid;
}

static volatile sig_atomic_t got_usr1;
static void on_usr1(int sig) { (void)sig; got_usr1 = 1; }

static void test_limits(int id)
{
	struct sembuf *ops;
	int i, n;

	/* nsops bounds */
	CHECK_ERR("semop with nsops 0 gives EINVAL", semop(id, NULL, 0), EINVAL);
	n = lim.semopm + 1;
	ops = calloc(n, sizeof(*ops));
	if (!ops)
		return;
	for (i = 0; i < n; i++) {
		ops[i].sem_num = 0;
		ops[i].sem_op = (i & 1) ? -1 : 1;	/* +1 -1 +1 ...: net zero */
	}
	CHECK_ERR("semop with nsops = semopm + 1 gives E2BIG", semop(id, ops, n), E2BIG);
	if (lim.semopm % 2 == 0)
		CHECK_EQ("semop with nsops = semopm is accepted", semop(id, ops, n - 1), 0);
	else
		CHECK_EQ("semop with nsops = semopm - 1 is accepted", semop(id, ops, n - 2), 0);
	free(ops);

	/* sem_num bounds */
	CHECK_ERR("semop with sem_num = nsems gives EFBIG", op1(id, 3, 1, 0), EFBIG);
	CHECK_ERR("semop with sem_num 65535 gives EFBIG", op1(id, 65535, 1, 0), EFBIG);

	/* value bounds */
	CHECK_EQ("SETVAL semvmx is accepted", setval(id, 0, lim.semvmx), 0);
	CHECK_EQ("GETVAL reads back semvmx", getval(id, 0), lim.semvmx);
	CHECK_ERR("semop incrementing past semvmx gives ERANGE", op1(id, 0, 1, 0), ERANGE);
	CHECK_ERR("semop incrementing past semvmx gives ERANGE even with IPC_NOWAIT",
		  op1(id, 0, 1, IPC_NOWAIT), ERANGE);
	CHECK_ERR("SETVAL semvmx + 1 gives ERANGE", setval(id, 0, lim.semvmx + 1), ERANGE);
	CHECK_ERR("SETVAL -1 gives ERANGE", setval(id, 0, -1), ERANGE);
	CHECK_EQ("failed SETVALs leave the value alone", getval(id, 0), lim.semvmx);
	{
		struct sembuf two[2] = { { 1, 5, 0 }, { 0, 1, 0 } };

		CHECK_ERR("ERANGE in a later op undoes the earlier ones", semop(id, two, 2), ERANGE);
		CHECK_EQ("the earlier op's semaphore is unchanged", getval(id, 1), 0);
	}
	{
		unsigned short big[3] = { 1, (unsigned short)(lim.semvmx + 1), 1 };

		if (lim.semvmx < 65535)
			CHECK_ERR("SETALL with a value above semvmx gives ERANGE",
				  setall(id, big), ERANGE);
		CHECK_EQ("a failed SETALL changes nothing", getval(id, 2), 0);
	}
	CHECK_ERR("GETVAL of semnum = nsems gives EINVAL", semctl(id, 3, GETVAL), EINVAL);
	CHECK_ERR("GETVAL of semnum -1 gives EINVAL", semctl(id, -1, GETVAL), EINVAL);
	setval(id, 0, 0);
}

static void test_semget(void)
{
	key_t key = 0x53000000 | ((getpid() & 0xffff) << 4);
	int id, i;

	CHECK_ERR("semget nsems = semmsl + 1 gives EINVAL",
		  semget(IPC_PRIVATE, lim.semmsl + 1, 0600), EINVAL);
	CHECK_ERR("semget nsems -1 gives EINVAL", semget(IPC_PRIVATE, -1, 0600), EINVAL);
	CHECK_ERR("creating a set with nsems 0 gives EINVAL",
		  semget(IPC_PRIVATE, 0, 0600), EINVAL);
	for (i = 0; i < 16 && (id = semget(key, 2, IPC_CREAT | IPC_EXCL | 0600)) < 0; i++)
		key++;
	CHECK_OK("semget creates a keyed set of 2", id);
	if (id < 0)
		return;
	CHECK_ERR("semget of an existing key with more nsems gives EINVAL",
		  semget(key, 3, 0600), EINVAL);
	CHECK_ERR("...even with IPC_CREAT", semget(key, 3, IPC_CREAT | 0600), EINVAL);
	CHECK_EQ("semget of an existing key with nsems 0 finds it", semget(key, 0, 0600), id);
	CHECK_EQ("semget of an existing key with fewer nsems finds it", semget(key, 1, 0600), id);
	semctl(id, 0, IPC_RMID);
}

static void test_nowait_atomic(int id)
{
	unsigned short v[3] = { 1, 0, 0 }, got[3] = { 9, 9, 9 };
	struct sembuf a[2] = { { 0, -1, 0 }, { 1, -1, IPC_NOWAIT } };
	struct sembuf b[2] = { { 0, -1, IPC_NOWAIT }, { 1, -1, 0 } };
	struct sembuf c[3] = { { 0, 1, 0 }, { 1, 1, 0 }, { 2, -1, 0 } };
	union semun arg;
	pid_t pid;

	CHECK_EQ("SETALL {1, 0, 0} returns 0", setall(id, v), 0);
	CHECK_ERR("a blocking op with IPC_NOWAIT gives EAGAIN", semop(id, a, 2), EAGAIN);
	CHECK_EQ("the failed call did not apply its first op", getval(id, 0), 1);

	/* IPC_NOWAIT on another op does not stop the blocking op from sleeping */
	pid = spawn_semop(id, b, 2);
	CHECK_EQ("a blocking op without IPC_NOWAIT sleeps although another op has it",
		 wait_cnt(id, 1, GETNCNT, 1), 1);
	CHECK_EQ("while it sleeps, its first op is not applied", getval(id, 0), 1);
	setval(id, 1, 1);
	CHECK_EQ("the sleeper completes once the value is there", reap(pid), 0);
	CHECK("both of its ops were then applied", getval(id, 0) == 0 && getval(id, 1) == 0);

	/* all or nothing: the third op blocks, the first two stay invisible */
	v[0] = v[1] = v[2] = 0;
	setall(id, v);
	pid = spawn_semop(id, c, 3);
	CHECK_EQ("a semop whose third op blocks sleeps (GETNCNT 1 on that semaphore)",
		 wait_cnt(id, 2, GETNCNT, 1), 1);
	arg.array = got;
	CHECK_EQ("GETALL during the sleep returns 0", semctl(id, 0, GETALL, arg), 0);
	CHECK("another process sees the first two ops unapplied while it sleeps",
	      got[0] == 0 && got[1] == 0 && got[2] == 0);
	CHECK_EQ("setting the third semaphore returns 0", setval(id, 2, 1), 0);
	/* the waker performs the operation on the sleeper's behalf */
	CHECK_EQ("right after that SETVAL the sleeper's decrement is already done",
		 getval(id, 2), 0);
	CHECK_EQ("...and GETPID already names the sleeper", semctl(id, 2, GETPID), pid);
	CHECK_EQ("the sleeper's semop returns 0", reap(pid), 0);
	CHECK("then all three ops are applied",
	      getval(id, 0) == 1 && getval(id, 1) == 1 && getval(id, 2) == 0);
	CHECK_EQ("GETPID of a semaphore it raised is the sleeper", semctl(id, 0, GETPID), pid);
}

static void test_counts(int id)
{
	struct sembuf dec = { 0, -1, 0 }, zero = { 1, 0, 0 };
	pid_t p1, p2;

	setval(id, 0, 0);
	setval(id, 1, 1);
	CHECK_EQ("GETNCNT is 0 with no sleepers", semctl(id, 0, GETNCNT), 0);
	CHECK_EQ("GETZCNT is 0 with no sleepers", semctl(id, 1, GETZCNT), 0);
	p1 = spawn_semop(id, &dec, 1);
	p2 = spawn_semop(id, &zero, 1);
	CHECK_EQ("GETNCNT counts a process waiting to decrement",
		 wait_cnt(id, 0, GETNCNT, 1), 1);
	CHECK_EQ("GETZCNT counts a process waiting for zero",
		 wait_cnt(id, 1, GETZCNT, 1), 1);
	CHECK_EQ("GETZCNT does not count the decrementer", semctl(id, 0, GETZCNT), 0);
	CHECK_EQ("GETNCNT does not count the zero-waiter", semctl(id, 1, GETNCNT), 0);
	CHECK_ERR("GETNCNT of semnum = nsems gives EINVAL", semctl(id, 3, GETNCNT), EINVAL);
	setval(id, 0, 1);
	setval(id, 1, 0);
	CHECK_EQ("the decrementer completes", reap(p1), 0);
	CHECK_EQ("the zero-waiter completes", reap(p2), 0);
	CHECK_EQ("GETNCNT drops back to 0", semctl(id, 0, GETNCNT), 0);
	CHECK_EQ("GETZCNT drops back to 0", semctl(id, 1, GETZCNT), 0);
	CHECK_EQ("GETPID after the wait-for-zero is the waiter", semctl(id, 1, GETPID), p2);
}

static void test_timeout(int id)
{
	struct sembuf dec = { 0, -1, 0 };
	struct timespec ts = { 0, 200000000 }, z = { 0, 0 }, bad = { 0, 1000000000 };
	double t0, dt;
	int r;

	setval(id, 0, 0);
	t0 = now();
	errno = 0;
	r = semtimedop(id, &dec, 1, &ts);
	dt = now() - t0;
	CHECK("semtimedop that times out gives EAGAIN", r == -1 && errno == EAGAIN);
	CHECK("...after roughly the timeout (200 ms)", dt >= 0.15 && dt < 10.0);
	CHECK_ERR("semtimedop with a zero timeout gives EAGAIN at once",
		  semtimedop(id, &dec, 1, &z), EAGAIN);
	CHECK_ERR("semtimedop with tv_nsec = 1e9 gives EINVAL",
		  semtimedop(id, &dec, 1, &bad), EINVAL);
	setval(id, 0, 1);
	CHECK_EQ("semtimedop that need not wait returns 0", semtimedop(id, &dec, 1, &ts), 0);
}

static void test_sleepers(void)
{
	struct sembuf dec = { 0, -1, 0 };
	struct sigaction sa;
	int id;
	pid_t pid;

	/* EIDRM */
	id = semget(IPC_PRIVATE, 1, 0600);
	pid = spawn_semop(id, &dec, 1);
	CHECK_EQ("a child sleeps in semop", wait_cnt(id, 0, GETNCNT, 1), 1);
	CHECK_EQ("IPC_RMID with a sleeper returns 0", semctl(id, 0, IPC_RMID), 0);
	CHECK_EQ("the sleeper's semop fails with EIDRM", reap(pid), EIDRM);

	/* EINTR, even though the handler has SA_RESTART */
	id = semget(IPC_PRIVATE, 1, 0600);
	pid = fork();
	if (pid == 0) {
		alarm(20);
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_usr1;
		sa.sa_flags = SA_RESTART;
		sigaction(SIGUSR1, &sa, NULL);
		if (semop(id, &dec, 1) == 0)
			_exit(0);
		_exit(got_usr1 ? errno : 100);
	}
	CHECK_EQ("a child with a SA_RESTART SIGUSR1 handler sleeps in semop",
		 wait_cnt(id, 0, GETNCNT, 1), 1);
	kill(pid, SIGUSR1);
	CHECK_EQ("the handled signal makes semop fail with EINTR despite SA_RESTART",
		 reap(pid), EINTR);
	CHECK_EQ("the interrupted sleeper is no longer counted", semctl(id, 0, GETNCNT), 0);
	CHECK_EQ("the interrupted op was not applied", getval(id, 0), 0);
	semctl(id, 0, IPC_RMID);
}

/* Two children queue on -1 one after the other; units released one at a time. */
static void test_order(void)
{
	int id = semget(IPC_PRIVATE, 1, 0600), fd[2], i;
	pid_t pid[2];
	char c = 0;

	if (id < 0 || pipe(fd) < 0) {
		CHECK_OK("set and pipe for the order test", -1);
		return;
	}
	for (i = 0; i < 2; i++) {
		pid[i] = fork();
		if (pid[i] == 0) {
			struct sembuf dec = { 0, -1, 0 };
			char tag = 'A' + i;

			alarm(20);
			close(fd[0]);
			if (semop(id, &dec, 1) == 0)
				write(fd[1], &tag, 1);
			_exit(0);
		}
		/* the next child starts only once this one is queued */
		wait_cnt(id, 0, GETNCNT, i + 1);
	}
	close(fd[1]);
	CHECK_EQ("two children sleep on the semaphore", semctl(id, 0, GETNCNT), 2);
	op1(id, 0, 1, 0);
	CHECK_EQ("the first released unit goes to the first sleeper (GETPID)",
		 semctl(id, 0, GETPID), pid[0]);
	read(fd[0], &c, 1);
	CHECK_EQ("the first sleeper reports getting it", c, 'A');
	CHECK_EQ("the second sleeper is still waiting", wait_cnt(id, 0, GETNCNT, 1), 1);
	op1(id, 0, 1, 0);
	c = 0;
	read(fd[0], &c, 1);
	CHECK_EQ("the second unit goes to the second sleeper", c, 'B');
	CHECK_EQ("it shows in GETPID", semctl(id, 0, GETPID), pid[1]);
	reap(pid[0]);
	reap(pid[1]);
	close(fd[0]);
	semctl(id, 0, IPC_RMID);
}

static void test_ctl(int id)
{
	struct semid_ds ds;
	struct seminfo si;
	union semun arg;
	unsigned short v[3] = { 4, 5, 6 }, got[3] = { 0, 0, 0 };
	int r, fresh;

	/* IPC_STAT, sem_otime */
	fresh = semget(IPC_PRIVATE, 2, 0640);
	CHECK_EQ("IPC_STAT returns 0", stat_set(fresh, &ds), 0);
	CHECK_EQ("IPC_STAT: sem_nsems", ds.sem_nsems, 2);
	CHECK_EQ("IPC_STAT: mode", ds.sem_perm.mode & 0777, 0640);
	CHECK_EQ("IPC_STAT: cuid is the creator", ds.sem_perm.cuid, geteuid());
	CHECK_EQ("IPC_STAT: sem_otime is 0 before any semop", ds.sem_otime, 0);
	CHECK("IPC_STAT: sem_ctime is set at creation", ds.sem_ctime != 0);
	CHECK_EQ("GETPID is 0 before any operation", semctl(fresh, 0, GETPID), 0);
	setval(fresh, 0, 3);
	stat_set(fresh, &ds);
	CHECK_EQ("SETVAL does not set sem_otime", ds.sem_otime, 0);
	CHECK_EQ("SETVAL sets GETPID to the caller", semctl(fresh, 0, GETPID), getpid());
	CHECK_EQ("a wait-for-zero semop on a zero semaphore succeeds", op1(fresh, 1, 0, 0), 0);
	stat_set(fresh, &ds);
	CHECK("sem_otime is set by the first semop, even a wait-for-zero",
	      ds.sem_otime != 0 && ds.sem_otime <= time(NULL) + 1);
	CHECK_EQ("the wait-for-zero sets GETPID too", semctl(fresh, 1, GETPID), getpid());

	/* SETALL/GETALL/GETVAL */
	CHECK_EQ("SETALL returns 0", setall(id, v), 0);
	arg.array = got;
	CHECK_EQ("GETALL returns 0", semctl(id, 0, GETALL, arg), 0);
	CHECK("GETALL reads back the SETALL values", got[0] == 4 && got[1] == 5 && got[2] == 6);
	CHECK_EQ("GETVAL reads one of them", getval(id, 1), 5);

	/* IPC_SET */
	stat_set(id, &ds);
	ds.sem_perm.mode = 0604;
	arg.buf = &ds;
	CHECK_EQ("IPC_SET returns 0", semctl(id, 0, IPC_SET, arg), 0);
	stat_set(id, &ds);
	CHECK_EQ("IPC_SET changed the mode", ds.sem_perm.mode & 0777, 0604);
	CHECK_EQ("IPC_SET left nsems alone", ds.sem_nsems, 3);

	/* SEM_STAT */
	memset(&ds, 0, sizeof(ds));
	arg.buf = &ds;
	r = semctl(id % 32768, 0, SEM_STAT, arg);
	CHECK_EQ("SEM_STAT of the index returns the id", r, id);
	CHECK_EQ("SEM_STAT fills sem_nsems", ds.sem_nsems, 3);

	/* IPC_INFO and SEM_INFO */
	memset(&si, 0, sizeof(si));
	arg.__buf = &si;
	r = semctl(0, 0, IPC_INFO, arg);
	CHECK("IPC_INFO returns an index >= ours", r >= id % 32768);
	CHECK("IPC_INFO: semmsl, semopm, semmni are positive",
	      si.semmsl > 0 && si.semopm > 0 && si.semmni > 0);
	memset(&si, 0, sizeof(si));
	r = semctl(0, 0, SEM_INFO, arg);
	CHECK("SEM_INFO returns an index >= ours", r >= id % 32768);
	CHECK("SEM_INFO: semusz (sets in use) counts our two sets", si.semusz >= 2);
	CHECK("SEM_INFO: semaem (semaphores in use) counts our five", si.semaem >= 5);
	CHECK_EQ("SEM_INFO: semmsl as in IPC_INFO", si.semmsl, lim.semmsl);

	/* IPC_RMID */
	CHECK_EQ("IPC_RMID returns 0", semctl(fresh, 0, IPC_RMID), 0);
	errno = 0;
	r = getval(fresh, 0);
	CHECK("GETVAL after IPC_RMID gives EINVAL or EIDRM",
	      r == -1 && (errno == EINVAL || errno == EIDRM));
}

int main(void)
{
	union semun arg;
	int id;

	alarm(20);
	arg.__buf = &lim;
	CHECK_OK("semctl IPC_INFO", semctl(0, 0, IPC_INFO, arg));
	id = semget(IPC_PRIVATE, 3, 0600);
	CHECK_OK("semget of a 3-semaphore set", id);
	if (id < 0)
		return utest_done();

	test_semget();
	test_limits(id);
	test_nowait_atomic(id);
	test_counts(id);
	test_timeout(id);
	test_sleepers();
	test_order();
	test_ctl(id);

	semctl(id, 0, IPC_RMID);
	return utest_done();
}
