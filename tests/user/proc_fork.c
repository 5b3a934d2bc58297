/*
 * proc_fork.c - fork, vfork and the wait family: exit statuses, death by signal,
 * WNOHANG, ECHILD, waiting for one pid among several, getppid, zombies, and a
 * burst of 200 fork/exit/wait cycles, all as Linux reports them.
 */
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include "utest.h"

static volatile sig_atomic_t got_chld;

static void on_chld(int sig)
{
	(void)sig;
	got_chld = 1;
}

/* Fork a child that calls exit(code); return the raw wait status (or -1). */
static int exit_status_of(int code)
{
	int st = 0;
	pid_t pid = fork();

	if (pid == 0)
		exit(code);
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return st;
}

int main(void)
{
	static const int codes[] = { 0, 1, 42, 127, 128, 200, 255 };
	int st, p[2], i, ok;
	pid_t me = getpid(), pid, a, b, r;
	char c;
	sigset_t set, old;
	struct sigaction sa;

	alarm(20);

	/* No children yet. */
	CHECK_ERR("wait() with no children gives ECHILD", wait(NULL), ECHILD);
	CHECK_ERR("waitpid(-1, WNOHANG) with no children gives ECHILD",
		  waitpid(-1, &st, WNOHANG), ECHILD);
	CHECK_ERR("waitpid of a pid that is not our child gives ECHILD",
		  waitpid(getppid(), &st, 0), ECHILD);

	/* Exit codes reach the parent through WEXITSTATUS. */
	ok = 1;
	for (i = 0; i < (int)(sizeof(codes) / sizeof(codes[0])); i++) {
		st = exit_status_of(codes[i]);
		if (st == -1 || !WIFEXITED(st) || WIFSIGNALED(st) ||
		    WEXITSTATUS(st) != codes[i]) {
			printf("  exit(%d) gave status 0x%x\n", codes[i], st);
			ok = 0;
		}
	}
	CHECK("exit codes 0,1,42,127,128,200,255 come back as WIFEXITED/WEXITSTATUS", ok);
	st = exit_status_of(0);
	CHECK_EQ("exit(0) gives the raw status word 0", st, 0);
	st = exit_status_of(3);
	CHECK_EQ("exit(3) gives the raw status word 0x300", st, 0x300);
	st = exit_status_of(256 + 7);
	CHECK_EQ("exit(263) keeps only the low 8 bits: WEXITSTATUS 7",
		 WIFEXITED(st) ? WEXITSTATUS(st) : -1, 7);

	/* fork's return values, getpid and getppid in the child. */
	pid = fork();
	if (pid == 0)
		_exit(getppid() == me ? (getpid() != me ? 0 : 2) : 1);
	CHECK("fork returns a positive pid to the parent", pid > 0);
	CHECK("the child's pid differs from the parent's", pid != me);
	CHECK_EQ("waitpid(pid) returns that pid", waitpid(pid, &st, 0), pid);
	CHECK_EQ("child: getppid() is the parent's pid and getpid() its own (exit 0)",
		 WIFEXITED(st) ? WEXITSTATUS(st) : -1, 0);

	/* Death by signal. */
	pid = fork();
	if (pid == 0) {
		kill(getpid(), SIGTERM);
		_exit(99);
	}
	waitpid(pid, &st, 0);
	CHECK("a child killed by SIGTERM is WIFSIGNALED and not WIFEXITED",
	      WIFSIGNALED(st) && !WIFEXITED(st));
	CHECK_EQ("WTERMSIG is SIGTERM", WTERMSIG(st), SIGTERM);

	pipe(p);
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		read(p[0], &c, 1);	/* blocks until the parent kills us */
		_exit(98);
	}
	close(p[0]);
	CHECK_EQ("WNOHANG returns 0 while the only child is still running",
		 waitpid(pid, &st, WNOHANG), 0);
	CHECK_EQ("WNOHANG on any child (-1) also returns 0", waitpid(-1, &st, WNOHANG), 0);
	CHECK_OK("kill(child, SIGKILL) succeeds", kill(pid, SIGKILL));
	CHECK_EQ("waitpid reaps the killed child", waitpid(pid, &st, 0), pid);
	CHECK("a child blocked in read and sent SIGKILL has WTERMSIG SIGKILL",
	      WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	close(p[1]);

	/* waitpid on one specific pid while another child is still running. */
	pipe(p);
	a = fork();
	if (a == 0) {
		close(p[1]);
		read(p[0], &c, 1);	/* wait for EOF */
		_exit(11);
	}
	b = fork();
	if (b == 0)
		_exit(22);
	close(p[0]);
	r = waitpid(b, &st, 0);
	CHECK_EQ("waitpid(b) returns b although a is also a child", r, b);
	CHECK_EQ("and reports b's status 22", WEXITSTATUS(st), 22);
	CHECK_EQ("a is still running: waitpid(a, WNOHANG) gives 0",
		 waitpid(a, &st, WNOHANG), 0);
	close(p[1]);		/* a sees EOF and exits */
	r = wait(&st);
	CHECK_EQ("wait() then returns a", r, a);
	CHECK_EQ("with a's status 11", WEXITSTATUS(st), 11);

	/* A zombie keeps its pid until it is reaped: SIGCHLD marks the moment. */
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, &old);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_chld;
	sigaction(SIGCHLD, &sa, NULL);
	pid = fork();
	if (pid == 0)
		_exit(5);
	while (!got_chld)
		sigsuspend(&old);	/* SIGCHLD unblocked only while suspended */
	sigprocmask(SIG_SETMASK, &old, NULL);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGCHLD, &sa, NULL);
	CHECK_OK("kill(zombie, 0) succeeds before the zombie is reaped", kill(pid, 0));
	CHECK_EQ("waitpid(pid, NULL) with a NULL status pointer reaps it",
		 waitpid(pid, NULL, 0), pid);
	CHECK_ERR("kill(reaped pid, 0) gives ESRCH", kill(pid, 0), ESRCH);
	CHECK_ERR("waiting again for the reaped pid gives ECHILD",
		  waitpid(pid, &st, 0), ECHILD);

	/* vfork: the parent resumes once the child has called _exit. */
	pid = vfork();
	if (pid == 0)
		_exit(77);
	CHECK("vfork returns the child's pid to the parent", pid > 0 && pid != me);
	CHECK_EQ("waitpid after vfork reaps the child", waitpid(pid, &st, 0), pid);
	CHECK_EQ("the vfork child's _exit(77) status", WIFEXITED(st) ? WEXITSTATUS(st) : -1, 77);

	/* 200 fork + exit + wait cycles. */
	ok = 0;
	for (i = 0; i < 200; i++) {
		pid = fork();
		if (pid == 0)
			_exit(i & 0xff);
		if (pid < 0)
			break;
		if (waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
		    WEXITSTATUS(st) == (i & 0xff))
			ok++;
	}
	CHECK_EQ("200 fork/exit/wait cycles all succeed with the right status", ok, 200);
	CHECK_ERR("after all that, no children remain: ECHILD", wait(NULL), ECHILD);

	return utest_done();
}
