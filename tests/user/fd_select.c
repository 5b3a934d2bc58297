/*
 * fd_select.c - select and poll details as today's Linux: _newselect takes a
 * tv_usec of a million or more (normalised into seconds; negative is EINVAL);
 * poll interrupted by a signal still writes revents back; poll, select, ppoll
 * and pselect blocked across SIGSTOP/SIGCONT carry on for the time left
 * instead of failing with EINTR, while a handler makes them EINTR; select
 * with n past the fd table is cut to the table.
 */
#define _GNU_SOURCE
#include "utest.h"
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>

static void on_sig(int sig)
{
	(void)sig;
}

static long ms_since(struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/* raw _newselect, so glibc cannot touch the timeval */
static long newselect(int n, fd_set *r, fd_set *w, fd_set *e, struct timeval *tv)
{
	return syscall(SYS__newselect, n, r, w, e, tv);
}

enum { POLL, SELECT, PPOLL, PSELECT };

/*
 * A child blocks 800 ms in one of the calls on an empty pipe; the parent
 * stops it at 150 ms and continues it at 350 ms. The child exits 0 if the
 * call returned 0 (timed out) after 700..1150 ms: it went on for the time
 * left. With a SIGCONT handler it must see EINTR instead (exit 0 too).
 */
static int stop_cont(int which, int handler)
{
	int p[2], st;
	pid_t pid;

	if (pipe(p))
		return -1;
	pid = fork();
	if (pid == 0) {
		struct pollfd pfd = { p[0], POLLIN, 0 };
		struct timeval tv = { 0, 800000 };
		struct timespec ts = { 0, 800000000 }, t0;
		fd_set rd;
		long r, ms;

		if (handler) {
			struct sigaction sa;

			memset(&sa, 0, sizeof(sa));
			sa.sa_handler = on_sig;
			sa.sa_flags = SA_RESTART;	/* even so: EINTR */
			sigaction(SIGCONT, &sa, NULL);
		}
		FD_ZERO(&rd);
		FD_SET(p[0], &rd);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		errno = 0;
		switch (which) {
		case POLL:
			r = poll(&pfd, 1, 800);
			break;
		case SELECT:
			r = newselect(p[0] + 1, &rd, NULL, NULL, &tv);
			break;
		case PPOLL:
			r = ppoll(&pfd, 1, &ts, NULL);
			break;
		default:
			r = pselect(p[0] + 1, &rd, NULL, NULL, &ts, NULL);
			break;
		}
		ms = ms_since(&t0);
		if (handler)
			_exit(r == -1 && errno == EINTR && ms < 700 ? 0 : 1);
		_exit(r == 0 && ms >= 700 && ms <= 1150 ? 0 : r == -1 ? 10 + errno % 100 : 2);
	}
	usleep(150000);
	kill(pid, SIGSTOP);
	usleep(200000);
	kill(pid, SIGCONT);
	waitpid(pid, &st, 0);
	close(p[0]);
	close(p[1]);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 100 + WTERMSIG(st);
}

int main(void)
{
	int p[2];
	fd_set rd;
	struct timeval tv;
	struct pollfd pfd[2];
	struct sigaction sa;
	struct timespec t0;
	long ms;

	alarm(30);
	CHECK_OK("pipe", pipe(p));

	/* _newselect's timeval */
	write(p[1], "x", 1);
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	tv = (struct timeval){ 0, INT_MAX };
	CHECK_EQ("select with tv_usec INT_MAX on a ready fd: 1", newselect(p[0] + 1, &rd, NULL, NULL, &tv),
		 1);
	CHECK("... the time left comes back normalised: 2147 s and < 1e6 us",
	      tv.tv_sec == 2147 && tv.tv_usec >= 400000 && tv.tv_usec < 1000000);
	tv = (struct timeval){ 1, 1000000 };
	FD_SET(p[0], &rd);
	CHECK_EQ("tv_usec exactly 1e6 is taken", newselect(p[0] + 1, &rd, NULL, NULL, &tv), 1);
	CHECK("... as 2 s (the time left is in (1.9 s, 2 s])",
	      tv.tv_sec * 1000000LL + tv.tv_usec > 1900000 &&
	      tv.tv_sec * 1000000LL + tv.tv_usec <= 2000000 && tv.tv_usec < 1000000);
	read(p[0], &ms, 1);
	FD_SET(p[0], &rd);
	tv = (struct timeval){ 0, 1200000 };
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_EQ("select on an empty pipe with tv_usec 1.2e6 times out: 0",
		 newselect(p[0] + 1, &rd, NULL, NULL, &tv), 0);
	ms = ms_since(&t0);
	CHECK("... after 1.2 s", ms >= 1150 && ms < 2000);
	CHECK("... and the time left is 0", tv.tv_sec == 0 && tv.tv_usec == 0);
	tv = (struct timeval){ 0, -1 };
	CHECK_ERR("tv_usec -1: EINVAL", newselect(0, NULL, NULL, NULL, &tv), EINVAL);
	tv = (struct timeval){ -1, 0 };
	CHECK_ERR("tv_sec -1: EINVAL", newselect(0, NULL, NULL, NULL, &tv), EINVAL);
	tv = (struct timeval){ 0, 0 };
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	CHECK_EQ("select with n = INT_MAX is cut to the fd table: 0", newselect(INT_MAX, &rd, NULL,
		 NULL, &tv), 0);

	/* poll interrupted by a signal writes revents back */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sig;
	sigaction(SIGALRM, &sa, NULL);
	pfd[0] = (struct pollfd){ p[0], POLLIN, 0x7777 };
	pfd[1] = (struct pollfd){ -1, POLLIN, 0x5555 };
	alarm(1);
	CHECK_ERR("poll interrupted by a handled signal: EINTR", poll(pfd, 2, 5000), EINTR);
	CHECK_EQ("... revents written back: 0", pfd[0].revents, 0);
	CHECK_EQ("... for a negative fd too", pfd[1].revents, 0);
	pfd[0].revents = 0x7777;
	alarm(1);
	CHECK_ERR("ppoll interrupted: EINTR", ppoll(pfd, 1, NULL, NULL), EINTR);
	CHECK_EQ("... revents written back", pfd[0].revents, 0);
	alarm(30);

	/* SIGSTOP/SIGCONT */
	CHECK_EQ("poll across SIGSTOP/SIGCONT goes on for the time left", stop_cont(POLL, 0), 0);
	CHECK_EQ("select across SIGSTOP/SIGCONT goes on for the time left", stop_cont(SELECT, 0), 0);
	CHECK_EQ("ppoll across SIGSTOP/SIGCONT goes on for the time left", stop_cont(PPOLL, 0), 0);
	CHECK_EQ("pselect across SIGSTOP/SIGCONT goes on for the time left", stop_cont(PSELECT, 0),
		 0);
	CHECK_EQ("poll with a SIGCONT handler (SA_RESTART): EINTR", stop_cont(POLL, 1), 0);
	CHECK_EQ("select with a SIGCONT handler (SA_RESTART): EINTR", stop_cont(SELECT, 1), 0);
	close(p[0]);
	close(p[1]);
	return utest_done();
}
