/*
 * time_timer_past_behind_far.c - a finding of the fuzzer (issue 18): with one
 * task asleep in a select with no end (a kernel timer 2^31 - 2 jiffies ahead),
 * a timerfd armed at an absolute time long past (CLOCK_MONOTONIC 2 ms) made a
 * timer that sorted behind it, and every timer of the machine stopped: the
 * fuzz run stood still. Here the past timerfd must fire at once and short
 * sleeps must end while the endless select sleeps on.
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
	pid_t sleeper = fork();
	if (sleeper == 0) {
		struct timeval tv = { 0x7fffffff, 0 };
		select(0, NULL, NULL, NULL, &tv);
		_exit(0);
	}
	struct timespec ms20 = { 0, 20000000 };
	nanosleep(&ms20, NULL);		/* the sleeper's timer goes in first */

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
	kill(sleeper, SIGKILL);
	CHECK_EQ("and is reaped once killed", waitpid(sleeper, NULL, 0), sleeper);
	close(tfd);
	return utest_done();
}
