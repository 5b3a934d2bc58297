/*
 * proc_signal.c - signal delivery as Linux does it: handlers, blocking and pending,
 * no queueing of standard signals, SA_RESTART versus EINTR on a blocked pipe read,
 * SIGCHLD, death by signal, SA_SIGINFO fields, sigsuspend, SIG_IGN, SA_RESETHAND,
 * kill/sigaction errors, and nanosleep interrupted with the remaining time.
 */
#include <signal.h>
#include <time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include "utest.h"

static volatile sig_atomic_t n_usr1, n_usr2, n_alrm, n_chld;
static volatile sig_atomic_t usr1_blocked_inside, info_signo, info_code, info_pid,
	info_uid, info_status;

static void on_usr1(int sig)
{
	sigset_t cur;

	(void)sig;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	usr1_blocked_inside = sigismember(&cur, SIGUSR1);
	n_usr1++;
}

static void on_usr2(int sig)
{
	(void)sig;
	n_usr2++;
}

/* Each step sends one SIGALRM; a second one is the alarm(20) watchdog. */
static void on_alrm(int sig)
{
	static const char msg[] = "FAIL proc_signal: watchdog SIGALRM: a step hung\n";

	(void)sig;
	if (++n_alrm > 1) {
		write(1, msg, sizeof(msg) - 1);
		_exit(1);
	}
}

static void on_info(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	info_signo = si->si_signo;
	info_code = si->si_code;
	info_pid = si->si_pid;
	info_uid = si->si_uid;
	info_status = si->si_status;
	if (sig == SIGCHLD)
		n_chld++;
}

static int set_handler(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	return sigaction(sig, &sa, NULL);
}

static int set_info_handler(int sig)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_info;
	sa.sa_flags = SA_SIGINFO;
	return sigaction(sig, &sa, NULL);
}

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/*
 * Child: after delay_ms send SIGALRM to parent, then after another data_ms
 * write one byte into the pipe (data_ms < 0: write nothing). Returns the pid.
 */
static pid_t interrupter(pid_t parent, int wfd, int delay_ms, int data_ms)
{
	pid_t pid = fork();

	if (pid == 0) {
		sleep_ms(delay_ms);
		if (getppid() == parent)
			kill(parent, SIGALRM);
		if (data_ms >= 0) {
			sleep_ms(data_ms);
			write(wfd, "d", 1);
		}
		_exit(0);
	}
	return pid;
}

int main(void)
{
	sigset_t set, old, pend;
	struct sigaction sa;
	struct timespec req, rem;
	pid_t me = getpid(), pid;
	int p[2], st, r, e;
	char c;

	alarm(20);

	/* A handler runs, before kill() to ourselves returns. */
	CHECK_OK("sigaction installs a SIGUSR1 handler", set_handler(SIGUSR1, on_usr1, 0));
	kill(me, SIGUSR1);
	CHECK_EQ("kill(getpid(), SIGUSR1) runs the handler before kill returns", n_usr1, 1);
	CHECK_EQ("inside the handler SIGUSR1 itself is blocked", usr1_blocked_inside, 1);
	sigprocmask(SIG_BLOCK, NULL, &old);
	CHECK_EQ("after the handler returns SIGUSR1 is unblocked again",
		 sigismember(&old, SIGUSR1), 0);

	/* Blocking, pending, no queueing, delivery on unblock. */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	kill(me, SIGUSR1);
	kill(me, SIGUSR1);
	CHECK_EQ("a blocked SIGUSR1 is not delivered", n_usr1, 1);
	sigpending(&pend);
	CHECK_EQ("sigpending shows the blocked SIGUSR1", sigismember(&pend, SIGUSR1), 1);
	CHECK_EQ("sigpending does not show signals never sent", sigismember(&pend, SIGUSR2), 0);
	sigprocmask(SIG_SETMASK, &old, NULL);
	CHECK_EQ("unblocking delivers it, once: two standard signals do not queue", n_usr1, 2);
	sigpending(&pend);
	CHECK_EQ("nothing is pending afterwards", sigismember(&pend, SIGUSR1), 0);

	/* SIG_IGN. */
	set_handler(SIGUSR2, on_usr2, 0);
	set_handler(SIGUSR2, SIG_IGN, 0);
	kill(me, SIGUSR2);
	sigpending(&pend);
	CHECK("an ignored SIGUSR2 is neither delivered nor left pending",
	      n_usr2 == 0 && !sigismember(&pend, SIGUSR2));
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, &old);
	kill(me, SIGUSR2);
	sigpending(&pend);
	CHECK_EQ("but a blocked signal is queued even while ignored (Linux: blocked is never ignored)",
		 sigismember(&pend, SIGUSR2), 1);
	set_handler(SIGUSR2, SIG_IGN, 0);
	sigpending(&pend);
	CHECK_EQ("setting SIG_IGN again discards the pending SIGUSR2",
		 sigismember(&pend, SIGUSR2), 0);
	set_handler(SIGUSR2, on_usr2, 0);
	sigprocmask(SIG_SETMASK, &old, NULL);
	CHECK_EQ("so unblocking it under a handler delivers nothing", n_usr2, 0);

	/* SA_RESETHAND: one delivery, then SIG_DFL. */
	set_handler(SIGUSR2, on_usr2, SA_RESETHAND);
	kill(me, SIGUSR2);
	sigaction(SIGUSR2, NULL, &sa);
	CHECK("SA_RESETHAND: the handler ran once and the action is back to SIG_DFL",
	      n_usr2 == 1 && sa.sa_handler == SIG_DFL);

	/* Errors. */
	CHECK_ERR("sigaction on SIGKILL gives EINVAL", set_handler(SIGKILL, on_usr2, 0), EINVAL);
	CHECK_ERR("sigaction on SIGSTOP gives EINVAL", set_handler(SIGSTOP, SIG_IGN, 0), EINVAL);
	CHECK_ERR("kill with signal number 65 gives EINVAL", kill(me, 65), EINVAL);
	CHECK_ERR("kill with signal number -1 gives EINVAL", kill(me, -1), EINVAL);
	pid = fork();
	if (pid == 0)
		_exit(0);
	waitpid(pid, &st, 0);
	CHECK_ERR("kill of an exited and reaped pid gives ESRCH", kill(pid, SIGUSR1), ESRCH);

	/* Death by signal. */
	pid = fork();
	if (pid == 0) {
		raise(SIGTERM);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	CHECK("a child raising SIGTERM dies with WTERMSIG SIGTERM",
	      WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
	pid = fork();
	if (pid == 0) {
		kill(getpid(), SIGKILL);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	CHECK("a child sending itself SIGKILL dies with WTERMSIG SIGKILL",
	      WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);

	/* SA_SIGINFO and sigsuspend: a child signals us while SIGUSR1 is blocked. */
	set_info_handler(SIGUSR1);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	pid = fork();
	if (pid == 0) {
		kill(me, SIGUSR1);
		_exit(3);
	}
	sigdelset(&old, SIGUSR1);
	errno = 0;
	r = sigsuspend(&old);		/* SIGUSR1 unblocked only while suspended */
	e = errno;
	CHECK("sigsuspend returns -1 EINTR once the handler has run", r == -1 && e == EINTR);
	sigprocmask(SIG_BLOCK, NULL, &pend);
	CHECK_EQ("after sigsuspend the old mask (SIGUSR1 blocked) is back",
		 sigismember(&pend, SIGUSR1), 1);
	sigprocmask(SIG_SETMASK, &old, NULL);
	CHECK_EQ("SA_SIGINFO handler: si_signo is SIGUSR1", info_signo, SIGUSR1);
	CHECK_EQ("si_code is SI_USER for kill()", info_code, SI_USER);
	CHECK_EQ("si_pid is the sending child's pid", info_pid, pid);
	CHECK_EQ("si_uid is the sender's uid 0", info_uid, 0);
	waitpid(pid, &st, 0);

	/* SIGCHLD with its siginfo. */
	set_info_handler(SIGCHLD);
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, &old);
	n_chld = 0;
	pid = fork();
	if (pid == 0)
		_exit(9);
	sigdelset(&old, SIGCHLD);
	while (!n_chld)
		sigsuspend(&old);
	sigprocmask(SIG_SETMASK, &old, NULL);
	CHECK_EQ("SIGCHLD is delivered once when a child exits", n_chld, 1);
	CHECK("its siginfo: si_signo SIGCHLD, si_code CLD_EXITED, si_pid the child, si_status 9",
	      info_signo == SIGCHLD && info_code == CLD_EXITED && info_pid == pid &&
	      info_status == 9);
	waitpid(pid, &st, 0);
	set_handler(SIGCHLD, SIG_DFL, 0);

	/* SA_RESTART: a pipe read interrupted by SIGALRM restarts and gets the data. */
	pipe(p);
	set_handler(SIGALRM, on_alrm, SA_RESTART);
	n_alrm = 0;
	pid = interrupter(me, p[1], 150, 150);
	r = read(p[0], &c, 1);
	CHECK("with SA_RESTART the handler ran and the read then returned the byte",
	      n_alrm == 1 && r == 1 && c == 'd');
	waitpid(pid, &st, 0);

	/* Without SA_RESTART the same read fails with EINTR. */
	set_handler(SIGALRM, on_alrm, 0);
	n_alrm = 0;
	pid = interrupter(me, p[1], 150, 100);
	errno = 0;
	r = read(p[0], &c, 1);
	e = errno;
	CHECK("without SA_RESTART the read returns -1 EINTR after the handler",
	      n_alrm == 1 && r == -1 && e == EINTR);
	CHECK_EQ("the byte written afterwards is still there for the next read",
		 read(p[0], &c, 1), 1);
	waitpid(pid, &st, 0);
	close(p[0]);
	close(p[1]);

	/* nanosleep interrupted: EINTR, remaining time filled in. */
	n_alrm = 0;
	pid = interrupter(me, -1, 100, -1);
	req.tv_sec = 5;
	req.tv_nsec = 0;
	rem.tv_sec = rem.tv_nsec = -1;
	errno = 0;
	r = nanosleep(&req, &rem);
	e = errno;
	CHECK("nanosleep(5 s) interrupted by a handled signal returns -1 EINTR",
	      r == -1 && e == EINTR && n_alrm == 1);
	CHECK("the remaining time is filled in: between 3 and 5 s",
	      rem.tv_sec >= 3 && rem.tv_sec < 5 && rem.tv_nsec >= 0 && rem.tv_nsec < 1000000000);
	waitpid(pid, &st, 0);
	set_handler(SIGALRM, SIG_DFL, 0);

	return utest_done();
}
