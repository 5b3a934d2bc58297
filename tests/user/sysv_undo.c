/*
 * sysv_undo.c - SEM_UNDO: adjustments are applied when a process exits
 * normally or is killed, are not inherited by fork, survive exec, are applied
 * before the exiting process's fds close, clamp to [0, semvmx], and are reset
 * by SETVAL/SETALL; semadj itself is bounded by semaem (ERANGE).
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "utest.h"

#define EXEC_MARK "--sysv-undo-exec"

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
	struct seminfo *__buf;
};

static struct seminfo lim;
static char *self;		/* argv[0], for the exec test */

static int getval(int id, int n) { return semctl(id, n, GETVAL); }

static int setval(int id, int n, int v)
{
	union semun arg;

	arg.val = v;
	return semctl(id, n, SETVAL, arg);
}

static int op1(int id, int num, int op, int flg)
{
	struct sembuf s;

	s.sem_num = num;
	s.sem_op = op;
	s.sem_flg = flg;
	return semop(id, &s, 1);
}

static int newset(int n)
{
	return semget(IPC_PRIVATE, n, 0600);
}

/*
 * A child with two pipes: it reports "ready" (one byte) after each step and
 * waits for "go" (one byte) before the next one.
 */
struct kid {
	pid_t pid;
	int ready;		/* parent reads */
	int go;			/* parent writes */
};

static int kid_ready_fd, kid_go_fd;	/* the child's ends */

static void kid_signal(void)
{
	char c = 'r';

	write(kid_ready_fd, &c, 1);
}

static void kid_wait(void)
{
	char c;

	read(kid_go_fd, &c, 1);
}

static struct kid kid_start(void (*fn)(int), int arg)
{
	struct kid k = { -1, -1, -1 };
	int r[2], g[2];

	if (pipe(r) < 0 || pipe(g) < 0)
		return k;
	k.pid = fork();
	if (k.pid == 0) {
		alarm(20);		/* a child never outlives a lost parent */
		close(r[0]);
		close(g[1]);
		kid_ready_fd = r[1];
		kid_go_fd = g[0];
		fn(arg);
		_exit(0);
	}
	close(r[1]);
	close(g[0]);
	k.ready = r[0];
	k.go = g[1];
	return k;
}

/* wait for the child's next "ready"; 1 if it came */
static int kid_ready(struct kid *k)
{
	char c;

	return read(k->ready, &c, 1) == 1;
}

static void kid_go(struct kid *k)
{
	char c = 'g';

	write(k->go, &c, 1);
}

/* exit status, -1 if not a normal exit; closes the pipes */
static int kid_reap(struct kid *k)
{
	int st;

	close(k->ready);
	close(k->go);
	if (waitpid(k->pid, &st, 0) != k->pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

static int the_set;

/* child bodies */
static void do_op_exit(int op)
{
	_exit(op1(the_set, 0, op, SEM_UNDO) == 0 ? 0 : 10);
}

static void do_op_pause(int op)
{
	if (op1(the_set, 0, op, SEM_UNDO) != 0)
		_exit(10);
	kid_signal();
	for (;;)
		pause();
}

static void do_op_wait(int op)
{
	if (op1(the_set, 0, op, SEM_UNDO) != 0)
		_exit(10);
	kid_signal();
	kid_wait();
	_exit(0);
}

static void do_two_ops(int op)
{
	struct sembuf s[2] = { { 0, 5, SEM_UNDO }, { 1, 2, SEM_UNDO } };

	(void)op;
	if (semop(the_set, s, 2) != 0)
		_exit(10);
	kid_signal();
	kid_wait();
	_exit(0);
}

/* +5 undo, (parent SETVAL 0), +3 undo, exit */
static void do_spec_example(int op)
{
	(void)op;
	if (op1(the_set, 0, 5, SEM_UNDO) != 0)
		_exit(10);
	kid_signal();
	kid_wait();
	if (op1(the_set, 0, 3, SEM_UNDO) != 0)
		_exit(11);
	kid_signal();
	kid_wait();
	_exit(0);
}

static void do_fork(int op)
{
	pid_t g;
	int st;

	if (op1(the_set, 0, op, SEM_UNDO) != 0)
		_exit(10);
	g = fork();
	if (g == 0)
		_exit(0);		/* the grandchild has no adjustments */
	if (waitpid(g, &st, 0) != g)
		_exit(11);
	kid_signal();
	kid_wait();
	_exit(0);
}

static void do_exec(int op)
{
	char rfd[16], gfd[16], sid[16];
	char *av[6];

	if (op1(the_set, 0, op, SEM_UNDO) != 0)
		_exit(10);
	snprintf(rfd, sizeof(rfd), "%d", kid_ready_fd);
	snprintf(gfd, sizeof(gfd), "%d", kid_go_fd);
	snprintf(sid, sizeof(sid), "%d", the_set);
	av[0] = self;
	av[1] = EXEC_MARK;
	av[2] = rfd;
	av[3] = gfd;
	av[4] = sid;
	av[5] = NULL;
	execv(self, av);
	_exit(12);
}

/* the semadj range is [-(semaem+1), semaem] */
static void do_adj_range(int op)
{
	(void)op;
	if (op1(the_set, 0, lim.semaem, SEM_UNDO) != 0)	/* adj -semaem */
		_exit(10);
	if (op1(the_set, 0, -lim.semaem, 0) != 0)
		_exit(11);
	if (op1(the_set, 0, 1, SEM_UNDO) != 0)			/* adj -semaem-1 */
		_exit(12);
	if (op1(the_set, 0, -1, 0) != 0)
		_exit(13);
	errno = 0;
	if (op1(the_set, 0, 1, SEM_UNDO) != -1 || errno != ERANGE)	/* adj would pass */
		_exit(14);
	if (getval(the_set, 0) != 0)
		_exit(15);
	_exit(0);
}

/* the re-executed image: report, wait, exit (the undo is still pending) */
static int exec_child(char **argv)
{
	char c = 'e';
	int rfd = atoi(argv[2]), gfd = atoi(argv[3]), id = atoi(argv[4]);

	/* prove the image runs with the same set still raised */
	c = getval(id, 0) == 1 ? 'e' : 'x';
	write(rfd, &c, 1);
	read(gfd, &c, 1);
	return 0;
}

int main(int argc, char **argv)
{
	union semun arg;
	struct kid k;
	int id, fd[2], r;
	char c;

	if (argc == 5 && strcmp(argv[1], EXEC_MARK) == 0)
		return exec_child(argv);
	self = argv[0];
	alarm(20);
	arg.__buf = &lim;
	CHECK_OK("semctl IPC_INFO", semctl(0, 0, IPC_INFO, arg));

	/* normal exit */
	the_set = id = newset(1);
	CHECK_OK("semget", id);
	if (id < 0)
		return utest_done();
	setval(id, 0, 2);
	k = kid_start(do_op_exit, -1);
	CHECK_EQ("a child's -1 SEM_UNDO succeeds", kid_reap(&k), 0);
	CHECK_EQ("its exit undoes the -1", getval(id, 0), 2);
	CHECK_EQ("the exit undo sets GETPID to the exiting child", semctl(id, 0, GETPID), k.pid);

	/* death by SIGKILL */
	setval(id, 0, 0);
	k = kid_start(do_op_pause, 3);
	CHECK("the child reports its +3 SEM_UNDO", kid_ready(&k));
	CHECK_EQ("while it lives the value is 3", getval(id, 0), 3);
	kill(k.pid, SIGKILL);
	kid_reap(&k);
	CHECK_EQ("death by SIGKILL applies the undo", getval(id, 0), 0);

	/* not inherited by fork */
	k = kid_start(do_fork, 1);
	CHECK("the child did +1 SEM_UNDO and reaped a forked grandchild", kid_ready(&k));
	CHECK_EQ("the grandchild's exit undid nothing (no inherited adjustment)",
		 getval(id, 0), 1);
	kid_go(&k);
	CHECK_EQ("the forking child exits normally", kid_reap(&k), 0);
	CHECK_EQ("the child's own exit undoes its +1", getval(id, 0), 0);

	/* survives exec */
	k = kid_start(do_exec, 1);
	c = 0;
	read(k.ready, &c, 1);
	CHECK_EQ("the re-executed child runs and still sees the value 1", c, 'e');
	CHECK_EQ("exec did not apply the undo", getval(id, 0), 1);
	kid_go(&k);
	CHECK_EQ("the exec'd child exits normally", kid_reap(&k), 0);
	CHECK_EQ("the undo recorded before exec is applied at exit", getval(id, 0), 0);

	/* applied before the exiting process's fds are closed */
	if (pipe(fd) == 0) {
		pid_t pid = fork();

		if (pid == 0) {
			alarm(20);
			close(fd[0]);
			if (op1(id, 0, 1, SEM_UNDO) == 0)
				write(fd[1], "u", 1);
			_exit(0);
		}
		close(fd[1]);
		c = 0;
		read(fd[0], &c, 1);
		CHECK_EQ("the child did +1 SEM_UNDO", c, 'u');
		r = read(fd[0], &c, 1);
		CHECK_EQ("the child's pipe end closes at exit (EOF)", r, 0);
		CHECK_EQ("by then its undo is already applied", getval(id, 0), 0);
		close(fd[0]);
		waitpid(pid, NULL, 0);
	}

	/* clamp at 0 */
	setval(id, 0, 0);
	k = kid_start(do_op_wait, 5);
	kid_ready(&k);
	CHECK_EQ("after the child's +5 SEM_UNDO the value is 5", getval(id, 0), 5);
	CHECK_EQ("the parent takes 3 without undo", op1(id, 0, -3, 0), 0);
	kid_go(&k);
	kid_reap(&k);
	CHECK_EQ("exit undo of -5 on 2 clamps to 0", getval(id, 0), 0);
	CHECK_EQ("the clamped undo still sets GETPID", semctl(id, 0, GETPID), k.pid);

	/* clamp at semvmx */
	setval(id, 0, 5);
	k = kid_start(do_op_wait, -5);
	kid_ready(&k);
	CHECK_EQ("after the child's -5 SEM_UNDO the value is 0", getval(id, 0), 0);
	CHECK_EQ("the parent adds semvmx - 2 without undo", op1(id, 0, lim.semvmx - 2, 0), 0);
	kid_go(&k);
	kid_reap(&k);
	CHECK_EQ("exit undo of +5 on semvmx - 2 clamps to semvmx", getval(id, 0), lim.semvmx);

	/* SETVAL resets the adjustment */
	setval(id, 0, 0);
	k = kid_start(do_op_wait, 5);
	kid_ready(&k);
	CHECK_EQ("SETVAL 10 while the child holds a +5 undo", setval(id, 0, 10), 0);
	kid_go(&k);
	kid_reap(&k);
	CHECK_EQ("SETVAL reset the adjustment: the value stays 10 after exit",
		 getval(id, 0), 10);

	/* the spec's example: +5 undo, SETVAL 0, +3 undo, exit -> 0 */
	k = kid_start(do_spec_example, 0);
	kid_ready(&k);
	setval(id, 0, 0);
	kid_go(&k);
	kid_ready(&k);
	CHECK_EQ("+5 undo, SETVAL 0, +3 undo: the value is 3", getval(id, 0), 3);
	kid_go(&k);
	CHECK_EQ("the +5/+3 child exits normally", kid_reap(&k), 0);
	CHECK_EQ("...and after exit the value is 0", getval(id, 0), 0);

	/* the semadj range */
	setval(id, 0, 0);
	k = kid_start(do_adj_range, 0);
	CHECK_EQ("SEM_UNDO ops within +-semaem succeed and one beyond gives ERANGE",
		 kid_reap(&k), 0);
	semctl(id, 0, IPC_RMID);

	/* SETALL resets every adjustment; two processes' adjustments are separate */
	the_set = id = newset(2);
	k = kid_start(do_two_ops, 0);
	kid_ready(&k);
	CHECK("the child's +5/+2 SEM_UNDO are visible", getval(id, 0) == 5 && getval(id, 1) == 2);
	{
		unsigned short v[2] = { 10, 20 };

		arg.array = v;
		CHECK_EQ("SETALL while the child holds adjustments", semctl(id, 0, SETALL, arg), 0);
	}
	kid_go(&k);
	kid_reap(&k);
	CHECK("SETALL reset both adjustments: 10 and 20 after exit",
	      getval(id, 0) == 10 && getval(id, 1) == 20);
	{
		struct kid a, b;

		setval(id, 0, 0);
		the_set = id;
		a = kid_start(do_op_wait, 2);
		kid_ready(&a);
		b = kid_start(do_op_wait, 3);
		kid_ready(&b);
		CHECK_EQ("two children add 2 and 3 with SEM_UNDO", getval(id, 0), 5);
		kid_go(&a);
		kid_reap(&a);
		CHECK_EQ("the first one's exit removes only its own 2", getval(id, 0), 3);
		kid_go(&b);
		kid_reap(&b);
		CHECK_EQ("the second one's exit removes its 3", getval(id, 0), 0);
	}
	semctl(id, 0, IPC_RMID);
	return utest_done();
}
