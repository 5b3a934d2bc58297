/*
 * user/init.c - process 1 (/sbin/init). It starts the program named on its
 * command line, if any, and then does what init must always do: adopt the
 * orphans of every process that dies and reap them, so no zombie lingers.
 * It never exits (the kernel panics if pid 1 dies).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void on_sigchld(int sig)
{
	(void)sig;	/* only here to end sigsuspend */
}

int main(int argc, char **argv)
{
	static char *envp[] = { "HOME=/", "TERM=linux", "PATH=/bin:/sbin", NULL };
	struct sigaction sa;
	sigset_t chld, waitmask;

	if (getpid() != 1)
		fprintf(stderr, "init: warning: running as pid %d, not 1\n", getpid());
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigchld;
	sigaction(SIGCHLD, &sa, NULL);
	/* SIGCHLD stays blocked except inside sigsuspend: no wake-up can be lost */
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &waitmask);
	sigdelset(&waitmask, SIGCHLD);
	if (argc > 1) {
		pid_t pid = fork();

		if (pid == 0) {
			sigprocmask(SIG_UNBLOCK, &chld, NULL);
			execve(argv[1], argv + 1, envp);
			fprintf(stderr, "init: %s: %s\n", argv[1], strerror(errno));
			_exit(127);
		}
		if (pid < 0)
			fprintf(stderr, "init: fork: %s\n", strerror(errno));
	}
	for (;;) {
		int status;

		while (waitpid(-1, &status, WNOHANG) > 0)
			;
		sigsuspend(&waitmask);
	}
}
