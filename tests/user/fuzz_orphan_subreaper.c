/*
 * fuzz_orphan_subreaper.c - fuzz_short once left a task, 17 files and 55
 * pages behind: a fuzz child's grandchild, stopped before it could exit,
 * went to init when the child died, because PR_SET_CHILD_SUBREAPER (which
 * the fuzzer asks for) was EINVAL, and outlived the run. With it, as Linux,
 * an orphan goes to the nearest ancestor that asked, which sees it stop and
 * die with wait, and init never hears of it; the flag is the process's, is
 * not inherited, and PR_GET_CHILD_SUBREAPER reads it.
 */
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include "utest.h"

static int ppid_of(pid_t pid)
{
	char path[64], buf[512], *p;
	int ppid = -1;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if (utest_read_file(path, buf, sizeof(buf)) < 0)
		return -1;
	p = strrchr(buf, ')');
	if (!p || sscanf(p + 1, " %*c %d", &ppid) != 1)
		return -1;
	return ppid;
}

int main(void)
{
	int v = -1, st, p[2];
	pid_t child, grandchild = 0, w;

	alarm(30);
	CHECK_OK("PR_GET_CHILD_SUBREAPER", prctl(PR_GET_CHILD_SUBREAPER, &v));
	CHECK_EQ("  not one to begin with", v, 0);
	CHECK_OK("PR_SET_CHILD_SUBREAPER 1", prctl(PR_SET_CHILD_SUBREAPER, 1));
	CHECK_OK("PR_GET_CHILD_SUBREAPER", prctl(PR_GET_CHILD_SUBREAPER, &v));
	CHECK_EQ("  now 1", v, 1);
	CHECK_OK("a pipe", pipe(p));
	child = fork();
	if (child == 0) {
		int mine = -1;
		pid_t g;

		prctl(PR_GET_CHILD_SUBREAPER, &mine);
		g = fork();
		if (g == 0) {
			close(p[0]);
			close(p[1]);
			raise(SIGSTOP);	/* stopped before it could exit */
			_exit(0);
		}
		if (write(p[1], &g, sizeof(g)) != sizeof(g) || mine != 0)
			_exit(1);	/* the flag is not inherited */
		_exit(0);		/* leaves g an orphan */
	}
	close(p[1]);
	CHECK_EQ("the grandchild's pid", read(p[0], &grandchild, sizeof(grandchild)),
		 (long)sizeof(grandchild));
	CHECK_EQ("the child exits 0 (it did not inherit the flag)", waitpid(child, &st, 0), child);
	CHECK("  status 0", WIFEXITED(st) && WEXITSTATUS(st) == 0);
	/* the orphan is ours now: we see its stop and its death */
	w = waitpid(-1, &st, WUNTRACED);
	CHECK_EQ("waitpid(-1, WUNTRACED) reports the orphan", w, grandchild);
	CHECK("  stopped by SIGSTOP", WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP);
	CHECK_EQ("its parent is us", ppid_of(grandchild), getpid());
	CHECK_OK("kill it", kill(grandchild, SIGKILL));
	CHECK_EQ("and reap it", waitpid(grandchild, &st, 0), grandchild);
	CHECK("  killed by SIGKILL", WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	CHECK_ERR("no child left", waitpid(-1, &st, WNOHANG), ECHILD);
	CHECK_OK("PR_SET_CHILD_SUBREAPER 0", prctl(PR_SET_CHILD_SUBREAPER, 0));
	return utest_done();
}
