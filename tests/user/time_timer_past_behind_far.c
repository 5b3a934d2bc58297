/*
 * time_timer_past_behind_far.c - a finding of the fuzzer (issue 18): with one
 * task asleep in a select with no end (a kernel timer 2^31 - 2 jiffies ahead),
 * a timerfd armed at an absolute time long past (CLOCK_MONOTONIC 2 ms) made a
 * timer that sorted behind it, and every timer of the machine stopped: the
 * fuzz run stood still: the endless timer went in front of the past one when
 * both were armed within one tick. Here 20 children each arm such a timerfd
 * and then sleep in such a select; short sleeps must still end.
 */
#define _GNU_SOURCE
#include <poll.h>
#include <signal.h>
#include <sys/select.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <time.h>
#include "utest.h"

int main(void)
{
	pid_t kids[20];
	struct timespec ms20 = { 0, 20000000 };
	for (int i = 0; i < 20; i++) {
		kids[i] = fork();
		if (kids[i] == 0) {
			int fd = timerfd_create(CLOCK_MONOTONIC, 0);
			struct itimerspec old = { { 0, 0 }, { 0, 2000000 } };
			struct timeval tv = { 0x7fffffff, 0 };
			timerfd_settime(fd, TFD_TIMER_ABSTIME, &old, NULL);
			select(0, NULL, NULL, NULL, &tv);	/* in the same tick, mostly */
			_exit(0);
		}
	}
	nanosleep(&ms20, NULL);
	pid_t sleeper = kids[0];

	int tfd = timerfd_create(CLOCK_MONOTONIC, 0);
	CHECK("timerfd_create", tfd >= 0);
	struct itimerspec past = { { 0, 0 }, { 0, 2000000 } };
	CHECK_OK("timerfd armed at CLOCK_MONOTONIC 2 ms, long past", timerfd_settime(tfd, TFD_TIMER_ABSTIME, &past, NULL));
	struct pollfd p = { tfd, POLLIN, 0 };
	CHECK_EQ("the past timer fires at once", poll(&p, 1, 2000), 1);
	unsigned long long n = 0;
	CHECK_EQ("one expiry read", read(tfd, &n, sizeof(n)), sizeof(n));
	CHECK_EQ("the count is 1", n, 1);

	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < 5; i++)
		nanosleep(&ms20, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double el = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	CHECK("five 20 ms sleeps end, in under 2 s", el >= 0.1 && el < 2.0);
	CHECK_EQ("the endless select still sleeps", waitpid(sleeper, NULL, WNOHANG), 0);
	for (int i = 0; i < 20; i++)
		kill(kids[i], SIGKILL);
	int reaped = 0;
	for (int i = 0; i < 20; i++)
		reaped += waitpid(kids[i], NULL, 0) == kids[i];
	CHECK_EQ("the 20 sleepers are reaped once killed", reaped, 20);
	close(tfd);
	return utest_done();
}
