/*
 * exhaust_forkbomb.c - a bounded fork bomb: as uid 65534 with RLIMIT_NPROC
 * 64, a leader forks until fork fails, which must be EAGAIN, never a hang or
 * a panic; every child is then killed and reaped and fork works again. The
 * guest runner's counts check that every page and task came back.
 */
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include "utest.h"

#define LIMIT 64

static int leader(void)
{
	struct rlimit rl = { LIMIT, LIMIT };
	pid_t kids[LIMIT + 1];
	int n = 0, err = 0, reaped = 0;

	if (setrlimit(RLIMIT_NPROC, &rl) || setgid(65534) || setuid(65534))
		return 100;
	while (n <= LIMIT) {
		pid_t pid = fork();

		if (pid == 0) {
			pause();
			_exit(0);
		}
		if (pid < 0) {
			err = errno;
			break;
		}
		kids[n++] = pid;
	}
	for (int i = 0; i < n; i++)
		kill(kids[i], SIGKILL);
	while (wait(NULL) > 0)
		reaped++;
	if (err != EAGAIN)
		return 101;
	if (reaped != n || errno != ECHILD)
		return 102;
	pid_t again = fork();	/* the limit is free again */
	if (again == 0)
		_exit(0);
	if (again < 0 || waitpid(again, NULL, 0) != again)
		return 103;
	return n >= 1 && n < LIMIT ? 0 : 104;
}

int main(void)
{
	int status = -1;
	pid_t pid;

	alarm(60);
	pid = fork();
	if (pid == 0)
		_exit(leader());
	CHECK_EQ("the leader is reaped", waitpid(pid, &status, 0), pid);
	CHECK("it exited by itself", WIFEXITED(status));
	CHECK("setrlimit and the drop to uid 65534 worked", WEXITSTATUS(status) != 100);
	CHECK("the fork that hit RLIMIT_NPROC failed with EAGAIN", WEXITSTATUS(status) != 101);
	CHECK("every child was killed and reaped, then ECHILD", WEXITSTATUS(status) != 102);
	CHECK("after the reaping fork works again", WEXITSTATUS(status) != 103);
	CHECK("between 1 and 63 children were made", WEXITSTATUS(status) != 104);
	CHECK_EQ("exit status 0", WEXITSTATUS(status), 0);
	return utest_done();
}
