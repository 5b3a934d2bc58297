/*
 * pipe_epipe.c - a write with no reader fails with EPIPE and raises SIGPIPE
 * (SI_USER, from the writer itself; default action kills); readers are counted
 * per open file description; a write cut short by the readers' exit is partial.
 */
#include "utest.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>

static volatile sig_atomic_t sigpipes, last_code, last_pid;
static char big[200000];

static void on_sigpipe(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	sigpipes++;
	last_code = si->si_code;
	last_pid = si->si_pid;
}

static void msleep(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static void set_sigpipe(int how)	/* 0 = ignore, 1 = handler, 2 = default */
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	if (how == 1) {
		sa.sa_sigaction = on_sigpipe;
		sa.sa_flags = SA_SIGINFO;
	} else {
		sa.sa_handler = how == 0 ? SIG_IGN : SIG_DFL;
	}
	sigaction(SIGPIPE, &sa, NULL);
}

int main(void)
{
	int p[2], s[2], r2, status;
	ssize_t n;
	pid_t pid;
	char c = 'x';
	sigset_t set, old;
	struct { ssize_t n; int sigs; } res;

	alarm(20);

	/* 1. SIGPIPE ignored: EPIPE, process survives. */
	set_sigpipe(0);
	pipe(p);
	close(p[0]);
	CHECK_ERR("SIGPIPE ignored: write to a reader-less pipe gives EPIPE",
		  write(p[1], "abc", 3), EPIPE);
	CHECK_ERR("... and again on the next write", write(p[1], big, 5000), EPIPE);
	close(p[1]);

	/* 2. default action: the writer dies of SIGPIPE. */
	pipe(p);
	close(p[0]);		/* before fork: no process has a reader */
	pid = fork();
	if (pid == 0) {
		set_sigpipe(2);
		write(p[1], &c, 1);
		_exit(7);	/* only reached if the write returned */
	}
	close(p[1]);
	waitpid(pid, &status, 0);
	CHECK("default SIGPIPE action kills the writer (WIFSIGNALED)", WIFSIGNALED(status));
	CHECK_EQ("... and WTERMSIG is SIGPIPE", WIFSIGNALED(status) ? WTERMSIG(status) : -1,
		 SIGPIPE);

	/* 3. handler: called once, write returns EPIPE, siginfo says SI_USER/self. */
	set_sigpipe(1);
	pipe(p);
	close(p[0]);
	sigpipes = 0;
	CHECK_ERR("with a SIGPIPE handler, the write still fails with EPIPE",
		  write(p[1], &c, 1), EPIPE);
	CHECK_EQ("the SIGPIPE handler ran exactly once", sigpipes, 1);
	CHECK_EQ("SIGPIPE si_code is SI_USER", last_code, SI_USER);
	CHECK_EQ("SIGPIPE si_pid is the writer itself", last_pid, getpid());

	/* 4. SIGPIPE blocked: EPIPE at once, signal delivered on unblock. */
	sigemptyset(&set);
	sigaddset(&set, SIGPIPE);
	sigprocmask(SIG_BLOCK, &set, &old);
	sigpipes = 0;
	CHECK_ERR("SIGPIPE blocked: write gives EPIPE", write(p[1], &c, 1), EPIPE);
	CHECK_EQ("... and no handler runs while blocked", sigpipes, 0);
	sigprocmask(SIG_SETMASK, &old, NULL);
	CHECK_EQ("the pending SIGPIPE is delivered on unblock", sigpipes, 1);
	close(p[1]);

	/* 5. a reader open in another process, or through a dup, keeps the pipe
	 *    writable; the pipe becomes reader-less only when all are closed. */
	pipe(p);
	pipe(s);
	pid = fork();
	if (pid == 0) {		/* hold the read end until told to go */
		close(p[1]);
		close(s[1]);
		read(s[0], &c, 1);
		_exit(0);
	}
	close(s[0]);
	r2 = dup(p[0]);
	close(p[0]);
	sigpipes = 0;
	CHECK_EQ("parent closed its read end, but a child's and a dup keep it writable",
		 write(p[1], "hello", 5), 5);
	close(s[1]);		/* child exits */
	waitpid(pid, &status, 0);
	CHECK_EQ("after the child exits, the dup still keeps it writable",
		 write(p[1], "hello", 5), 5);
	close(r2);
	CHECK_ERR("closing the last read descriptor makes write fail with EPIPE",
		  write(p[1], "hello", 5), EPIPE);
	CHECK_EQ("no SIGPIPE until the last reader was gone, then one", sigpipes, 1);
	close(p[1]);

	/* 6. a full pipe whose reader goes away: EPIPE, not EAGAIN. */
	pipe(p);
	fcntl(p[1], F_SETFL, O_NONBLOCK);
	while (write(p[1], big, 4096) > 0)
		;
	close(p[0]);
	sigpipes = 0;
	CHECK_ERR("non-blocking write to a full reader-less pipe gives EPIPE (not EAGAIN)",
		  write(p[1], &c, 1), EPIPE);
	close(p[1]);

	/* 7. a writer blocked on a full pipe is woken by the last reader's close
	 *    and gets EPIPE (nothing written). */
	pipe(p);
	fcntl(p[1], F_SETFL, O_NONBLOCK);
	while (write(p[1], big, 4096) > 0)
		;
	fcntl(p[1], F_SETFL, 0);
	pid = fork();
	if (pid == 0) {
		set_sigpipe(0);
		close(p[0]);
		_exit(write(p[1], big, 10) == -1 && errno == EPIPE ? 0 : 1);
	}
	close(p[1]);
	msleep(50);
	close(p[0]);
	waitpid(pid, &status, 0);
	CHECK("a writer blocked on a full pipe gets EPIPE when the last reader closes",
	      WIFEXITED(status) && WEXITSTATUS(status) == 0);

	/* 8. readers vanish in the middle of a large blocking write: the write
	 *    returns the partial count and SIGPIPE is still raised. */
	pipe(p);
	pipe(s);
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		close(s[0]);
		set_sigpipe(1);
		sigpipes = 0;
		res.n = write(p[1], big, sizeof(big));
		res.sigs = sigpipes;
		write(s[1], &res, sizeof(res));
		_exit(0);
	}
	close(p[1]);
	close(s[1]);
	{
		static char tmp[10000];
		size_t got = 0;

		while (got < sizeof(tmp) && (n = read(p[0], tmp, sizeof(tmp) - got)) > 0)
			got += n;
	}
	msleep(50);
	close(p[0]);
	memset(&res, 0, sizeof(res));
	CHECK_EQ("result from the interrupted writer child", read(s[0], &res, sizeof(res)),
		 sizeof(res));
	CHECK("the cut-short write returns a partial count (10000 <= n < 200000)",
	      res.n >= 10000 && res.n < (ssize_t)sizeof(big));
	CHECK_EQ("... and SIGPIPE was raised once in the writer", res.sigs, 1);
	waitpid(pid, &status, 0);
	close(s[0]);
	return utest_done();
}
