/*
 * proc_nproc.c - RLIMIT_NPROC as Linux counts and enforces it: the tasks of
 * one real uid, zombies included, checked at fork for everyone but root
 * and holders of CAP_SYS_RESOURCE/CAP_SYS_ADMIN. As uid 61234 with a limit
 * of 4, three children fit and the fourth fork is EAGAIN; exited but unreaped
 * children still count; once reaped, fork works again. Root passes any
 * limit; a real uid of 61234 with euid 0 passes too, and fails as soon as
 * the euid is dropped. setrlimit/getrlimit/prlimit64 of RLIMIT_NPROC.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include "utest.h"

#define NOBODY	61234	/* a uid of its own: the count is system-wide, and other tests run as 65534 */
#define LIMIT	4

static int zombie(pid_t pid)
{
	char path[32], buf[64];

	snprintf(path, sizeof(path), "/proc/%d/exe", (int)pid);
	return kill(pid, 0) == 0 && readlink(path, buf, sizeof(buf)) < 0;
}

/* fork children that wait for EOF on the hold pipe until fork fails; their pids in kids */
static int fork_until_refused(int *hold, pid_t *kids, int max, int *err)
{
	int n = 0;

	*err = 0;
	while (n < max) {
		pid_t p = fork();

		if (p < 0) {
			*err = errno;
			break;
		}
		if (p == 0) {
			char b;

			close(hold[1]);
			read(hold[0], &b, 1);
			_exit(0);
		}
		kids[n++] = p;
	}
	return n;
}

/* as nobody: the limit, zombies counted, and fork back once they are reaped */
static void as_nobody(int out)
{
	struct rlimit rl = { LIMIT, LIMIT };
	pid_t kids[16];
	int hold[2], n, err, again, res[8], r = 0, zombies;

	pipe(hold);
	if (setgid(NOBODY) || setuid(NOBODY) || setrlimit(RLIMIT_NPROC, &rl))
		_exit(2);
	n = fork_until_refused(hold, kids, 16, &err);
	res[r++] = n;
	res[r++] = err;
	/* let them exit, and see them become zombies we have not reaped */
	close(hold[1]);
	for (int tries = 0; tries < 500; tries++) {
		zombies = 0;
		for (int i = 0; i < n; i++)
			zombies += zombie(kids[i]);
		if (zombies == n)
			break;
		usleep(10000);
	}
	res[r++] = zombies;
	again = fork();
	if (again == 0)
		_exit(0);
	res[r++] = again < 0 ? errno : 0;	/* zombies still count */
	for (int i = 0; i < n; i++)
		waitpid(kids[i], NULL, 0);
	again = fork();
	if (again == 0)
		_exit(0);
	res[r++] = again > 0;
	if (again > 0)
		waitpid(again, NULL, 0);
	/* raising the hard limit takes CAP_SYS_RESOURCE */
	rl.rlim_max = LIMIT + 1;
	res[r++] = setrlimit(RLIMIT_NPROC, &rl) < 0 ? errno : 0;
	rl.rlim_cur = rl.rlim_max = LIMIT - 1;
	res[r++] = setrlimit(RLIMIT_NPROC, &rl) < 0 ? errno : 0;	/* lowering is free */
	write(out, res, sizeof(res));
	_exit(0);
}

/* real uid 61234 with euid 0: exempt; the same after dropping the euid: not */
static void nobody_with_euid_root(int out)
{
	struct rlimit rl = { 1, 1 };
	int res[2];
	pid_t p;

	if (setresgid(NOBODY, NOBODY, NOBODY) || setresuid(NOBODY, 0, 0) ||
	    setrlimit(RLIMIT_NPROC, &rl))
		_exit(2);
	p = fork();
	if (p == 0)
		_exit(0);
	res[0] = p > 0;
	if (p > 0)
		waitpid(p, NULL, 0);
	if (setresuid(-1, NOBODY, -1))
		_exit(3);
	p = fork();
	if (p == 0)
		_exit(0);
	res[1] = p < 0 ? errno : 0;
	write(out, res, sizeof(res));
	_exit(0);
}

static int run_child(void (*fn)(int), int *res, size_t size)
{
	int pfd[2], st;
	pid_t p;
	ssize_t got;

	pipe(pfd);
	p = fork();
	if (p == 0) {
		close(pfd[0]);
		fn(pfd[1]);
	}
	close(pfd[1]);
	got = read(pfd[0], res, size);
	close(pfd[0]);
	waitpid(p, &st, 0);
	return got == (ssize_t)size && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

int main(void)
{
	struct rlimit rl, old, saved;
	struct rlimit64 { unsigned long long cur, max; } r64;
	int res[8], res2[2], ok = 0;
	pid_t p;

	CHECK_OK("getrlimit(RLIMIT_NPROC)", getrlimit(RLIMIT_NPROC, &saved));
	CHECK("soft limit within the hard one", saved.rlim_cur <= saved.rlim_max);
	CHECK_OK("prlimit64 reads it too", syscall(340, 0, RLIMIT_NPROC, NULL, &r64));
	CHECK("and reads the same", r64.cur == (saved.rlim_cur == RLIM_INFINITY ? ~0ULL : saved.rlim_cur));
	rl.rlim_cur = 10;
	rl.rlim_max = 5;
	CHECK_ERR("soft above hard: EINVAL", setrlimit(RLIMIT_NPROC, &rl), EINVAL);

	/* root ignores the limit, even one below what it already runs */
	p = fork();
	if (p == 0) {
		rl.rlim_cur = rl.rlim_max = 1;
		if (setrlimit(RLIMIT_NPROC, &rl) || getrlimit(RLIMIT_NPROC, &old) ||
		    old.rlim_cur != 1 || old.rlim_max != 1)
			_exit(2);
		pid_t g = fork();

		if (g < 0)
			_exit(1);
		if (g == 0)
			_exit(0);
		waitpid(g, NULL, 0);
		_exit(0);
	} else {
		int st;

		waitpid(p, &st, 0);
		CHECK_EQ("root forks past RLIMIT_NPROC 1", st, 0);
	}

	/* the count is system-wide: retry in case a leftover of an earlier run still holds one */
	for (int tries = 0; tries < 5; tries++) {
		ok = run_child(as_nobody, res, sizeof(res));
		if (!ok || res[0] == LIMIT - 1)
			break;
	}
	if (!ok) {
		CHECK("the uid 61234 child reports", 0);
	} else {
		CHECK_EQ("as uid 61234 with RLIMIT_NPROC 4: three children fit", res[0], LIMIT - 1);
		CHECK_EQ("the next fork is EAGAIN", res[1], EAGAIN);
		CHECK_EQ("the children become zombies", res[2], LIMIT - 1);
		CHECK_EQ("unreaped zombies still count: EAGAIN", res[3], EAGAIN);
		CHECK_EQ("once reaped, fork works again", res[4], 1);
		CHECK_EQ("raising the hard limit: EPERM", res[5], EPERM);
		CHECK_EQ("lowering it: fine", res[6], 0);
	}
	if (!run_child(nobody_with_euid_root, res2, sizeof(res2))) {
		CHECK("the real-uid-61234 child reports", 0);
	} else {
		CHECK_EQ("real uid 61234, euid 0 (CAP_SYS_RESOURCE): forks past the limit", res2[0], 1);
		CHECK_EQ("euid dropped to 61234: EAGAIN", res2[1], EAGAIN);
	}
	return utest_done();
}
