/*
 * tests/user/race_util.h - what the sleeper race tests (sysv_msg_race.c,
 * sysv_sem_race.c) share: children report their outcome as one byte on a
 * pipe, the parent collects the bytes (an alarm fails a sleeper that never
 * wakes), counts each kind and reaps the children.
 */
#ifndef RACE_UTIL_H
#define RACE_UTIL_H

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>
#include "utest.h"

/* read n outcome bytes from fd, waiting at most 40 s in all */
static inline int collect(int fd, char *out, int n)
{
	int got = 0;

	alarm(40);
	while (got < n) {
		ssize_t r = read(fd, out + got, n - got);

		if (r <= 0)
			break;
		got += r;
	}
	alarm(0);
	return got;
}

/*
 * Until each of the n children sleeps interruptibly (state S in
 * /proc/PID/stat), about 10 s at most: 1 when they all do. A sleeper's
 * state is set under the object's lock, so a removal that takes the lock
 * after this finds every one of them queued (yields and a nap were not
 * enough on a loaded host: children arrived after the IPC_RMID).
 */
static inline int wait_children_asleep(const pid_t *pids, int n)
{
	struct timespec nap = { 0, 1000000 };

	for (int round = 0; round < 10000; round++) {
		int asleep = 0;

		for (int i = 0; i < n; i++) {
			char path[32], buf[256], *p;

			snprintf(path, sizeof(path), "/proc/%d/stat", (int)pids[i]);
			if (utest_read_file(path, buf, sizeof(buf)) < 0)
				continue;
			p = strrchr(buf, ')');
			asleep += p && p[1] == ' ' && p[2] == 'S';
		}
		if (asleep == n)
			return 1;
		nanosleep(&nap, NULL);
	}
	return 0;
}

/* how many of the n bytes are c */
static inline int count(const char *s, int n, char c)
{
	int k = 0;

	for (int i = 0; i < n; i++)
		k += s[i] == c;
	return k;
}

static inline void reap_all(int n)
{
	while (n-- > 0)
		wait(NULL);
}

/* the end of a round: its children reaped, its outcome pipe closed */
static inline void close_results(int res[2], int children)
{
	reap_all(children);
	close(res[0]);
	close(res[1]);
}

/* run fn in a child as uid/gid 65534, the attacker; 1 when it returned 0 */
static inline int as_nobody(int (*fn)(void))
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		if (setgid(65534) || setuid(65534))
			_exit(2);
		_exit(fn() ? 1 : 0);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return 0;
	if (WIFSIGNALED(st))	/* SIGALRM: collect() waited 40 s for a sleeper */
		printf("# the nobody child was killed by signal %d\n", WTERMSIG(st));
	return WIFEXITED(st) && !WEXITSTATUS(st);
}

#endif /* RACE_UTIL_H */
