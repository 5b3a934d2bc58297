/*
 * proc_orphan_pgrp.c - orphaned process groups (POSIX 3.2.2.2, Linux's
 * kernel/exit.c and get_signal_to_deliver): SIGTSTP, SIGTTIN and SIGTTOU
 * do nothing by default in a group that no member's parent could resume,
 * SIGSTOP stops it all the same; a group that an exit orphans while a
 * member is stopped gets SIGHUP then SIGCONT. Each case runs in a session
 * of its own, so what is around the test does not matter.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "utest.h"

static int hup_fd;
static void on_hup(int s) { (void)s; write(hup_fd, "H", 1); }
static void on_cont(int s) { (void)s; write(hup_fd, "C", 1); }

/* in a new session (an orphaned group: its parent is in another session) */
static int orphaned_stops(void)
{
	int st;

	setsid();
	/* job-control stops are discarded: we run on */
	kill(getpid(), SIGTSTP);
	kill(getpid(), SIGTTIN);
	kill(getpid(), SIGTTOU);
	/* SIGSTOP stops even here: a child of ours watches for it */
	{
		pid_t me = getpid(), w = fork();

		if (w == 0) {
			/* the same session, another group: we are not its parent, so the
			   group stays orphaned; wait for the stop through /proc */
			char path[64], buf[256];
			int ok = 0;

			snprintf(path, sizeof(path), "/proc/%d/stat", me);
			for (int i = 0; i < 2000 && !ok; i++) {
				FILE *f = fopen(path, "r");

				if (f) {
					if (fgets(buf, sizeof(buf), f) && strstr(buf, ") T "))
						ok = 1;
					fclose(f);
				}
				usleep(1000);
			}
			kill(me, SIGCONT);
			_exit(ok ? 0 : 1);
		}
		kill(me, SIGSTOP);	/* until the watcher continues us */
		waitpid(w, &st, 0);
		return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : 3;
	}
}

int main(void)
{
	int pfd[2], st;
	pid_t pid;
	char buf[8] = "";

	alarm(20);	/* a group left stopped would hang us: fail rather than hang */
	/* 1: stops in an orphaned group */
	pid = fork();
	if (pid == 0)
		_exit(orphaned_stops());
	CHECK_EQ("waitpid", waitpid(pid, &st, 0), pid);
	CHECK("SIGTSTP, SIGTTIN, SIGTTOU do not stop an orphaned group; SIGSTOP does (and SIGCONT resumes)",
	      WIFEXITED(st) && WEXITSTATUS(st) == 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st))
		printf("status %#x\n", st);

	/* 2: orphaned by an exit while stopped: SIGHUP, then SIGCONT */
	if (pipe(pfd))
		return 1;
	pid = fork();
	if (pid == 0) {
		pid_t mid, g;

		setsid();	/* session S: we are its leader, group S */
		mid = fork();
		if (mid == 0) {
			g = fork();
			if (g == 0) {
				/* group G of its own; its parent (mid) in group S keeps it connected */
				hup_fd = pfd[1];
				signal(SIGHUP, on_hup);
				signal(SIGCONT, on_cont);
				setpgid(0, 0);
				kill(getpid(), SIGSTOP);
				/* both handlers have run by now, SIGHUP's first */
				_exit(0);
			}
			/* wait until G is stopped, then leave it an orphan */
			waitpid(g, &st, WUNTRACED);
			_exit(WIFSTOPPED(st) ? 0 : 1);
		}
		waitpid(mid, &st, 0);
		_exit(WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : 2);
	}
	close(pfd[1]);
	CHECK_EQ("the middle process stopped its child and exited", waitpid(pid, &st, 0), pid);
	CHECK_EQ("and said so", WIFEXITED(st) ? WEXITSTATUS(st) : -1, 0);
	{
		int n = 0, r;

		while (n < 2 && (r = read(pfd[0], buf + n, 2 - n)) > 0)
			n += r;
	}
	/* both handlers, nested: the one set up last (SIGCONT's, on Linux) runs first */
	CHECK("the orphaned stopped group got SIGHUP and SIGCONT",
	      strlen(buf) == 2 && strchr(buf, 'H') && strchr(buf, 'C'));
	close(pfd[0]);
	return utest_done();
}
